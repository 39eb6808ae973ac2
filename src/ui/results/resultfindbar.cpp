#include "ui/results/resultfindbar.h"

#include "ui/results/resultarranger.h"
#include "ui/results/resultgrid.h"
#include "ui/results/resultsetmodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QToolButton>

#include <numeric>

using namespace Qt::StringLiterals;

namespace Ui {

ResultFindBar::ResultFindBar(ResultGrid *grid, QWidget *parent)
    : QWidget(parent)
    , m_grid(grid)
    , m_find(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_caseSensitive(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
    , m_row(new QLineEdit(this))
    , m_jobs(this)
{
    m_find->setPlaceholderText(tr("Find in results"));
    m_find->setClearButtonEnabled(true);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (Enter)"));
    m_row->setPlaceholderText(tr("Go to row"));
    m_row->setMaximumWidth(110);
    auto *close = new QToolButton(this);
    close->setText(u"\u2715"_s);
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 1, 4, 1);
    layout->addWidget(m_find, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_caseSensitive);
    layout->addWidget(m_status);
    layout->addSpacing(12);
    layout->addWidget(m_row);
    layout->addWidget(close);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(120);
    connect(&m_debounce, &QTimer::timeout, this, &ResultFindBar::search);
    connect(m_find, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_caseSensitive, &QCheckBox::toggled, this, &ResultFindBar::search);
    m_find->installEventFilter(this); // Enter: next; Shift+Enter: previous
    connect(m_next, &QToolButton::clicked, this, &ResultFindBar::findNext);
    connect(m_previous, &QToolButton::clicked, this, &ResultFindBar::findPrevious);
    connect(m_row, &QLineEdit::returnPressed, this, [this] { goToRow(m_row->text()); });
    connect(close, &QToolButton::clicked, this, &ResultFindBar::closeBar);
    // Rows moved or arrived: the matches' positions changed.
    auto refresh = [this] {
        if (isVisible() && !m_find->text().isEmpty())
            m_debounce.start();
    };
    connect(grid->arranger(), &ResultArranger::arranged, this, refresh);
    connect(grid->resultModel(), &ResultSetModel::rowsFlushed, this, refresh);
    updateStatus();
}

void ResultFindBar::activate()
{
    show();
    m_find->setFocus();
    m_find->selectAll();
    if (!m_find->text().isEmpty() && m_matches.empty())
        search();
}

void ResultFindBar::activateGoToRow()
{
    show();
    m_row->setFocus();
    m_row->selectAll();
}

void ResultFindBar::search()
{
    m_debounce.stop();
    m_cancel.cancel();
    m_cancel = Core::CancelFlag();
    const quint64 generation = ++m_generation;
    const QString text = m_find->text();
    const auto cs = m_caseSensitive->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    m_grid->setFindHighlight(text, cs);
    m_matches.clear();
    m_current = -1;
    if (text.isEmpty() || !m_grid->resultModel()) {
        m_searching = false;
        updateStatus();
        Q_EMIT searched();
        return;
    }
    m_searching = true;
    updateStatus();
    const auto *model = m_grid->resultModel();
    const Core::ResultChunks rows = model->rows();
    const ResultSetModel::Order order = model->order();
    const qsizetype shown = model->rowCount();
    const QList<int> columns = m_grid->visualColumns();
    const Core::CancelFlag cancel = m_cancel;
    m_jobs.run(
        [=] {
            // Without an order, only the rows the view shows so far (announced) are searched.
            ResultSetModel::Order view = order;
            if (!view) {
                auto identity = std::make_shared<std::vector<quint32>>(size_t(shown));
                std::iota(identity->begin(), identity->end(), 0u);
                view = identity;
            }
            return Core::ResultFinder::find(rows, view, columns, text, cs, cancel);
        },
        [this, generation](Core::Result<std::vector<Core::CellRef>> found) {
            if (generation != m_generation)
                return;
            m_searching = false;
            if (found.ok())
                m_matches = std::move(found).value();
            updateStatus();
            Q_EMIT searched();
        });
}

void ResultFindBar::findNext()
{
    move(1);
}

void ResultFindBar::findPrevious()
{
    move(-1);
}

void ResultFindBar::move(int step)
{
    if (m_debounce.isActive())
        search();
    if (m_searching) { // go there once the matches are known
        connect(
            this, &ResultFindBar::searched, this, [this, step] { move(step); }, Qt::SingleShotConnection);
        return;
    }
    if (m_matches.empty())
        return;
    const int count = int(m_matches.size());
    if (m_current < 0) {
        // The first match at or after the current cell (in view order), going forward; before it, backward.
        const QModelIndex current = m_grid->currentIndex();
        const QList<int> columns = m_grid->visualColumns();
        const auto position = [&](const Core::CellRef &cell) {
            return std::pair(int(cell.row), int(columns.indexOf(int(cell.column))));
        };
        const auto here
            = current.isValid() ? std::pair(current.row(), int(columns.indexOf(current.column()))) : std::pair(0, -1);
        const auto it = std::lower_bound(m_matches.begin(), m_matches.end(), here,
            [&](const Core::CellRef &cell, const std::pair<int, int> &at) { return position(cell) < at; });
        const int at = int(it - m_matches.begin());
        const bool onMatch = it != m_matches.end() && position(*it) == here;
        m_current = step > 0 ? (onMatch ? at + 1 : at) % count : (at - 1 + count) % count;
    } else {
        m_current = (m_current + step + count) % count;
    }
    const auto &cell = m_matches[size_t(m_current)];
    m_grid->goToRow(int(cell.row));
    const QModelIndex index = m_grid->resultModel()->index(int(cell.row), int(cell.column));
    m_grid->setCurrentIndex(index);
    m_grid->scrollTo(index);
    updateStatus();
}

bool ResultFindBar::goToRow(const QString &text)
{
    QString digits = text;
    digits.remove(QRegularExpression(u"[^0-9]"_s));
    bool ok = false;
    const qlonglong row = digits.toLongLong(&ok);
    const int rows = m_grid->resultModel() ? m_grid->resultModel()->rowCount() : 0;
    if (!ok || row < 1 || row > rows) {
        m_status->setText(tr("No row %1 (1–%2)").arg(text.trimmed(), QLocale().toString(rows)));
        return false;
    }
    m_grid->goToRow(int(row - 1));
    m_grid->setFocus();
    updateStatus();
    return true;
}

QString ResultFindBar::statusText() const
{
    return m_status->text();
}

void ResultFindBar::updateStatus()
{
    if (m_find->text().isEmpty())
        m_status->clear();
    else if (m_searching)
        m_status->setText(tr("Searching…"));
    else if (m_matches.empty())
        m_status->setText(tr("No matches"));
    else {
        const QString total = QLocale().toString(qsizetype(m_matches.size()))
            + (qsizetype(m_matches.size()) >= Core::ResultFinder::MatchLimit ? u"+"_s : QString());
        m_status->setText(
            m_current < 0 ? tr("%1 matches").arg(total) : tr("%1 of %2").arg(QLocale().toString(m_current + 1), total));
    }
}

void ResultFindBar::closeBar()
{
    m_cancel.cancel();
    ++m_generation;
    m_searching = false;
    m_grid->setFindHighlight({}, Qt::CaseInsensitive);
    hide();
    m_grid->setFocus();
}

bool ResultFindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_find && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                findPrevious();
            else
                findNext();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ResultFindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        closeBar();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Ui

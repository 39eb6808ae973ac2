#include "ui/results/selectionstatistics.h"

#include "ui/results/resultarranger.h"
#include "ui/results/resultgrid.h"
#include "ui/results/resultsetmodel.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLocale>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString shortValue(const QByteArray &bytes, const Core::ColumnInfo &column)
{
    if (column.kind == Core::ColumnKind::Binary || column.kind == Core::ColumnKind::Bit)
        return u"0x"_s + QString::fromLatin1(bytes.left(16).toHex().toUpper())
            + (bytes.size() > 16 ? u"\u2026"_s : u""_s);
    const QString text = QString::fromUtf8(bytes);
    return text.size() > 40 ? text.left(40) + u"\u2026"_s : text;
}

} // namespace

SelectionStatistics::SelectionStatistics(ResultGrid *grid, QWidget *parent)
    : QLabel(parent)
    , m_grid(grid)
    , m_jobs(this)
{
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(6, 0, 6, 0);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &SelectionStatistics::refresh);
    watchSelection();
    connect(grid->arranger(), &ResultArranger::arranged, this, [this] { m_debounce.start(); });
    hide();
}

void SelectionStatistics::watchSelection()
{
    if (!m_grid->selectionModel())
        return;
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { m_debounce.start(); });
}

void SelectionStatistics::refresh()
{
    m_debounce.stop();
    m_cancel.cancel();
    m_cancel = Core::CancelFlag();
    const quint64 generation = ++m_generation;
    const auto selection = m_grid->columnSelection();
    const auto *model = m_grid->resultModel();
    qsizetype cells = 0;
    for (const auto &part : selection)
        for (const auto &[top, bottom] : part.viewRows)
            cells += qsizetype(bottom - top + 1);
    if (!model || cells < 2) {
        m_stats.clear();
        m_computing = false;
        hide();
        Q_EMIT computed();
        return;
    }
    m_computing = true;
    setText(tr("Computing statistics of %1 cells…").arg(QLocale().toString(cells)));
    show();
    const Core::ResultChunks rows = model->rows();
    const ResultSetModel::Order order = model->order();
    const Core::CancelFlag cancel = m_cancel;
    m_jobs.run([=] { return Core::ColumnStatistics::compute(rows, order, selection, cancel); },
        [this, generation](Core::Result<QList<Core::ColumnStats>> result) {
            if (generation != m_generation)
                return;
            m_computing = false;
            m_stats = result.ok() ? result.value() : QList<Core::ColumnStats>();
            setText(result.ok() ? summary() : result.error().toString());
            setToolTip(tableHtml());
            Q_EMIT computed();
        });
}

QString SelectionStatistics::summary() const
{
    if (m_stats.isEmpty())
        return {};
    const auto &columns = m_grid->resultModel()->columns();
    const QLocale locale;
    if (m_stats.size() > 1) {
        qsizetype cells = 0;
        for (const auto &s : m_stats)
            cells += s.count;
        return tr("%1 columns · %2 cells (statistics per column in the tooltip)")
            .arg(m_stats.size())
            .arg(locale.toString(cells));
    }
    const auto &s = m_stats.first();
    const auto &info = columns.at(s.column);
    QStringList parts { tr("Count %1").arg(locale.toString(s.count)),
        tr("Distinct %1").arg(locale.toString(s.distinct)), tr("NULL %1").arg(locale.toString(s.nulls)) };
    if (!s.minimum.isNull()) {
        parts.append(tr("Min %1").arg(shortValue(s.minimum, info)));
        parts.append(tr("Max %1").arg(shortValue(s.maximum, info)));
    }
    if (!s.sum.isEmpty()) {
        parts.append(tr("Sum %1").arg(s.sum));
        parts.append(tr("Avg %1").arg(s.average));
    }
    return parts.join(u" · "_s);
}

QString SelectionStatistics::tableHtml() const
{
    if (m_stats.isEmpty())
        return {};
    const auto &columns = m_grid->resultModel()->columns();
    const QLocale locale;
    QString html = u"<table cellspacing=4><tr><th align=left>"_s + tr("Column") + u"</th><th>"_s + tr("Count")
        + u"</th><th>"_s + tr("Distinct") + u"</th><th>NULL</th><th>"_s + tr("Min") + u"</th><th>"_s + tr("Max")
        + u"</th><th>"_s + tr("Sum") + u"</th><th>"_s + tr("Average") + u"</th></tr>"_s;
    for (const auto &s : m_stats) {
        const auto &info = columns.at(s.column);
        const auto cell
            = [](const QString &text) -> QString { return u"<td align=right>"_s + text.toHtmlEscaped() + u"</td>"_s; };
        html += u"<tr><td>"_s + info.name.toHtmlEscaped() + u"</td>"_s + cell(locale.toString(s.count))
            + cell(locale.toString(s.distinct)) + cell(locale.toString(s.nulls))
            + cell(s.minimum.isNull() ? QString() : shortValue(s.minimum, info))
            + cell(s.maximum.isNull() ? QString() : shortValue(s.maximum, info)) + cell(s.sum) + cell(s.average)
            + u"</tr>"_s;
    }
    return html + u"</table>"_s;
}

void SelectionStatistics::showDetails()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Statistics of the Selection"));
    auto *view = new QTextBrowser(dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(view);
    layout->addWidget(buttons);
    auto fill = [this, view] { view->setHtml(m_computing ? text() : tableHtml()); };
    fill();
    connect(this, &SelectionStatistics::computed, view, fill);
    dialog->resize(720, 320);
    dialog->show();
}

} // namespace Ui

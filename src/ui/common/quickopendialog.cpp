#include "ui/common/quickopendialog.h"

#include "core/fuzzymatch.h"
#include "ui/common/icons.h"
#include "ui/common/quickopendelegate.h"
#include "ui/common/theme.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

constexpr int maxResults = 60;

// What kinds come first when scores tie (and for an empty query): what people open most.
int kindWeight(QuickOpenItem::Kind kind)
{
    switch (kind) {
    case QuickOpenItem::Kind::DeployRequest:
        return 12;
    case QuickOpenItem::Kind::Branch:
        return 10;
    case QuickOpenItem::Kind::Table:
        return 6;
    case QuickOpenItem::Kind::Database:
        return 8;
    case QuickOpenItem::Kind::Organization:
        break;
    }
    return 0;
}

} // namespace

QuickOpenDialog::QuickOpenDialog(QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_query(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_model(new QStandardItemModel(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"quickOpen"_s);
    m_query->setObjectName(u"quickOpenQuery"_s);
    m_query->setPlaceholderText(tr("Go to a branch, deploy request (#12), table or database…"));
    m_query->setClearButtonEnabled(true);
    QFont big = m_query->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_query->setFont(big);
    m_query->installEventFilter(this);
    m_list->setObjectName(u"quickOpenResults"_s);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new QuickOpenDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setIconSize(QSize(16, 16));
    Theme::setTone(m_status, Tone::Neutral);
    m_status->setContentsMargins(4, 0, 4, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(m_query);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    connect(m_query, &QLineEdit::textChanged, this, &QuickOpenDialog::refresh);
    connect(m_list, &QListView::clicked, this, [this] {
        m_userChoseRow = true;
        activateCurrent();
    });
    resize(640, 420);
}

QString QuickOpenDialog::kindText(QuickOpenItem::Kind kind)
{
    switch (kind) {
    case QuickOpenItem::Kind::Organization:
        return tr("organization");
    case QuickOpenItem::Kind::Database:
        return tr("database");
    case QuickOpenItem::Kind::Branch:
        return tr("branch");
    case QuickOpenItem::Kind::DeployRequest:
        return tr("deploy request");
    case QuickOpenItem::Kind::Table:
        return tr("table");
    }
    return {};
}

QString QuickOpenDialog::iconName(QuickOpenItem::Kind kind)
{
    switch (kind) {
    case QuickOpenItem::Kind::Organization:
        return u"group"_s;
    case QuickOpenItem::Kind::Database:
        return u"server-database"_s;
    case QuickOpenItem::Kind::Branch:
        return u"vcs-branch"_s;
    case QuickOpenItem::Kind::DeployRequest:
        return u"vcs-merge-request"_s;
    case QuickOpenItem::Kind::Table:
        return u"table"_s;
    }
    return {};
}

void QuickOpenDialog::setItems(const QList<QuickOpenItem> &items)
{
    m_items = items;
    refresh();
}

void QuickOpenDialog::setQuery(const QString &query)
{
    m_query->setText(query);
}

QString QuickOpenDialog::query() const
{
    return m_query->text();
}

void QuickOpenDialog::setStatus(const QString &text)
{
    m_customStatus = text;
    refresh();
}

void QuickOpenDialog::refresh()
{
    const QString query = m_query->text().trimmed();
    // New items under the same query keep a row the user chose (arrows, click); otherwise the best match
    // is selected, also when a better one has just arrived (tables come in after the branches).
    if (query != m_rankedQuery)
        m_userChoseRow = false;
    const QString previousKey = m_userChoseRow && m_list->currentIndex().isValid()
        ? m_items.value(m_list->currentIndex().data(IndexRole).toInt()).key
        : QString();
    m_rankedQuery = query;
    struct Ranked
    {
        int index;
        int score;
        QList<int> positions;
    };
    QList<Ranked> ranked;
    for (int i = 0; i < m_items.size(); ++i) {
        const QuickOpenItem &item = m_items.at(i);
        const auto match = Core::FuzzyMatch::match(query, item.text);
        if (!match)
            continue;
        int score = match->score + kindWeight(item.kind);
        // "#7" is deploy request 7 before #70, #71…
        if (item.kind == QuickOpenItem::Kind::DeployRequest && item.text.section(u' ', 0, 0) == query)
            score += 1000;
        ranked.append({ i, score, match->positions });
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked &a, const Ranked &b) { return a.score > b.score; });
    if (ranked.size() > maxResults)
        ranked.resize(maxResults);
    m_model->clear();
    int select = 0;
    for (const Ranked &r : std::as_const(ranked)) {
        const QuickOpenItem &item = m_items.at(r.index);
        auto *row = new QStandardItem(Icons::get(iconName(item.kind)), item.text);
        row->setData(QVariant::fromValue(r.positions), PositionsRole);
        const QString detail = kindText(item.kind) + (item.detail.isEmpty() ? QString() : u" · "_s + item.detail)
            + (item.production ? tr(" · production") : QString());
        row->setData(detail, DetailRole);
        row->setData(r.index, IndexRole);
        row->setToolTip(item.key);
        if (item.key == previousKey)
            select = m_model->rowCount();
        m_model->appendRow(row);
    }
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(select, 0));
    if (!m_customStatus.isEmpty())
        m_status->setText(m_customStatus);
    else
        m_status->setText(ranked.isEmpty() && !query.isEmpty() ? tr("Nothing matches “%1”.").arg(query)
                                                               : tr("↑↓ to choose · Enter to open · Esc to close"));
}

QList<QuickOpenItem> QuickOpenDialog::results() const
{
    QList<QuickOpenItem> result;
    for (int row = 0; row < m_model->rowCount(); ++row)
        result.append(m_items.at(m_model->index(row, 0).data(IndexRole).toInt()));
    return result;
}

void QuickOpenDialog::activateCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const QuickOpenItem item = m_items.at(current.data(IndexRole).toInt());
    hide();
    Q_EMIT itemActivated(item);
}

void QuickOpenDialog::popup(QWidget *window)
{
    const int width = std::clamp(window->width() / 2, 480, 760);
    resize(width, std::clamp(window->height() / 2, 320, 520));
    const QPoint topCentre = window->mapToGlobal(QPoint((window->width() - width) / 2, 48));
    move(topCentre);
    m_query->selectAll();
    m_userChoseRow = false;
    refresh();
    show();
    raise();
    activateWindow();
    m_query->setFocus();
}

bool QuickOpenDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int rows = m_model->rowCount();
        const int row = m_list->currentIndex().row();
        if (rows
            && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up || key->key() == Qt::Key_PageDown
                || key->key() == Qt::Key_PageUp))
            m_userChoseRow = true;
        switch (key->key()) {
        case Qt::Key_Down:
            if (rows)
                m_list->setCurrentIndex(m_model->index((row + 1) % rows, 0));
            return true;
        case Qt::Key_Up:
            if (rows)
                m_list->setCurrentIndex(m_model->index((row - 1 + rows) % rows, 0));
            return true;
        case Qt::Key_PageDown:
            if (rows)
                m_list->setCurrentIndex(m_model->index(std::min(rows - 1, row + 10), 0));
            return true;
        case Qt::Key_PageUp:
            if (rows)
                m_list->setCurrentIndex(m_model->index(std::max(0, row - 10), 0));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            activateCurrent();
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Ui

#include "ui/editor/historypanel.h"

#include "store/history.h"
#include "ui/editor/historymodel.h"

#include "core/sqlclassifier.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Ui {

namespace {

bool passes(HistoryPanel::KindFilter filter, const Core::StatementClass &c)
{
    using F = HistoryPanel::KindFilter;
    using K = Core::StatementKind;
    switch (filter) {
    case F::All:
        return true;
    case F::Reads:
        return c.kind == K::Read;
    case F::Writes:
        return c.kind == K::Write;
    case F::SchemaChanges:
        return c.kind == K::Ddl;
    case F::Destructive:
        return c.isDestructive();
    case F::Other:
        return c.kind != K::Read && c.kind != K::Write && c.kind != K::Ddl;
    }
    return true;
}

constexpr int pageSize = 500;

} // namespace

HistoryPanel::HistoryPanel(Store::History *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_model(new HistoryModel(this))
    , m_search(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_searchDelay(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search history (all words must match)"));
    m_search->setClearButtonEnabled(true);
    m_kind->addItem(tr("All statements"), int(KindFilter::All));
    m_kind->addItem(tr("Reads"), int(KindFilter::Reads));
    m_kind->addItem(tr("Writes"), int(KindFilter::Writes));
    m_kind->addItem(tr("Schema changes"), int(KindFilter::SchemaChanges));
    m_kind->addItem(tr("Destructive"), int(KindFilter::Destructive));
    m_kind->addItem(tr("Transactions, session, admin"), int(KindFilter::Other));
    m_kind->setToolTip(tr("Show only statements of one kind"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(HistoryModel::StatementColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setStretchLastSection(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_kind);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    // Search as the user types, but not on every keystroke.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(150);
    connect(m_searchDelay, &QTimer::timeout, this, &HistoryPanel::refresh);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_kind, &QComboBox::currentIndexChanged, this, &HistoryPanel::refresh);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const auto &entry = m_model->entry(index.row());
        Q_EMIT entryActivated(entry.text, entry.target);
    });
    refresh();
}

void HistoryPanel::setSearchText(const QString &text)
{
    m_search->setText(text);
    refresh();
}

QString HistoryPanel::searchText() const
{
    return m_search->text();
}

void HistoryPanel::setKindFilter(KindFilter filter)
{
    m_kind->setCurrentIndex(m_kind->findData(int(filter)));
}

HistoryPanel::KindFilter HistoryPanel::kindFilter() const
{
    return KindFilter(m_kind->currentData().toInt());
}

void HistoryPanel::refresh()
{
    m_searchDelay->stop();
    if (!m_history || !m_history->isOpen()) {
        m_model->setEntries({});
        return;
    }
    // A kind filter looks further back, so that a page of matches remains after filtering.
    const KindFilter filter = kindFilter();
    auto entries = m_history->search(m_search->text(), filter == KindFilter::All ? pageSize : 20 * pageSize);
    if (!entries.ok()) {
        Q_EMIT errorOccurred(entries.error().toString());
        return;
    }
    QList<Store::HistoryEntry> shown = std::move(entries).value();
    if (filter != KindFilter::All) {
        shown.removeIf(
            [filter](const Store::HistoryEntry &e) { return !passes(filter, Core::SqlClassifier::classify(e.text)); });
        shown.resize(qMin(shown.size(), qsizetype(pageSize)));
    }
    m_model->setEntries(std::move(shown));
}

} // namespace Ui

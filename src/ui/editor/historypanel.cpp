#include "ui/editor/historypanel.h"

#include "store/history.h"
#include "ui/editor/historymodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Ui {

HistoryPanel::HistoryPanel(Store::History *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_model(new HistoryModel(this))
    , m_search(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_searchDelay(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search history (all words must match)"));
    m_search->setClearButtonEnabled(true);
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
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);

    // Search as the user types, but not on every keystroke.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(150);
    connect(m_searchDelay, &QTimer::timeout, this, &HistoryPanel::refresh);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
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

void HistoryPanel::refresh()
{
    m_searchDelay->stop();
    if (!m_history || !m_history->isOpen()) {
        m_model->setEntries({});
        return;
    }
    auto entries = m_history->search(m_search->text());
    if (!entries.ok()) {
        Q_EMIT errorOccurred(entries.error().toString());
        return;
    }
    m_model->setEntries(std::move(entries).value());
}

} // namespace Ui

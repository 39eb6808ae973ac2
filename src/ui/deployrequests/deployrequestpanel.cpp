#include "ui/deployrequests/deployrequestpanel.h"
#include "ui/common/plural.h"

#include "api/branchesresource.h"
#include "api/databasesresource.h"
#include "api/deployrequestsresource.h"
#include "ui/common/badgelabel.h"
#include "ui/common/icons.h"
#include "ui/common/statebadgedelegate.h"
#include "ui/common/theme.h"
#include "ui/deployrequests/createdeployrequestdialog.h"
#include "ui/deployrequests/deployrequestlistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

DeployRequestPanel::DeployRequestPanel(Api::ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_state(new QComboBox(this))
    , m_branch(new QComboBox(this))
    , m_refresh(new QPushButton(Icons::get(u"view-refresh"_s), QString(), this))
    , m_create(new QPushButton(Icons::get(u"list-add"_s), tr("New…"), this))
    , m_queue(new QPushButton(tr("Queue"), this))
    , m_recommendations(new QPushButton(tr("Recommendations"), this))
    , m_recommendationsBadge(new BadgeLabel(this))
    , m_list(new QTableView(this))
    , m_status(new StatusLine(this))
    , m_model(new DeployRequestListModel(this))
{
    m_state->addItem(tr("Open"), int(StateFilter::Open));
    m_state->addItem(tr("Closed"), int(StateFilter::Closed));
    m_state->addItem(tr("Deployed"), int(StateFilter::Deployed));
    m_state->addItem(tr("All"), int(StateFilter::All));
    m_state->setObjectName(u"stateFilter"_s);
    m_branch->addItem(tr("All branches"), QString());
    m_branch->setObjectName(u"branchFilter"_s);
    m_create->setToolTip(tr("Create a deploy request from a branch"));
    m_refresh->setToolTip(tr("Reload the list"));
    m_queue->setToolTip(tr("The deploy queue of this database: what deploys now and what waits"));
    m_queue->setObjectName(u"deployQueueButton"_s);
    m_recommendations->setToolTip(
        tr("Schema recommendations for this database: what to drop or widen, each with its DDL"));
    m_recommendations->setObjectName(u"recommendationsButton"_s);
    m_recommendations->setIcon(Icons::get(u"database-index"_s));
    m_recommendationsBadge->setObjectName(u"recommendationsBadge"_s);
    m_recommendationsBadge->setVisible(false);
    m_status->setVisible(false);

    m_list->setModel(m_model);
    m_list->setObjectName(u"deployRequestList"_s);
    auto *badges = new StateBadgeDelegate(m_list);
    badges->setBadgesOnly(true);
    m_list->setItemDelegateForColumn(DeployRequestListModel::StateColumn, badges);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setSectionResizeMode(DeployRequestListModel::BranchColumn, QHeaderView::Stretch);
    m_list->horizontalHeader()->setSectionResizeMode(
        DeployRequestListModel::StateColumn, QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setSectionResizeMode(
        DeployRequestListModel::NumberColumn, QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setSectionResizeMode(
        DeployRequestListModel::ApprovalColumn, QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setSectionResizeMode(DeployRequestListModel::AgeColumn, QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setStretchLastSection(false);
    m_list->setShowGrid(false);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 10);

    // Two rows, filters then actions: on one row the navigator's minimum width (~580 px) made the window wider
    // than a 1366-pixel screen and pushed Recommendations off its edge. A long branch name elides in the
    // filter rather than widening the dock.
    m_branch->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_branch->setMinimumContentsLength(10);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_state);
    filters->addWidget(m_branch, 1);
    filters->addWidget(m_refresh);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_create);
    actions->addWidget(m_queue);
    actions->addWidget(m_recommendations);
    actions->addWidget(m_recommendationsBadge);
    actions->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addLayout(actions);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);

    connect(m_state, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(m_branch, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(m_refresh, &QPushButton::clicked, this, [this] { reload(); });
    connect(m_create, &QPushButton::clicked, this,
        [this] { createDeployRequest(m_org, m_database, m_branch->currentData().toString()); });
    connect(m_queue, &QPushButton::clicked, this, [this] { Q_EMIT queueRequested(m_org, m_database); });
    connect(
        m_recommendations, &QPushButton::clicked, this, [this] { Q_EMIT recommendationsRequested(m_org, m_database); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { onCurrentChanged(); });
    connect(m_list, &QTableView::activated, this, [this] { onCurrentChanged(); });
    connect(&m_autoRefresh, &QTimer::timeout, this, [this] {
        if (isVisible() && !m_listRequest)
            reload();
    });
    m_autoRefresh.setInterval(30000);
    setDatabase({}, {});
}

void DeployRequestPanel::setAutoRefreshInterval(std::chrono::milliseconds interval)
{
    m_autoRefresh.stop();
    if (interval.count() > 0) {
        m_autoRefresh.setInterval(interval);
        if (!m_database.isEmpty())
            m_autoRefresh.start();
    }
}

void DeployRequestPanel::setDatabase(const QString &org, const QString &database)
{
    if (org == m_org && database == m_database && !database.isEmpty())
        return;
    m_org = org;
    m_database = database;
    m_branches.clear();
    m_approvalRequired = false;
    m_listRequest = m_branchRequest = m_databaseRequest = 0;
    m_shownNumber = 0;
    m_model->clear();
    {
        const QSignalBlocker blocker(m_branch);
        while (m_branch->count() > 1)
            m_branch->removeItem(1);
        m_branch->setCurrentIndex(0);
    }
    const bool has = !database.isEmpty() && m_client;
    m_create->setEnabled(has);
    m_refresh->setEnabled(has);
    m_queue->setEnabled(has);
    m_recommendations->setEnabled(has);
    m_recommendationsBadge->setVisible(false);
    if (!has) {
        m_autoRefresh.stop();
        showStatus(tr("Select a database in the branch browser to see its deploy requests."));
        return;
    }
    if (m_autoRefresh.interval() > 0)
        m_autoRefresh.start();
    m_databaseRequest
        = Api::DatabasesResource(m_client).get(org, database, this, [this](Api::ApiResult<Core::Database> r) {
              if (r.requestId() != m_databaseRequest)
                  return;
              m_databaseRequest = 0;
              if (r) {
                  m_approvalRequired = r.value().requireApprovalForDeploy;
                  setOpenRecommendations(m_org, m_database, r.value().openSchemaRecommendationsCount);
                  Q_EMIT approvalRequiredChanged(m_org, m_database, m_approvalRequired);
              }
          });
    loadBranches();
    reload();
}

void DeployRequestPanel::setOpenRecommendations(const QString &org, const QString &database, qint64 count)
{
    if (org != m_org || database != m_database)
        return;
    m_recommendationsBadge->setBadge(QString::number(count), Tone::Info);
    m_recommendationsBadge->setToolTip(
        countText(count, tr("1 open schema recommendation"), tr("%n open schema recommendations")));
    m_recommendationsBadge->setVisible(count > 0);
}

QString DeployRequestPanel::recommendationsBadgeText() const
{
    return m_recommendationsBadge->isVisibleTo(this) ? m_recommendationsBadge->text() : QString();
}

void DeployRequestPanel::loadBranches()
{
    m_branchRequest = Api::BranchesResource(m_client).list(
        m_org, m_database, Api::BranchFilter {}, this, [this](Api::ApiResult<QList<Core::Branch>> r) {
            if (r.requestId() != m_branchRequest)
                return;
            m_branchRequest = 0;
            if (!r) {
                Q_EMIT branchesLoaded();
                return;
            }
            m_branches = r.value();
            const QString current = m_branch->currentData().toString();
            const QSignalBlocker blocker(m_branch);
            while (m_branch->count() > 1)
                m_branch->removeItem(1);
            for (const Core::Branch &b : m_branches)
                m_branch->addItem(b.name, b.name);
            const int index = m_branch->findData(current);
            m_branch->setCurrentIndex(index < 0 ? 0 : index);
            Q_EMIT branchesLoaded();
        });
}

void DeployRequestPanel::setStateFilter(StateFilter filter)
{
    m_state->setCurrentIndex(m_state->findData(int(filter)));
}

void DeployRequestPanel::setBranchFilter(const QString &branch)
{
    if (branch.isEmpty()) {
        m_branch->setCurrentIndex(0);
        return;
    }
    int index = m_branch->findData(branch);
    if (index < 0) {
        m_branch->addItem(branch, branch);
        index = m_branch->count() - 1;
    }
    m_branch->setCurrentIndex(index);
}

QStringList DeployRequestPanel::branchFilterChoices() const
{
    QStringList names;
    for (int i = 1; i < m_branch->count(); ++i)
        names << m_branch->itemData(i).toString();
    return names;
}

void DeployRequestPanel::reload()
{
    if (m_database.isEmpty() || !m_client)
        return;
    Api::DeployRequestFilter filter;
    switch (StateFilter(m_state->currentData().toInt())) {
    case StateFilter::Open:
        filter.state = u"open"_s;
        break;
    case StateFilter::Closed:
        filter.state = u"closed"_s;
        break;
    case StateFilter::Deployed:
        filter.state = u"deployed"_s;
        break;
    case StateFilter::All:
        break;
    }
    filter.branch = m_branch->currentData().toString();
    showStatus(tr("Loading deploy requests…"));
    m_listRequest = Api::DeployRequestsResource(m_client).list(
        m_org, m_database, filter, this, [this](Api::ApiResult<QList<Core::DeployRequest>> r) {
            if (r.requestId() != m_listRequest)
                return;
            m_listRequest = 0;
            if (!r)
                return showStatus(tr("Could not load the deploy requests: %1").arg(r.error().userText), true);
            const qint64 selected = m_pendingSelection ? m_pendingSelection
                : m_shownNumber                        ? m_shownNumber
                                                       : selectedNumber();
            {
                // A refresh is not a new selection: the row is selected again without reopening anything.
                const QSignalBlocker blocker(m_list->selectionModel());
                m_model->setRequests(r.value());
                const int row = selected ? m_model->rowOfNumber(selected) : -1;
                if (row >= 0)
                    m_list->setCurrentIndex(m_model->index(row, 0));
            }
            m_list->viewport()->update();
            showStatus(r.value().isEmpty() ? tr("No deploy requests match the filter.") : QString());
            if (m_pendingSelection)
                selectDeployRequest(m_pendingSelection);
            Q_EMIT listLoaded(int(r.value().size()));
        });
}

void DeployRequestPanel::showDeployRequest(const QString &org, const QString &database, qint64 number)
{
    setDatabase(org, database);
    m_shownNumber = number;
    const int row = m_model->rowOfNumber(number);
    if (row < 0 || m_list->currentIndex().row() == row)
        return; // selected when the list arrives (if the filter lets it in)
    const QSignalBlocker blocker(m_list->selectionModel());
    m_list->setCurrentIndex(m_model->index(row, 0));
    m_list->viewport()->update();
}

bool DeployRequestPanel::selectDeployRequest(qint64 number)
{
    const int row = m_model->rowOfNumber(number);
    if (row < 0)
        return false;
    m_pendingSelection = 0;
    const QModelIndex idx = m_model->index(row, 0);
    if (m_list->currentIndex().row() == row)
        onCurrentChanged(); // refreshed values for the same row
    else
        m_list->setCurrentIndex(idx);
    return true;
}

void DeployRequestPanel::onCurrentChanged()
{
    const QModelIndex idx = m_list->currentIndex();
    if (!idx.isValid())
        return;
    const Core::DeployRequest request = m_model->request(idx.row());
    m_shownNumber = request.number;
    Q_EMIT deployRequestSelected(m_org, m_database, request.number);
    Q_EMIT deployRequestOpened(m_org, m_database, request);
}

void DeployRequestPanel::createDeployRequest(const QString &org, const QString &database, const QString &branch)
{
    if (database.isEmpty())
        return;
    setDatabase(org, database);
    auto open = [this, branch] {
        auto *dialog = new CreateDeployRequestDialog(m_client, m_org, m_database, m_branches, branch, this);
        dialog->setObjectName(u"createDeployRequestDialog"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &CreateDeployRequestDialog::deployRequestCreated, this, [this](const Core::DeployRequest &dr) {
            m_model->updateRequest(dr);
            m_pendingSelection = dr.number;
            selectDeployRequest(dr.number);
            reload();
        });
        dialog->open();
    };
    if (!m_branches.isEmpty() || !m_branchRequest) {
        open();
        return;
    }
    // The branch list is still loading: open the dialog when it is there.
    connect(this, &DeployRequestPanel::branchesLoaded, this, open, Qt::SingleShotConnection);
}

void DeployRequestPanel::updateRequest(const Core::DeployRequest &request)
{
    m_model->updateRequest(request);
}

qint64 DeployRequestPanel::selectedNumber() const
{
    const QModelIndex idx = m_list->currentIndex();
    return idx.isValid() && idx.row() < m_model->rowCount() ? m_model->request(idx.row()).number : 0;
}

QString DeployRequestPanel::statusText() const
{
    return !m_status->isHidden() ? m_status->text() : QString();
}

void DeployRequestPanel::showStatus(const QString &text, bool error)
{
    m_status->showStatus(text, error);
}

} // namespace Ui

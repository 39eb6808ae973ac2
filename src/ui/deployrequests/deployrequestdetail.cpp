#include "ui/deployrequests/deployrequestdetail.h"

#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "core/deploystaterules.h"
#include "ui/common/icons.h"
#include "ui/common/sidebysidediffview.h"
#include "ui/common/theme.h"
#include "ui/deployrequests/deploycontrols.h"
#include "ui/deployrequests/deploymentprogressmodel.h"
#include "ui/deployrequests/deploymentsection.h"
#include "ui/deployrequests/deploymentwatcher.h"
#include "ui/deployrequests/deployrequestheader.h"
#include "ui/deployrequests/deployrequestreviews.h"
#include "ui/deployrequests/deployrequestsummary.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

DeployRequestDetail::DeployRequestDetail(Api::ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_header(new DeployRequestHeader(this))
    , m_status(new StatusLine(this))
    , m_tabs(new QTabWidget(this))
    , m_summary(new DeployRequestSummary(this))
    , m_diff(new SideBySideDiffView(this))
    , m_reviews(new DeployRequestReviews(client, this))
    , m_progress(new DeploymentProgressModel(this))
    , m_deployment(new DeploymentSection(m_progress, this))
    , m_watcher(new DeploymentWatcher(client, m_progress, m_deployment, this))
    , m_controls(new DeployControls(client, this))
{
    setWindowIcon(Icons::get(u"vcs-merge-request"_s));
    m_status->setContentsMargins(16, 0, 16, 4);
    connect(m_header, &DeployRequestHeader::actionClicked, this, &DeployRequestDetail::confirmAndTrigger);

    m_tabs->setObjectName(u"deployRequestSections"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_summary, tr("Summary"));
    m_tabs->addTab(m_diff, tr("Changes"));
    m_tabs->addTab(m_reviews, tr("Reviews"));
    m_tabs->addTab(m_deployment, tr("Deployment"));
    connect(m_summary, &DeployRequestSummary::tableActivated, this, [this](const QString &table) {
        showSection(Section::Changes);
        m_diff->selectTable(table);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);

    connect(m_watcher, &DeploymentWatcher::pollingStarted, this, [this] { showSection(Section::Deployment); });
    connect(
        m_watcher, &DeploymentWatcher::pollFailed, this, [this](const QString &message) { showStatus(message, true); });
    connect(m_watcher, &DeploymentWatcher::polled, this, [this](const Core::DeployRequest &fresh, bool stateChanged) {
        if (stateChanged) {
            applyRequest(fresh);
            Q_EMIT deployRequestChanged(fresh);
        } else {
            m_request = fresh;
        }
        const Core::DeploymentState state = Core::DeployStateRules::effectiveState(fresh);
        if (Core::isDeploymentRunning(state) || state == Core::DeploymentState::PendingCutover)
            showStatus({});
    });
    m_deployment->setControls(m_controls);
    connect(m_controls, &DeployControls::deployRequestChanged, this, [this](const Core::DeployRequest &request) {
        applyRequest(request);
        Q_EMIT deployRequestChanged(request);
    });
    connect(m_controls, &DeployControls::actionFinished, this, &DeployRequestDetail::actionFinished);
    connect(m_reviews, &DeployRequestReviews::reviewAdded, this, [this](const Core::Review &review) {
        if (review.state == u"approved"_s) {
            m_request.approved = true;
            m_header->setDeployRequest(m_request, m_approvalRequired);
            updateActions();
            Q_EMIT deployRequestChanged(m_request);
        }
    });
    connect(m_reviews, &DeployRequestReviews::reviewsLoaded, this, [this](int count) {
        m_tabs->setTabText(int(Section::Reviews), count ? tr("Reviews (%1)").arg(count) : tr("Reviews"));
    });
    clear();
}

QPushButton *DeployRequestDetail::actionButton(DeployAction action) const
{
    return m_header->actionButton(action);
}

void DeployRequestDetail::showSection(Section section)
{
    m_tabs->setCurrentIndex(int(section));
}

DeployRequestDetail::Section DeployRequestDetail::currentSection() const
{
    return Section(m_tabs->currentIndex());
}

void DeployRequestDetail::setPollIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow)
{
    m_watcher->setPollIntervals(fast, slow);
}

void DeployRequestDetail::setRevertWindow(std::chrono::seconds window)
{
    m_watcher->setRevertWindow(window);
}

bool DeployRequestDetail::isPolling() const
{
    return m_watcher->isPolling();
}

void DeployRequestDetail::setApprovalRequired(bool required)
{
    m_approvalRequired = required;
    if (hasRequest())
        m_header->setDeployRequest(m_request, m_approvalRequired);
    updateActions();
}

void DeployRequestDetail::clear()
{
    m_watcher->clear();
    m_request = {};
    m_diffLoad = {};
    m_actionRequest = 0;
    m_header->clear(tr("Select a deploy request."));
    m_summary->clear();
    m_diff->setMessage(tr("Nothing selected."));
    m_reviews->clear();
    m_controls->clear();
    showStatus({});
    updateActions();
}

void DeployRequestDetail::showLoadError(const QString &message)
{
    clear();
    m_header->clear(tr("Not available"));
    m_diff->setMessage(message);
    m_summary->setTablesMessage(message);
    showStatus(message, true);
}

void DeployRequestDetail::setDeployRequest(
    const QString &org, const QString &database, const Core::DeployRequest &request)
{
    const bool same = org == m_org && database == m_database && request.number == m_request.number;
    if (!same) {
        clear();
        m_org = org;
        m_database = database;
    }
    applyRequest(request);
    if (!same) {
        // A new document opens where the action is: deploying or in its revert window, else the summary.
        const Core::DeploymentState state = Core::DeployStateRules::effectiveState(request);
        showSection(Core::isDeploymentRunning(state) || state == Core::DeploymentState::PendingCutover
                    || state == Core::DeploymentState::CompletePendingRevert
                ? Section::Deployment
                : Section::Summary);
        loadDiff();
        m_reviews->setDeployRequest(org, database, request.number);
        m_watcher->updateOperations(request);
    }
}

void DeployRequestDetail::applyRequest(const Core::DeployRequest &request)
{
    m_request = request;
    m_header->setDeployRequest(request, m_approvalRequired);
    m_summary->setDeployRequest(request);
    m_deployment->setDeployRequest(request);
    m_controls->setDeployRequest(m_org, m_database, request);
    m_deployment->noteState(Core::DeployStateRules::stateName(request), QDateTime::currentDateTimeUtc());
    setWindowTitle(tr("#%1 %2 → %3").arg(request.number).arg(request.branch, request.intoBranch));
    setToolTip(tr("Deploy request #%1 of %2: %3 into %4")
                   .arg(request.number)
                   .arg(m_database, request.branch, request.intoBranch));
    updateActions();
    m_watcher->setRequest(m_org, m_database, request);
}

QList<DeployAction> DeployRequestDetail::visibleActions() const
{
    QList<DeployAction> result;
    for (auto it = m_header->buttons().cbegin(); it != m_header->buttons().cend(); ++it) {
        if (!it.value()->isHidden())
            result << it.key();
    }
    return result;
}

void DeployRequestDetail::updateActions()
{
    const QList<DeployAction> valid = hasRequest() ? DeployActions::valid(m_request) : QList<DeployAction>();
    const QString blocker = DeployActions::deployBlocker(m_request, m_approvalRequired);
    for (auto it = m_header->buttons().cbegin(); it != m_header->buttons().cend(); ++it) {
        const bool isValid = valid.contains(it.key());
        it.value()->setVisible(isValid);
        bool enabled = isValid && m_actionRequest == 0;
        if (it.key() == DeployAction::Deploy || it.key() == DeployAction::DeployInstantly) {
            enabled = enabled && blocker.isEmpty();
            if (!blocker.isEmpty())
                it.value()->setToolTip(blocker);
        }
        it.value()->setEnabled(enabled);
    }
}

void DeployRequestDetail::refresh()
{
    if (!hasRequest() || !m_client)
        return;
    const qint64 number = m_request.number;
    Api::DeployRequestsResource(m_client).get(
        m_org, m_database, number, this, [this, number](Api::ApiResult<Core::DeployRequest> r) {
            if (number != m_request.number)
                return;
            if (!r)
                return showStatus(tr("Could not refresh #%1: %2").arg(number).arg(r.error().userText), true);
            applyRequest(r.value());
            Q_EMIT deployRequestChanged(r.value());
            m_watcher->updateOperations(r.value());
        });
}

void DeployRequestDetail::confirmAndTrigger(DeployAction action)
{
    QString question;
    if (action == DeployAction::SkipRevert)
        question = tr("Skip the revert window of #%1? The deployment can no longer be reverted afterwards.");
    else if (action == DeployAction::DeployInstantly)
        question = tr("Deploy #%1 instantly? An instant deployment cannot be reverted.");
    else if (action == DeployAction::Cancel)
        question = tr("Cancel the deployment of #%1?");
    else if (action == DeployAction::Deploy && m_controls->storage() && !m_controls->storage()->enoughStorage)
        question = tr("Deploy #%1 although the storage check says the branch lacks room for the table copies?");
    if (question.isEmpty())
        return trigger(action);
    auto *box = new QMessageBox(QMessageBox::Question, DeployActions::text(action), question.arg(m_request.number),
        QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(u"confirmDeployAction"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 number = m_request.number;
    connect(box, &QMessageBox::accepted, this, [this, action, number] {
        if (number == m_request.number)
            trigger(action);
    });
    box->open();
}

void DeployRequestDetail::trigger(DeployAction action)
{
    if (!hasRequest() || !m_client || m_actionRequest || !DeployActions::valid(m_request).contains(action))
        return;
    Api::DeployRequestsResource res(m_client);
    const qint64 n = m_request.number;
    const QString text = DeployActions::text(action);
    auto done = [this, n, text](Api::ApiResult<Core::DeployRequest> r) {
        if (n != m_request.number || r.requestId() != m_actionRequest)
            return;
        m_actionRequest = 0;
        if (!r) {
            const QString message = tr("%1 failed: %2").arg(text, r.error().userText);
            showStatus(message, true);
            updateActions();
            Q_EMIT actionFinished(false, message);
            return;
        }
        showStatus({});
        applyRequest(r.value());
        Q_EMIT deployRequestChanged(r.value());
        Q_EMIT actionFinished(true, tr("%1: done.").arg(text));
    };
    switch (action) {
    case DeployAction::Deploy:
        m_actionRequest = res.deploy(m_org, m_database, n, false, this, done);
        break;
    case DeployAction::DeployInstantly:
        m_actionRequest = res.deploy(m_org, m_database, n, true, this, done);
        break;
    case DeployAction::Cancel:
        m_actionRequest = res.cancel(m_org, m_database, n, this, done);
        break;
    case DeployAction::ApplyCutover:
        m_actionRequest = res.applyDeploy(m_org, m_database, n, this, done);
        break;
    case DeployAction::Revert:
        m_actionRequest = res.revert(m_org, m_database, n, this, done);
        break;
    case DeployAction::SkipRevert:
        m_actionRequest = res.skipRevert(m_org, m_database, n, this, done);
        break;
    case DeployAction::CompleteDeploy:
        m_actionRequest = res.completeDeploy(m_org, m_database, n, this, done);
        break;
    case DeployAction::Close:
        m_actionRequest = res.close(m_org, m_database, n, this, done);
        break;
    }
    showStatus(tr("%1…").arg(text));
    updateActions();
}

void DeployRequestDetail::loadDiff()
{
    m_diffLoad = {};
    if (!m_client)
        return;
    m_diff->setTitles(m_request.intoBranch, m_request.branch);
    m_diff->setMessage(tr("Loading the changes…"));
    m_summary->setTablesMessage(tr("Loading the changes…"));
    Api::DeployRequestsResource requests(m_client);
    Api::BranchesResource branches(m_client);
    const qint64 n = m_request.number;
    auto store
        = [this, n](std::optional<QList<Core::TableDdl>> DiffLoad::*slot, Api::RequestId DiffLoad::*id, bool required) {
              return [this, n, slot, id, required](Api::ApiResult<QList<Core::TableDdl>> r) {
                  if (n != m_request.number || r.requestId() != m_diffLoad.*id)
                      return;
                  m_diffLoad.*id = 0;
                  if (r)
                      m_diffLoad.*slot = r.value();
                  else if (required)
                      m_diffLoad.error = r.error().userText;
                  else
                      m_diffLoad.*slot = QList<Core::TableDdl>(); // e.g. the head branch was deleted
                  finishDiff();
              };
          };
    m_diffLoad.diffRequest
        = requests.diff(m_org, m_database, n, this, store(&DiffLoad::diff, &DiffLoad::diffRequest, true));
    m_diffLoad.intoRequest = branches.schema(
        m_org, m_database, m_request.intoBranch, {}, this, store(&DiffLoad::into, &DiffLoad::intoRequest, false));
    m_diffLoad.headRequest = branches.schema(
        m_org, m_database, m_request.branch, {}, this, store(&DiffLoad::head, &DiffLoad::headRequest, false));
}

void DeployRequestDetail::finishDiff()
{
    if (m_diffLoad.diffRequest || m_diffLoad.intoRequest || m_diffLoad.headRequest)
        return;
    if (!m_diffLoad.error.isEmpty()) {
        m_diff->setMessage(tr("Could not load the changes: %1").arg(m_diffLoad.error));
        m_summary->setTablesMessage(m_diff->message());
        Q_EMIT diffLoaded(-1);
        return;
    }
    const QList<Schema::TableDiff> diffs = Schema::SchemaComparison::forDeployRequest(
        m_diffLoad.diff.value_or(QList<Core::TableDdl>()), m_diffLoad.into.value_or(QList<Core::TableDdl>()),
        m_diffLoad.head.value_or(QList<Core::TableDdl>()), m_request.deployment);
    m_diff->setDiffs(diffs);
    m_summary->setTables(diffs);
    m_tabs->setTabText(int(Section::Changes), diffs.isEmpty() ? tr("Changes") : tr("Changes (%1)").arg(diffs.size()));
    if (diffs.isEmpty() && Core::DeployStateRules::effectiveState(m_request) == Core::DeploymentState::NoChanges)
        m_diff->setMessage(tr("This deploy request has no schema changes."));
    QStringList existing;
    for (const Schema::TableDiff &d : diffs) {
        if (d.change != Schema::TableDiff::Change::Added)
            existing << d.name;
    }
    if (!existing.isEmpty())
        Q_EMIT rowCountsNeeded(m_org, m_database, m_request.intoBranch, existing);
    Q_EMIT diffLoaded(int(diffs.size()));
}

QString DeployRequestDetail::statusText() const
{
    return !m_status->isHidden() ? m_status->text() : QString();
}

QString DeployRequestDetail::countdownText() const
{
    return m_watcher->countdownText();
}

QString DeployRequestDetail::headerText() const
{
    return m_header->titleText() + u' ' + m_header->stateText();
}

void DeployRequestDetail::showStatus(const QString &text, bool error)
{
    m_status->showStatus(text, error);
}

} // namespace Ui

#include "ui/deployrequests/deploymentwatcher.h"

#include "api/deployrequestsresource.h"
#include "api/poller.h"
#include "core/deploystaterules.h"
#include "ui/deployrequests/deployactions.h"
#include "ui/deployrequests/deploymentprogressmodel.h"
#include "ui/deployrequests/deploymentsection.h"

#include <QLabel>

using namespace Qt::StringLiterals;

namespace Ui {

DeploymentWatcher::DeploymentWatcher(
    Api::ApiClient *client, DeploymentProgressModel *progress, DeploymentSection *section, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_progress(progress)
    , m_section(section)
    , m_poller(new Api::Poller(this))
{
    m_poller->setIntervals(std::chrono::seconds(1), std::chrono::seconds(15));
    m_countdownTimer.setInterval(1000);
    connect(&m_countdownTimer, &QTimer::timeout, this, &DeploymentWatcher::updateCountdown);
}

void DeploymentWatcher::setPollIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow)
{
    m_poller->setIntervals(fast, slow);
}

void DeploymentWatcher::clear()
{
    m_poller->stop();
    m_countdownTimer.stop();
    m_request = {};
    m_section->countdownLabel()->clear();
    m_section->countdownLabel()->setVisible(false);
    m_progress->clear();
    m_section->clear();
}

void DeploymentWatcher::setRequest(const QString &org, const QString &database, const Core::DeployRequest &request)
{
    m_org = org;
    m_database = database;
    m_request = request;
    updateCountdown();
    startPollingIfRunning();
}

bool DeploymentWatcher::isPolling() const
{
    return m_poller->isRunning();
}

QString DeploymentWatcher::countdownText() const
{
    QLabel *countdown = m_section->countdownLabel();
    return !countdown->isHidden() ? countdown->text() : QString();
}

void DeploymentWatcher::updateCountdown()
{
    QLabel *countdown = m_section->countdownLabel();
    if (Core::DeployStateRules::effectiveState(m_request) != Core::DeploymentState::CompletePendingRevert) {
        m_countdownTimer.stop();
        countdown->setVisible(false);
        return;
    }
    const QDateTime end = DeployActions::revertWindowEnd(m_request, m_revertWindow);
    if (!end.isValid()) {
        countdown->setText(tr("Deployed: revert is possible for a limited time."));
        countdown->setVisible(true);
        return;
    }
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(end);
    if (left <= 0) {
        countdown->setText(tr("The revert window has closed."));
        m_countdownTimer.stop();
    } else {
        countdown->setText(tr("Revert window: %1:%2 left").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
        if (!m_countdownTimer.isActive())
            m_countdownTimer.start();
    }
    countdown->setVisible(true);
}

void DeploymentWatcher::startPollingIfRunning()
{
    const Core::DeploymentState state = Core::DeployStateRules::effectiveState(m_request);
    const bool watch = Core::isDeploymentRunning(state) || state == Core::DeploymentState::PendingCutover;
    if (!watch || !m_client) {
        m_poller->stop();
        return;
    }
    if (!m_poller->isRunning()) {
        Q_EMIT pollingStarted();
        m_poller->start([this](quint64 round) { pollRound(round); });
    }
}

void DeploymentWatcher::pollRound(quint64 round)
{
    const qint64 number = m_request.number;
    Api::DeployRequestsResource(m_client).get(
        m_org, m_database, number, this, [this, round, number](Api::ApiResult<Core::DeployRequest> r) {
            if (number != m_request.number || round != m_poller->currentRound())
                return;
            if (!r) {
                Q_EMIT pollFailed(tr("Could not check the deployment (will retry): %1").arg(r.error().userText));
                m_poller->report(round, Api::Poller::Outcome::Failed);
                return;
            }
            const bool stateChanged
                = Core::DeployStateRules::stateName(r.value()) != Core::DeployStateRules::stateName(m_request);
            const Core::DeployRequest fresh = r.value();
            auto finishRound = [this, round, stateChanged, fresh](bool progressed) {
                if (round != m_poller->currentRound())
                    return;
                const Core::DeploymentState state = Core::DeployStateRules::effectiveState(fresh);
                const bool done = !Core::isDeploymentRunning(state) && state != Core::DeploymentState::PendingCutover;
                m_poller->report(round,
                    done                               ? Api::Poller::Outcome::Finished
                        : (stateChanged || progressed) ? Api::Poller::Outcome::Changed
                                                       : Api::Poller::Outcome::Unchanged);
                if (stateChanged)
                    m_section->noteState(Core::DeployStateRules::stateName(fresh), QDateTime::currentDateTimeUtc());
                else
                    m_request = fresh;
                // A new state comes back through setRequest() (the document applies it everywhere).
                Q_EMIT polled(fresh, stateChanged);
            };
            updateOperations(fresh, finishRound);
        });
}

void DeploymentWatcher::loadOperations(std::function<void(bool changed)> done)
{
    if (!m_client)
        return;
    const qint64 number = m_request.number;
    Api::DeployRequestsResource(m_client).operations(
        m_org, m_database, number, this, [this, number, done](Api::ApiResult<QList<Core::DeployOperation>> r) {
            if (number != m_request.number)
                return;
            const bool changed = r && showOperations(r.value());
            if (done)
                done(changed);
        });
}

void DeploymentWatcher::updateOperations(const Core::DeployRequest &request, std::function<void(bool)> done)
{
    // The deployment carries its operations: /operations is asked only when it does not.
    if (!request.deployment || request.deployment->operations.isEmpty())
        return loadOperations(std::move(done));
    const bool changed = showOperations(request.deployment->operations);
    if (done)
        done(changed);
}

bool DeploymentWatcher::showOperations(const QList<Core::DeployOperation> &operations)
{
    const bool changed = m_progress->setOperations(operations);
    m_section->updateProgress();
    return changed;
}

} // namespace Ui

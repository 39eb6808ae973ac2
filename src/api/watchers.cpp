#include "api/watchers.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace Api {

namespace {

// What the UI shows of a deploy request; when it changes, the poll speeds up.
QString progressFingerprint(const Core::DeployRequest &dr)
{
    QString print = dr.deploymentStateName + u'|' + dr.state;
    if (dr.deployment) {
        for (const Core::DeployOperation &op : dr.deployment->operations)
            print += u'|' + op.state + u':' + QString::number(op.progressPercentage.value_or(-1));
    }
    return print;
}

} // namespace

bool isFinalDeploymentState(Core::DeploymentState state)
{
    using S = Core::DeploymentState;
    switch (state) {
    case S::NoChanges:
    case S::Complete:
    case S::CompleteCancel:
    case S::CompleteError:
    case S::CompleteRevert:
    case S::CompleteRevertError:
    case S::Cancelled:
    case S::Error:
        return true;
    default:
        return false;
    }
}

Poller *watchBranchUntilReady(const BranchesResource &branches, const QString &org, const QString &db,
    const QString &branch, QObject *receiver, std::function<void(const ApiResult<Core::Branch> &)> onAnswer)
{
    auto *poller = new Poller(receiver);
    poller->setIntervals(std::chrono::seconds(2), std::chrono::seconds(10));
    auto lastState = std::make_shared<QString>();
    const QPointer<Poller> guard(poller);
    poller->start([=](quint64 round) {
        branches.get(org, db, branch, poller, [=](ApiResult<Core::Branch> result) {
            if (!guard || !guard->isRunning() || guard->currentRound() != round)
                return; // stale
            onAnswer(result);
            if (!guard)
                return; // the receiver went away inside onAnswer
            if (!result) {
                guard->report(round, Poller::Outcome::Failed);
            } else if (result->ready) {
                guard->report(round, Poller::Outcome::Finished);
            } else {
                const bool changed = result->state != *lastState;
                *lastState = result->state;
                guard->report(round, changed ? Poller::Outcome::Changed : Poller::Outcome::Unchanged);
            }
        });
    });
    return poller;
}

Poller *watchDeployRequest(const DeployRequestsResource &deployRequests, const QString &org, const QString &db,
    qint64 number, QObject *receiver, std::function<void(const ApiResult<Core::DeployRequest> &)> onAnswer)
{
    auto *poller = new Poller(receiver);
    poller->setIntervals(std::chrono::seconds(1), std::chrono::seconds(15));
    auto last = std::make_shared<QString>();
    const QPointer<Poller> guard(poller);
    poller->start([=](quint64 round) {
        deployRequests.get(org, db, number, poller, [=](ApiResult<Core::DeployRequest> result) {
            if (!guard || !guard->isRunning() || guard->currentRound() != round)
                return; // stale
            onAnswer(result);
            if (!guard)
                return;
            if (!result) {
                guard->report(round, Poller::Outcome::Failed);
                return;
            }
            // A closed request still matters while a deployment runs or its revert window is open.
            const Core::DeploymentState state = result->deploymentState;
            const bool closedAndIdle = result->state == "closed"_L1 && !Core::isDeploymentRunning(state)
                && state != Core::DeploymentState::CompletePendingRevert
                && state != Core::DeploymentState::PendingCutover;
            if (isFinalDeploymentState(state) || closedAndIdle) {
                guard->report(round, Poller::Outcome::Finished);
                return;
            }
            const QString print = progressFingerprint(*result);
            const bool changed = print != *last;
            *last = print;
            guard->report(round, changed ? Poller::Outcome::Changed : Poller::Outcome::Unchanged);
        });
    });
    return poller;
}

} // namespace Api

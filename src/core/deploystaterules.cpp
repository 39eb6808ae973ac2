#include "core/deploystaterules.h"

namespace Core {

using S = DeploymentState;

DeploymentState DeployStateRules::effectiveState(const DeployRequest &request)
{
    if (request.deployment && request.deployment->state != S::Unknown)
        return request.deployment->state;
    return request.deploymentState;
}

QString DeployStateRules::stateName(const DeployRequest &request)
{
    return request.deploymentStateName.isEmpty() && request.deployment ? request.deployment->stateName
                                                                       : request.deploymentStateName;
}

QList<DeploymentState> DeployStateRules::queueOccupyingStates()
{
    return { S::Submitting, S::InProgress, S::InProgressVschema, S::PendingCutover, S::InProgressCutover,
        S::CompletePendingRevert, S::InProgressRevert, S::InProgressRevertVschema, S::InProgressCancel };
}

bool DeployStateRules::occupiesQueue(DeploymentState state)
{
    return queueOccupyingStates().contains(state);
}

bool DeployStateRules::isInFlight(DeploymentState state)
{
    return state == S::Queued || occupiesQueue(state);
}

QList<DeploymentState> DeployStateRules::sourcesOf(DeployAction action)
{
    switch (action) {
    case DeployAction::Deploy:
    case DeployAction::DeployInstantly:
        return { S::Ready, S::Error, S::Cancelled, S::CompleteCancel, S::CompleteError };
    case DeployAction::Cancel:
        return { S::Queued, S::Submitting, S::InProgress, S::PendingCutover };
    case DeployAction::ApplyCutover:
        return { S::PendingCutover };
    case DeployAction::Revert:
    case DeployAction::SkipRevert:
        return { S::CompletePendingRevert };
    case DeployAction::CompleteDeploy:
        return { S::CompleteError, S::CompleteRevertError };
    case DeployAction::Close:
        // A queued deployment leaves the queue with its request.
        return { S::Queued, S::Pending, S::Ready, S::NoChanges, S::Error, S::Cancelled, S::CompleteCancel, S::Complete,
            S::CompleteRevert, S::CompleteError, S::CompleteRevertError, S::Unknown };
    }
    return {};
}

DeploymentState DeployStateRules::targetOf(DeployAction action, DeploymentState from)
{
    switch (action) {
    case DeployAction::Deploy:
    case DeployAction::DeployInstantly:
        return S::Queued;
    case DeployAction::Cancel:
        // Nothing ran yet: the request simply leaves the queue. Otherwise the worker undoes what it did.
        return from == S::Queued ? S::Cancelled : S::InProgressCancel;
    case DeployAction::ApplyCutover:
        return S::InProgressCutover;
    case DeployAction::Revert:
        return S::InProgressRevert;
    case DeployAction::SkipRevert:
    case DeployAction::CompleteDeploy:
        return S::Complete;
    case DeployAction::Close:
        return from == S::Queued ? S::Cancelled : from;
    }
    return from;
}

QList<DeployAction> DeployStateRules::validActions(
    DeploymentState state, bool open, bool instantDdl, bool instantEligible)
{
    QList<DeployAction> actions;
    const auto allowed = [&](DeployAction action) { return sourcesOf(action).contains(state); };
    if (open && allowed(DeployAction::Deploy)) {
        actions << DeployAction::Deploy;
        if (state == S::Ready && instantEligible)
            actions << DeployAction::DeployInstantly;
    }
    if (allowed(DeployAction::ApplyCutover))
        actions << DeployAction::ApplyCutover;
    if (allowed(DeployAction::Cancel))
        actions << DeployAction::Cancel;
    if (allowed(DeployAction::Revert) && !instantDdl)
        actions << DeployAction::Revert;
    if (allowed(DeployAction::SkipRevert))
        actions << DeployAction::SkipRevert;
    if (allowed(DeployAction::CompleteDeploy))
        actions << DeployAction::CompleteDeploy;
    if (open && allowed(DeployAction::Close))
        actions << DeployAction::Close;
    return actions;
}

QList<DeployAction> DeployStateRules::validActions(const DeployRequest &request)
{
    const bool open = request.state != QStringLiteral("closed");
    const bool instantDdl = request.deployment && request.deployment->instantDdl;
    const bool eligible = request.deployment && request.deployment->instantDdlEligible;
    return validActions(effectiveState(request), open, instantDdl, eligible);
}

QStringList DeployStateRules::names(const QList<DeploymentState> &states)
{
    QStringList out;
    for (const DeploymentState state : states)
        out << deploymentStateName(state);
    return out;
}

} // namespace Core

#pragma once

#include <QString>
#include <QStringView>

#include <array>

namespace Core {

// The 20 states of a deployment (DeployRequest.deployment_state == Deployment.state), spelled as the API
// spells them. Unknown is for a value this build does not know: the raw string is kept next to it.
enum class DeploymentState {
    Pending,
    Ready,
    NoChanges,
    Queued,
    Submitting,
    InProgress,
    PendingCutover,
    InProgressVschema,
    InProgressCancel,
    InProgressCutover,
    Complete,
    CompleteCancel,
    CompleteError,
    CompletePendingRevert,
    InProgressRevert,
    InProgressRevertVschema,
    CompleteRevert,
    CompleteRevertError,
    Cancelled,
    Error,
    Unknown,
};

inline constexpr std::array<const char16_t *, 20> deploymentStateNames = {
    u"pending",
    u"ready",
    u"no_changes",
    u"queued",
    u"submitting",
    u"in_progress",
    u"pending_cutover",
    u"in_progress_vschema",
    u"in_progress_cancel",
    u"in_progress_cutover",
    u"complete",
    u"complete_cancel",
    u"complete_error",
    u"complete_pending_revert",
    u"in_progress_revert",
    u"in_progress_revert_vschema",
    u"complete_revert",
    u"complete_revert_error",
    u"cancelled",
    u"error",
};

inline DeploymentState deploymentStateFromString(QStringView name)
{
    for (std::size_t i = 0; i < deploymentStateNames.size(); ++i) {
        if (name == QStringView(deploymentStateNames[i]))
            return static_cast<DeploymentState>(i);
    }
    return DeploymentState::Unknown;
}

inline QString deploymentStateName(DeploymentState state)
{
    const auto index = static_cast<std::size_t>(state);
    return index < deploymentStateNames.size() ? QString::fromUtf16(deploymentStateNames[index]) : QString();
}

// Work is under way on the server: poll fast.
inline bool isDeploymentRunning(DeploymentState state)
{
    switch (state) {
    case DeploymentState::Pending:
    case DeploymentState::Queued:
    case DeploymentState::Submitting:
    case DeploymentState::InProgress:
    case DeploymentState::InProgressVschema:
    case DeploymentState::InProgressCancel:
    case DeploymentState::InProgressCutover:
    case DeploymentState::InProgressRevert:
    case DeploymentState::InProgressRevertVschema:
        return true;
    default:
        return false;
    }
}

// Nothing more happens without a user action (or ever).
inline bool isDeploymentSettled(DeploymentState state)
{
    return !isDeploymentRunning(state) && state != DeploymentState::Unknown;
}

} // namespace Core

#pragma once

#include "core/deployrequest.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>

namespace Ui {

// What a user may do with a deploy request in its current deployment_state (planetscale-api.md §4.4, §5).
enum class DeployAction {
    Deploy, // ready
    DeployInstantly, // ready and instant_ddl_eligible; cannot be reverted
    Cancel, // queued, submitting, in progress, waiting for cutover
    ApplyCutover, // pending_cutover (gated deployment)
    Revert, // complete_pending_revert, unless it was an instant deploy
    SkipRevert, // complete_pending_revert
    CompleteDeploy, // complete_error / complete_revert_error: unblocks the deploy queue
    Close, // an open request that is not deploying
};

class DeployActions
{
public:
    static QList<DeployAction> valid(const Core::DeployRequest &request);
    static QString text(DeployAction action);
    static QString objectName(DeployAction action); // for buttons: "deployButton", ...
    static QList<DeployAction> all();
    // Why deploying is not possible yet (approval missing, not deployable), empty when it is.
    static QString deployBlocker(const Core::DeployRequest &request, bool approvalRequired);
    // When a deployed request can no longer be reverted: the server's revert_expires_at when it sends one,
    // otherwise `window` after the deploy finished; invalid when neither is known.
    static QDateTime revertWindowEnd(const Core::DeployRequest &request, std::chrono::seconds window);
};

} // namespace Ui

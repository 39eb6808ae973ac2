#pragma once

#include "core/deploymentstate.h"
#include "core/deployrequest.h"

#include <QList>
#include <QStringList>

namespace Core {

// What a user may do with a deploy request.
enum class DeployAction {
    Deploy, // ready (and again after a cancel, a refused check or a failed deployment)
    DeployInstantly, // as Deploy, when instant_ddl_eligible; cannot be reverted
    Cancel, // queued, submitting, in progress, waiting for cutover
    ApplyCutover, // pending_cutover (gated deployment)
    Revert, // complete_pending_revert, unless it was an instant deploy
    SkipRevert, // complete_pending_revert
    CompleteDeploy, // complete_error / complete_revert_error: unblocks the deploy queue
    Close, // an open request that is not deploying
};

// The one set of deploy-state rules, used by the app (which buttons) and by the local sandbox (which
// transitions it accepts, what occupies the deploy queue).
class DeployStateRules
{
public:
    // The state a request is in: its deployment's state when that is known, else the request's
    // deployment_state (the deployment is the more detailed record; both are the same on the server).
    static DeploymentState effectiveState(const DeployRequest &request);
    // The state's name as the server spelled it (the request's deployment_state, else its deployment's),
    // for badges and the timeline: it names states this version does not know too.
    static QString stateName(const DeployRequest &request);

    // Actions offered in `state`; `open` is the request's state (open/closed), `instantDdl` whether the
    // deployment ran with instant DDL, `instantEligible` whether it could.
    static QList<DeployAction> validActions(DeploymentState state, bool open, bool instantDdl, bool instantEligible);
    static QList<DeployAction> validActions(const DeployRequest &request);

    // The states an action moves a request out of (the sandbox's compare-and-set transitions).
    static QList<DeploymentState> sourcesOf(DeployAction action);
    // Where an action leaves a request that is in `from`.
    static DeploymentState targetOf(DeployAction action, DeploymentState from);

    // A deployment occupies its branch's deploy queue: nothing else deploys into that branch meanwhile.
    static bool occupiesQueue(DeploymentState state);
    static QList<DeploymentState> queueOccupyingStates();
    // Waiting in the queue or occupying it.
    static bool isInFlight(DeploymentState state);

    // Spelled as the API spells them, e.g. for SQL IN lists.
    static QStringList names(const QList<DeploymentState> &states);
};

} // namespace Core

#pragma once

#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "api/poller.h"

namespace Api {

// Ready-made polls for the two long operations the UI watches. Both return a Poller parented to
// `receiver` (it stops when the receiver goes away; call stop() to end it earlier). onAnswer sees every
// answer, failures included; answers of superseded rounds never reach it.

// Polls a branch until `ready` is true (new branches take a while).
Poller *watchBranchUntilReady(const BranchesResource &branches, const QString &org, const QString &db,
    const QString &branch, QObject *receiver, std::function<void(const ApiResult<Core::Branch> &)> onAnswer);

// Polls a deploy request while its deployment runs: fast while the state or any table's progress moves,
// slower while waiting (queued behind others, pending cutover, revert window), and stops at a final state.
Poller *watchDeployRequest(const DeployRequestsResource &deployRequests, const QString &org, const QString &db,
    qint64 number, QObject *receiver, std::function<void(const ApiResult<Core::DeployRequest> &)> onAnswer);

// True for states after which nothing happens any more (complete, cancelled, errors, no changes).
bool isFinalDeploymentState(Core::DeploymentState state);

} // namespace Api

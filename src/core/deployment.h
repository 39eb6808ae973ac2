#pragma once

#include "core/actor.h"
#include "core/deploymentstate.h"
#include "core/deployoperation.h"
#include "core/linterror.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Core {

// A deployment ahead of this one in the deploy queue.
struct PrecedingDeployment
{
    QString id;
    QString state;
    QString intoBranch;
    qint64 deployRequestNumber = 0;
};

struct Deployment
{
    QString id;
    QString stateName; // raw server value, shown when state == Unknown
    DeploymentState state = DeploymentState::Unknown;
    QString intoBranch;
    qint64 deployRequestNumber = 0;
    QString deployCheckErrors;
    QString lockedTableName;
    QString queuePauseReason;
    QList<DeployOperation> operations;
    QList<DeployOperationSummary> operationSummaries;
    QList<LintError> lintErrors;
    QList<PrecedingDeployment> precedingDeployments;
    std::optional<Actor> actor;
    std::optional<Actor> cutoverActor;
    std::optional<Actor> cancelledActor;
    bool deployable = false;
    bool autoCutover = false;
    bool autoDeleteBranch = false;
    bool cutoverExpiring = false;
    bool instantDdl = false;
    bool instantDdlEligible = false;
    bool tableLocked = false;
    bool queuePaused = false;
    bool hasRevertRequest = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime queuedAt;
    QDateTime submittedAt;
    QDateTime startedAt;
    QDateTime readyToCutoverAt;
    QDateTime cutoverAt;
    QDateTime finishedAt;
    QDateTime forceCutoverRequestedAt;
    QDateTime schemaLastUpdatedAt;
    // When the revert window of a deployed request closes. Not in PlanetScale's published API (its window
    // is 30 minutes from finishedAt); the local sandbox sends it because its window is configurable.
    QDateTime revertExpiresAt;
};

} // namespace Core

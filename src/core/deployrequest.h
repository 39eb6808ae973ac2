#pragma once

#include "core/actor.h"
#include "core/deployment.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Core {

struct DeployRequest
{
    QString id;
    qint64 number = 0;
    QString state; // open | closed (kept as given)
    QString deploymentStateName;
    DeploymentState deploymentState = DeploymentState::Unknown;
    QString branch; // head
    QString branchId;
    QString intoBranch; // base
    QString notes;
    QString htmlBody;
    QString htmlUrl;
    std::optional<Actor> actor;
    std::optional<Actor> closedBy;
    std::optional<Actor> branchDeletedBy;
    std::optional<Deployment> deployment;
    qint64 numComments = 0;
    qint64 intoBranchShardCount = 0;
    qint64 intoBranchKeyspaceCount = 0;
    bool approved = false;
    bool branchDeleted = false;
    bool intoBranchSharded = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime closedAt;
    QDateTime deployedAt;
    QDateTime branchDeletedAt;
};

} // namespace Core

#pragma once

#include "core/actor.h"
#include "core/region.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Core {

// Branch.state: pending, sleep_in_progress, sleeping, awakening, ready (kept as the server's string).
struct Branch
{
    QString id;
    QString name;
    QString parentBranch; // empty for a root branch
    QString state;
    QString kind; // "mysql" | "postgresql"
    QString mysqlAddress;
    QString mysqlEdgeAddress;
    QString clusterName; // SKU, e.g. PS_10
    QString vtgateSize;
    QString vtgateName;
    QString htmlUrl;
    QString url;
    QString restoredFromBranch; // name; empty unless restored from a backup
    // The sandbox's own field: why filling the branch from a backup failed (it stays empty, never ready).
    QString restoreError;
    Region region;
    std::optional<Actor> actor;
    qint64 shardCount = 0;
    qint64 keyspaceCount = 0;
    qint64 vtgateCount = 0;
    std::optional<qint64> vtgateMaxCount;
    std::optional<qint64> vtgateTargetCpuUtilization;
    std::optional<qint64> clusterIops;
    bool ready = false;
    bool schemaReady = false;
    bool production = false;
    bool safeMigrations = false;
    bool deletionProtected = false;
    bool sharded = false;
    bool staleSchema = false;
    bool metal = false;
    bool directVtgate = false;
    bool vtgateAutoscaling = false;
    bool privateEdgeConnectivity = false;
    bool hasReplicas = false;
    bool hasReadOnlyReplicas = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime deletedAt;
    QDateTime schemaLastUpdatedAt;
    QDateTime restoreChecklistCompletedAt;
};

} // namespace Core

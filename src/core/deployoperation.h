#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

// Per-table progress of a deployment. state: pending, queued, in_progress, complete, cancelled, error
// (kept as the server's string).
struct DeployOperation
{
    QString id;
    QString state;
    QString keyspaceName;
    QString tableName;
    QString operationName; // create, alter, drop, ...
    QString ddlStatement;
    QString syntaxHighlightedDdl;
    QString deployErrors;
    QString deployErrorDocsUrl;
    QString shard; // set only for the per-shard entries of a summary
    QStringList removedForeignKeyNames;
    std::optional<double> etaSeconds;
    std::optional<double> progressPercentage;
    bool canDropData = false;
    bool tableLocked = false;
    bool tableRecentlyUsed = false;
    QDateTime tableRecentlyUsedAt;
    QDateTime throttledAt;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// The same operation summed over the shards of a sharded keyspace.
struct DeployOperationSummary
{
    DeployOperation total;
    qint64 shardCount = 0;
    QStringList shardNames;
    bool sharded = false;
    QList<DeployOperation> operations; // id, shard, state, progress, eta per shard
};

} // namespace Core

#pragma once

#include "core/deploymentstate.h"
#include "sql/queryresult.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Local {

// The metadata of deploy requests and their operations as typed values, read by column index once per
// result (no per-field string lookups). Timestamps stay in the SQL form ('2026-11-21 14:55:00.123', UTC);
// a NULL timestamp is a null QString.
struct DeployRequestRecord
{
    QString id;
    QString deploymentId;
    QString database;
    qint64 number = 0;
    QString branch;
    QString branchId;
    QString intoBranch;
    QString notes;
    QString state; // open | closed
    Core::DeploymentState deploymentState = Core::DeploymentState::Unknown;
    QString deploymentStateName;
    bool approved = false;
    bool autoCutover = true;
    bool autoDeleteBranch = false;
    bool instantDdl = false;
    std::optional<int> revertWindowSeconds;
    QString deployErrors; // null: none
    QString lintErrors; // JSON array text of the data checks' findings; null: none
    QString createdAt, updatedAt, closedAt, deployedAt, queuedAt, submittedAt, startedAt, readyToCutoverAt, cutoverAt,
        finishedAt, revertExpiresAt, retryAt;
    QString forceCutoverAt; // set: the cutover ends the sessions that hold its tables
    QString throttlerUpdatedAt;
    int throttleRatio = 0; // 0..95: the share of time the copy pauses
    bool branchDeleted = false; // filled by the API handler

    static QList<DeployRequestRecord> from(const Sql::QueryResult &result);
};

// One table or view of a deployment. `step` is the last journaled step (see DeployJournal) and
// `copiedUpTo` the key of the last copied row, both written in the same transaction as the work they
// describe; `verifiedUpTo` the key up to which the copied chunks were verified (it trails copiedUpTo by
// the chunk whose check was still running when its successor committed).
struct DeployOperationRecord
{
    QString id;
    QString requestId;
    int position = 0;
    QString table;
    bool isView = false;
    QString operation; // create | alter | drop
    QString ddl;
    QString oldDefinition; // null for create
    QString newDefinition; // null for drop
    bool canDropData = false;
    QString state; // pending | queued | in_progress | complete | cancelled | error
    std::optional<qint64> rowsTotal;
    std::optional<qint64> rowsCopied;
    std::optional<double> progress;
    std::optional<double> etaSeconds;
    QString deployErrors;
    QString step;
    QByteArray copiedUpTo; // JSON array of the key's cells in hex; null before the first chunk
    QByteArray verifiedUpTo; // the same encoding; null before the first verified chunk
    QString createdAt, updatedAt;
    QString throttledAt; // when the throttler last paused its copy

    static QList<DeployOperationRecord> from(const Sql::QueryResult &result);
};

} // namespace Local

#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace Core {

// The deploy request whose deployment applied a recommendation.
struct ClosingDeployRequest
{
    QString id;
    QString branchId;
    qint64 number = 0;
};

// A schema recommendation of a database (list/get/dismiss_schema_recommendation): a change to its default
// branch's schema, with the DDL that makes it. `state` is the server's string (open, applied, dismissed,
// stale) and `recommendationType` too (duplicate_index, sequence_overflow, unused_index, ...), so values a
// newer server sends are shown rather than rejected.
struct SchemaRecommendation
{
    QString id;
    qint64 number = 0;
    QString htmlUrl;
    QString title;
    QString tableName;
    QString keyspace;
    QString ddlStatement;
    QString state;
    QString recommendationType;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime appliedAt;
    QDateTime dismissedAt;
    std::optional<ClosingDeployRequest> closedByDeployRequest;
    QString dismissedBy; // the actor's display name

    bool isOpen() const { return state == QStringLiteral("open"); }
};

} // namespace Core

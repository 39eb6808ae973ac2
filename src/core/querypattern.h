#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Core {

// One query pattern of Query Insights (list_branch_queries): every statement with the same fingerprint,
// its literals replaced by placeholders in normalizedSql. Durations are milliseconds.
struct QueryPattern
{
    QString id;
    QString fingerprint;
    QString statementType; // SELECT, INSERT, UPDATE, DELETE, … as the server names it
    QString keyspace;
    QString normalizedSql;
    QStringList tables;
    qint64 queryCount = 0;
    qint64 errorCount = 0;
    qint64 rowsRead = 0;
    qint64 rowsReturned = 0;
    qint64 rowsAffected = 0;
    double rowsReadPerReturned = 0;
    qint64 totalDurationMs = 0;
    double totalDurationPercent = 0;
    double timePerQueryMs = 0;
    double p50LatencyMs = 0;
    double p99LatencyMs = 0;
    double maxLatencyMs = 0;
    QDateTime lastRunAt; // invalid when the API does not say
};

} // namespace Core

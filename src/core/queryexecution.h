#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Core {

// One execution of a query pattern (get_query_statistics, get_branch_query_error): when it ran, who ran it,
// the rows it touched and how long it took; errorMessage is empty for a statement that succeeded.
struct QueryExecution
{
    QString id;
    QString fingerprint;
    QString statementType;
    QString keyspace;
    QString normalizedSql;
    QStringList tables;
    QString username;
    QString remoteAddress;
    QDateTime startedAt; // invalid when the API does not say
    qint64 rowsRead = 0;
    qint64 rowsReturned = 0;
    qint64 rowsAffected = 0;
    qint64 totalDurationMs = 0;
    QString errorMessage;
    bool explainable = false;
};

} // namespace Core

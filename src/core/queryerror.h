#pragma once

#include <QDateTime>
#include <QString>

namespace Core {

// One kind of failure of Query Insights (list_branch_query_errors): the executions of one statement
// pattern that failed with the same error. Durations are milliseconds.
struct QueryError
{
    QString id;
    QString fingerprint; // error_fingerprint
    QString message;
    qint64 errorCount = 0;
    qint64 totalDurationMs = 0;
    double timePerQueryMs = 0;
    QDateTime lastOccurredAt; // the API's started_at: "when the error last occurred"
};

} // namespace Core

#pragma once

#include "local/httpcall.h"
#include "local/insightserrors.h"
#include "local/services.h"
#include "local/sqlsession.h"

#include <QHash>
#include <QList>

namespace Local {

// /organizations/local/databases/{database}/branches/{branch}/insights (list_branch_queries; /errors is
// InsightsErrors): Query
// Insights from the server's own performance_schema. A pattern is a statement digest of the branch's schema
// (events_statements_summary_by_digest: counts, errors, rows examined/sent/affected, total and maximum
// time, last seen); p50/p99 come from the statements the server still keeps in
// events_statements_history_long for that digest. Durations are milliseconds.
class InsightsHandler
{
public:
    explicit InsightsHandler(Services services)
        : m_services(services)
        , m_errors(services)
    { }
    HttpAnswer handle(const HttpCall &call);

    // Nearest-rank percentile (0 < p ≤ 100) of ascending `sorted`; 0 for an empty list.
    static double percentile(const QList<double> &sorted, double p);
    // The tables a digest text names after FROM, JOIN, INTO, UPDATE (backticked, as the server writes them).
    static QStringList tablesOf(const QString &digestText);

private:
    HttpAnswer listQueries(const HttpCall &call, const Row &branch);
    // Latencies in milliseconds per digest, ascending, from the statement history of `schema`.
    Core::Result<QHash<QString, QList<double>>> latencySamples(const QString &schema);

    Services m_services;
    InsightsErrors m_errors;
};

} // namespace Local

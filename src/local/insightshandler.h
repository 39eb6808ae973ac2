#pragma once

#include "local/httpcall.h"
#include "local/insightserrors.h"
#include "local/insightsexecutions.h"
#include "local/insightsmetrics.h"
#include "local/insightssampler.h"
#include "local/insightswindow.h"
#include "local/services.h"
#include "local/sqlsession.h"

#include <QHash>
#include <QList>

namespace Local {

// /organizations/local/databases/{database}/branches/{branch}/insights (list_branch_queries and, by
// fingerprint, get_query_summary; /errors is InsightsErrors, single executions InsightsExecutions, the time
// series of …/metrics/query and /anomalies InsightsMetrics): Query
// Insights from the server's own performance_schema. A pattern is a statement digest of the branch's schema
// (events_statements_summary_by_digest: counts, errors, rows examined/sent/affected, total and maximum
// time, last seen); p50/p99 come from the latencies InsightsSampler keeps per digest in the metadata schema
// (insights_samples, sampled before every answer), so they outlive the server's statement history ring.
// Durations are milliseconds.
class InsightsHandler
{
public:
    explicit InsightsHandler(Services services)
        : m_services(services)
        , m_errors(services)
        , m_executions(services)
        , m_metrics(services)
        , m_sampler(services)
    { }
    HttpAnswer handle(const HttpCall &call);

    // Nearest-rank percentile (0 < p ≤ 100) of ascending `sorted`; 0 for an empty list.
    static double percentile(const QList<double> &sorted, double p);
    // The tables a digest text names after FROM, JOIN, INTO, UPDATE (backticked, as the server writes them).
    static QStringList tablesOf(const QString &digestText);

private:
    // Every pattern of the branch in the request's window and filters, or only `fingerprint`'s.
    HttpAnswer listQueries(const HttpCall &call, const Row &branch, const QString &fingerprint = {});
    HttpAnswer summary(const HttpCall &call, const Row &branch, const QString &fingerprint);
    // Latencies in milliseconds per digest, ascending, sampled from `schema` within `window` (only
    // `fingerprint`'s when given).
    Core::Result<QHash<QString, QList<double>>> latencySamples(
        const QString &schema, const InsightsWindow &window, const QString &fingerprint);

    Services m_services;
    InsightsErrors m_errors;
    InsightsExecutions m_executions;
    InsightsMetrics m_metrics;
    InsightsSampler m_sampler;
};

} // namespace Local

#pragma once

#include "local/httpcall.h"
#include "local/insightssampler.h"
#include "local/insightswindow.h"
#include "local/services.h"
#include "local/sqlsession.h"

#include <QJsonArray>

namespace Local {

// Query Insights over time, from what InsightsSampler keeps in the metadata schema:
//   get_branch_query_metrics  …/branches/{branch}/metrics/query  the branch's (or one fingerprint's) series
//   list_branch_anomalies     …/insights/anomalies               minutes when a pattern's p99 left its baseline
//   get_branch_anomaly        …/insights/anomalies/{id}          one of them (found in a day, else in all kept)
// The document types `series` as an array of strings: each string is one series as compact JSON,
// {"metric":NAME,"fingerprint":FP|null,"points":[[UNIX_SECONDS,VALUE|null],…]}, one point per step
// (null: no statement in that step for a latency metric).
class InsightsMetrics
{
public:
    explicit InsightsMetrics(Services services)
        : m_services(services)
        , m_sampler(services)
    { }

    HttpAnswer query(const HttpCall &call, const Row &branch);
    HttpAnswer anomalies(const HttpCall &call, const Row &branch);
    HttpAnswer anomaly(const Row &branch, const QString &id);

    // A minute is in violation when its p99 exceeds the pattern's baseline (the median of its per-minute
    // p99s over the window, from at least minBaselineMinutes minutes) by this factor and by at least 1 ms.
    static constexpr double violationFactor = 2.0;
    static constexpr int minBaselineMinutes = 5;

private:
    // The anomalies of `branch` in `window`, newest first, as the document's items.
    Core::Result<QJsonArray> find(const Row &branch, const InsightsWindow &window);

    Services m_services;
    InsightsSampler m_sampler;
};

} // namespace Local

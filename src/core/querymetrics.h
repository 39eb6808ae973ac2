#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <cmath>
#include <limits>

namespace Core {

// One point of an Insights time series: the start of its step and the value over that step; NaN where
// the step has no value (a latency with no statement in it).
struct MetricPoint
{
    QDateTime at;
    double value = std::numeric_limits<double>::quiet_NaN();
    bool hasValue() const { return !std::isnan(value); }
};

struct MetricSeries
{
    QString metric; // queries, latency_p50, latency_p99, total_duration_millis, …
    QString fingerprint; // empty: the whole branch
    QList<MetricPoint> points;
};

// get_branch_query_metrics: series over [start, end) in steps of intervalSeconds.
struct QueryMetrics
{
    QDateTime start;
    QDateTime end;
    qint64 intervalSeconds = 0;
    QList<MetricSeries> series;

    // The series named `metric`, or nullptr.
    const MetricSeries *find(const QString &metric) const
    {
        for (const MetricSeries &s : series) {
            if (s.metric == metric)
                return &s;
        }
        return nullptr;
    }
};

} // namespace Core

#pragma once

#include "api/resource.h"
#include "core/queryanomaly.h"
#include "core/queryerror.h"
#include "core/queryexecution.h"
#include "core/querymetrics.h"
#include "core/querypattern.h"

namespace Api {

// The filters of list_branch_queries; empty members are not sent.
struct InsightsQuery
{
    QString period; // 15m, 1h, 3h, 6h, 12h, 1d, 2d, 7d, 8d
    QString from; // ISO 8601
    QString to;
    QString sort; // totalTime, count, p99Latency, rowsReadPerReturned, errorCount, lastRun, …
    QString dir; // asc, desc
    QString q; // substring of the normalized SQL
    QString tabletType; // primary, replica, rdonly
    QString type; // SELECT, INSERT, UPDATE, DELETE
};

// /organizations/{org}/databases/{db}/branches/{branch}/insights
class InsightsResource : public Resource
{
public:
    using Resource::Resource;

    // Every page of the branch's query patterns, in the order the server sorted them.
    RequestId listQueries(const QString &org, const QString &db, const QString &branch, const InsightsQuery &query,
        QObject *context, Callback<QList<Core::QueryPattern>> callback) const;
    // list_branch_query_errors: every page of the branch's failures (q, from, to, period, sort ∈ error,
    // lastRun, count, totalTime, timePerQuery, dir and tablet_type of `query` are sent; type is not).
    RequestId listErrors(const QString &org, const QString &db, const QString &branch, const InsightsQuery &query,
        QObject *context, Callback<QList<Core::QueryError>> callback) const;

    // get_query_summary: one pattern's figures (the list's fields and more); period/from/to of `query` are sent.
    RequestId getSummary(const QString &org, const QString &db, const QString &branch, const QString &fingerprint,
        const QString &keyspace, const InsightsQuery &query, QObject *context,
        Callback<Core::QueryPattern> callback) const;
    // get_query_statistics: every page of one pattern's single executions, newest first.
    RequestId listExecutions(const QString &org, const QString &db, const QString &branch, const QString &fingerprint,
        const QString &keyspace, const InsightsQuery &query, QObject *context,
        Callback<QList<Core::QueryExecution>> callback) const;
    // get_branch_query_error: every page of the executions that failed with one error (error_fingerprint).
    RequestId listErrorExecutions(const QString &org, const QString &db, const QString &branch,
        const QString &errorFingerprint, const InsightsQuery &query, QObject *context,
        Callback<QList<Core::QueryExecution>> callback) const;
    // get_branch_query_metrics (…/branches/{branch}/metrics/query): the branch's series, or one pattern's
    // when `fingerprint` is set; `steps` 0 leaves the count to the server.
    RequestId metrics(const QString &org, const QString &db, const QString &branch, const QStringList &metrics,
        const QString &fingerprint, const QString &keyspace, const InsightsQuery &query, int steps, QObject *context,
        Callback<Core::QueryMetrics> callback) const;
    // list_branch_anomalies: every page, newest first.
    RequestId listAnomalies(const QString &org, const QString &db, const QString &branch, const InsightsQuery &query,
        QObject *context, Callback<QList<Core::QueryAnomaly>> callback) const;
    // get_branch_anomaly: one anomaly (an id from the list) with its correlated patterns.
    RequestId getAnomaly(const QString &org, const QString &db, const QString &branch, const QString &id,
        QObject *context, Callback<Core::QueryAnomaly> callback) const;

private:
    // Only the window (period, from, to) of `query`.
    static ApiRequest windowRequest(const QStringList &segments, const InsightsQuery &query);
    static ApiRequest request(const QStringList &segments, const InsightsQuery &query, bool withType);
};

} // namespace Api

#include "api/insightsresource.h"

#include "api/queryerrorparser.h"
#include "api/queryexecutionparser.h"
#include "api/querymetricsparser.h"
#include "api/querypatternparser.h"

using namespace Qt::StringLiterals;

namespace Api {

ApiRequest InsightsResource::request(const QStringList &segments, const InsightsQuery &query, bool withType)
{
    ApiRequest request = ApiRequest::get(segments, u"read_database"_s);
    const std::pair<QString, const QString *> filters[] = { { u"period"_s, &query.period }, { u"from"_s, &query.from },
        { u"to"_s, &query.to }, { u"sort"_s, &query.sort }, { u"dir"_s, &query.dir }, { u"q"_s, &query.q },
        { u"tablet_type"_s, &query.tabletType }, { u"type"_s, &query.type } };
    for (const auto &[name, value] : filters) {
        if (!value->isEmpty() && (withType || name != u"type"_s))
            request.query.addQueryItem(name, *value);
    }
    return request;
}

RequestId InsightsResource::listQueries(const QString &org, const QString &db, const QString &branch,
    const InsightsQuery &query, QObject *context, Callback<QList<Core::QueryPattern>> callback) const
{
    return Resource::list<Core::QueryPattern>(request(branchPath(org, db, branch) << u"insights"_s, query, true),
        context, Parsers::readQueryPattern, u"query patterns"_s, std::move(callback));
}

RequestId InsightsResource::listErrors(const QString &org, const QString &db, const QString &branch,
    const InsightsQuery &query, QObject *context, Callback<QList<Core::QueryError>> callback) const
{
    return Resource::list<Core::QueryError>(
        request(branchPath(org, db, branch) << u"insights"_s << u"errors"_s, query, false), context,
        Parsers::readQueryError, u"query errors"_s, std::move(callback));
}

ApiRequest InsightsResource::windowRequest(const QStringList &segments, const InsightsQuery &query)
{
    InsightsQuery window;
    window.period = query.period;
    window.from = query.from;
    window.to = query.to;
    return request(segments, window, false);
}

RequestId InsightsResource::getSummary(const QString &org, const QString &db, const QString &branch,
    const QString &fingerprint, const QString &keyspace, const InsightsQuery &query, QObject *context,
    Callback<Core::QueryPattern> callback) const
{
    ApiRequest r = windowRequest(branchPath(org, db, branch) << u"insights"_s << fingerprint << u"summary"_s, query);
    r.query.addQueryItem(u"keyspace"_s, keyspace);
    return object<Core::QueryPattern>(r, context, Parsers::readQueryPattern, u"query summary"_s, std::move(callback));
}

RequestId InsightsResource::listExecutions(const QString &org, const QString &db, const QString &branch,
    const QString &fingerprint, const QString &keyspace, const InsightsQuery &query, QObject *context,
    Callback<QList<Core::QueryExecution>> callback) const
{
    ApiRequest r = windowRequest(branchPath(org, db, branch) << u"insights"_s << fingerprint, query);
    r.query.addQueryItem(u"keyspace"_s, keyspace);
    return list<Core::QueryExecution>(
        r, context, Parsers::readQueryExecution, u"query statistics"_s, std::move(callback));
}

RequestId InsightsResource::listErrorExecutions(const QString &org, const QString &db, const QString &branch,
    const QString &errorFingerprint, const InsightsQuery &query, QObject *context,
    Callback<QList<Core::QueryExecution>> callback) const
{
    return list<Core::QueryExecution>(
        windowRequest(branchPath(org, db, branch) << u"insights"_s << u"errors"_s << errorFingerprint, query), context,
        Parsers::readQueryExecution, u"query error executions"_s, std::move(callback));
}

RequestId InsightsResource::metrics(const QString &org, const QString &db, const QString &branch,
    const QStringList &metrics, const QString &fingerprint, const QString &keyspace, const InsightsQuery &query,
    int steps, QObject *context, Callback<Core::QueryMetrics> callback) const
{
    ApiRequest r = windowRequest(branchPath(org, db, branch) << u"metrics"_s << u"query"_s, query);
    r.requiredAccess = u"read_branch"_s;
    if (!metrics.isEmpty())
        r.query.addQueryItem(u"metrics"_s, metrics.join(u','));
    if (!fingerprint.isEmpty())
        r.query.addQueryItem(u"fingerprint"_s, fingerprint);
    if (!keyspace.isEmpty())
        r.query.addQueryItem(u"keyspace"_s, keyspace);
    if (steps > 0)
        r.query.addQueryItem(u"steps"_s, QString::number(steps));
    return client()->send(r, context, [callback = std::move(callback)](ApiResult<QJsonValue> answer) {
        if (!answer)
            return callback(ApiResult<Core::QueryMetrics>(answer.error(), answer.requestId()));
        auto parsed = Parsers::parseQueryMetrics(answer.value());
        if (!parsed)
            return callback(ApiResult<Core::QueryMetrics>(ApiError::fromCoreError(parsed.error()), answer.requestId()));
        callback(ApiResult<Core::QueryMetrics>(std::move(parsed).value(), answer.requestId()));
    });
}

RequestId InsightsResource::listAnomalies(const QString &org, const QString &db, const QString &branch,
    const InsightsQuery &query, QObject *context, Callback<QList<Core::QueryAnomaly>> callback) const
{
    return list<Core::QueryAnomaly>(
        windowRequest(branchPath(org, db, branch) << u"insights"_s << u"anomalies"_s, query), context,
        Parsers::readQueryAnomaly, u"anomalies"_s, std::move(callback));
}

RequestId InsightsResource::getAnomaly(const QString &org, const QString &db, const QString &branch, const QString &id,
    QObject *context, Callback<Core::QueryAnomaly> callback) const
{
    return object<Core::QueryAnomaly>(
        ApiRequest::get(branchPath(org, db, branch) << u"insights"_s << u"anomalies"_s << id, u"read_database"_s),
        context, Parsers::readQueryAnomaly, u"anomaly"_s, std::move(callback));
}

} // namespace Api

#include "local/insightshandler.h"

#include "local/insightswindow.h"
#include "local/metastore.h"
#include "local/naming.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

const QString insightsRoute = u"/organizations/{organization}/databases/{database}/branches/{branch}/insights"_s;

constexpr double picosPerMs = 1e9;

// One digest row turned into the API's pattern, with the exact total kept for sorting (the API's
// sum_total_duration_millis is an integer and would tie fast patterns).
struct Pattern
{
    QJsonObject json;
    double totalMs = 0;
};

// The numeric or text value a `sort` name orders by; empty for names the sandbox has no data for (they
// keep the total-time order).
QJsonValue sortValue(const Pattern &p, const QString &sort)
{
    static const QHash<QString, QString> fields { { u"keyspace"_s, u"keyspace"_s }, { u"query"_s, u"normalized_sql"_s },
        { u"lastRun"_s, u"last_run_at"_s }, { u"count"_s, u"query_count"_s }, { u"errorCount"_s, u"error_count"_s },
        { u"rowsRead"_s, u"sum_rows_read"_s }, { u"rowsAffected"_s, u"sum_rows_affected"_s },
        { u"rowsReturned"_s, u"sum_rows_returned"_s }, { u"rowsReadPerReturned"_s, u"rows_read_per_returned"_s },
        { u"rowsReadPerQuery"_s, u"rows_read_per_query"_s },
        { u"rowsReturnedPerQuery"_s, u"rows_returned_per_query"_s },
        { u"rowsAffectedPerQuery"_s, u"rows_affected_per_query"_s }, { u"p50Latency"_s, u"p50_latency"_s },
        { u"p99Latency"_s, u"p99_latency"_s }, { u"maxLatency"_s, u"max_latency"_s } };
    if (sort == u"totalTime"_s || sort == u"percentTime"_s)
        return p.totalMs;
    if (sort == u"table"_s || sort == u"qualifiedTable"_s) {
        const QJsonArray tables = p.json.value(u"tables"_s).toArray();
        return tables.isEmpty() ? QString() : tables.first().toString();
    }
    const QString field = fields.value(sort);
    return field.isEmpty() ? QJsonValue(p.totalMs) : p.json.value(field);
}

bool lessThan(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isString() || b.isString())
        return a.toString() < b.toString();
    return a.toDouble() < b.toDouble();
}

} // namespace

HttpAnswer InsightsHandler::handle(const HttpCall &call)
{
    const QStringList &s = call.segments;
    auto branch = m_services.meta->branch(s[3], s[5]);
    if (!branch)
        return HttpAnswer::internal(branch.error().message);
    if (!*branch)
        return HttpAnswer::notFound();
    if (call.method != u"GET"_s)
        return HttpAnswer::notFound();
    const Row &b = **branch;
    HttpAnswer answer = HttpAnswer::notFound();
    QString route;
    if (s[6] == u"metrics"_s) {
        if (s.size() == 8 && s[7] == u"query"_s) {
            answer = m_metrics.query(call, b);
            route = u"/organizations/{organization}/databases/{database}/branches/{branch}/metrics/query"_s;
        }
        answer.route = route;
        return answer;
    }
    if (s.size() == 7) {
        answer = listQueries(call, b);
        route = insightsRoute;
    } else if (s.size() == 8 && s[7] == u"errors"_s) {
        answer = m_errors.list(call, b);
        route = insightsRoute + u"/errors"_s;
    } else if (s.size() == 9 && s[7] == u"errors"_s) {
        answer = m_executions.errorQueries(call, b, s[8]);
        route = insightsRoute + u"/errors/{fingerprint}"_s;
    } else if (s.size() == 8 && s[7] == u"anomalies"_s) {
        answer = m_metrics.anomalies(call, b);
        route = insightsRoute + u"/anomalies"_s;
    } else if (s.size() == 9 && s[7] == u"anomalies"_s) {
        answer = m_metrics.anomaly(b, s[8]);
        route = insightsRoute + u"/anomalies/{id}"_s;
    } else if (s.size() == 8) {
        answer = m_executions.statistics(call, b, s[7]);
        route = insightsRoute + u"/{fingerprint}"_s;
    } else if (s.size() == 9 && s[8] == u"summary"_s) {
        answer = summary(call, b, s[7]);
        route = insightsRoute + u"/{fingerprint}/summary"_s;
    }
    answer.route = route;
    return answer;
}

double InsightsHandler::percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1));
}

QStringList InsightsHandler::tablesOf(const QString &digestText)
{
    static const QRegularExpression table(u"\\b(?:FROM|JOIN|INTO|UPDATE)\\s+`([^`]+)`(?:\\s*\\.\\s*`([^`]+)`)?"_s,
        QRegularExpression::CaseInsensitiveOption);
    QStringList tables;
    for (auto it = table.globalMatch(digestText); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(2).isEmpty() ? m.captured(1) : m.captured(2);
        if (!tables.contains(name))
            tables.append(name);
    }
    return tables;
}

Core::Result<QHash<QString, QList<double>>> InsightsHandler::latencySamples(
    const QString &schema, const InsightsWindow &window, const QString &fingerprint)
{
    SqlSession &s = *m_services.session;
    QString sql = u"SELECT digest, latency_ms FROM "_s + m_services.meta->table(u"insights_samples"_s)
        + u" WHERE schema_name = "_s + s.quote(schema);
    if (!fingerprint.isEmpty())
        sql += u" AND digest = "_s + s.quote(fingerprint);
    if (window.from.isValid())
        sql += u" AND at >= "_s + s.quote(Naming::sqlTimestamp(window.from));
    if (window.to.isValid())
        sql += u" AND at <= "_s + s.quote(Naming::sqlTimestamp(window.to));
    auto rows = s.query(sql + u" ORDER BY digest, latency_ms"_s);
    if (!rows)
        return rows.error();
    QHash<QString, QList<double>> samples;
    for (const Row &row : *rows)
        samples[row.value(u"digest"_s)].append(row.value(u"latency_ms"_s).toDouble());
    return samples;
}

HttpAnswer InsightsHandler::summary(const HttpCall &call, const Row &branch, const QString &fingerprint)
{
    const QString keyspace = call.query.queryItemValue(u"keyspace"_s);
    if (keyspace.isEmpty())
        return HttpAnswer::unprocessable(u"keyspace is required."_s);
    if (keyspace != branch.value(u"database_name"_s))
        return HttpAnswer::notFound();
    // The pattern as the list shows it (same figures, same window), alone.
    HttpAnswer list = listQueries(call, branch, fingerprint);
    if (list.status != 200)
        return list;
    const QJsonArray data = list.body.toObject().value(u"data"_s).toArray();
    if (data.isEmpty())
        return HttpAnswer::notFound();
    return HttpAnswer::json(data.first().toObject());
}

HttpAnswer InsightsHandler::listQueries(const HttpCall &call, const Row &branch, const QString &fingerprint)
{
    SqlSession &s = *m_services.session;
    const QUrlQuery &query = call.query;
    const QString sort = query.queryItemValue(u"sort"_s).isEmpty() ? u"totalTime"_s : query.queryItemValue(u"sort"_s);
    const QString dir = query.queryItemValue(u"dir"_s).isEmpty() ? u"desc"_s : query.queryItemValue(u"dir"_s);
    if (dir != u"asc"_s && dir != u"desc"_s)
        return HttpAnswer::unprocessable(u"dir must be asc or desc."_s);
    auto window = InsightsWindow::parse(query);
    if (!window)
        return HttpAnswer::unprocessable(window.error().message);

    auto enabled = s.queryRow(u"SELECT @@performance_schema AS on_"_s);
    if (!enabled)
        return HttpAnswer::internal(enabled.error().message);
    if (enabled->value(u"on_"_s) != u"1"_s) {
        return HttpAnswer::error(503, u"insights_unavailable"_s,
            u"Query Insights needs performance_schema: start the sandbox's MariaDB with --performance-schema=ON."_s);
    }
    const QString tabletType = query.queryItemValue(u"tablet_type"_s);
    // The sandbox has one server: everything ran on the primary, nothing on replicas.
    if (!tabletType.isEmpty() && tabletType != u"primary"_s)
        return HttpAnswer::json(listEnvelope({}, query));

    const QString schema = branch.value(u"schema_name"_s);
    auto rows = s.query(u"SELECT DIGEST, DIGEST_TEXT, COUNT_STAR, SUM_ERRORS, SUM_TIMER_WAIT, MAX_TIMER_WAIT,"
                        u" SUM_ROWS_EXAMINED, SUM_ROWS_SENT, SUM_ROWS_AFFECTED, UNIX_TIMESTAMP(LAST_SEEN) AS last_seen"
                        u" FROM performance_schema.events_statements_summary_by_digest WHERE SCHEMA_NAME = "_s
        + s.quote(schema) + u" AND DIGEST IS NOT NULL"_s);
    if (!rows)
        return HttpAnswer::internal(rows.error().message);
    // Sampling first (as the series do): the statements still in the history ring join the stored ones.
    if (auto sampled = m_sampler.sample(); !sampled)
        return HttpAnswer::internal(sampled.error().message);
    auto samples = latencySamples(schema, *window, fingerprint);
    if (!samples)
        return HttpAnswer::internal(samples.error().message);

    const QString text = query.queryItemValue(u"q"_s);
    const QString type = query.queryItemValue(u"type"_s);
    std::vector<Pattern> patterns;
    double branchTotalMs = 0;
    for (const Row &row : *rows) {
        const QString sql = row.value(u"DIGEST_TEXT"_s).trimmed();
        const QString statementType = sql.section(u' ', 0, 0).toUpper();
        const QDateTime lastSeen
            = QDateTime::fromMSecsSinceEpoch(qint64(row.value(u"last_seen"_s).toDouble() * 1000), Qt::UTC);
        const double totalMs = row.value(u"SUM_TIMER_WAIT"_s).toDouble() / picosPerMs;
        branchTotalMs += totalMs;
        if ((!text.isEmpty() && !sql.contains(text, Qt::CaseInsensitive))
            || (!type.isEmpty() && statementType != type.toUpper()) || !window->contains(lastSeen))
            continue;
        const QString digest = row.value(u"DIGEST"_s);
        if (!fingerprint.isEmpty() && digest != fingerprint)
            continue;
        const qint64 count = row.value(u"COUNT_STAR"_s).toLongLong();
        const qint64 read = row.value(u"SUM_ROWS_EXAMINED"_s).toLongLong();
        const qint64 sent = row.value(u"SUM_ROWS_SENT"_s).toLongLong();
        const qint64 affected = row.value(u"SUM_ROWS_AFFECTED"_s).toLongLong();
        // The digest's maximum counts since the server's last reset; the stored samples can be older (a
        // restart in the window), so the maximum is the larger of both and p50 ≤ p99 ≤ max holds.
        const QList<double> latencies = samples->value(digest);
        const double maxMs = std::max(
            row.value(u"MAX_TIMER_WAIT"_s).toDouble() / picosPerMs, latencies.isEmpty() ? 0.0 : latencies.last());
        const double perQuery = count > 0 ? totalMs / double(count) : 0;
        // No sample in the window (pruned, or a window before them): the maximum and the mean stand in.
        const double p99 = latencies.isEmpty() ? maxMs : percentile(latencies, 99);
        const double p50 = latencies.isEmpty() ? std::min(perQuery, p99) : percentile(latencies, 50);
        const auto per = [count](qint64 v) { return count > 0 ? double(v) / double(count) : 0.0; };
        QJsonArray tables;
        QJsonArray qualified;
        for (const QString &t : tablesOf(sql)) {
            tables.append(t);
            qualified.append(QString(branch.value(u"database_name"_s) + u'.' + t));
        }
        Pattern p;
        p.totalMs = totalMs;
        p.json = QJsonObject { { u"id"_s, digest }, { u"fingerprint"_s, digest },
            { u"statement_type"_s, statementType }, { u"keyspace"_s, branch.value(u"database_name"_s) },
            { u"normalized_sql"_s, sql },
            { u"syntax_highlighted_sql"_s, QString(u"<pre class=\"sql\">"_s + sql.toHtmlEscaped() + u"</pre>"_s) },
            { u"multishard"_s, false }, { u"query_count"_s, count },
            { u"error_count"_s, row.value(u"SUM_ERRORS"_s).toLongLong() }, { u"tables"_s, tables },
            { u"qualified_tables"_s, qualified }, { u"table_keyspaces"_s, QJsonArray() },
            { u"index_usages"_s, QJsonArray() }, { u"routing_index_usages"_s, QJsonArray() },
            { u"sum_shard_queries"_s, count }, { u"max_shard_queries"_s, 1 }, { u"avg_shard_queries"_s, 1.0 },
            { u"avg_parallel_workers"_s, 1.0 }, { u"sum_rows_read"_s, read }, { u"sum_rows_affected"_s, affected },
            { u"sum_rows_returned"_s, sent },
            { u"rows_read_per_returned"_s, sent > 0 ? double(read) / double(sent) : double(read) },
            { u"rows_read_per_query"_s, per(read) }, { u"rows_returned_per_query"_s, per(sent) },
            { u"rows_affected_per_query"_s, per(affected) },
            { u"sum_total_duration_millis"_s, qint64(std::llround(totalMs)) }, { u"sum_total_duration_percent"_s, 0.0 },
            { u"sum_cpu_duration_millis"_s, 0 }, { u"sum_cpu_duration_percent"_s, 0.0 },
            { u"sum_io_duration_millis"_s, 0 }, { u"sum_io_duration_percent"_s, 0.0 },
            { u"last_run_at"_s, Naming::isoTimestamp(lastSeen) }, { u"time_per_query"_s, perQuery },
            { u"p50_latency"_s, p50 }, { u"p99_latency"_s, p99 }, { u"max_latency"_s, maxMs }, { u"egress_bytes"_s, 0 },
            { u"egress_bytes_per_query"_s, 0.0 }, { u"max_egress_bytes"_s, 0 }, { u"ingress_bytes"_s, 0 },
            { u"ingress_bytes_per_query"_s, 0.0 }, { u"max_ingress_bytes"_s, 0 }, { u"blocks_read"_s, 0 },
            { u"blocks_hit"_s, 0 }, { u"block_cache_hit_ratio"_s, 0.0 }, { u"blocks_dirtied"_s, 0 },
            { u"blocks_written"_s, 0 }, { u"traffic_control_warnings"_s, 0 }, { u"traffic_control_throttled"_s, 0 },
            { u"traffic_control_checked"_s, 0 } };
        patterns.push_back(std::move(p));
    }
    for (Pattern &p : patterns)
        p.json.insert(u"sum_total_duration_percent"_s, branchTotalMs > 0 ? 100.0 * p.totalMs / branchTotalMs : 0.0);

    const bool descending = dir == u"desc"_s;
    std::stable_sort(patterns.begin(), patterns.end(), [&](const Pattern &a, const Pattern &b) {
        const QJsonValue va = sortValue(a, sort);
        const QJsonValue vb = sortValue(b, sort);
        if (lessThan(va, vb) || lessThan(vb, va))
            return descending ? lessThan(vb, va) : lessThan(va, vb);
        // Equal keys: a fixed order, so pages do not overlap.
        return a.json.value(u"fingerprint"_s).toString() < b.json.value(u"fingerprint"_s).toString();
    });
    QJsonArray items;
    for (const Pattern &p : patterns)
        items.append(p.json);
    return HttpAnswer::json(listEnvelope(items, query));
}

} // namespace Local

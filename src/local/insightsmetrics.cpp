#include "local/insightsmetrics.h"

#include "local/insightshandler.h"
#include "local/insightswindow.h"
#include "local/metastore.h"
#include "local/naming.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

const QStringList sumMetrics { u"queries"_s, u"query_errors"_s, u"total_duration_millis"_s, u"rows_read"_s,
    u"rows_returned"_s, u"rows_written"_s, u"rows_read_per_query"_s, u"rows_returned_per_query"_s,
    u"rows_read_per_returned"_s };
const QHash<QString, double> latencyMetrics { { u"latency_min"_s, 0 }, { u"latency_p50"_s, 50 },
    { u"latency_p95"_s, 95 }, { u"latency_p99"_s, 99 }, { u"latency_p999"_s, 99.9 }, { u"latency_max"_s, 100 } };

struct Step
{
    double queries = 0;
    double errors = 0;
    double totalMs = 0;
    double read = 0;
    double returned = 0;
    double affected = 0;
    QList<double> latencies; // ascending
};

QJsonValue sumValue(const QString &metric, const Step &step)
{
    const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    if (metric == u"queries"_s)
        return step.queries;
    if (metric == u"query_errors"_s)
        return step.errors;
    if (metric == u"total_duration_millis"_s)
        return step.totalMs;
    if (metric == u"rows_read"_s)
        return step.read;
    if (metric == u"rows_returned"_s)
        return step.returned;
    if (metric == u"rows_written"_s)
        return step.affected;
    if (metric == u"rows_read_per_query"_s)
        return ratio(step.read, step.queries);
    if (metric == u"rows_returned_per_query"_s)
        return ratio(step.returned, step.queries);
    return ratio(step.read, step.returned);
}

} // namespace

HttpAnswer InsightsMetrics::query(const HttpCall &call, const Row &branch)
{
    SqlSession &s = *m_services.session;
    const MetaStore &meta = *m_services.meta;
    const QUrlQuery &q = call.query;
    auto window = InsightsWindow::parse(q, u"12h"_s);
    if (!window)
        return HttpAnswer::unprocessable(window.error().message);
    if (window->to <= window->from)
        return HttpAnswer::unprocessable(u"from must be before to."_s);
    QStringList metrics = q.queryItemValue(u"metrics"_s).split(u',', Qt::SkipEmptyParts);
    if (metrics.isEmpty())
        metrics = { u"queries"_s, u"latency_p50"_s, u"latency_p99"_s };
    for (const QString &m : metrics) {
        if (!sumMetrics.contains(m) && !latencyMetrics.contains(m))
            return HttpAnswer::unprocessable(u"The sandbox keeps no metric named "_s + m + u'.');
    }
    const qint64 span = window->from.secsTo(window->to);
    bool stepsOk = true;
    const QString stepsText = q.queryItemValue(u"steps"_s);
    const int steps = stepsText.isEmpty() ? int(std::clamp<qint64>(span / 60, 1, 60)) : stepsText.toInt(&stepsOk);
    if (!stepsOk || steps < 1 || steps > 1440)
        return HttpAnswer::unprocessable(u"steps must be between 1 and 1440."_s);
    // Whole minutes per step: the buckets are minutes.
    const qint64 interval = std::max<qint64>(60, qint64(std::ceil(double(span) / steps / 60.0)) * 60);
    const qint64 start = window->from.toSecsSinceEpoch() / interval * interval;
    const qint64 count = (window->to.toSecsSinceEpoch() - start) / interval + 1;
    const qint64 end = start + count * interval;

    if (auto sampled = m_sampler.sample(); !sampled)
        return HttpAnswer::internal(sampled.error().message);
    const QString fingerprint = q.queryItemValue(u"fingerprint"_s);
    const QString keyspace = q.queryItemValue(u"keyspace"_s);
    const bool otherKeyspace = !keyspace.isEmpty() && keyspace != branch.value(u"database_name"_s);
    QString where = u" WHERE schema_name = "_s + s.quote(branch.value(u"schema_name"_s));
    if (!fingerprint.isEmpty())
        where += u" AND digest = "_s + s.quote(fingerprint);
    if (otherKeyspace)
        where += u" AND FALSE"_s;
    const QString range = u" >= FROM_UNIXTIME(%1) AND %2 < FROM_UNIXTIME(%3)"_s;
    const QString stepOf = u"FLOOR((UNIX_TIMESTAMP(%1) - %2) / %3) AS step"_s;
    auto sums = s.query(u"SELECT "_s + stepOf.arg(u"minute"_s).arg(start).arg(interval)
        + u", SUM(queries) AS queries, SUM(errors) AS errors, SUM(total_ms) AS total_ms, SUM(rows_read) AS rows_read,"
          u" SUM(rows_returned) AS rows_returned, SUM(rows_affected) AS rows_affected FROM "_s
        + meta.table(u"insights_minutes"_s) + where + u" AND minute"_s + range.arg(start).arg(u"minute"_s).arg(end)
        + u" GROUP BY step"_s);
    if (!sums)
        return HttpAnswer::internal(sums.error().message);
    std::vector<Step> buckets(static_cast<size_t>(count));
    for (const Row &row : *sums) {
        const qint64 i = row.value(u"step"_s).toLongLong();
        if (i < 0 || i >= count)
            continue;
        Step &b = buckets[size_t(i)];
        b.queries = row.value(u"queries"_s).toDouble();
        b.errors = row.value(u"errors"_s).toDouble();
        b.totalMs = row.value(u"total_ms"_s).toDouble();
        b.read = row.value(u"rows_read"_s).toDouble();
        b.returned = row.value(u"rows_returned"_s).toDouble();
        b.affected = row.value(u"rows_affected"_s).toDouble();
    }
    const bool wantsLatency
        = std::any_of(metrics.begin(), metrics.end(), [](const QString &m) { return latencyMetrics.contains(m); });
    if (wantsLatency) {
        auto samples = s.query(u"SELECT "_s + stepOf.arg(u"at"_s).arg(start).arg(interval) + u", latency_ms FROM "_s
            + meta.table(u"insights_samples"_s) + where + u" AND at"_s + range.arg(start).arg(u"at"_s).arg(end)
            + u" ORDER BY step, latency_ms"_s);
        if (!samples)
            return HttpAnswer::internal(samples.error().message);
        for (const Row &row : *samples) {
            const qint64 i = row.value(u"step"_s).toLongLong();
            if (i >= 0 && i < count)
                buckets[size_t(i)].latencies.append(row.value(u"latency_ms"_s).toDouble());
        }
    }

    QJsonArray series;
    for (const QString &metric : metrics) {
        QJsonArray points;
        for (qint64 i = 0; i < count; ++i) {
            const Step &b = buckets[size_t(i)];
            QJsonValue value;
            if (!latencyMetrics.contains(metric))
                value = sumValue(metric, b);
            else if (!b.latencies.isEmpty())
                value = metric == u"latency_min"_s ? b.latencies.first()
                                                   : InsightsHandler::percentile(b.latencies, latencyMetrics[metric]);
            else
                value = QJsonValue(QJsonValue::Null);
            points.append(QJsonArray { start + i * interval, value });
        }
        const QJsonObject one { { u"metric"_s, metric },
            { u"fingerprint"_s, fingerprint.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(fingerprint) },
            { u"points"_s, points } };
        series.append(QString::fromUtf8(QJsonDocument(one).toJson(QJsonDocument::Compact)));
    }
    return HttpAnswer::json(QJsonObject { { u"type"_s, u"query"_s },
        { u"start_date"_s, Naming::isoTimestamp(QDateTime::fromSecsSinceEpoch(start, Qt::UTC)) },
        { u"end_date"_s, Naming::isoTimestamp(QDateTime::fromSecsSinceEpoch(end, Qt::UTC)) },
        { u"interval"_s, interval }, { u"series"_s, series } });
}

HttpAnswer InsightsMetrics::anomalies(const HttpCall &call, const Row &branch)
{
    auto window = InsightsWindow::parse(call.query, u"1d"_s);
    if (!window)
        return HttpAnswer::unprocessable(window.error().message);
    if (auto sampled = m_sampler.sample(); !sampled)
        return HttpAnswer::internal(sampled.error().message);
    auto items = find(branch, *window);
    if (!items)
        return HttpAnswer::internal(items.error().message);
    return HttpAnswer::json(listEnvelope(*items, call.query));
}

HttpAnswer InsightsMetrics::anomaly(const Row &branch, const QString &id)
{
    if (auto sampled = m_sampler.sample(); !sampled)
        return HttpAnswer::internal(sampled.error().message);
    // The id names the branch and the anomaly's first minute, not the window it was listed in: the list's
    // default window (a day), then everything kept, find it as the list showed it.
    for (const QString &period : { u"1d"_s, QStringLiteral("%1d").arg(InsightsSampler::keepDays) }) {
        auto window = InsightsWindow::parse(QUrlQuery { { u"period"_s, period } }, period);
        if (!window)
            return HttpAnswer::internal(window.error().message);
        auto items = find(branch, *window);
        if (!items)
            return HttpAnswer::internal(items.error().message);
        for (const QJsonValue &item : *items) {
            if (item.toObject().value(u"id"_s).toString() == id)
                return HttpAnswer::json(item.toObject());
        }
    }
    return HttpAnswer::notFound();
}

Core::Result<QJsonArray> InsightsMetrics::find(const Row &branch, const InsightsWindow &window)
{
    SqlSession &s = *m_services.session;
    const MetaStore &meta = *m_services.meta;
    const QString schema = branch.value(u"schema_name"_s);
    auto rows = s.query(u"SELECT digest, FLOOR(UNIX_TIMESTAMP(at) / 60) AS minute, latency_ms FROM "_s
        + meta.table(u"insights_samples"_s) + u" WHERE schema_name = "_s + s.quote(schema) + u" AND at >= "_s
        + s.quote(Naming::sqlTimestamp(window.from)) + u" AND at <= "_s + s.quote(Naming::sqlTimestamp(window.to))
        + u" ORDER BY digest, minute, latency_ms"_s);
    if (!rows)
        return rows.error();
    // digest → minute → ascending latencies
    std::map<QString, std::map<qint64, QList<double>>> byDigest;
    for (const Row &row : *rows)
        byDigest[row.value(u"digest"_s)][row.value(u"minute"_s).toLongLong()].append(
            row.value(u"latency_ms"_s).toDouble());
    std::map<qint64, std::set<QString>> violations; // minute → digests in violation
    for (const auto &[digest, minutes] : byDigest) {
        if (minutes.size() < size_t(minBaselineMinutes))
            continue;
        QList<double> p99s;
        for (const auto &[minute, latencies] : minutes)
            p99s.append(InsightsHandler::percentile(latencies, 99));
        std::sort(p99s.begin(), p99s.end());
        const double baseline = InsightsHandler::percentile(p99s, 50);
        for (const auto &[minute, latencies] : minutes) {
            const double p99 = InsightsHandler::percentile(latencies, 99);
            if (p99 > violationFactor * baseline && p99 - baseline >= 1.0)
                violations[minute].insert(digest);
        }
    }
    auto texts = s.query(u"SELECT DIGEST, DIGEST_TEXT FROM performance_schema.events_statements_summary_by_digest"
                         u" WHERE SCHEMA_NAME = "_s
        + s.quote(schema) + u" AND DIGEST IS NOT NULL"_s);
    QHash<QString, QString> sqlOf;
    if (texts) {
        for (const Row &row : *texts)
            sqlOf.insert(row.value(u"DIGEST"_s), row.value(u"DIGEST_TEXT"_s).trimmed());
    }

    const qint64 nowMinute = QDateTime::currentSecsSinceEpoch() / 60;
    QJsonArray items;
    for (auto it = violations.begin(); it != violations.end();) {
        // One anomaly per run of consecutive minutes in violation.
        const qint64 first = it->first;
        qint64 last = first;
        std::map<QString, int> minutesOf;
        while (it != violations.end() && it->first <= last + 1) {
            last = it->first;
            for (const QString &d : it->second)
                ++minutesOf[d];
            ++it;
        }
        const qint64 length = last - first + 1;
        const QDateTime begin = QDateTime::fromSecsSinceEpoch(first * 60, Qt::UTC);
        const QDateTime finish = QDateTime::fromSecsSinceEpoch((last + 1) * 60, Qt::UTC);
        QJsonArray correlations;
        for (const auto &[digest, n] : minutesOf) {
            const QString sql = sqlOf.value(digest);
            correlations.append(QJsonObject { { u"id"_s, QString(digest + u'-' + QString::number(first)) },
                { u"r"_s, double(n) / double(length) }, { u"keyspace"_s, branch.value(u"database_name"_s) },
                { u"fingerprint"_s, digest }, { u"normalized_sql"_s, sql },
                { u"syntax_highlighted_sql"_s, QString(u"<pre class=\"sql\">"_s + sql.toHtmlEscaped() + u"</pre>"_s) },
                { u"tablet_type"_s, u"primary"_s } });
        }
        const QByteArray key = (schema + u':' + QString::number(first)).toUtf8();
        items.prepend(QJsonObject { // newest first
            { u"id"_s, QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Md5).toHex()) },
            { u"period_start"_s, Naming::isoTimestamp(begin) }, { u"period_end"_s, Naming::isoTimestamp(finish) },
            { u"minutes_in_violation"_s, length }, { u"active"_s, last >= nowMinute - 1 },
            { u"duration"_s, double(length * 60) },
            { u"metrics_start"_s, Naming::isoTimestamp(begin.addSecs(-30 * 60)) },
            { u"metrics_end"_s, Naming::isoTimestamp(finish.addSecs(30 * 60)) }, { u"correlations"_s, correlations } });
    }
    return items;
}

} // namespace Local

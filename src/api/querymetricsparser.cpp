#include "api/querymetricsparser.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Api::Parsers {

namespace {

Core::Result<Core::MetricSeries> readSeries(const QJsonValue &item, const QString &path)
{
    QJsonObject object = item.toObject();
    if (item.isString()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(item.toString().toUtf8(), &error);
        if (!doc.isObject())
            return JsonReader::parseError(path + u": expected the JSON text of a series"_s);
        object = doc.object();
    } else if (!item.isObject()) {
        return JsonReader::parseError(path + u": expected a series, found "_s + JsonReader::describeType(item));
    }
    Core::MetricSeries series;
    series.metric = object.value(u"metric"_s).toString();
    series.fingerprint = object.value(u"fingerprint"_s).toString();
    if (series.metric.isEmpty())
        return JsonReader::parseError(path + u".metric: missing"_s);
    const QJsonArray points = object.value(u"points"_s).toArray();
    for (qsizetype i = 0; i < points.size(); ++i) {
        const QJsonArray pair = points.at(i).toArray();
        if (pair.size() != 2 || !pair.at(0).isDouble() || !(pair.at(1).isDouble() || pair.at(1).isNull()))
            return JsonReader::parseError(path + u".points["_s + QString::number(i) + u"]: expected [time, value]"_s);
        Core::MetricPoint point;
        point.at = QDateTime::fromSecsSinceEpoch(qint64(pair.at(0).toDouble()), Qt::UTC);
        if (pair.at(1).isDouble())
            point.value = pair.at(1).toDouble();
        series.points.append(point);
    }
    return series;
}

} // namespace

Core::Result<Core::QueryMetrics> parseQueryMetrics(const QJsonValue &json)
{
    QJsonArray items;
    auto metrics = readObject<Core::QueryMetrics>(json, u"query metrics"_s, [&items](JsonReader &r) {
        for (const char *key : { "start_date", "end_date", "interval", "series" })
            r.require(key);
        Core::QueryMetrics m;
        m.start = r.dateTime("start_date");
        m.end = r.dateTime("end_date");
        m.intervalSeconds = r.integer("interval");
        items = r.array("series");
        return m;
    });
    if (!metrics)
        return metrics;
    for (qsizetype i = 0; i < items.size(); ++i) {
        auto series = readSeries(items.at(i), u"query metrics.series["_s + QString::number(i) + u']');
        if (!series)
            return series.error();
        metrics->series.append(std::move(series).value());
    }
    return metrics;
}

Core::QueryAnomaly readQueryAnomaly(JsonReader &r)
{
    for (const char *key : { "id", "period_start", "period_end", "minutes_in_violation", "active", "duration",
             "metrics_start", "metrics_end" }) {
        r.require(key);
    }
    Core::QueryAnomaly a;
    a.id = r.string("id");
    a.periodStart = r.dateTime("period_start");
    a.periodEnd = r.dateTime("period_end");
    a.minutesInViolation = r.integer("minutes_in_violation");
    a.active = r.boolean("active");
    a.durationSeconds = r.number("duration");
    a.correlations = r.list<Core::AnomalyCorrelation>("correlations", [](JsonReader &c) {
        c.require("fingerprint");
        c.require("r");
        return Core::AnomalyCorrelation { c.string("fingerprint"), c.string("normalized_sql"), c.number("r") };
    });
    return a;
}

} // namespace Api::Parsers

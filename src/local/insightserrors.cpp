#include "local/insightserrors.h"

#include "local/naming.h"

#include <QCryptographicHash>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

struct ErrorGroup
{
    QString fingerprint;
    QString message;
    qint64 count = 0;
    double totalMs = 0;
    QDateTime last;
};

} // namespace

HttpAnswer InsightsErrors::list(const HttpCall &call, const Row &branch)
{
    SqlSession &s = *m_services.session;
    const QUrlQuery &query = call.query;
    const QString sort = query.queryItemValue(u"sort"_s).isEmpty() ? u"lastRun"_s : query.queryItemValue(u"sort"_s);
    const QString dir = query.queryItemValue(u"dir"_s).isEmpty() ? u"desc"_s : query.queryItemValue(u"dir"_s);
    static const QStringList sorts { u"error"_s, u"lastRun"_s, u"count"_s, u"totalTime"_s, u"timePerQuery"_s };
    if (!sorts.contains(sort) || (dir != u"asc"_s && dir != u"desc"_s))
        return HttpAnswer::unprocessable(u"sort must be one of error, lastRun, count, totalTime, timePerQuery;"
                                         u" dir asc or desc."_s);
    const QString tabletType = query.queryItemValue(u"tablet_type"_s);
    if (!tabletType.isEmpty() && tabletType != u"primary"_s)
        return HttpAnswer::json(listEnvelope({}, query));
    static const QHash<QString, qint64> periods { { u"15m"_s, 15 * 60 }, { u"1h"_s, 3600 }, { u"3h"_s, 3 * 3600 },
        { u"6h"_s, 6 * 3600 }, { u"12h"_s, 12 * 3600 }, { u"1d"_s, 86400 }, { u"2d"_s, 2 * 86400 },
        { u"7d"_s, 7 * 86400 }, { u"8d"_s, 8 * 86400 } };
    const QString period = query.queryItemValue(u"period"_s);
    if (!period.isEmpty() && !periods.contains(period))
        return HttpAnswer::unprocessable(u"period must be one of 15m, 1h, 3h, 6h, 12h, 1d, 2d, 7d, 8d."_s);
    QDateTime from = QDateTime::fromString(query.queryItemValue(u"from"_s), Qt::ISODateWithMs);
    const QDateTime to = QDateTime::fromString(query.queryItemValue(u"to"_s), Qt::ISODateWithMs);
    if (!period.isEmpty())
        from = QDateTime::currentDateTimeUtc().addSecs(-periods.value(period));

    // TIMER_START counts picoseconds from the server's start: the wall clock of an event is the start
    // time (now − uptime) plus it, to about a second.
    auto started = s.queryRow(u"SELECT UNIX_TIMESTAMP(NOW(6)) - VARIABLE_VALUE AS started FROM"
                              u" information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'UPTIME'"_s);
    if (!started)
        return HttpAnswer::internal(started.error().message);
    const double serverStart = started->value(u"started"_s).toDouble();
    auto rows = s.query(u"SELECT DIGEST, MYSQL_ERRNO, MESSAGE_TEXT, TIMER_WAIT, TIMER_START FROM"
                        u" performance_schema.events_statements_history_long WHERE CURRENT_SCHEMA = "_s
        + s.quote(branch.value(u"schema_name"_s)) + u" AND MYSQL_ERRNO > 0 ORDER BY TIMER_START"_s);
    if (!rows)
        return HttpAnswer::internal(rows.error().message);

    const QString text = query.queryItemValue(u"q"_s);
    QHash<QString, qsizetype> index;
    std::vector<ErrorGroup> groups;
    for (const Row &row : *rows) {
        const QString message = u"ERROR "_s + row.value(u"MYSQL_ERRNO"_s) + u": "_s + row.value(u"MESSAGE_TEXT"_s);
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(
            qint64((serverStart + row.value(u"TIMER_START"_s).toDouble() / 1e12) * 1000), Qt::UTC);
        if ((from.isValid() && at < from) || (to.isValid() && at > to)
            || (!text.isEmpty() && !message.contains(text, Qt::CaseInsensitive)))
            continue;
        const QByteArray key = (row.value(u"DIGEST"_s) + u':' + row.value(u"MYSQL_ERRNO"_s)).toUtf8();
        const QString fingerprint = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Md5).toHex());
        auto it = index.find(fingerprint);
        if (it == index.end()) {
            it = index.insert(fingerprint, qsizetype(groups.size()));
            groups.push_back(ErrorGroup { fingerprint, {}, 0, 0, {} });
        }
        ErrorGroup &g = groups[size_t(*it)];
        g.message = message; // rows come oldest first: the latest message wins
        g.count += 1;
        g.totalMs += row.value(u"TIMER_WAIT"_s).toDouble() / 1e9;
        g.last = at;
    }

    const bool descending = dir == u"desc"_s;
    const auto key = [&sort](const ErrorGroup &g) -> double {
        if (sort == u"count"_s)
            return double(g.count);
        if (sort == u"totalTime"_s)
            return g.totalMs;
        if (sort == u"timePerQuery"_s)
            return g.totalMs / double(g.count);
        return double(g.last.toMSecsSinceEpoch());
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const ErrorGroup &a, const ErrorGroup &b) {
        if (sort == u"error"_s && a.message != b.message)
            return descending ? a.message > b.message : a.message < b.message;
        if (sort != u"error"_s && key(a) != key(b))
            return descending ? key(a) > key(b) : key(a) < key(b);
        return a.fingerprint < b.fingerprint;
    });
    QJsonArray items;
    for (const ErrorGroup &g : groups) {
        items.append(QJsonObject { { u"id"_s, g.fingerprint }, { u"error_fingerprint"_s, g.fingerprint },
            { u"started_at"_s, Naming::isoTimestamp(g.last) },
            { u"total_duration_millis"_s, qint64(std::llround(g.totalMs)) },
            { u"time_per_query"_s, g.totalMs / double(g.count) }, { u"error_count"_s, g.count },
            { u"error_message"_s, g.message } });
    }
    return HttpAnswer::json(listEnvelope(items, query));
}

} // namespace Local

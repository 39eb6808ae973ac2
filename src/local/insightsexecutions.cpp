#include "local/insightsexecutions.h"

#include "local/insightshandler.h"
#include "local/insightswindow.h"
#include "local/naming.h"

#include <QCryptographicHash>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Local {

QString InsightsExecutions::errorFingerprint(const QString &digest, const QString &errorNumber)
{
    const QByteArray key = (digest + u':' + errorNumber).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Md5).toHex());
}

HttpAnswer InsightsExecutions::statistics(const HttpCall &call, const Row &branch, const QString &fingerprint)
{
    const QString keyspace = call.query.queryItemValue(u"keyspace"_s);
    if (keyspace.isEmpty())
        return HttpAnswer::unprocessable(u"keyspace is required."_s);
    if (keyspace != branch.value(u"database_name"_s))
        return HttpAnswer::json(listEnvelope({}, call.query));
    return answer(call, branch, u"e.DIGEST = "_s + m_services.session->quote(fingerprint));
}

HttpAnswer InsightsExecutions::errorQueries(const HttpCall &call, const Row &branch, const QString &errorFingerprint)
{
    // The fingerprint is a hash: match the failing events by recomputing it.
    return answer(call, branch, u"e.MYSQL_ERRNO > 0"_s, [errorFingerprint](const Row &row) {
        return InsightsExecutions::errorFingerprint(row.value(u"DIGEST"_s), row.value(u"MYSQL_ERRNO"_s))
            == errorFingerprint;
    });
}

HttpAnswer InsightsExecutions::answer(
    const HttpCall &call, const Row &branch, const QString &condition, const std::function<bool(const Row &)> &keep)
{
    SqlSession &s = *m_services.session;
    auto window = InsightsWindow::parse(call.query);
    if (!window)
        return HttpAnswer::unprocessable(window.error().message);
    // TIMER_START counts picoseconds from the server's start (see InsightsErrors).
    auto started = s.scalar(u"SELECT UNIX_TIMESTAMP(NOW(6)) - VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                            u" WHERE VARIABLE_NAME = 'UPTIME'"_s);
    if (!started)
        return HttpAnswer::internal(started.error().message);
    const double serverStart = started->toDouble();
    auto rows
        = s.query(u"SELECT e.THREAD_ID, e.EVENT_ID, e.DIGEST, e.DIGEST_TEXT, e.TIMER_START, e.TIMER_WAIT,"
                  u" e.ROWS_EXAMINED, e.ROWS_SENT, e.ROWS_AFFECTED, e.MYSQL_ERRNO, e.MESSAGE_TEXT,"
                  u" t.PROCESSLIST_USER, t.PROCESSLIST_HOST FROM performance_schema.events_statements_history_long e"
                  u" LEFT JOIN performance_schema.threads t ON t.THREAD_ID = e.THREAD_ID"
                  u" WHERE e.CURRENT_SCHEMA = "_s
            + s.quote(branch.value(u"schema_name"_s)) + u" AND e.DIGEST IS NOT NULL AND e.TIMER_WAIT IS NOT NULL AND "_s
            + condition + u" ORDER BY e.TIMER_START DESC"_s);
    if (!rows)
        return HttpAnswer::internal(rows.error().message);
    QJsonArray items;
    for (const Row &row : *rows) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(
            qint64((serverStart + row.value(u"TIMER_START"_s).toDouble() / 1e12) * 1000), Qt::UTC);
        if (!window->contains(at) || (keep && !keep(row)))
            continue;
        const QString sql = row.value(u"DIGEST_TEXT"_s).trimmed();
        const QString type = sql.section(u' ', 0, 0).toUpper();
        const bool failed = row.value(u"MYSQL_ERRNO"_s).toInt() > 0;
        QJsonArray tables;
        for (const QString &t : InsightsHandler::tablesOf(sql))
            tables.append(t);
        const QString user = row.value(u"PROCESSLIST_USER"_s);
        const QString stamp = Naming::isoTimestamp(at);
        items.append(QJsonObject { { u"id"_s, QString(row.value(u"THREAD_ID"_s) + u'-' + row.value(u"EVENT_ID"_s)) },
            { u"password"_s, QJsonObject { { u"username"_s, user } } }, { u"tags"_s, QJsonArray() },
            { u"fingerprint"_s, row.value(u"DIGEST"_s) }, { u"started_at"_s, stamp }, { u"statement_type"_s, type },
            { u"keyspace"_s, branch.value(u"database_name"_s) }, { u"tables"_s, tables }, { u"username"_s, user },
            { u"remote_address"_s, row.value(u"PROCESSLIST_HOST"_s) }, { u"shard_queries"_s, 1 },
            { u"rows_read"_s, row.value(u"ROWS_EXAMINED"_s).toLongLong() },
            { u"rows_affected"_s, row.value(u"ROWS_AFFECTED"_s).toLongLong() },
            { u"rows_returned"_s, row.value(u"ROWS_SENT"_s).toLongLong() },
            { u"total_duration_millis"_s, qint64(std::llround(row.value(u"TIMER_WAIT"_s).toDouble() / 1e9)) },
            { u"error_message"_s,
                failed ? QString(u"ERROR "_s + row.value(u"MYSQL_ERRNO"_s) + u": "_s + row.value(u"MESSAGE_TEXT"_s))
                       : QString() },
            { u"normalized_sql"_s, sql },
            { u"syntax_highlighted_sql"_s, QString(u"<pre class=\"sql\">"_s + sql.toHtmlEscaped() + u"</pre>"_s) },
            { u"created_at"_s, stamp }, { u"updated_at"_s, stamp },
            { u"explainable"_s, !failed && type == u"SELECT"_s }, { u"truncated"_s, false } });
    }
    return HttpAnswer::json(listEnvelope(items, call.query));
}

} // namespace Local

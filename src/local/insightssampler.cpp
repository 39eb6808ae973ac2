#include "local/insightssampler.h"

#include "local/metastore.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

constexpr double picosPerMs = 1e9;
constexpr qsizetype rowsPerInsert = 500;

// Appends `values` as multi-row INSERTs of at most rowsPerInsert rows.
Core::Result<void> insertRows(SqlSession &s, const QString &head, const QStringList &values, const QString &tail = {})
{
    for (qsizetype i = 0; i < values.size(); i += rowsPerInsert) {
        const QString sql = head + values.mid(i, rowsPerInsert).join(u',') + tail;
        if (auto done = s.exec(sql); !done)
            return done;
    }
    return {};
}

QString number(double v)
{
    return QString::number(v, 'g', 17);
}

} // namespace

Core::Result<void> InsightsSampler::sample()
{
    SqlSession &s = *m_services.session;
    auto enabled = s.scalar(u"SELECT @@performance_schema"_s);
    if (!enabled)
        return enabled.error();
    if (*enabled != u"1"_s)
        return {};
    // The lock row: one sampler at a time per server, whichever sandbox runs it.
    if (auto seeded = s.exec(u"INSERT IGNORE INTO "_s + m_services.meta->table(u"settings"_s)
            + u" (name, value) VALUES ('insights_watermark', '0:0')"_s);
        !seeded)
        return seeded;
    const QString minute = QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd HH:mm:00"_s);
    return s.transaction([&]() -> Core::Result<void> {
        if (auto locked = s.query(u"SELECT value FROM "_s + m_services.meta->table(u"settings"_s)
                + u" WHERE name = 'insights_watermark' FOR UPDATE"_s);
            !locked)
            return locked.error();
        if (auto done = sampleDigests(minute); !done)
            return done;
        if (auto done = sampleEvents(); !done)
            return done;
        const QString cutoff = u" < UTC_TIMESTAMP() - INTERVAL %1 DAY"_s.arg(keepDays);
        if (auto done
            = s.exec(u"DELETE FROM "_s + m_services.meta->table(u"insights_minutes"_s) + u" WHERE minute"_s + cutoff);
            !done)
            return done;
        return s.exec(u"DELETE FROM "_s + m_services.meta->table(u"insights_samples"_s) + u" WHERE at"_s + cutoff);
    });
}

Core::Result<void> InsightsSampler::sampleDigests(const QString &minute)
{
    SqlSession &s = *m_services.session;
    const MetaStore &meta = *m_services.meta;
    auto current
        = s.query(u"SELECT SCHEMA_NAME, DIGEST, COUNT_STAR, SUM_ERRORS, SUM_TIMER_WAIT, SUM_ROWS_EXAMINED,"
                  u" SUM_ROWS_SENT, SUM_ROWS_AFFECTED FROM performance_schema.events_statements_summary_by_digest"
                  u" WHERE DIGEST IS NOT NULL AND SCHEMA_NAME IN (SELECT schema_name FROM "_s
            + meta.table(u"branches"_s) + u')');
    if (!current)
        return current.error();
    auto stored = s.query(u"SELECT schema_name, digest, count_star, sum_errors, sum_ms, rows_read, rows_returned,"
                          u" rows_affected FROM "_s
        + meta.table(u"insights_digests"_s));
    if (!stored)
        return stored.error();
    QHash<QString, Row> before;
    for (const Row &row : *stored)
        before.insert(row.value(u"schema_name"_s) + u'/' + row.value(u"digest"_s), row);

    QStringList totals;
    QStringList buckets;
    for (const Row &row : *current) {
        const QString schema = row.value(u"SCHEMA_NAME"_s);
        const QString digest = row.value(u"DIGEST"_s);
        const qint64 count = row.value(u"COUNT_STAR"_s).toLongLong();
        const qint64 errors = row.value(u"SUM_ERRORS"_s).toLongLong();
        const double ms = row.value(u"SUM_TIMER_WAIT"_s).toDouble() / picosPerMs;
        const qint64 read = row.value(u"SUM_ROWS_EXAMINED"_s).toLongLong();
        const qint64 sent = row.value(u"SUM_ROWS_SENT"_s).toLongLong();
        const qint64 affected = row.value(u"SUM_ROWS_AFFECTED"_s).toLongLong();
        const Row old = before.value(schema + u'/' + digest);
        // Totals that went down were reset (server restart, TRUNCATE, a digest evicted and seen again):
        // everything counted now is new.
        const bool reset = old.isEmpty() || count < old.value(u"count_star"_s).toLongLong();
        const auto delta = [&](qint64 now, const char *column) {
            return reset ? now : std::max<qint64>(0, now - old.value(QString::fromLatin1(column)).toLongLong());
        };
        const qint64 dCount = delta(count, "count_star");
        if (dCount == 0 && !reset)
            continue;
        const double dMs = reset ? ms : std::max(0.0, ms - old.value(u"sum_ms"_s).toDouble());
        totals.append(u"(%1, %2, %3, %4, %5, %6, %7, %8)"_s.arg(s.quote(schema), s.quote(digest))
                          .arg(count)
                          .arg(errors)
                          .arg(number(ms))
                          .arg(read)
                          .arg(sent)
                          .arg(affected));
        if (dCount > 0) {
            buckets.append(u"(%1, %2, '%3', %4, %5, %6, %7, %8, %9)"_s.arg(s.quote(schema), s.quote(digest), minute)
                               .arg(dCount)
                               .arg(delta(errors, "sum_errors"))
                               .arg(number(dMs))
                               .arg(delta(read, "rows_read"))
                               .arg(delta(sent, "rows_returned"))
                               .arg(delta(affected, "rows_affected")));
        }
    }
    if (auto done = insertRows(s,
            u"INSERT INTO "_s + meta.table(u"insights_minutes"_s)
                + u" (schema_name, digest, minute, queries, errors, total_ms, rows_read, rows_returned,"
                  u" rows_affected) VALUES "_s,
            buckets,
            u" ON DUPLICATE KEY UPDATE queries = queries + VALUES(queries), errors = errors + VALUES(errors),"
            u" total_ms = total_ms + VALUES(total_ms), rows_read = rows_read + VALUES(rows_read),"
            u" rows_returned = rows_returned + VALUES(rows_returned),"
            u" rows_affected = rows_affected + VALUES(rows_affected)"_s);
        !done)
        return done;
    return insertRows(s,
        u"REPLACE INTO "_s + meta.table(u"insights_digests"_s)
            + u" (schema_name, digest, count_star, sum_errors, sum_ms, rows_read, rows_returned, rows_affected)"
              u" VALUES "_s,
        totals);
}

Core::Result<void> InsightsSampler::sampleEvents()
{
    SqlSession &s = *m_services.session;
    const MetaStore &meta = *m_services.meta;
    // TIMER_END counts picoseconds from the server's start: the watermark is "start:timer_end" and starts
    // over when the server did.
    auto started = s.scalar(u"SELECT UNIX_TIMESTAMP(NOW(6)) - VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                            u" WHERE VARIABLE_NAME = 'UPTIME'"_s);
    if (!started)
        return started.error();
    const double serverStart = started->toDouble();
    auto mark = s.scalar(u"SELECT value FROM "_s + meta.table(u"settings"_s) + u" WHERE name = 'insights_watermark'"_s);
    if (!mark)
        return mark.error();
    const double markStart = mark->section(u':', 0, 0).toDouble();
    QString timerEnd = mark->section(u':', 1, 1);
    if (std::abs(markStart - serverStart) > 2.0 || timerEnd.isEmpty())
        timerEnd = u"0"_s;

    auto events = s.query(u"SELECT CURRENT_SCHEMA, DIGEST, TIMER_END, TIMER_WAIT FROM"
                          u" performance_schema.events_statements_history_long WHERE TIMER_END > "_s
        + QString::number(timerEnd.toULongLong())
        + u" AND DIGEST IS NOT NULL AND TIMER_WAIT IS NOT NULL AND CURRENT_SCHEMA IN (SELECT schema_name FROM "_s
        + meta.table(u"branches"_s) + u") ORDER BY TIMER_END"_s);
    if (!events)
        return events.error();
    QStringList values;
    quint64 last = timerEnd.toULongLong();
    for (const Row &row : *events) {
        const quint64 end = row.value(u"TIMER_END"_s).toULongLong();
        last = std::max(last, end);
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64((serverStart + double(end) / 1e12) * 1000), Qt::UTC);
        values.append(
            u"(%1, %2, '%3', %4)"_s.arg(s.quote(row.value(u"CURRENT_SCHEMA"_s)), s.quote(row.value(u"DIGEST"_s)),
                at.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s), number(row.value(u"TIMER_WAIT"_s).toDouble() / picosPerMs)));
    }
    if (auto done = insertRows(s,
            u"INSERT INTO "_s + meta.table(u"insights_samples"_s) + u" (schema_name, digest, at, latency_ms) VALUES "_s,
            values);
        !done)
        return done;
    return s.exec(u"UPDATE "_s + meta.table(u"settings"_s) + u" SET value = "_s
        + s.quote(number(serverStart) + u':' + QString::number(last)) + u" WHERE name = 'insights_watermark'"_s);
}

} // namespace Local

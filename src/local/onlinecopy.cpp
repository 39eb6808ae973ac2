#include "local/onlinecopy.h"

#include <QElapsedTimer>
#include <QThread>

#include <mysqld_error.h>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

QStringList prefixed(const QStringList &columns, const QString &prefix)
{
    QStringList out;
    for (const QString &column : columns)
        out << prefix + SqlSession::ident(column);
    return out;
}

QString joined(const QStringList &columns)
{
    return prefixed(columns, QString()).join(u", "_s);
}

} // namespace

QString OnlineCopy::qualified(const QString &table) const
{
    return SqlSession::ident(m_plan.schema) + u'.' + SqlSession::ident(table);
}

QStringList OnlineCopy::triggerNames(const QString &prefix)
{
    return { prefix + u"_ti"_s, prefix + u"_tu"_s, prefix + u"_td"_s };
}

QString OnlineCopy::keyMatch(const QString &alias, const QString &prefix) const
{
    QStringList parts;
    for (const QString &column : m_plan.key)
        parts << alias + SqlSession::ident(column) + u" = "_s + prefix + SqlSession::ident(column);
    return parts.join(u" AND "_s);
}

QString OnlineCopy::insertRow(const QString &prefix) const
{
    QStringList updates;
    for (const QString &column : m_plan.columns)
        updates << SqlSession::ident(column) + u" = VALUES("_s + SqlSession::ident(column) + u')';
    const QString odku = u" ON DUPLICATE KEY UPDATE "_s + updates.join(u", "_s);
    if (m_plan.fillFrom.isEmpty())
        return u"INSERT INTO "_s + qualified(m_plan.shadow) + u" ("_s + joined(m_plan.columns) + u") VALUES ("_s
            + prefixed(m_plan.columns, prefix).join(u", "_s) + u')' + odku;
    return u"INSERT INTO "_s + qualified(m_plan.shadow) + u" ("_s + joined(m_plan.columns + m_plan.fillColumns)
        + u") SELECT "_s + (prefixed(m_plan.columns, prefix) + prefixed(m_plan.fillColumns, u"a."_s)).join(u", "_s)
        + u" FROM (SELECT 1) AS d LEFT JOIN "_s + qualified(m_plan.fillFrom) + u" AS a ON "_s
        + keyMatch(u"a."_s, prefix) + odku;
}

Core::Result<void> OnlineCopy::installTriggers()
{
    const QStringList names = triggerNames(m_plan.triggerPrefix);
    const QString source = qualified(m_plan.source);
    QStringList keyChanged;
    for (const QString &column : m_plan.key)
        keyChanged << u"OLD."_s + SqlSession::ident(column) + u" <=> NEW."_s + SqlSession::ident(column);
    const QString deleteOld
        = u"DELETE FROM "_s + qualified(m_plan.shadow) + u" WHERE "_s + keyMatch(QString(), u"OLD."_s);
    const QStringList statements = {
        u"CREATE TRIGGER "_s + qualified(names[0]) + u" AFTER INSERT ON "_s + source + u" FOR EACH ROW "_s
            + insertRow(u"NEW."_s),
        u"CREATE TRIGGER "_s + qualified(names[1]) + u" AFTER UPDATE ON "_s + source + u" FOR EACH ROW BEGIN IF NOT ("_s
            + keyChanged.join(u" AND "_s) + u") THEN "_s + deleteOld + u"; END IF; "_s + insertRow(u"NEW."_s)
            + u"; END"_s,
        u"CREATE TRIGGER "_s + qualified(names[2]) + u" AFTER DELETE ON "_s + source + u" FOR EACH ROW "_s + deleteOld,
    };
    for (const QString &sql : statements) {
        if (auto done = m_session.exec(sql); !done) {
            abandon();
            return done;
        }
    }
    return {};
}

Core::Result<void> OnlineCopy::execRetrying(const QString &sql)
{
    for (int attempt = 0;; ++attempt) {
        auto done = m_session.exec(sql);
        if (done)
            return done;
        const unsigned int number = m_session.lastErrorNumber();
        // A chunk that lost a deadlock or lock wait to an application write is simply run again.
        if ((number != ER_LOCK_DEADLOCK && number != ER_LOCK_WAIT_TIMEOUT) || attempt >= 20)
            return done;
        QThread::msleep(20);
    }
}

Core::Result<void> OnlineCopy::copy(const ProgressFn &progressed)
{
    CopyProgress progress;
    auto count = m_session.queryRow(u"SELECT COUNT(*) AS n FROM "_s + qualified(m_plan.source));
    if (!count)
        return count.error();
    progress.total = count->value(u"n"_s).toLongLong();
    const QString keyList = prefixed(m_plan.key, u"s."_s).join(u", "_s);
    const QString keyTuple = u'(' + keyList + u')';
    const QString select = u"INSERT IGNORE INTO "_s + qualified(m_plan.shadow) + u" ("_s
        + joined(m_plan.columns + m_plan.fillColumns) + u") SELECT "_s
        + (prefixed(m_plan.columns, u"s."_s) + prefixed(m_plan.fillColumns, u"a."_s)).join(u", "_s) + u" FROM "_s
        + qualified(m_plan.source) + u" AS s"_s
        + (m_plan.fillFrom.isEmpty()
                ? QString()
                : u" LEFT JOIN "_s + qualified(m_plan.fillFrom) + u" AS a ON "_s + keyMatch(u"a."_s, u"s."_s));
    QString lower; // "(v1, v2)" of the last copied key, empty before the first chunk
    QElapsedTimer timer;
    timer.start();
    while (true) {
        const QString after = lower.isEmpty() ? u"1 = 1"_s : keyTuple + u" > "_s + lower;
        auto boundary
            = m_session.queryRow(u"SELECT "_s + keyList + u" FROM "_s + qualified(m_plan.source) + u" AS s WHERE "_s
                + after + u" ORDER BY "_s + keyList + u" LIMIT 1 OFFSET "_s + QString::number(m_plan.chunkRows - 1));
        if (!boundary)
            return boundary.error();
        QString upper;
        if (!boundary->isEmpty()) {
            QStringList values;
            for (const QString &column : m_plan.key)
                values << m_session.quote(boundary->value(column));
            upper = u'(' + values.join(u", "_s) + u')';
        }
        const QString range = upper.isEmpty() ? after : after + u" AND "_s + keyTuple + u" <= "_s + upper;
        if (auto done = execRetrying(select + u" WHERE "_s + range + u" ORDER BY "_s + keyList); !done)
            return done;
        const bool last = upper.isEmpty();
        progress.copied = last ? progress.total : qMin(progress.total, progress.copied + m_plan.chunkRows);
        const double elapsed = double(timer.elapsed()) / 1000.0;
        progress.etaSeconds
            = progress.copied > 0 ? elapsed / double(progress.copied) * double(progress.total - progress.copied) : 0;
        if (!progressed(progress))
            return Core::makeError(u"cancelled"_s, u"The copy was cancelled."_s);
        if (last)
            return {};
        lower = upper;
        if (m_plan.throttleMs > 0)
            QThread::msleep(static_cast<unsigned long>(m_plan.throttleMs));
    }
}

Core::Result<void> OnlineCopy::swap(const QString &archive)
{
    // One RENAME: no moment exists in which the table is missing or takes writes without the triggers.
    if (auto done = execRetrying(u"RENAME TABLE "_s + qualified(m_plan.source) + u" TO "_s + qualified(archive)
            + u", "_s + qualified(m_plan.shadow) + u" TO "_s + qualified(m_plan.source));
        !done)
        return done;
    for (const QString &name : triggerNames(m_plan.triggerPrefix))
        (void)m_session.exec(u"DROP TRIGGER IF EXISTS "_s + qualified(name));
    return {};
}

void OnlineCopy::abandon()
{
    for (const QString &name : triggerNames(m_plan.triggerPrefix))
        (void)m_session.exec(u"DROP TRIGGER IF EXISTS "_s + qualified(name));
    (void)m_session.exec(u"DROP TABLE IF EXISTS "_s + qualified(m_plan.shadow));
}

} // namespace Local

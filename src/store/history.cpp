#include "store/history.h"

#include "core/sqlredactor.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Store {

namespace {

constexpr int SchemaVersion = 1;

Core::Error failed(const QSqlQuery &query, const QString &message)
{
    return Core::makeError(u"history_query"_s, message, query.lastError().text());
}

Core::Error notOpen()
{
    return Core::makeError(u"history_closed"_s, u"The query history is not open."_s);
}

HistoryEntry entryFrom(const QSqlQuery &query)
{
    HistoryEntry e;
    e.id = query.value(0).toLongLong();
    e.text = query.value(1).toString();
    e.target = query.value(2).toString();
    e.startedAt = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC);
    e.durationMs = query.value(4).isNull() ? -1 : query.value(4).toLongLong();
    e.rows = query.value(5).isNull() ? -1 : query.value(5).toLongLong();
    e.error = query.value(6).toString();
    return e;
}

// LIKE with our own escape character, so '%' and '_' typed by the user match literally.
QString likePattern(const QString &word)
{
    QString escaped = word;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

const QString Columns = u"id, text, target, started_at, duration_ms, row_count, error"_s;

} // namespace

Core::Result<void> History::open(const QString &path)
{
    return m_file.open(path.isEmpty() ? SqliteFile::defaultPath() : path, u"history"_s, SchemaVersion,
        { u"CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL, "
          u"target TEXT NOT NULL, started_at INTEGER NOT NULL, duration_ms INTEGER, "
          u"row_count INTEGER, error TEXT)"_s,
            u"CREATE INDEX history_started ON history (started_at)"_s });
}

Core::Result<qint64> History::recordStarted(const QString &text, const QString &target, const QDateTime &startedAt)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.prepare(u"INSERT INTO history (text, target, started_at) VALUES (?, ?, ?)"_s);
    // Passwords in CREATE/ALTER USER, GRANT … IDENTIFIED, SET PASSWORD, PASSWORD(…) never reach the file.
    QStringList secrets;
    query.addBindValue(Core::SqlRedactor::redact(text, &secrets));
    query.addBindValue(target);
    query.addBindValue(startedAt.toMSecsSinceEpoch());
    if (!query.exec())
        return failed(query, u"Cannot record the statement in the history."_s);
    const qint64 id = query.lastInsertId().toLongLong();
    if (!secrets.isEmpty())
        m_secrets.insert(id, secrets);
    return id;
}

Core::Result<void> History::recordFinished(qint64 id, qint64 durationMs, qint64 rows, const QString &error)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.prepare(u"UPDATE history SET duration_ms = ?, row_count = ?, error = ? WHERE id = ?"_s);
    query.addBindValue(qMax<qint64>(0, durationMs));
    query.addBindValue(rows < 0 ? QVariant() : QVariant(rows));
    const QStringList secrets = m_secrets.take(id);
    query.addBindValue(error.isEmpty() ? QVariant() : QVariant(Core::SqlRedactor::redactMessage(error, secrets)));
    query.addBindValue(id);
    if (!query.exec())
        return failed(query, u"Cannot update the history entry."_s);
    if (query.numRowsAffected() != 1)
        return Core::makeError(u"history_not_found"_s, u"The history entry no longer exists."_s, QString::number(id));
    return {};
}

Core::Result<QList<HistoryEntry>> History::search(const QString &needle, int limit) const
{
    if (!isOpen())
        return notOpen();
    const auto words = needle.split(u' ', Qt::SkipEmptyParts);
    QString sql = u"SELECT "_s + Columns + u" FROM history"_s;
    for (qsizetype i = 0; i < words.size(); ++i)
        sql += (i == 0 ? u" WHERE "_s : u" AND "_s) + u"(text LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\')"_s;
    sql += u" ORDER BY started_at DESC, id DESC LIMIT ?"_s;

    QSqlQuery query(m_file.database());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const auto &word : words) {
        query.addBindValue(likePattern(word));
        query.addBindValue(likePattern(word));
    }
    query.addBindValue(limit);
    if (!query.exec())
        return failed(query, u"Cannot search the history."_s);
    QList<HistoryEntry> entries;
    while (query.next())
        entries.append(entryFrom(query));
    return entries;
}

Core::Result<HistoryEntry> History::entry(qint64 id) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.prepare(u"SELECT "_s + Columns + u" FROM history WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return failed(query, u"Cannot read the history."_s);
    if (!query.next())
        return Core::makeError(u"history_not_found"_s, u"The history entry no longer exists."_s, QString::number(id));
    return entryFrom(query);
}

Core::Result<void> History::remove(qint64 id)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.prepare(u"DELETE FROM history WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return failed(query, u"Cannot delete the history entry."_s);
    return {};
}

Core::Result<void> History::prune(int keep)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.prepare(u"DELETE FROM history WHERE id NOT IN "
                  u"(SELECT id FROM history ORDER BY started_at DESC, id DESC LIMIT ?)"_s);
    query.addBindValue(qMax(0, keep));
    if (!query.exec())
        return failed(query, u"Cannot trim the history."_s);
    return {};
}

} // namespace Store

#include "local/backuprun.h"

#include "local/backupstore.h"
#include "local/failpoint.h"
#include "local/schemareader.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

constexpr int chunkRows = 500;
constexpr qsizetype statementBytes = 1 << 20; // well under any server's max_allowed_packet

} // namespace

Core::Result<bool> BackupRun::runNext()
{
    if (auto done = failOrphans(); !done)
        return done.error();
    auto rows = m_session.query(u"SELECT * FROM "_s + m_meta.table(u"backups"_s)
        + u" WHERE state = 'pending' ORDER BY created_at, id LIMIT 1"_s);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return false;
    if (auto done = run(rows->constFirst()); !done)
        return done.error();
    return true;
}

Core::Result<int> BackupRun::removeExpired()
{
    const QString backups = m_meta.table(u"backups"_s);
    auto rows = m_session.query(u"SELECT b.id FROM "_s + backups
        + u" AS b WHERE b.expires_at <= UTC_TIMESTAMP(3) AND b.protected = 0 AND b.state IN ('success', 'failed')"
          u" AND NOT EXISTS (SELECT 1 FROM "_s
        + m_meta.table(u"branches"_s)
        + u" AS r WHERE r.restored_from_backup = b.id AND r.restore_state IN ('pending', 'running'))"_s);
    if (!rows)
        return rows.error();
    int removed = 0;
    for (const Row &row : *rows) {
        const QString id = row.value(u"id"_s);
        // The copy first, then the row: a failure in between leaves a backup that is removed next time.
        if (auto dropped = BackupStore::drop(m_session, BackupStore::storageSchema(id)); !dropped)
            return dropped.error();
        if (auto done = m_session.exec(u"DELETE FROM "_s + backups + u" WHERE id = "_s + m_session.quote(id)
                + u" AND expires_at <= UTC_TIMESTAMP(3) AND protected = 0"_s);
            !done)
            return done.error();
        removed += int(m_session.affectedRows());
    }
    return removed;
}

Core::Result<void> BackupRun::failOrphans()
{
    // Only the worker holding the deploy lock copies, and it copies one backup at a time on a connection
    // recorded with it: a running backup whose connection is gone was cut off by a crash or a restart.
    auto rows = m_session.query(u"SELECT b.id, b.storage_schema FROM "_s + m_meta.table(u"backups"_s)
        + u" AS b WHERE b.state = 'running' AND NOT EXISTS (SELECT 1 FROM information_schema.PROCESSLIST AS p"
          u" WHERE p.ID = b.copy_connection)"_s);
    if (!rows)
        return rows.error();
    for (const Row &row : *rows) {
        if (auto done = fail(row.value(u"id"_s), row.value(u"storage_schema"_s),
                u"The backup was interrupted (the sandbox or its server stopped)."_s);
            !done)
            return done;
    }
    return {};
}

Core::Result<void> BackupRun::run(const Row &backup)
{
    const QString id = backup.value(u"id"_s);
    const QString storage = BackupStore::storageSchema(id);
    auto copier = m_session.openAnother();
    if (!copier)
        return fail(id, storage, u"The backup could not connect: "_s + copier.error().message);
    auto connection = (*copier)->scalar(u"SELECT CONNECTION_ID()"_s);
    if (!connection)
        return fail(id, storage, connection.error().message);
    // Compare-and-set: a backup deleted meanwhile is not started.
    if (auto done = m_session.exec(u"UPDATE "_s + m_meta.table(u"backups"_s)
            + u" SET state = 'running', started_at = UTC_TIMESTAMP(3), updated_at = UTC_TIMESTAMP(3),"
              u" storage_schema = "_s
            + m_session.quote(storage) + u", copy_connection = "_s + *connection + u" WHERE id = "_s
            + m_session.quote(id) + u" AND state = 'pending'"_s);
        !done)
        return done;
    if (m_session.affectedRows() == 0)
        return {};
    m_rows = 0;
    m_bytes = 0;
    (void)(*copier)->exec(u"SET SESSION lock_wait_timeout = 10"_s);
    if (auto copied = copy(**copier, backup, storage); !copied) {
        (void)(*copier)->exec(u"ROLLBACK"_s);
        copier->reset();
        return fail(id, storage, copied.error().toString());
    }
    copier->reset();
    auto size = m_session.scalar(u"SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES"
                                 u" WHERE TABLE_SCHEMA = "_s
        + m_session.quote(storage));
    return m_session.exec(u"UPDATE "_s + m_meta.table(u"backups"_s)
        + u" SET state = 'success', completed_at = UTC_TIMESTAMP(3), updated_at = UTC_TIMESTAMP(3),"
          u" expires_at = UTC_TIMESTAMP(3) + INTERVAL retention_seconds SECOND, copy_connection = NULL, size = "_s
        + SqlSession::num(size ? size->toLongLong() : m_bytes) + u", uncompressed_size = "_s + SqlSession::num(m_bytes)
        + u", rows_copied = "_s + SqlSession::num(m_rows) + u" WHERE id = "_s + m_session.quote(id)
        + u" AND state = 'running'"_s);
}

Core::Result<void> BackupRun::copy(SqlSession &copier, const Row &backup, const QString &storage)
{
    auto branch = m_meta.branch(backup.value(u"database_name"_s), backup.value(u"branch_name"_s));
    if (!branch)
        return branch.error();
    if (!*branch)
        return Core::makeError(u"backup_failed"_s, u"The branch no longer exists."_s);
    const QString source = (*branch)->value(u"schema_name"_s);
    auto definitions = SchemaReader::definitions(copier, source);
    if (!definitions)
        return definitions.error();
    auto triggers = BackupStore::triggers(copier, source);
    if (!triggers)
        return triggers.error();
    if (auto done = copier.exec(u"CREATE DATABASE "_s + SqlSession::ident(storage)
            + u" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"_s);
        !done)
        return done;
    // DDL ends a transaction: the tables exist before the snapshot is taken. A table altered after this
    // point makes the snapshot's read fail (the definition changed), which fails the backup cleanly.
    if (auto done = BackupStore::createIn(copier, storage, BackupStore::tableStatements(*definitions)); !done)
        return done;
    if (auto done = copier.exec(u"START TRANSACTION WITH CONSISTENT SNAPSHOT"_s); !done)
        return done;
    for (const ObjectDefinition &d : *definitions) {
        if (d.isView)
            continue;
        if (auto done = copyTable(copier, backup, source, d.name); !done)
            return done;
    }
    if (auto done = copier.exec(u"COMMIT"_s); !done)
        return done;
    return BackupStore::createIn(copier, storage, BackupStore::viewStatements(*definitions) + *triggers);
}

Core::Result<void> BackupRun::copyTable(
    SqlSession &copier, const Row &backup, const QString &source, const QString &table)
{
    const QString storage = BackupStore::storageSchema(backup.value(u"id"_s));
    auto columns = BackupStore::columns(copier, source, table);
    if (!columns)
        return columns.error();
    const QString list = BackupStore::identList(columns->names);
    const QString read = u"SELECT "_s + list + u" FROM "_s + SqlSession::ident(source) + u'.' + SqlSession::ident(table)
        + (columns->key.isEmpty() ? QString() : u" ORDER BY "_s + BackupStore::identList(columns->key));
    const QString insert = u"INSERT INTO "_s + SqlSession::ident(storage) + u'.' + SqlSession::ident(table) + u" ("_s
        + list + u") VALUES "_s;
    // Plain SELECTs inside the snapshot transaction are consistent reads: every chunk of every table sees
    // the branch as it was when the snapshot was taken, and takes no lock that would hold writers back.
    for (qint64 offset = 0;; offset += chunkRows) {
        if (m_stopping.load())
            return Core::makeError(u"backup_failed"_s, u"The sandbox stopped during the backup."_s);
        Failpoint::hit("backup_copying");
        auto chunk
            = copier.select(read + u" LIMIT "_s + SqlSession::num(chunkRows) + u" OFFSET "_s + SqlSession::num(offset));
        if (!chunk)
            return chunk.error();
        QStringList values;
        qsizetype pending = 0;
        for (const QList<QByteArray> &cells : chunk->rows) {
            QStringList literals;
            for (int i = 0; i < cells.size(); ++i) {
                literals << SqlSession::literal(cells[i], columns->kinds.value(i));
                m_bytes += cells[i].size();
            }
            values << u'(' + literals.join(u", "_s) + u')';
            pending += values.constLast().size();
            if (pending > statementBytes) {
                if (auto done = copier.exec(insert + values.join(u", "_s)); !done)
                    return done;
                values.clear();
                pending = 0;
            }
        }
        if (!values.isEmpty()) {
            if (auto done = copier.exec(insert + values.join(u", "_s)); !done)
                return done;
        }
        m_rows += chunk->rows.size();
        progress(backup.value(u"id"_s));
        if (chunk->rows.size() < chunkRows)
            return {};
    }
}

void BackupRun::progress(const QString &id)
{
    // On the worker's own session, outside the snapshot transaction: seen by the API at once.
    (void)m_session.exec(u"UPDATE "_s + m_meta.table(u"backups"_s) + u" SET rows_copied = "_s + SqlSession::num(m_rows)
        + u", uncompressed_size = "_s + SqlSession::num(m_bytes) + u", size = "_s + SqlSession::num(m_bytes)
        + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + m_session.quote(id));
}

Core::Result<void> BackupRun::fail(const QString &id, const QString &storage, const QString &message)
{
    if (auto dropped = BackupStore::drop(m_session, storage); !dropped)
        return dropped;
    return m_session.exec(u"UPDATE "_s + m_meta.table(u"backups"_s)
        + u" SET state = 'failed', copy_connection = NULL, size = 0, completed_at = UTC_TIMESTAMP(3),"
          u" updated_at = UTC_TIMESTAMP(3), error = "_s
        + m_session.quote(message) + u" WHERE id = "_s + m_session.quote(id)
        + u" AND state IN ('pending', 'running')"_s);
}

} // namespace Local

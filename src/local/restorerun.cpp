#include "local/restorerun.h"

#include "local/backupstore.h"
#include "local/naming.h"

using namespace Qt::StringLiterals;

namespace Local {

Core::Result<bool> RestoreRun::runNext()
{
    // Only the worker holding the deploy lock restores, one branch at a time: a branch found running was
    // cut off (crash, restart) and is started again.
    auto rows = m_session.query(u"SELECT * FROM "_s + m_meta.table(u"branches"_s)
        + u" WHERE restore_state IN ('pending', 'running') ORDER BY created_at, id LIMIT 1"_s);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return false;
    if (auto done = restore(rows->constFirst()); !done)
        return done.error();
    return true;
}

Core::Result<void> RestoreRun::restore(const Row &branch)
{
    const QString id = branch.value(u"id"_s);
    if (auto done = m_session.exec(u"UPDATE "_s + m_meta.table(u"branches"_s)
            + u" SET restore_state = 'running', updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + m_session.quote(id)
            + u" AND restore_state IN ('pending', 'running')"_s);
        !done)
        return done;
    if (m_session.affectedRows() == 0)
        return {};
    const QString schema = branch.value(u"schema_name"_s);
    const QString storage = BackupStore::storageSchema(branch.value(u"restored_from_backup"_s));
    if (auto emptied = emptySchema(schema); !emptied)
        return finish(id, u"The branch could not be prepared: "_s + emptied.error().message);
    // A backup whose copy is gone (deleted storage, a damaged server) must fail, not restore nothing.
    auto exists = m_session.scalar(
        u"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = "_s + m_session.quote(storage));
    if (!exists)
        return exists.error();
    Core::Result<void> restored = exists->toLongLong() == 1
        ? BackupStore::restore(m_session, storage, schema)
        : Core::Result<void>(Core::makeError(u"restore_failed"_s, u"The backup's copy no longer exists."_s));
    (void)m_session.use(Naming::metaSchema());
    if (!restored) {
        // Nothing half filled stays: the branch is left empty, not ready, with the reason.
        (void)emptySchema(schema);
        return finish(id, u"Restoring the backup failed: "_s + restored.error().message);
    }
    return finish(id, {});
}

Core::Result<void> RestoreRun::emptySchema(const QString &schema)
{
    // Dropped and created again: the branch's grants are on the schema's name, so they stay.
    if (auto done = m_session.exec(u"DROP DATABASE IF EXISTS "_s + SqlSession::ident(schema)); !done)
        return done;
    return m_session.exec(
        u"CREATE DATABASE "_s + SqlSession::ident(schema) + u" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"_s);
}

Core::Result<void> RestoreRun::finish(const QString &id, const QString &error)
{
    return m_session.exec(u"UPDATE "_s + m_meta.table(u"branches"_s) + u" SET restore_state = "_s
        + (error.isEmpty() ? u"NULL, restore_error = NULL"_s : u"'failed', restore_error = "_s + m_session.quote(error))
        + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + m_session.quote(id) + u" AND restore_state = 'running'"_s);
}

} // namespace Local

#pragma once

#include "core/result.h"
#include "local/metastore.h"
#include "local/sqlsession.h"

#include <atomic>

namespace Local {

// Takes backups on the deploy worker's thread (never on the HTTP thread): pending → running → success or
// failed. The rows are read in ONE transaction WITH CONSISTENT SNAPSHOT on a connection of its own and
// written, in that same transaction, into the backup's storage schema (BackupStore), so every table is
// copied as of the same instant while the branch keeps taking writes. Progress (rows, bytes) goes to the
// metadata on the worker's own session, visible at once. A failure drops the storage schema: nothing half
// written stays. A running backup whose copying connection no longer exists (the sandbox or its server
// restarted) is ended as failed by the next worker that looks.
class BackupRun
{
public:
    BackupRun(SqlSession &session, MetaStore &meta, const std::atomic<bool> &stopping)
        : m_session(session)
        , m_meta(meta)
        , m_stopping(stopping)
    { }

    // Fails orphaned backups, then takes the oldest pending one; true when it took one.
    Core::Result<bool> runNext();
    // Backups past expires_at go with their storage schema; protected ones and ones a branch is being
    // restored from stay until that changes. Returns how many went.
    Core::Result<int> removeExpired();

private:
    Core::Result<void> failOrphans();
    Core::Result<void> run(const Row &backup);
    Core::Result<void> copy(SqlSession &copier, const Row &backup, const QString &storage);
    Core::Result<void> copyTable(SqlSession &copier, const Row &backup, const QString &source, const QString &table);
    void progress(const QString &id);
    Core::Result<void> fail(const QString &id, const QString &storage, const QString &message);

    SqlSession &m_session;
    MetaStore &m_meta;
    const std::atomic<bool> &m_stopping;
    qint64 m_rows = 0;
    qint64 m_bytes = 0;
};

} // namespace Local

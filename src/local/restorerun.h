#pragma once

#include "core/result.h"
#include "local/metastore.h"
#include "local/sqlsession.h"

namespace Local {

// Fills branches created from a backup, on the deploy worker's thread (never on the HTTP thread, so a big
// backup does not hold up the API): the branch is recorded with restore_state pending and answers
// ready: false until its tables, rows, views and triggers are in (BackupStore::restore); then restore_state
// becomes NULL and the branch is ready. A failure empties the branch's schema and records restore_state
// failed with the reason: the branch is never shown ready half filled. A restore cut off by a restart
// (running, found by the next worker that holds the lock) starts again from an empty schema.
class RestoreRun
{
public:
    RestoreRun(SqlSession &session, MetaStore &meta)
        : m_session(session)
        , m_meta(meta)
    { }

    // Restores the oldest branch waiting for its backup; true when it took one.
    Core::Result<bool> runNext();

private:
    Core::Result<void> restore(const Row &branch);
    Core::Result<void> emptySchema(const QString &schema);
    Core::Result<void> finish(const QString &id, const QString &error);

    SqlSession &m_session;
    MetaStore &m_meta;
};

} // namespace Local

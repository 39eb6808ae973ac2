#pragma once

#include "core/result.h"
#include "local/sqlsession.h"

#include <functional>

namespace Local {

// DDL on a table the application is using (CREATE/DROP TRIGGER, RENAME, LOCK TABLES, ALTER): it needs the
// table's exclusive metadata lock, and while a statement waits for that lock every new query on the table
// queues behind it. So it never waits: the deploy worker's session runs with lock_wait_timeout = 0, and a
// statement that meets a lock is tried again after a pause that doubles (20 ms … 1 s) until `budgetMs`
// ran out or `stop` says so. Application queries therefore wait at most as long as one attempt takes.
class LiveDdl
{
public:
    using StopFn = std::function<bool()>;

    // Error code "lock_busy" when the budget ran out with the lock still held by someone else.
    static Core::Result<void> run(SqlSession &session, const QString &sql, int budgetMs, const StopFn &stop = {});
    // Runs several statements in order, each with its own retries (they must be safe to repeat).
    static Core::Result<void> runAll(
        SqlSession &session, const QStringList &statements, int budgetMs, const StopFn &stop = {});
    static bool isLockError(unsigned int errorNumber);
};

} // namespace Local

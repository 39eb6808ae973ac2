#pragma once

namespace Sql {

// mysql_library_init must run once, before any thread uses the client library. ensureInitialised() is
// idempotent and thread-safe (call_once); the pool calls it on its own thread before starting workers.
// Each worker thread brackets its life with mysql_thread_init/_end (see WorkerThread).
class MysqlLibrary
{
public:
    static bool ensureInitialised();
};

} // namespace Sql

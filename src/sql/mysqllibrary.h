#pragma once

#include <QString>

namespace Sql {

// mysql_library_init must run once, before any thread uses the client library. ensureInitialised() is
// idempotent and thread-safe (call_once); the pool calls it on its own thread before starting workers.
// Each worker thread brackets its life with mysql_thread_init/_end (see WorkerThread).
class MysqlLibrary
{
public:
    static bool ensureInitialised();
    // For a thread that is not a pool worker but uses connections (the sandbox's deploy worker).
    static void threadStarted();
    static void threadFinished();
    // The client library's version, e.g. "3.3.5".
    static QString clientVersion();
};

} // namespace Sql

#pragma once

#include "sql/connectionoptions.h"

#include <QElapsedTimer>
#include <QString>

#include <memory>
#include <mutex>

class QThread;

namespace Local {

// The connection settings the sandbox's sessions share (its API thread and its deploy worker each have
// one), and — when the sandbox runs its own private MariaDB (DIR/mysql) — what brings that server back.
// Every start of the private server gives the sandbox's account a fresh password (MariadbAccounts), so a
// server restarted or killed behind the sandbox's back would lock it out for good. Instead, a session that
// cannot connect tells the keeper; the keeper starts the server again in the background (or, when someone
// else already did, locks it down again over its socket) and hands the new password to every session's
// next connect. Meanwhile sessions keep failing with "unavailable" (the API answers 503). An operator's
// server (--mysql) is never touched: its settings are handed out as they are.
class ServerKeeper
{
public:
    explicit ServerKeeper(Sql::ConnectionOptions options, QString privateServerDir = {});
    ~ServerKeeper(); // waits for a recovery under way
    ServerKeeper(const ServerKeeper &) = delete;
    ServerKeeper &operator=(const ServerKeeper &) = delete;

    // Any thread.
    Sql::ConnectionOptions options() const;
    // A session could not connect: recover the private server unless a recovery is under way or one ended
    // less than a second ago. Returns at once.
    void connectFailed();
    bool ownsServer() const { return !m_dir.isEmpty(); }
    int recoveries() const; // finished successfully (tests, diagnostics)

private:
    void recover();

    const QString m_dir;
    mutable std::mutex m_mutex;
    Sql::ConnectionOptions m_options;
    std::unique_ptr<QThread> m_thread;
    bool m_running = false;
    QElapsedTimer m_sinceLast;
    int m_recoveries = 0;
};

} // namespace Local

#pragma once

#include "core/result.h"
#include "sql/connectionoptions.h"
#include "sql/jobtypes.h"

#include <QByteArray>

#include <atomic>
#include <memory>

struct st_mysql;

namespace Sql {

// One client connection: RAII over MYSQL*. Used by exactly one thread at a time (its worker), except
// abortSocket(), which any thread may call to make a blocked read return.
class Connection
{
public:
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Connects with the TLS policy of `options`. Errors carry distinct codes: tls_unknown_ca,
    // tls_host_mismatch, tls_not_offered, plaintext_refused, plaintext_not_allowed, auth_failed,
    // connect_failed, tls_error, library_error.
    static Core::Result<std::unique_ptr<Connection>> open(const ConnectionOptions &options);

    st_mysql *handle() const { return m_mysql; }
    const ConnectionInfo &info() const { return m_info; }
    quint64 connectionId() const { return m_info.connectionId; }

    // Health check; false means the connection is gone (it never reconnects by itself).
    bool ping();
    // Runs a statement and discards any result; for control statements such as KILL QUERY.
    Core::Result<void> execute(const QByteArray &sql);

    void abortSocket();
    bool isBroken() const { return m_broken.load(std::memory_order_relaxed); }
    void markBroken() { m_broken.store(true, std::memory_order_relaxed); }

    // The driver's last error as a value.
    unsigned int lastErrorNumber() const;
    QString lastErrorMessage() const;
    QString lastSqlState() const;
    // True for errors after which the connection cannot be used (lost, killed, gone away).
    static bool isConnectionLostError(unsigned int errorNumber);

private:
    explicit Connection(st_mysql *mysql);

    st_mysql *m_mysql = nullptr;
    ConnectionInfo m_info;
    std::atomic<int> m_socket { -1 };
    std::atomic<bool> m_broken { false };
};

} // namespace Sql

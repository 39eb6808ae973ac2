#pragma once

#include "core/result.h"
#include "sql/connectionoptions.h"
#include "sql/jobtypes.h"
#include "sql/queryresult.h"

#include <QByteArray>
#include <QDeadlineTimer>

#include <atomic>
#include <memory>

struct st_mysql;

namespace Sql {

class AbortSignal;

// One client connection: RAII over MYSQL*. Used by exactly one thread at a time (its worker), except
// abortSocket(), which any thread may call to make a blocked read return.
//
// Nothing waits for a dead network without end: the connect (TCP and TLS handshake together) has a deadline
// and can be aborted from another thread; control statements run with a deadline; TCP keepalive and
// TCP_USER_TIMEOUT find a dead peer under a long wait; closing a broken connection never writes to it.
class Connection
{
public:
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Connects with the TLS policy of `options`. Errors carry distinct codes: tls_unknown_ca,
    // tls_host_mismatch, tls_not_offered, plaintext_refused, plaintext_not_allowed, auth_failed,
    // connect_failed, tls_error, library_error; connect_timeout when the deadline passed (options'
    // connectTimeoutSeconds, the TLS handshake included) and aborted when `abort` was raised.
    // `deadline`, when given, shortens the connect timeout (a control connection opened to cancel).
    static Core::Result<std::unique_ptr<Connection>> open(const ConnectionOptions &options,
        AbortSignal *abort = nullptr, QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

    st_mysql *handle() const { return m_mysql; }
    const ConnectionInfo &info() const { return m_info; }
    quint64 connectionId() const { return m_info.connectionId; }

    // Health check, answered before `deadline` (or abort); false means the connection is gone (it never
    // reconnects by itself).
    bool ping(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever), AbortSignal *abort = nullptr);
    // Runs a statement and discards any result; for control statements such as KILL QUERY.
    Core::Result<void> execute(const QByteArray &sql);
    // The same, giving up at `deadline` or when `abort` is raised (code "timeout" / "aborted"); the
    // connection is then broken, since the statement's state on the wire is unknown.
    Core::Result<void> execute(const QByteArray &sql, QDeadlineTimer deadline, AbortSignal *abort = nullptr);
    // Synchronous use (servers and tools that may block: the local sandbox, tests, benchmarks): runs one
    // statement, stores the rows of its first result set and sums the status of every result. Errors carry
    // code "sql_error", the server's message and the statement (first 200 characters) as detail;
    // lastErrorNumber() tells which error it was.
    Core::Result<QueryResult> query(const QByteArray &sql);
    // A string literal's contents escaped for this connection's character set (no quotes added).
    QByteArray escape(QByteArrayView value) const;

    // Shuts the socket down (both ways): a read or write blocked in the driver returns at once with an
    // error, and the connection is marked broken. Any thread; safe after the driver closed its socket.
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
    void adoptSocket(); // keeps a duplicate of the driver's socket for abortSocket()
    void applyKeepAlive(const ConnectionOptions &options);

    st_mysql *m_mysql = nullptr;
    ConnectionInfo m_info;
    qint64 m_readTimeoutMs = 0; // the configured socket timeouts (0: none)
    qint64 m_writeTimeoutMs = 0;
    // Our own duplicate of the socket: shutting it down reaches the connection even after the driver
    // closed (and the system reused) its descriptor number. Closed after mysql_close.
    std::atomic<int> m_socket { -1 };
    std::atomic<bool> m_broken { false };
};

} // namespace Sql

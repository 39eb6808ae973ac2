#include "sql/connection.h"

#include "sql/abortsignal.h"
#include "sql/boundedcall.h"
#include "sql/mysqllibrary.h"
#include "sql/querydrain.h"
#include "sql/servererrors.h"

#include <QFileInfo>
#include <QStringList>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Sql {

static_assert(ServerError::LockWaitTimeout == ER_LOCK_WAIT_TIMEOUT);
static_assert(ServerError::LockDeadlock == ER_LOCK_DEADLOCK);
static_assert(ServerError::DuplicateKey == ER_DUP_ENTRY);
static_assert(ServerError::BadNull == ER_BAD_NULL_ERROR);
static_assert(ServerError::DataTooLong == ER_DATA_TOO_LONG);
static_assert(ServerError::NoSuchTable == ER_NO_SUCH_TABLE);
static_assert(ServerError::TableExists == ER_TABLE_EXISTS_ERROR);
static_assert(ServerError::TriggerExists == ER_TRG_ALREADY_EXISTS);
static_assert(ServerError::QueryInterrupted == ER_QUERY_INTERRUPTED);
static_assert(ServerError::SpecificAccessDenied == ER_SPECIFIC_ACCESS_DENIED_ERROR);

namespace {

// Discards every result.
class Discard : public ResultVisitor
{
public:
    bool resultSet(st_mysql_res *) override { return true; }
};

// Keeps the first result set's rows and sums every status.
class Store : public ResultVisitor
{
public:
    explicit Store(QueryResult &out)
        : m_out(out)
    { }
    bool resultSet(st_mysql_res *result) override
    {
        if (m_seen++ > 0)
            return true;
        const unsigned int count = mysql_num_fields(result);
        const MYSQL_FIELD *fields = mysql_fetch_fields(result);
        m_out.columns.reserve(int(count));
        for (unsigned int i = 0; i < count; ++i)
            m_out.columns.append(QByteArray(fields[i].name, qsizetype(fields[i].name_length)));
        m_out.rows.reserve(qsizetype(mysql_num_rows(result)));
        while (MYSQL_ROW row = mysql_fetch_row(result)) {
            const unsigned long *lengths = mysql_fetch_lengths(result);
            QList<QByteArray> cells;
            cells.reserve(int(count));
            for (unsigned int i = 0; i < count; ++i)
                cells.append(row[i] ? QByteArray(row[i], qsizetype(lengths[i])) : QByteArray());
            m_out.rows.append(std::move(cells));
        }
        return true;
    }
    void status(const DrainStatus &status) override
    {
        m_out.affectedRows += status.affectedRows;
        if (status.insertId)
            m_out.insertId = status.insertId;
        m_out.warnings += status.warnings;
    }

private:
    QueryResult &m_out;
    int m_seen = 0;
};

// Turns a failed connect into an error a user can act on. The driver's own text stays in `detail`.
Core::Error connectError(unsigned int number, const QString &message)
{
    const QString lower = message.toLower();
    if (number == CR_SSL_CONNECTION_ERROR || lower.contains(u"tls/ssl") || lower.contains(u"ssl connection")) {
        if (lower.contains(u"validation of ssl server certificate failed") || lower.contains(u"hostname")
            || lower.contains(u"host name") || lower.contains(u"ip address mismatch"))
            return Core::makeError(u"tls_host_mismatch"_s,
                u"The server's certificate does not name the host you connected to."_s, message);
        if (lower.contains(u"self-signed") || lower.contains(u"self signed") || lower.contains(u"unknown ca")
            || lower.contains(u"unable to get local issuer") || lower.contains(u"certificate verify failed")
            || lower.contains(u"unable to verify"))
            return Core::makeError(u"tls_unknown_ca"_s,
                u"The server's certificate is not signed by a trusted certificate authority."_s, message);
        if (lower.contains(u"support") || lower.contains(u"not enabled") || lower.contains(u"not offered"))
            return Core::makeError(
                u"tls_not_offered"_s, u"The server does not offer an encrypted (TLS) connection."_s, message);
        return Core::makeError(u"tls_error"_s, u"The encrypted (TLS) connection could not be set up."_s, message);
    }
    if (lower.contains(u"insecure transport") || lower.contains(u"secure transport"))
        return Core::makeError(
            u"plaintext_refused"_s, u"The server refuses unencrypted connections; connect with TLS."_s, message);
    if (number == ER_ACCESS_DENIED_ERROR || number == ER_DBACCESS_DENIED_ERROR)
        return Core::makeError(u"auth_failed"_s, u"The server rejected the user name or password."_s, message);
    if (number == ER_BAD_DB_ERROR)
        return Core::makeError(u"unknown_database"_s, u"The database does not exist."_s, message);
    return Core::makeError(u"connect_failed"_s, u"Could not connect to the server."_s, message);
}

void setUInt(MYSQL *m, mysql_option option, int seconds)
{
    if (seconds <= 0)
        return;
    const unsigned int value = unsigned(seconds);
    mysql_options(m, option, &value);
}

void setSocketOption(int fd, int level, int option, int value)
{
    ::setsockopt(fd, level, option, &value, sizeof value);
}

// Why a connect did not succeed, as an error a user can act on.
Core::Error connectFailure(MYSQL *m, const ConnectionOptions &options, bool aborted, bool timedOut)
{
    if (aborted)
        return Core::makeError(u"aborted"_s, u"The connection attempt was stopped."_s);
    if (timedOut)
        return Core::makeError(u"connect_timeout"_s,
            u"The server did not complete the connection within %1 s (no answer, or the TLS handshake stalled)."_s.arg(
                options.connectTimeoutSeconds),
            QString::fromUtf8(mysql_error(m)));
    const unsigned int number = mysql_errno(m);
    const QString message = QString::fromUtf8(mysql_error(m));
    // MariaDB answers a plaintext login under require_secure_transport with "Access denied"; when the server
    // offered TLS and we declined it, that is the likelier cause.
    if (options.allowPlaintext && number == ER_ACCESS_DENIED_ERROR && options.socket.isEmpty()
        && (m->server_capabilities & CLIENT_SSL))
        return Core::makeError(u"plaintext_refused"_s,
            u"The server refused the unencrypted login: it requires TLS (or the password is wrong)."_s, message);
    return connectError(number, message);
}

// Everything but the connect itself. The driver copies the strings it is given.
void applyOptions(MYSQL *m, const ConnectionOptions &options)
{
    // No MYSQL_OPT_CONNECT_TIMEOUT: the connect's one deadline (below) covers TCP, TLS and login together.
    setUInt(m, MYSQL_OPT_READ_TIMEOUT, options.readTimeoutSeconds);
    setUInt(m, MYSQL_OPT_WRITE_TIMEOUT, options.writeTimeoutSeconds);
    const my_bool no = 0;
    const my_bool yes = 1;
    mysql_options(m, MYSQL_OPT_RECONNECT, &no); // a silent reconnect could re-run a statement
    // The character set travels in the handshake; no SET statement is sent (they pin Vitess connections).
    mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");

    const unsigned int protocol = options.socket.isEmpty() ? MYSQL_PROTOCOL_TCP : MYSQL_PROTOCOL_SOCKET;
    mysql_options(m, MYSQL_OPT_PROTOCOL, &protocol);

    const QByteArray ca
        = (options.caFile.isEmpty() ? ConnectionOptions::systemCaBundle() : options.caFile).toLocal8Bit();
    if (!options.allowPlaintext) {
        mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &yes);
        mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
        if (!ca.isEmpty())
            mysql_options(m, MYSQL_OPT_SSL_CA, ca.constData());
        else
            mysql_options(m, MYSQL_OPT_SSL_CAPATH, "/etc/ssl/certs");
        mysql_options(m, MARIADB_OPT_TLS_VERSION, "TLSv1.2,TLSv1.3");
    }

    // The non-blocking API, so the whole connect (TCP, TLS handshake, login) has one deadline and can be
    // aborted from another thread; the connection's statements later use the blocking API. The driver's
    // own waits (its TLS handshake waits by itself) go through BoundedCall, which keeps the same bounds.
    mysql_options(m, MYSQL_OPT_NONBLOCK, nullptr);
    int (*wait)(my_socket, my_bool, int) = [](my_socket fd, my_bool isRead, int timeoutMs) {
        return BoundedCall::driverWait(int(fd), char(isRead), timeoutMs);
    };
    void *hook = nullptr; // the option takes the function's address as a data pointer
    static_assert(sizeof hook == sizeof wait);
    std::memcpy(&hook, &wait, sizeof hook);
    mysql_options(m, MARIADB_OPT_IO_WAIT, hook);
}

} // namespace

QString ConnectionOptions::systemCaBundle()
{
    static const QString bundle = [] {
        for (const QString &path : { u"/etc/ssl/certs/ca-certificates.crt"_s, u"/etc/pki/tls/certs/ca-bundle.crt"_s,
                 u"/etc/ssl/cert.pem"_s, u"/etc/ssl/ca-bundle.pem"_s }) {
            if (QFileInfo::exists(path))
                return path;
        }
        return QString();
    }();
    return bundle;
}

bool ConnectionOptions::isLocal() const
{
    if (!socket.isEmpty())
        return true;
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    if (host == u"::1"_s || host == u"[::1]"_s)
        return true;
    // 127.0.0.0/8, written as four decimal octets (no name resolution: a name could point anywhere).
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4 || parts.front() != u"127"_s)
        return false;
    for (const QString &part : parts) {
        bool ok = false;
        const uint value = part.toUInt(&ok);
        if (!ok || value > 255)
            return false;
    }
    return true;
}

Connection::Connection(st_mysql *mysql)
    : m_mysql(mysql)
{ }

Connection::~Connection()
{
    const int fd = m_socket.exchange(-1);
    // A broken connection may sit on a dead link: shut the socket first, so mysql_close's goodbye (COM_QUIT,
    // TLS close) fails at once instead of waiting for a peer that is gone.
    if (fd >= 0 && isBroken())
        ::shutdown(fd, SHUT_RDWR);
    if (m_mysql)
        mysql_close(m_mysql);
    if (fd >= 0)
        ::close(fd);
}

void Connection::adoptSocket()
{
    if (m_socket.load() >= 0)
        return;
    const int fd = int(mysql_get_socket(m_mysql));
    if (fd < 0)
        return;
    const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (copy >= 0)
        m_socket.store(copy);
}

void Connection::applyKeepAlive(const ConnectionOptions &options)
{
    const int fd = int(mysql_get_socket(m_mysql));
    if (fd < 0 || !options.socket.isEmpty())
        return;
    // The driver turns SO_KEEPALIVE on with the system's timings (two hours); a dead peer must be found
    // sooner than that, without limiting how long a query may run.
    if (options.keepAliveIdleSeconds > 0) {
        setSocketOption(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
        setSocketOption(fd, IPPROTO_TCP, TCP_KEEPIDLE, options.keepAliveIdleSeconds);
        if (options.keepAliveIntervalSeconds > 0)
            setSocketOption(fd, IPPROTO_TCP, TCP_KEEPINTVL, options.keepAliveIntervalSeconds);
        if (options.keepAliveProbes > 0)
            setSocketOption(fd, IPPROTO_TCP, TCP_KEEPCNT, options.keepAliveProbes);
    }
#ifdef TCP_USER_TIMEOUT
    if (options.userTimeoutSeconds > 0)
        setSocketOption(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, options.userTimeoutSeconds * 1000);
#endif
}

Core::Result<std::unique_ptr<Connection>> Connection::open(
    const ConnectionOptions &options, AbortSignal *abort, QDeadlineTimer deadline)
{
    if (!MysqlLibrary::ensureInitialised())
        return Core::makeError(u"library_error"_s, u"The MySQL client library could not be initialised."_s);
    if (options.allowPlaintext && !options.isLocal())
        return Core::makeError(u"plaintext_not_allowed"_s,
            u"Unencrypted connections are allowed only to this computer (loopback or socket)."_s, options.host);

    MYSQL *m = mysql_init(nullptr);
    if (!m)
        return Core::makeError(u"library_error"_s, u"Out of memory while creating a connection."_s);
    std::unique_ptr<Connection> connection(new Connection(m));

    applyOptions(m, options);
    const bool useSocket = !options.socket.isEmpty();

    const QByteArray host = (useSocket ? u"localhost"_s : options.host).toUtf8();
    const QByteArray user = options.user.toUtf8();
    const QByteArray password = options.password.toUtf8();
    const QByteArray database = options.database.toUtf8();
    const QByteArray socket = options.socket.toLocal8Bit();
    if (options.connectTimeoutSeconds > 0)
        deadline = std::min(deadline, QDeadlineTimer(std::chrono::seconds(options.connectTimeoutSeconds)));
    connection->m_readTimeoutMs = qint64(std::max(0, options.readTimeoutSeconds)) * 1000;
    connection->m_writeTimeoutMs = qint64(std::max(0, options.writeTimeoutSeconds)) * 1000;
    MYSQL *connected = nullptr;
    BoundedCall::Outcome outcome = BoundedCall::Outcome::Done;
    {
        BoundedCall call(m, deadline, abort);
        // The socket appears during the connect; from then on it is ours to abort.
        call.setSocketSource(
            [&] {
                connection->adoptSocket();
                return connection->m_socket.load();
            },
            connection->m_readTimeoutMs, connection->m_writeTimeoutMs);
        outcome = call.run(
            [&] {
                return mysql_real_connect_start(&connected, m, host.constData(), user.constData(), password.constData(),
                    database.isEmpty() ? nullptr : database.constData(), useSocket ? 0 : options.port,
                    useSocket ? socket.constData() : nullptr, CLIENT_MULTI_RESULTS);
            },
            [&](int events) { return mysql_real_connect_cont(&connected, m, events); });
    }
    if (outcome != BoundedCall::Outcome::Done || !connected) {
        // Abandoned half-way, or failed: closing must not talk to the peer.
        if (outcome != BoundedCall::Outcome::Done || (abort && abort->isRaised()) || deadline.hasExpired())
            connection->markBroken();
        const bool aborted = outcome == BoundedCall::Outcome::Aborted || (abort && abort->isRaised());
        return connectFailure(m, options, aborted, outcome == BoundedCall::Outcome::TimedOut || deadline.hasExpired());
    }

    ConnectionInfo &info = connection->m_info;
    info.connectionId = mysql_thread_id(m);
    info.serverVersion = QString::fromUtf8(mysql_get_server_info(m));
    info.host = useSocket ? options.socket : options.host;
    if (const char *cipher = mysql_get_ssl_cipher(m)) {
        info.tlsCipher = QString::fromLatin1(cipher);
        const char *version = nullptr;
        if (mariadb_get_infov(m, MARIADB_CONNECTION_TLS_VERSION, &version) == 0 && version)
            info.tlsVersion = QString::fromLatin1(version);
    }
    connection->adoptSocket();
    connection->applyKeepAlive(options);
    return connection;
}

bool Connection::ping(QDeadlineTimer deadline, AbortSignal *abort)
{
    if (isBroken())
        return false;
    int result = 0;
    MYSQL *m = m_mysql;
    BoundedCall call(m, deadline, abort);
    call.setSocket(m_socket.load(), m_readTimeoutMs, m_writeTimeoutMs);
    const auto outcome = call.run(
        [&] { return mysql_ping_start(&result, m); }, [&](int events) { return mysql_ping_cont(&result, m, events); });
    if (outcome != BoundedCall::Outcome::Done || result != 0) {
        markBroken();
        return false;
    }
    return true;
}

Core::Result<void> Connection::execute(const QByteArray &sql)
{
    Discard discard;
    if (auto failure = QueryDrain::run(*this, sql, QueryDrain::Fetch::Store, discard))
        return Core::makeError(u"query_failed"_s, failure->message, failure->sqlState);
    return {};
}

Core::Result<void> Connection::execute(const QByteArray &sql, QDeadlineTimer deadline, AbortSignal *abort)
{
    if (isBroken())
        return Core::makeError(u"connection_lost"_s, u"The connection is broken."_s);
    MYSQL *m = m_mysql;
    int error = 0;
    BoundedCall call(m, deadline, abort);
    call.setSocket(m_socket.load(), m_readTimeoutMs, m_writeTimeoutMs);
    auto outcome = call.run(
        [&] { return mysql_real_query_start(&error, m, sql.constData(), static_cast<unsigned long>(sql.size())); },
        [&](int events) { return mysql_real_query_cont(&error, m, events); });
    // Control statements return no rows; step over any further results of a multi-result statement.
    while (outcome == BoundedCall::Outcome::Done && error == 0) {
        if (MYSQL_RES *res = mysql_use_result(m))
            mysql_free_result(res); // not reached for control statements
        int more = 0;
        outcome = call.run([&] { return mysql_next_result_start(&more, m); },
            [&](int events) { return mysql_next_result_cont(&more, m, events); });
        if (more != 0) {
            error = more > 0 ? 1 : 0;
            break;
        }
    }
    if (error != 0 && abort && abort->isRaised())
        outcome = BoundedCall::Outcome::Aborted; // the abort shut the socket: that is why it failed
    if (outcome != BoundedCall::Outcome::Done) {
        markBroken(); // the statement's state on the wire is unknown
        return outcome == BoundedCall::Outcome::Aborted
            ? Core::makeError(u"aborted"_s, u"The statement was stopped."_s)
            : Core::makeError(u"timeout"_s, u"The server did not answer in time."_s);
    }
    if (error != 0) {
        if (isConnectionLostError(mysql_errno(m)))
            markBroken();
        return Core::makeError(u"query_failed"_s, lastErrorMessage(), lastSqlState());
    }
    return {};
}

Core::Result<QueryResult> Connection::query(const QByteArray &sql)
{
    QueryResult out;
    Store store(out);
    if (auto failure = QueryDrain::run(*this, sql, QueryDrain::Fetch::Store, store))
        return Core::makeError(u"sql_error"_s, failure->message, QString::fromUtf8(sql.left(200)));
    return out;
}

QByteArray Connection::escape(QByteArrayView value) const
{
    QByteArray out(value.size() * 2 + 1, Qt::Uninitialized);
    const unsigned long length
        = mysql_real_escape_string(m_mysql, out.data(), value.data(), static_cast<unsigned long>(value.size()));
    out.truncate(qsizetype(length));
    return out;
}

void Connection::abortSocket()
{
    markBroken();
    const int fd = m_socket.load();
    if (fd >= 0)
        ::shutdown(fd, SHUT_RDWR); // the blocked read in the worker returns with an error at once
}

unsigned int Connection::lastErrorNumber() const
{
    return mysql_errno(m_mysql);
}

QString Connection::lastErrorMessage() const
{
    return QString::fromUtf8(mysql_error(m_mysql));
}

QString Connection::lastSqlState() const
{
    return QString::fromLatin1(mysql_sqlstate(m_mysql));
}

bool Connection::isConnectionLostError(unsigned int errorNumber)
{
    switch (errorNumber) {
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_ERR_NET_READ:
    case CR_ERR_NET_WRITE:
    case CR_SSL_CONNECTION_ERROR: // on an established session: the TLS stream ended (e.g. killed)
    case ER_CONNECTION_KILLED:
    case ER_SERVER_SHUTDOWN:
    case ER_NEW_ABORTING_CONNECTION:
        return true;
    default:
        return false;
    }
}

} // namespace Sql

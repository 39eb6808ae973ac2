#include "local/sqlsession.h"

#include "core/sqlliteral.h"
#include "local/serverkeeper.h"
#include "sql/servererrors.h"

using namespace Qt::StringLiterals;

namespace Local {

SqlSession::SqlSession(Sql::ConnectionOptions options, QStringList settings)
    : m_options(std::move(options))
    , m_settings(std::move(settings))
{ }

Core::Result<std::unique_ptr<SqlSession>> SqlSession::open(
    const Sql::ConnectionOptions &options, const QStringList &settings)
{
    std::unique_ptr<SqlSession> session(new SqlSession(options, settings));
    if (auto connected = session->connect(); !connected)
        return connected.error();
    return session;
}

Core::Result<std::unique_ptr<SqlSession>> SqlSession::open(
    std::shared_ptr<ServerKeeper> keeper, const QStringList &settings)
{
    std::unique_ptr<SqlSession> session(new SqlSession(keeper->options(), settings));
    session->m_keeper = std::move(keeper);
    if (auto connected = session->connect(); !connected)
        return connected.error();
    return session;
}

Core::Result<std::unique_ptr<SqlSession>> SqlSession::openAnother() const
{
    if (m_keeper)
        return open(m_keeper, m_settings);
    return open(m_options, m_settings);
}

Core::Result<void> SqlSession::connect()
{
    m_connection.reset();
    if (m_keeper)
        m_options = m_keeper->options(); // a private server's restart changes the password
    auto connection = Sql::Connection::open(m_options);
    if (!connection) {
        m_lost = true;
        if (m_keeper)
            m_keeper->connectFailed();
        return Core::makeError(
            u"unavailable"_s, u"The sandbox's database server cannot be reached."_s, connection.error().toString());
    }
    // Timestamps in the metadata are UTC, whatever the server's zone.
    QStringList statements = QStringList { u"SET time_zone = '+00:00'"_s } + m_settings;
    if (!m_schema.isEmpty())
        statements << u"USE "_s + ident(m_schema);
    for (const QString &sql : statements) {
        if (auto done = (*connection)->query(sql.toUtf8()); !done) {
            m_lost = true;
            return done.error();
        }
    }
    m_connection = std::move(connection).value();
    m_lost = false;
    return {};
}

bool SqlSession::ensureConnected()
{
    if (m_connection && !m_connection->isBroken())
        return true;
    return connect().ok();
}

Core::Result<Sql::QueryResult> SqlSession::run(const QString &sql)
{
    if (!ensureConnected()) {
        m_lastErrno = 0;
        return Core::makeError(u"unavailable"_s, u"The sandbox's database server cannot be reached."_s);
    }
    auto result = m_connection->query(sql.toUtf8());
    if (!result) {
        m_lastErrno = m_connection->lastErrorNumber();
        // The statement is kept as detail (its first 200 characters); the sandbox never puts a password into
        // a statement it reports (CREATE USER errors are reworded).
        if (m_connection->isBroken()) {
            m_lost = true;
            return Core::makeError(u"unavailable"_s, result.error().message, result.error().detail);
        }
        // Someone else holds a row or metadata lock: a reason to wait and try again, never a failure of its own.
        if (m_lastErrno == Sql::ServerError::LockWaitTimeout || m_lastErrno == Sql::ServerError::LockDeadlock)
            return Core::makeError(u"lock_busy"_s, result.error().message, result.error().detail);
        return result.error();
    }
    m_lastErrno = 0;
    m_affected = result->affectedRows;
    return result;
}

Core::Result<void> SqlSession::exec(const QString &sql)
{
    auto done = run(sql);
    if (!done)
        return done.error();
    return {};
}

Core::Result<Sql::QueryResult> SqlSession::select(const QString &sql)
{
    return run(sql);
}

Core::Result<QList<Row>> SqlSession::query(const QString &sql)
{
    auto result = run(sql);
    if (!result)
        return result.error();
    QStringList names;
    for (const QByteArray &name : result->columns)
        names << QString::fromUtf8(name);
    QList<Row> rows;
    rows.reserve(result->rows.size());
    for (const QList<QByteArray> &cells : result->rows) {
        Row out;
        for (int i = 0; i < cells.size(); ++i)
            out.insert(names[i], cells[i].isNull() ? QString() : QString::fromUtf8(cells[i]));
        rows << out;
    }
    return rows;
}

Core::Result<Row> SqlSession::queryRow(const QString &sql)
{
    auto rows = query(sql);
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? Row() : rows->constFirst();
}

Core::Result<QString> SqlSession::scalar(const QString &sql)
{
    auto result = run(sql);
    if (!result)
        return result.error();
    if (result->rows.isEmpty() || result->rows.constFirst().isEmpty()
        || result->rows.constFirst().constFirst().isNull())
        return QString();
    return QString::fromUtf8(result->rows.constFirst().constFirst());
}

Core::Result<void> SqlSession::use(const QString &schema)
{
    if (auto done = exec(u"USE "_s + ident(schema)); !done)
        return done;
    m_schema = schema;
    return {};
}

Core::Result<int> SqlSession::killConnections(const QString &selectIds, const QString &failure)
{
    auto sessions = query(selectIds);
    if (!sessions)
        return sessions.error();
    int ended = 0;
    for (const Row &p : *sessions) {
        if (exec(u"KILL CONNECTION "_s + p.value(u"ID"_s)) || lastErrorNumber() == 1094) // 1094: unknown thread
            ++ended;
        else
            return Core::makeError(u"sql_error"_s, failure);
    }
    return ended;
}

QString SqlSession::quote(const QString &value) const
{
    // The literal means the same bytes whatever the session's sql_mode, and needs no connection.
    return value.isNull() ? u"NULL"_s : Core::SqlLiteral::string(value);
}

QString SqlSession::literal(const QByteArray &value, LiteralKind kind)
{
    if (value.isNull())
        return u"NULL"_s;
    if (kind == LiteralKind::Number) {
        static const QByteArray allowed("0123456789+-.eE");
        bool plain = !value.isEmpty();
        for (const char c : value)
            plain = plain && allowed.contains(c);
        if (plain)
            return QString::fromLatin1(value);
    }
    if (kind == LiteralKind::Binary)
        return value.isEmpty() ? u"_binary ''"_s : u"X'"_s + QString::fromLatin1(value.toHex()) + u'\'';
    // Text from a utf8mb4 connection is valid UTF-8: as a utf8mb4 literal it compares with the column's own
    // collation, so chunk boundaries order exactly as ORDER BY does.
    return u"_utf8mb4 X'"_s + QString::fromLatin1(value.toHex()) + u'\'';
}

QString SqlSession::ident(const QString &name)
{
    QString escaped = name;
    escaped.replace(u'`', u"``"_s);
    return u'`' + escaped + u'`';
}

} // namespace Local

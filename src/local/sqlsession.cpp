#include "local/sqlsession.h"

#include <mysql.h>

using namespace Qt::StringLiterals;

namespace Local {

SqlSession::SqlSession(std::unique_ptr<Sql::Connection> connection, Sql::ConnectionOptions options)
    : m_connection(std::move(connection))
    , m_options(std::move(options))
{ }

Core::Result<std::unique_ptr<SqlSession>> SqlSession::open(const Sql::ConnectionOptions &options)
{
    auto connection = Sql::Connection::open(options);
    if (!connection)
        return connection.error();
    std::unique_ptr<SqlSession> session(new SqlSession(std::move(connection).value(), options));
    // Timestamps in the metadata are UTC, whatever the server's zone.
    if (auto set = session->exec(u"SET time_zone = '+00:00'"_s); !set)
        return set.error();
    return session;
}

Core::Error SqlSession::error(const QString &sql)
{
    m_lastErrno = m_connection->lastErrorNumber();
    // The statement is kept as detail without string literals' contents beyond 200 characters; the
    // sandbox never puts a password into a statement it reports (CREATE USER errors are reworded).
    return Core::makeError(u"sql_error"_s, m_connection->lastErrorMessage(), sql.left(200));
}

Core::Result<void> SqlSession::exec(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    MYSQL *m = m_connection->handle();
    if (mysql_real_query(m, utf8.constData(), static_cast<unsigned long>(utf8.size())) != 0)
        return error(sql);
    m_affected = 0;
    // Drain every result (a trigger body or CALL may produce several).
    do {
        if (MYSQL_RES *res = mysql_store_result(m))
            mysql_free_result(res);
        else if (mysql_field_count(m) == 0)
            m_affected += mysql_affected_rows(m);
        const int next = mysql_next_result(m);
        if (next > 0)
            return error(sql);
        if (next != 0)
            break;
    } while (true);
    m_lastErrno = 0;
    return {};
}

Core::Result<QList<Row>> SqlSession::query(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    MYSQL *m = m_connection->handle();
    if (mysql_real_query(m, utf8.constData(), static_cast<unsigned long>(utf8.size())) != 0)
        return error(sql);
    MYSQL_RES *res = mysql_store_result(m);
    QList<Row> rows;
    if (!res) {
        if (mysql_field_count(m) != 0)
            return error(sql);
        return rows;
    }
    const unsigned int count = mysql_num_fields(res);
    MYSQL_FIELD *fields = mysql_fetch_fields(res);
    QStringList names;
    for (unsigned int i = 0; i < count; ++i)
        names << QString::fromUtf8(fields[i].name);
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
        unsigned long *lengths = mysql_fetch_lengths(res);
        Row out;
        for (unsigned int i = 0; i < count; ++i)
            out.insert(names[int(i)], row[i] ? QString::fromUtf8(row[i], qsizetype(lengths[i])) : QString());
        rows << out;
    }
    mysql_free_result(res);
    while (mysql_next_result(m) == 0) {
        if (MYSQL_RES *more = mysql_store_result(m))
            mysql_free_result(more);
    }
    m_lastErrno = 0;
    return rows;
}

Core::Result<Row> SqlSession::queryRow(const QString &sql)
{
    auto rows = query(sql);
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? Row() : rows->constFirst();
}

QString SqlSession::quote(const QString &value) const
{
    if (value.isNull())
        return u"NULL"_s;
    const QByteArray utf8 = value.toUtf8();
    QByteArray out(utf8.size() * 2 + 1, Qt::Uninitialized);
    const unsigned long length = mysql_real_escape_string(
        m_connection->handle(), out.data(), utf8.constData(), static_cast<unsigned long>(utf8.size()));
    out.truncate(qsizetype(length));
    return u'\'' + QString::fromUtf8(out) + u'\'';
}

QString SqlSession::ident(const QString &name)
{
    QString escaped = name;
    escaped.replace(u'`', u"``"_s);
    return u'`' + escaped + u'`';
}

} // namespace Local

#include "sql/querydrain.h"

#include <mysql.h>

namespace Sql {

namespace {

DrainFailure failureOf(Connection &connection)
{
    MYSQL *m = connection.handle();
    DrainFailure failure { mysql_errno(m), QString::fromLatin1(mysql_sqlstate(m)), QString::fromUtf8(mysql_error(m)) };
    if (Connection::isConnectionLostError(failure.number))
        connection.markBroken();
    return failure;
}

} // namespace

std::optional<DrainFailure> QueryDrain::run(
    Connection &connection, const QByteArray &sql, Fetch fetch, ResultVisitor &visitor)
{
    MYSQL *m = connection.handle();
    if (mysql_real_query(m, sql.constData(), static_cast<unsigned long>(sql.size())) != 0)
        return failureOf(connection);
    for (;;) {
        MYSQL_RES *result = fetch == Fetch::Stream ? mysql_use_result(m) : mysql_store_result(m);
        DrainStatus status;
        if (result) {
            status.hasResultSet = true;
            const bool read = visitor.resultSet(result);
            // A fetch error (killed query, lost connection) ends the row loop; keep it before freeing.
            std::optional<DrainFailure> failure;
            if (!read)
                failure = failureOf(connection);
            mysql_free_result(result); // drains unread rows
            if (failure)
                return failure;
        } else if (mysql_field_count(m) == 0) {
            const my_ulonglong affected = mysql_affected_rows(m);
            if (affected != my_ulonglong(-1))
                status.affectedRows = affected;
            status.insertId = mysql_insert_id(m);
        } else {
            return failureOf(connection);
        }
        status.warnings = mysql_warning_count(m);
        visitor.status(status);
        const int next = mysql_next_result(m);
        if (next == -1)
            return std::nullopt;
        if (next > 0)
            return failureOf(connection);
    }
}

} // namespace Sql

#pragma once

#include "sql/connection.h"

#include <QByteArray>
#include <QString>

#include <optional>

struct st_mysql_res;

namespace Sql {

// What one result of a statement reported besides its rows.
struct DrainStatus
{
    bool hasResultSet = false;
    quint64 affectedRows = 0; // results without columns only
    quint64 insertId = 0;
    unsigned int warnings = 0;
};

// Why a statement failed: the server's (or the driver's) error as it was reported.
struct DrainFailure
{
    unsigned int number = 0;
    QString sqlState;
    QString message;
};

// Sees every result of one statement, in order.
class ResultVisitor
{
public:
    virtual ~ResultVisitor() = default;
    // A result set, open while this runs. Returns false when reading it failed (the connection holds the
    // error); rows not read are discarded.
    virtual bool resultSet(st_mysql_res *result) = 0;
    virtual void status(const DrainStatus &) { }
};

// The one "send, then drain every result" loop of the query engine: a statement, a trigger body or a CALL
// may produce several results, and the connection is usable again only when all of them were read. Used
// by Connection (synchronous calls), the StatementRunner (streaming) and, through Connection, the sandbox.
class QueryDrain
{
public:
    enum class Fetch {
        Store, // the whole result is read before the visitor sees it
        Stream, // rows are read while the visitor iterates (mysql_use_result)
    };

    // Sends `sql` once and visits every result; nothing is ever re-sent. A connection-lost error marks the
    // connection broken.
    static std::optional<DrainFailure> run(
        Connection &connection, const QByteArray &sql, Fetch fetch, ResultVisitor &visitor);
};

} // namespace Sql

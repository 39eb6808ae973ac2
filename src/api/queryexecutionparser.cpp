#include "api/queryexecutionparser.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::QueryExecution readQueryExecution(JsonReader &r)
{
    for (const char *key : { "id", "fingerprint", "statement_type", "keyspace", "normalized_sql", "rows_read",
             "rows_returned", "rows_affected", "total_duration_millis" }) {
        r.require(key);
    }
    Core::QueryExecution e;
    e.id = r.string("id");
    e.fingerprint = r.string("fingerprint");
    e.statementType = r.string("statement_type");
    e.keyspace = r.string("keyspace");
    e.normalizedSql = r.string("normalized_sql");
    e.tables = r.stringList("tables");
    e.username = r.string("username");
    e.remoteAddress = r.string("remote_address");
    e.startedAt = r.dateTime("started_at");
    e.rowsRead = r.integer("rows_read");
    e.rowsReturned = r.integer("rows_returned");
    e.rowsAffected = r.integer("rows_affected");
    e.totalDurationMs = r.integer("total_duration_millis");
    e.errorMessage = r.string("error_message");
    e.explainable = r.boolean("explainable");
    return e;
}

Core::Result<Core::QueryExecution> parseQueryExecution(const QJsonValue &json)
{
    return readObject<Core::QueryExecution>(json, u"query execution"_s, readQueryExecution);
}

} // namespace Api::Parsers

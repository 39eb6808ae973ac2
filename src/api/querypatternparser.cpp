#include "api/querypatternparser.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::QueryPattern readQueryPattern(JsonReader &r)
{
    for (const char *key : { "id", "fingerprint", "normalized_sql", "statement_type", "query_count", "error_count",
             "sum_rows_read", "sum_rows_returned", "sum_rows_affected", "sum_total_duration_millis", "p50_latency",
             "p99_latency", "max_latency", "time_per_query", "tables" }) {
        r.require(key);
    }
    Core::QueryPattern p;
    p.id = r.string("id");
    p.fingerprint = r.string("fingerprint");
    p.statementType = r.string("statement_type");
    p.keyspace = r.string("keyspace");
    p.normalizedSql = r.string("normalized_sql");
    p.tables = r.stringList("tables");
    p.queryCount = r.integer("query_count");
    p.errorCount = r.integer("error_count");
    p.rowsRead = r.integer("sum_rows_read");
    p.rowsReturned = r.integer("sum_rows_returned");
    p.rowsAffected = r.integer("sum_rows_affected");
    p.rowsReadPerReturned = r.number("rows_read_per_returned");
    p.totalDurationMs = r.integer("sum_total_duration_millis");
    p.totalDurationPercent = r.number("sum_total_duration_percent");
    p.timePerQueryMs = r.number("time_per_query");
    p.p50LatencyMs = r.number("p50_latency");
    p.p99LatencyMs = r.number("p99_latency");
    p.maxLatencyMs = r.number("max_latency");
    p.lastRunAt = r.dateTime("last_run_at");
    return p;
}

Core::Result<Core::QueryPattern> parseQueryPattern(const QJsonValue &json)
{
    return readObject<Core::QueryPattern>(json, u"query pattern"_s, readQueryPattern);
}

} // namespace Api::Parsers

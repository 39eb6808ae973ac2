#include "api/queryerrorparser.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::QueryError readQueryError(JsonReader &r)
{
    for (const char *key : { "id", "error_fingerprint", "started_at", "total_duration_millis", "time_per_query",
             "error_count", "error_message" }) {
        r.require(key);
    }
    Core::QueryError e;
    e.id = r.string("id");
    e.fingerprint = r.string("error_fingerprint");
    e.message = r.string("error_message");
    e.errorCount = r.integer("error_count");
    e.totalDurationMs = r.integer("total_duration_millis");
    e.timePerQueryMs = r.number("time_per_query");
    e.lastOccurredAt = r.dateTime("started_at");
    return e;
}

Core::Result<Core::QueryError> parseQueryError(const QJsonValue &json)
{
    return readObject<Core::QueryError>(json, u"query error"_s, readQueryError);
}

} // namespace Api::Parsers

#pragma once

#include "core/result.h"
#include "local/sqlsession.h"
#include "schema/schemamodel.h"
#include "schema/schemarecommender.h"

#include <QList>

namespace Local {

// Unused-index recommendations from the server's own counters (the sandbox's "from Insights" part of
// list_schema_recommendations): performance_schema.table_io_waits_summary_by_index_usage counts the reads
// through each index since the server started (or since the table was last rebuilt or renamed). An index
// with no read while its table was read is recommended for dropping. Conservative on purpose: never the
// primary key, a unique key (it enforces something), a FULLTEXT/SPATIAL one, or the index a foreign key of
// the table relies on; nothing when performance_schema is off or the table was never read.
class IndexUsage
{
public:
    static Core::Result<QList<Schema::Recommendation>> unusedIndexes(
        SqlSession &session, const QString &schema, const Schema::SchemaModel &model);
};

} // namespace Local

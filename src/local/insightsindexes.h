#pragma once

#include "core/result.h"
#include "local/services.h"
#include "schema/schemamodel.h"
#include "schema/schemarecommender.h"

#include <QList>

namespace Local {

// new_index recommendations from Query Insights: the default branch's patterns of the last day (Insights'
// default period; the per-minute figures InsightsSampler keeps, sampled first, with the digest's text from
// performance_schema) that read at least Core::PatternSql::recommendIndexFrom rows per row returned get the
// index Core::PatternSql::indexAdvice names for their WHERE — the same rule as the window's pattern detail —
// unless the table has no such columns or an index already leads with the first one. A pattern that stops
// qualifying (fewer reads over the last day, or its text gone with a server restart) drops its finding.
class InsightsIndexes
{
public:
    static Core::Result<QList<Schema::Recommendation>> newIndexes(
        Services services, const QString &schema, const Schema::SchemaModel &model);
};

} // namespace Local

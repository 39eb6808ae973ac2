#include "local/insightsindexes.h"

#include "core/patternsql.h"
#include "local/insightssampler.h"
#include "local/metastore.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

// Some index of `table` has `column` as its first part: the lookup has an index to start from already.
bool leadsAnIndex(const Schema::Table &table, const QString &column)
{
    return std::any_of(table.indexes.begin(), table.indexes.end(), [&](const Schema::Index &index) {
        return !index.parts.isEmpty() && index.parts.first().column.compare(column, Qt::CaseInsensitive) == 0;
    });
}

// By name, ignoring case: the digest writes a name that is also a keyword upper-cased (EVENTS, OWNER), and
// the suggestion lower-cases it.
template<typename T> const T *named(const QList<T> &items, const QString &name)
{
    const auto it = std::find_if(
        items.begin(), items.end(), [&](const T &item) { return item.name.compare(name, Qt::CaseInsensitive) == 0; });
    return it == items.end() ? nullptr : &*it;
}

} // namespace

Core::Result<QList<Schema::Recommendation>> InsightsIndexes::newIndexes(
    Services services, const QString &schema, const Schema::SchemaModel &model)
{
    SqlSession &s = *services.session;
    QList<Schema::Recommendation> out;
    auto enabled = s.scalar(u"SELECT @@performance_schema"_s);
    if (!enabled)
        return enabled.error();
    if (enabled->toInt() != 1)
        return out; // no Insights
    // As Insights' own answers do: the statements since the last sample count.
    if (auto sampled = InsightsSampler(services).sample(); !sampled)
        return sampled.error();
    // Worst first, so the pattern a recommendation quotes is the one that reads the most per row.
    auto rows = s.query(u"SELECT m.digest, MAX(d.DIGEST_TEXT) AS sql_text, SUM(m.queries) AS queries,"
                        u" SUM(m.rows_read) AS rows_read, SUM(m.rows_returned) AS rows_returned FROM "_s
        + services.meta->table(u"insights_minutes"_s)
        + u" m JOIN performance_schema.events_statements_summary_by_digest d ON d.SCHEMA_NAME = m.schema_name"
          u" AND d.DIGEST = m.digest WHERE m.schema_name = "_s
        + s.quote(schema)
        + u" AND m.minute >= UTC_TIMESTAMP() - INTERVAL 1 DAY GROUP BY m.digest"
          u" ORDER BY SUM(m.rows_read) / GREATEST(SUM(m.rows_returned), 1) DESC, m.digest"_s);
    if (!rows)
        return rows.error();
    QSet<QString> keys;
    for (const Row &row : *rows) {
        Core::QueryPattern pattern;
        pattern.normalizedSql = row.value(u"sql_text"_s).trimmed();
        pattern.queryCount = row.value(u"queries"_s).toLongLong();
        pattern.rowsRead = row.value(u"rows_read"_s).toLongLong();
        pattern.rowsReturned = row.value(u"rows_returned"_s).toLongLong();
        // As list_branch_queries reports it.
        pattern.rowsReadPerReturned = pattern.rowsReturned > 0 ? double(pattern.rowsRead) / double(pattern.rowsReturned)
                                                               : double(pattern.rowsRead);
        Core::PatternSql::IndexSuggestion index
            = Core::PatternSql::indexAdvice(pattern, Core::PatternSql::recommendIndexFrom);
        if (!index.isValid())
            continue;
        const Schema::Table *table = named(model.tables, index.table);
        if (!table)
            continue; // another schema's table, a view, or one dropped since
        // The table's own spelling of each name; a name it does not have (an alias, a function) is no index.
        index.table = table->name;
        bool known = true;
        for (QString &column : index.columns) {
            const Schema::Column *c = named(table->columns, column);
            known = known && c;
            if (c)
                column = c->name;
        }
        // An index of that name already (on other columns): ADD INDEX would fail, so no proposal.
        if (!known || leadsAnIndex(*table, index.columns.first()) || named(table->indexes, index.indexName()))
            continue;
        Schema::Recommendation r;
        r.type = u"new_index"_s;
        r.table = table->name;
        r.subject = index.indexName();
        if (keys.contains(r.key()))
            continue;
        keys.insert(r.key());
        const QString ratio = QString::number(pattern.rowsReadPerReturned, 'f', 0);
        r.title = u"Add index %1 to table \"%2\" (%3): %4 queries of the last day like \"%5\" read %6 rows for each"
                  u" row they returned."_s.arg(r.subject, table->name, index.columns.join(u", "_s),
                      QString::number(pattern.queryCount), pattern.normalizedSql.left(200), ratio);
        r.ddl = index.ddl();
        out << r;
    }
    return out;
}

} // namespace Local

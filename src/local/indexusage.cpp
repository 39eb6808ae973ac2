#include "local/indexusage.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

// A foreign key needs an index whose leading columns are its columns: dropping that one fails (or, when
// another index could serve, still changes which one the server uses), so such an index is never proposed.
bool backsForeignKey(const Schema::Table &table, const Schema::Index &index)
{
    for (const Schema::ForeignKey &fk : table.foreignKeys) {
        if (fk.columns.isEmpty() || index.parts.size() < fk.columns.size())
            continue;
        bool leading = true;
        for (qsizetype i = 0; i < fk.columns.size() && leading; ++i)
            leading = index.parts[i].column.compare(fk.columns[i], Qt::CaseInsensitive) == 0;
        if (leading)
            return true;
    }
    return false;
}

QString columnList(const Schema::Index &index)
{
    QStringList names;
    for (const Schema::IndexPart &part : index.parts)
        names << part.column;
    return names.join(u", "_s);
}

} // namespace

Core::Result<QList<Schema::Recommendation>> IndexUsage::unusedIndexes(
    SqlSession &s, const QString &schema, const Schema::SchemaModel &model)
{
    QList<Schema::Recommendation> out;
    auto enabled = s.scalar(u"SELECT @@performance_schema"_s);
    if (!enabled)
        return enabled.error();
    if (enabled->toInt() != 1)
        return out; // no counters, no claim that anything is unused
    // Since when the counters count: the server's start (a table rebuilt since counts from its rebuild).
    auto since = s.scalar(u"SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL VARIABLE_VALUE SECOND, '%Y-%m-%d %H:%i')"
                          u" FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'UPTIME'"_s);
    if (!since)
        return since.error();
    auto rows = s.query(u"SELECT i.OBJECT_NAME AS table_name, i.INDEX_NAME AS index_name, t.COUNT_READ AS table_reads"
                        u" FROM performance_schema.table_io_waits_summary_by_index_usage i"
                        u" JOIN performance_schema.table_io_waits_summary_by_table t ON t.OBJECT_TYPE = i.OBJECT_TYPE"
                        u" AND t.OBJECT_SCHEMA = i.OBJECT_SCHEMA AND t.OBJECT_NAME = i.OBJECT_NAME"
                        u" WHERE i.OBJECT_TYPE = 'TABLE' AND i.OBJECT_SCHEMA = "_s
        + s.quote(schema)
        + u" AND i.INDEX_NAME IS NOT NULL AND i.INDEX_NAME <> 'PRIMARY' AND i.COUNT_READ = 0 AND t.COUNT_READ > 0"
          u" ORDER BY i.OBJECT_NAME, i.INDEX_NAME"_s);
    if (!rows)
        return rows.error();
    for (const Row &row : *rows) {
        const Schema::Table *table = model.table(row.value(u"table_name"_s));
        if (!table)
            continue;
        const QString indexName = row.value(u"index_name"_s);
        const auto index = std::find_if(table->indexes.begin(), table->indexes.end(),
            [&](const Schema::Index &i) { return i.name.compare(indexName, Qt::CaseInsensitive) == 0; });
        if (index == table->indexes.end() || index->kind != Schema::IndexKind::Plain || backsForeignKey(*table, *index))
            continue;
        Schema::Recommendation r;
        r.type = u"unused_index"_s;
        r.table = table->name;
        r.subject = index->name;
        r.title
            = u"Drop unused index %1: index %1 of table \"%2\" (%3) has not been read since %4 UTC (when the"
              u" server started counting; a rebuild of the table restarts the count), while the table has been."_s.arg(
                  index->name, table->name, columnList(*index), *since);
        r.ddl = u"ALTER TABLE "_s + Schema::quoteIdentifier(table->name) + u" DROP INDEX "_s
            + Schema::quoteIdentifier(index->name);
        out << r;
    }
    return out;
}

} // namespace Local

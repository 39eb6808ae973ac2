#include "local/recommendationstore.h"

#include "local/indexusage.h"
#include "local/insightsindexes.h"
#include "local/metastore.h"
#include "local/naming.h"
#include "local/schemareader.h"
#include "schema/schemarecommender.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Local {

Core::Result<void> RecommendationStore::refresh(const Row &database)
{
    SqlSession &s = *m_services.session;
    const QString name = database.value(u"name"_s);
    const QString branch = database.value(u"default_branch"_s);
    const QString schema = Naming::branchSchema(name, branch);
    auto model = SchemaReader::model(s, schema);
    if (!model)
        return model.error();
    QList<Schema::Recommendation> found = Schema::SchemaRecommender::recommend(*model, name);
    // Usage from the server's counters: an index no query reads. One the schema already recommends dropping
    // (a duplicate) is not recommended twice.
    // Counters the sandbox cannot read (a --mysql server without the grant) mean no usage findings, not a
    // failed list.
    auto unused = IndexUsage::unusedIndexes(s, schema, *model);
    for (const Schema::Recommendation &r : unused ? *unused : QList<Schema::Recommendation>()) {
        const bool known = std::any_of(found.begin(), found.end(),
            [&](const Schema::Recommendation &f) { return f.table == r.table && f.subject == r.subject; });
        if (!known)
            found << r;
    }
    // Indexes Insights asks for (new_index), on the same terms: no Insights, no findings.
    auto wanted = InsightsIndexes::newIndexes(m_services, schema, *model);
    found << (wanted ? *wanted : QList<Schema::Recommendation>());
    auto existing = rows(name);
    if (!existing)
        return existing.error();

    // A finding is tracked by the newest recommendation of its key that is still open or dismissed; one that
    // was applied or went stale and comes back (a revert) is a new recommendation.
    QSet<QString> live;
    for (const Row &row : *existing) {
        const QString state = row.value(u"state"_s);
        if (state == u"open"_s || state == u"dismissed"_s)
            live.insert(row.value(u"rec_key"_s));
    }
    QSet<QString> current;
    const QString table = m_services.meta->table(u"schema_recommendations"_s);
    for (const Schema::Recommendation &r : found) {
        current.insert(r.key());
        if (live.contains(r.key()))
            continue;
        // The number is the next of the database's; the unique key makes a concurrent insert fail, not clash.
        auto inserted = s.exec(u"INSERT INTO "_s + table
            + u" (id, database_name, number, rec_key, recommendation_type, table_name, title, ddl_statement, state,"
              u" created_at, updated_at) SELECT "_s
            + s.quote(Naming::randomId(12)) + u", "_s + s.quote(name) + u", COALESCE(MAX(number), 0) + 1, "_s
            + s.quote(r.key()) + u", "_s + s.quote(r.type) + u", "_s + s.quote(r.table) + u", "_s + s.quote(r.title)
            + u", "_s + s.quote(r.ddl) + u", 'open', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) FROM "_s + table
            + u" WHERE database_name = "_s + s.quote(name));
        if (!inserted)
            return inserted;
        live.insert(r.key());
    }
    for (const Row &row : *existing) {
        if (row.value(u"state"_s) != u"open"_s || current.contains(row.value(u"rec_key"_s)))
            continue;
        auto closing = closingRequest(name, branch, row.value(u"table_name"_s), row.value(u"created_at"_s));
        if (!closing)
            return closing.error();
        QString set = u"state = 'stale'"_s;
        if (!closing->isEmpty())
            set = u"state = 'applied', applied_at = "_s + s.quote(closing->value(u"deployed_at"_s))
                + u", closed_by_request_id = "_s + s.quote(closing->value(u"id"_s)) + u", closed_by_branch_id = "_s
                + s.quote(closing->value(u"branch_id"_s)) + u", closed_by_number = "_s
                + QString::number(closing->value(u"number"_s).toLongLong());
        auto updated = s.exec(u"UPDATE "_s + table + u" SET "_s + set
            + u", updated_at = UTC_TIMESTAMP(3) WHERE state = 'open' AND id = "_s + s.quote(row.value(u"id"_s)));
        if (!updated)
            return updated;
    }
    return {};
}

Core::Result<Row> RecommendationStore::closingRequest(
    const QString &database, const QString &branch, const QString &table, const QString &since)
{
    SqlSession &s = *m_services.session;
    return s.queryRow(u"SELECT r.id, r.branch_id, r.number, r.deployed_at FROM "_s
        + m_services.meta->table(u"deploy_requests"_s) + u" r WHERE r.database_name = "_s + s.quote(database)
        + u" AND r.into_branch = "_s + s.quote(branch) + u" AND r.deployed_at IS NOT NULL AND r.deployed_at >= "_s
        + s.quote(since) + u" AND EXISTS (SELECT 1 FROM "_s + m_services.meta->table(u"deploy_operations"_s)
        + u" o WHERE o.deploy_request_id = r.id AND o.table_name = "_s + s.quote(table)
        + u") ORDER BY r.deployed_at, r.number LIMIT 1"_s);
}

Core::Result<QList<Row>> RecommendationStore::rows(const QString &database, const QString &where)
{
    SqlSession &s = *m_services.session;
    return s.query(u"SELECT * FROM "_s + m_services.meta->table(u"schema_recommendations"_s)
        + u" WHERE database_name = "_s + s.quote(database) + (where.isEmpty() ? QString() : u" AND ("_s + where + u')')
        + u" ORDER BY number"_s);
}

Core::Result<std::optional<Row>> RecommendationStore::row(const QString &database, qint64 number)
{
    auto found = rows(database, u"number = "_s + QString::number(number));
    if (!found)
        return found.error();
    return found->isEmpty() ? std::optional<Row>() : std::optional<Row>(found->constFirst());
}

Core::Result<void> RecommendationStore::dismiss(const Row &recommendation, const QString &reason)
{
    SqlSession &s = *m_services.session;
    return s.exec(u"UPDATE "_s + m_services.meta->table(u"schema_recommendations"_s)
        + u" SET state = 'dismissed', dismissed_at = UTC_TIMESTAMP(3), updated_at = UTC_TIMESTAMP(3),"
          u" dismiss_reason = "_s
        + (reason.isEmpty() ? u"NULL"_s : s.quote(reason)) + u" WHERE state = 'open' AND id = "_s
        + s.quote(recommendation.value(u"id"_s)));
}

Core::Result<qint64> RecommendationStore::openCount(const QString &database)
{
    SqlSession &s = *m_services.session;
    auto n = s.scalar(u"SELECT COUNT(*) FROM "_s + m_services.meta->table(u"schema_recommendations"_s)
        + u" WHERE state = 'open' AND database_name = "_s + s.quote(database));
    if (!n)
        return n.error();
    return n->toLongLong();
}

} // namespace Local

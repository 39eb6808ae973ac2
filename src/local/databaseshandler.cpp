#include "local/databaseshandler.h"

#include "local/recommendationstore.h"

#include "local/accounts.h"
#include "local/jsonviews.h"
#include "local/metastore.h"
#include "local/naming.h"

using namespace Qt::StringLiterals;

namespace Local {

HttpAnswer DatabasesHandler::handle(const HttpCall &call)
{
    const QStringList &s = call.segments;
    HttpAnswer answer = HttpAnswer::notFound();
    if (s.size() == 3) {
        if (call.method == u"GET"_s)
            answer = list(call);
        else if (call.method == u"POST"_s)
            answer = create(call);
        answer.route = u"/organizations/{organization}/databases"_s;
        return answer;
    }
    if (call.method == u"GET"_s) {
        auto row = m_services.meta->database(s[3]);
        if (!row)
            return HttpAnswer::internal(row.error().message);
        if (!*row)
            return HttpAnswer::notFound();
        auto json = databaseJson(m_services, **row);
        answer = json ? HttpAnswer::json(*json) : HttpAnswer::internal(json.error().message);
    } else if (call.method == u"DELETE"_s) {
        answer = remove(s[3]);
    }
    answer.route = u"/organizations/{organization}/databases/{database}"_s;
    return answer;
}

Core::Result<QJsonObject> DatabasesHandler::databaseJson(const Services &services, const Row &row)
{
    SqlSession &s = *services.session;
    auto counts = s.queryRow(u"SELECT COUNT(*) AS n, COALESCE(SUM(production), 0) AS p FROM "_s
        + services.meta->table(u"branches"_s) + u" WHERE database_name = "_s + s.quote(row.value(u"name"_s)));
    if (!counts)
        return counts.error();
    auto tables = s.queryRow(u"SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = "_s
        + s.quote(Naming::branchSchema(row.value(u"name"_s), row.value(u"default_branch"_s)))
        + u" AND TABLE_NAME NOT LIKE '\\_bd\\_%'"_s);
    if (!tables)
        return tables.error();
    // As of the last look at the recommendations (a look reads the whole schema; a database listing does not).
    auto recommendations = RecommendationStore(services).openCount(row.value(u"name"_s));
    if (!recommendations)
        return recommendations.error();
    return services.views->database(row, counts->value(u"n"_s).toLongLong(), counts->value(u"p"_s).toLongLong(),
        tables->value(u"n"_s).toLongLong(), *recommendations);
}

HttpAnswer DatabasesHandler::list(const HttpCall &call)
{
    SqlSession &s = *m_services.session;
    QString sql = u"SELECT * FROM "_s + m_services.meta->table(u"databases"_s);
    const QString search = call.query.queryItemValue(u"q"_s);
    if (!search.isEmpty())
        sql += u" WHERE name LIKE "_s + s.quote(u'%' + search + u'%');
    auto rows = s.query(sql + u" ORDER BY created_at, name"_s);
    if (!rows)
        return HttpAnswer::internal(rows.error().message);
    QJsonArray items;
    for (const Row &row : *rows) {
        auto json = databaseJson(m_services, row);
        if (!json)
            return HttpAnswer::internal(json.error().message);
        items.append(*json);
    }
    return HttpAnswer::json(listEnvelope(items, call.query));
}

HttpAnswer DatabasesHandler::create(const HttpCall &call)
{
    const QString name = call.body.value(u"name"_s).toString();
    if (!Naming::isValidName(name))
        return HttpAnswer::unprocessable(
            u"Name must be 1 to 30 lowercase letters, digits or dashes, not starting with a dash."_s);
    SqlSession &s = *m_services.session;
    auto existing = m_services.meta->database(name);
    if (!existing)
        return HttpAnswer::internal(existing.error().message);
    if (*existing)
        return HttpAnswer::unprocessable(u"Name has already been taken."_s);
    const QString branch = u"main"_s;
    const QString schema = Naming::branchSchema(name, branch);
    if (auto done = s.exec(
            u"CREATE DATABASE "_s + SqlSession::ident(schema) + u" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"_s);
        !done)
        return HttpAnswer::unprocessable(done.error().message);
    auto stored = s.transaction([&]() -> Core::Result<void> {
        if (auto done = s.exec(u"INSERT INTO "_s + m_services.meta->table(u"databases"_s)
                + u" (id, name, default_branch, created_at, updated_at) VALUES ("_s + s.quote(Naming::randomId())
                + u", "_s + s.quote(name) + u", "_s + s.quote(branch) + u", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"_s);
            !done)
            return done;
        return s.exec(u"INSERT INTO "_s + m_services.meta->table(u"branches"_s)
            + u" (id, database_name, name, parent_branch, schema_name, production, safe_migrations,"
              u" created_at, updated_at) VALUES ("_s
            + s.quote(Naming::randomId()) + u", "_s + s.quote(name) + u", "_s + s.quote(branch) + u", NULL, "_s
            + s.quote(schema) + u", 1, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"_s);
    });
    if (!stored) {
        (void)s.exec(u"DROP DATABASE IF EXISTS "_s + SqlSession::ident(schema));
        return HttpAnswer::internal(stored.error().message);
    }
    auto row = m_services.meta->database(name);
    if (!row || !*row)
        return HttpAnswer::internal(u"The new database vanished."_s);
    auto json = databaseJson(m_services, **row);
    return json ? HttpAnswer::json(*json, 201) : HttpAnswer::internal(json.error().message);
}

HttpAnswer DatabasesHandler::remove(const QString &name)
{
    SqlSession &s = *m_services.session;
    auto existing = m_services.meta->database(name);
    if (!existing)
        return HttpAnswer::internal(existing.error().message);
    if (!*existing)
        return HttpAnswer::notFound();
    auto branches = s.query(
        u"SELECT * FROM "_s + m_services.meta->table(u"branches"_s) + u" WHERE database_name = "_s + s.quote(name));
    if (!branches)
        return HttpAnswer::internal(branches.error().message);
    for (const Row &branch : *branches) {
        if (auto done = m_services.accounts->dropBranch(branch); !done)
            return HttpAnswer::internal(done.error().message);
    }
    auto done = s.transaction([&]() -> Core::Result<void> {
        const QString where = u" WHERE database_name = "_s + s.quote(name);
        const QString drs = u"SELECT id FROM "_s + m_services.meta->table(u"deploy_requests"_s) + where;
        const QStringList statements = { u"DELETE FROM "_s + m_services.meta->table(u"deploy_operations"_s)
                + u" WHERE deploy_request_id IN ("_s + drs + u')',
            u"DELETE FROM "_s + m_services.meta->table(u"reviews"_s) + u" WHERE deploy_request_id IN ("_s + drs + u')',
            u"DELETE FROM "_s + m_services.meta->table(u"deploy_lint"_s) + u" WHERE deploy_request_id IN ("_s + drs
                + u')',
            u"DELETE FROM "_s + m_services.meta->table(u"deploy_journal"_s) + u" WHERE deploy_request_id IN ("_s + drs
                + u')',
            u"DELETE FROM "_s + m_services.meta->table(u"deploy_requests"_s) + where,
            u"DELETE FROM "_s + m_services.meta->table(u"schema_recommendations"_s) + where,
            u"DELETE FROM "_s + m_services.meta->table(u"databases"_s) + u" WHERE name = "_s + s.quote(name) };
        for (const QString &sql : statements) {
            if (auto step = s.exec(sql); !step)
                return step;
        }
        return {};
    });
    return done ? HttpAnswer::noContent() : HttpAnswer::internal(done.error().message);
}

} // namespace Local

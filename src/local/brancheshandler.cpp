#include "local/brancheshandler.h"

#include "local/accounts.h"
#include "local/backupshandler.h"
#include "local/databaseshandler.h"
#include "local/deployqueue.h"
#include "local/jsonviews.h"
#include "local/keyspaceshandler.h"
#include "local/metastore.h"
#include "local/naming.h"
#include "local/schemareader.h"
#include "schema/schemadiff.h"
#include "schema/schemalinter.h"
#include "schema/tablememo.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

const QString branchesRoute = u"/organizations/{organization}/databases/{database}/branches"_s;
const QString branchRoute = branchesRoute + u"/{branch}"_s;

} // namespace

HttpAnswer BranchesHandler::handle(const HttpCall &call)
{
    const QStringList &s = call.segments;
    auto database = m_services.meta->database(s[3]);
    if (!database)
        return HttpAnswer::internal(database.error().message);
    if (!*database)
        return HttpAnswer::notFound();
    HttpAnswer answer = HttpAnswer::notFound();
    if (s.size() == 5) {
        if (call.method == u"GET"_s)
            answer = list(call, s[3]);
        else if (call.method == u"POST"_s)
            answer = create(call, **database);
        answer.route = branchesRoute;
        return answer;
    }
    auto branch = m_services.meta->branch(s[3], s[5]);
    if (!branch)
        return HttpAnswer::internal(branch.error().message);
    if (!*branch)
        return answer;
    const Row &b = **branch;
    const QString action = s.size() > 6 ? s.mid(6).join(u'/') : QString();
    if (action.isEmpty() && call.method == u"GET"_s)
        answer = HttpAnswer::json(m_services.views->branch(b));
    else if (action.isEmpty() && call.method == u"DELETE"_s)
        answer = remove(**database, b);
    else if (action == u"promote"_s && call.method == u"POST"_s)
        answer = setFlags(b, u"production = 1"_s);
    else if (action == u"demote"_s && call.method == u"POST"_s)
        answer = setFlags(b, u"production = 0, safe_migrations = 0"_s);
    else if (action == u"safe-migrations"_s && call.method == u"POST"_s)
        answer = b.value(u"production"_s) == u"1"_s
            ? setFlags(b, u"safe_migrations = 1"_s)
            : HttpAnswer::unprocessable(u"Safe migrations can only be enabled on a production branch."_s);
    else if (action == u"safe-migrations"_s && call.method == u"DELETE"_s)
        answer = setFlags(b, u"safe_migrations = 0"_s);
    else if (action == u"schema"_s && call.method == u"GET"_s)
        answer = schema(b);
    else if (action == u"schema/lint"_s && call.method == u"GET"_s)
        answer = lint(call, b);
    else if (action == u"diff"_s && call.method == u"GET"_s)
        answer = diff(b);
    else if (action == u"refresh-schema"_s && call.method == u"POST"_s)
        answer = refreshSchema(b);
    else if (action == u"backups"_s || action.startsWith(u"backups/"_s))
        return BackupsHandler(m_services).handle(call, b, action);
    else if (action == u"keyspaces"_s || action.startsWith(u"keyspaces/"_s)) {
        answer = KeyspacesHandler(m_services).handle(call, b, action);
        const qsizetype parts = action.count(u'/');
        answer.route = branchRoute
            + (parts == 0        ? u"/keyspaces"_s
                    : parts == 1 ? u"/keyspaces/{keyspace}"_s
                                 : u"/keyspaces/{keyspace}/vschema"_s);
        return answer;
    }
    answer.route = action.isEmpty() ? branchRoute : branchRoute + u'/' + action;
    return answer;
}

HttpAnswer BranchesHandler::list(const HttpCall &call, const QString &database)
{
    SqlSession &s = *m_services.session;
    QString sql = u"SELECT * FROM "_s + m_services.meta->table(u"branches"_s) + u" WHERE database_name = "_s
        + s.quote(database);
    const QString search = call.query.queryItemValue(u"q"_s);
    if (!search.isEmpty())
        sql += u" AND name LIKE "_s + s.quote(u'%' + search + u'%');
    for (const QString &flag : { u"production"_s, u"safe_migrations"_s }) {
        if (call.query.hasQueryItem(flag))
            sql += u" AND "_s + flag + (call.query.queryItemValue(flag) == u"true"_s ? u" = 1"_s : u" = 0"_s);
    }
    sql += call.query.queryItemValue(u"order"_s) == u"desc"_s ? u" ORDER BY created_at DESC, name DESC"_s
                                                              : u" ORDER BY created_at, name"_s;
    auto rows = s.query(sql);
    if (!rows)
        return HttpAnswer::internal(rows.error().message);
    QJsonArray items;
    for (const Row &row : *rows)
        items.append(m_services.views->branch(row));
    return HttpAnswer::json(listEnvelope(items, call.query));
}

Core::Result<void> BranchesHandler::copySchema(const QString &fromSchema, const QString &toSchema)
{
    SqlSession &s = *m_services.session;
    auto definitions = SchemaReader::definitions(s, fromSchema);
    if (!definitions)
        return definitions.error();
    if (auto done = s.exec(u"USE "_s + SqlSession::ident(toSchema)); !done)
        return done;
    // Tables first (foreign keys checked only at the end), then views.
    (void)s.exec(u"SET SESSION foreign_key_checks = 0"_s);
    Core::Result<void> result;
    for (int pass = 0; pass < 2 && result; ++pass) {
        for (const ObjectDefinition &definition : *definitions) {
            if (definition.isView != (pass == 1))
                continue;
            if (auto done = s.exec(definition.createStatement); !done) {
                result = done;
                break;
            }
        }
    }
    (void)s.exec(u"SET SESSION foreign_key_checks = 1"_s);
    (void)s.exec(u"USE "_s + SqlSession::ident(Naming::metaSchema()));
    return result;
}

HttpAnswer BranchesHandler::create(const HttpCall &call, const Row &database)
{
    SqlSession &s = *m_services.session;
    const QString dbName = database.value(u"name"_s);
    const QString name = call.body.value(u"name"_s).toString();
    if (!Naming::isValidName(name))
        return HttpAnswer::unprocessable(
            u"Name must be 1 to 30 lowercase letters, digits or dashes, not starting with a dash."_s);
    const QString backupId = call.body.value(u"backup_id"_s).toString();
    const QString seed = call.body.value(u"seed_data"_s).toString();
    if (!seed.isEmpty() && seed != u"last_successful_backup"_s)
        return HttpAnswer::unprocessable(u"seed_data must be last_successful_backup."_s);
    std::optional<Row> backup;
    if (!backupId.isEmpty()) {
        auto found = BackupsHandler::backupById(s, dbName, backupId);
        if (!found)
            return HttpAnswer::failure(found.error());
        if (!*found)
            return HttpAnswer::unprocessable(u"Backup "_s + backupId + u" does not exist."_s);
        if ((*found)->value(u"state"_s) != u"success"_s)
            return HttpAnswer::unprocessable(u"Backup "_s + backupId + u" is "_s + (*found)->value(u"state"_s)
                + u"; only a successful backup can be restored."_s);
        backup = *found;
    }
    QString parentName = call.body.value(u"parent_branch"_s).toString();
    if (parentName.isEmpty())
        parentName = backup ? backup->value(u"branch_name"_s) : database.value(u"default_branch"_s);
    if (!seed.isEmpty() && !backup) {
        auto found = BackupsHandler::latestSuccessful(s, dbName, parentName);
        if (!found)
            return HttpAnswer::failure(found.error());
        if (!*found)
            return HttpAnswer::unprocessable(
                u"Branch "_s + parentName + u" has no successful backup to seed the new branch with."_s);
        backup = *found;
    }
    auto parent = m_services.meta->branch(dbName, parentName);
    if (!parent)
        return HttpAnswer::internal(parent.error().message);
    if (!*parent)
        return HttpAnswer::unprocessable(u"Parent branch "_s + parentName + u" does not exist."_s);
    auto existing = m_services.meta->branch(dbName, name);
    if (!existing)
        return HttpAnswer::internal(existing.error().message);
    if (*existing)
        return HttpAnswer::unprocessable(u"Name has already been taken."_s);

    const QString schema = Naming::branchSchema(dbName, name);
    if (auto done = s.exec(
            u"CREATE DATABASE "_s + SqlSession::ident(schema) + u" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"_s);
        !done)
        return HttpAnswer::unprocessable(done.error().message);
    // From a backup: the branch starts empty and not ready; the deploy worker fills it with the backup's
    // tables, rows, views and triggers (RestoreRun), so a big backup never holds up the API. Otherwise the
    // parent's schema without data, here (DDL only).
    if (!backup) {
        if (auto copied = copySchema((*parent)->value(u"schema_name"_s), schema); !copied) {
            (void)s.exec(u"USE "_s + SqlSession::ident(Naming::metaSchema()));
            (void)s.exec(u"DROP DATABASE IF EXISTS "_s + SqlSession::ident(schema));
            return HttpAnswer::unprocessable(u"Copying the parent's schema failed: "_s + copied.error().message);
        }
    }
    const QString id = Naming::randomId();
    auto stored = s.exec(u"INSERT INTO "_s + m_services.meta->table(u"branches"_s)
        + u" (id, database_name, name, parent_branch, schema_name, production, safe_migrations,"
          u" created_at, updated_at, restored_from_backup, restore_state) VALUES ("_s
        + s.quote(id) + u", "_s + s.quote(dbName) + u", "_s + s.quote(name) + u", "_s + s.quote(parentName) + u", "_s
        + s.quote(schema) + u", 0, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), "_s
        + (backup ? s.quote(backup->value(u"id"_s)) + u", 'pending'"_s : u"NULL, NULL"_s) + u")"_s);
    if (!stored) {
        (void)s.exec(u"DROP DATABASE IF EXISTS "_s + SqlSession::ident(schema));
        return HttpAnswer::internal(stored.error().message);
    }
    auto row = m_services.meta->branch(dbName, name);
    if (!row || !*row)
        return HttpAnswer::internal(u"The new branch vanished."_s);
    // Woken after the row is read: the answer to a restore always says not ready yet.
    if (backup && m_services.deploys)
        m_services.deploys->wake();
    return HttpAnswer::json(m_services.views->branch(**row), 201);
}

HttpAnswer BranchesHandler::remove(const Row &database, const Row &branch)
{
    if (branch.value(u"name"_s) == database.value(u"default_branch"_s))
        return HttpAnswer::unprocessable(u"The default branch of a database cannot be deleted."_s);
    // The worker may be filling it right now; a failed restore (restore_state failed) can be deleted.
    if (const QString restore = branch.value(u"restore_state"_s); restore == u"pending"_s || restore == u"running"_s)
        return HttpAnswer::unprocessable(
            u"The branch is being restored from a backup; delete it once the restore has finished."_s);
    SqlSession &s = *m_services.session;
    auto children = s.queryRow(u"SELECT COUNT(*) AS n FROM "_s + m_services.meta->table(u"branches"_s)
        + u" WHERE database_name = "_s + s.quote(branch.value(u"database_name"_s)) + u" AND parent_branch = "_s
        + s.quote(branch.value(u"name"_s)));
    if (!children)
        return HttpAnswer::internal(children.error().message);
    if (children->value(u"n"_s).toLongLong() > 0)
        return HttpAnswer::unprocessable(u"The branch has child branches; delete them first."_s);
    auto done = m_services.accounts->dropBranch(branch);
    return done ? HttpAnswer::noContent() : HttpAnswer::internal(done.error().message);
}

HttpAnswer BranchesHandler::setFlags(const Row &branch, const QString &assignments)
{
    SqlSession &s = *m_services.session;
    if (auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"branches"_s) + u" SET "_s + assignments
            + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(branch.value(u"id"_s)));
        !done)
        return HttpAnswer::internal(done.error().message);
    auto row = m_services.meta->branch(branch.value(u"database_name"_s), branch.value(u"name"_s));
    if (!row || !*row)
        return HttpAnswer::notFound();
    // The privileges follow the branch's new kind at once (safe migrations take DDL away), open sessions too.
    if (auto done = m_services.accounts->regrantBranch(branch, **row); !done)
        return HttpAnswer::internal(done.error().message);
    return HttpAnswer::json(m_services.views->branch(**row));
}

HttpAnswer BranchesHandler::refreshSchema(const Row &branch)
{
    // The sandbox reads schemas live from the server, so there is no snapshot to rebuild: refreshing records
    // that the schema was read now (schema_last_updated_at), as PlanetScale does after direct DDL.
    SqlSession &s = *m_services.session;
    auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"branches"_s)
        + u" SET schema_last_updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(branch.value(u"id"_s)));
    return done ? HttpAnswer::noContent() : HttpAnswer::internal(done.error().message);
}

HttpAnswer BranchesHandler::schema(const Row &branch)
{
    auto definitions = SchemaReader::definitions(*m_services.session, branch.value(u"schema_name"_s));
    if (!definitions)
        return HttpAnswer::internal(definitions.error().message);
    QJsonArray data;
    for (const ObjectDefinition &d : *definitions)
        data.append(QJsonObject { { u"name"_s, d.name }, { u"raw"_s, d.createStatement },
            { u"html"_s, JsonViews::html(d.createStatement) } });
    return HttpAnswer::json(QJsonObject { { u"data"_s, data } });
}

HttpAnswer BranchesHandler::lint(const HttpCall &call, const Row &branch)
{
    auto model = SchemaReader::model(*m_services.session, branch.value(u"schema_name"_s));
    if (!model)
        return HttpAnswer::internal(model.error().toString());
    const auto found = Schema::SchemaLinter::lint(*model, branch.value(u"database_name"_s));
    return HttpAnswer::json(listEnvelope(JsonViews::lintErrors(found), call.query));
}

Core::Result<QJsonObject> BranchesHandler::diffJson(
    SqlSession &session, const QString &fromSchema, const QString &toSchema)
{
    Schema::TableMemo memo;
    auto from = SchemaReader::model(session, fromSchema, &memo);
    if (!from)
        return from.error();
    auto to = SchemaReader::model(session, toSchema, &memo);
    if (!to)
        return to.error();
    const Schema::SchemaDiffResult diff = Schema::SchemaDiff::compare(*from, *to);
    QJsonArray data;
    for (const Schema::ObjectDiff &object : diff.objects) {
        QStringList statements;
        for (const Schema::DiffStatement &statement : object.statements)
            statements << statement.sql + u';';
        const QString raw = statements.join(u'\n');
        data.append(QJsonObject { { u"name"_s, object.name }, { u"raw"_s, raw }, { u"html"_s, JsonViews::html(raw) } });
    }
    return QJsonObject { { u"data"_s, data } };
}

HttpAnswer BranchesHandler::diff(const Row &branch)
{
    const QString parentName = branch.value(u"parent_branch"_s);
    if (parentName.isNull())
        return HttpAnswer::json(QJsonObject { { u"data"_s, QJsonArray() } });
    auto parent = m_services.meta->branch(branch.value(u"database_name"_s), parentName);
    if (!parent || !*parent)
        return HttpAnswer::unprocessable(u"The parent branch no longer exists."_s);
    auto json = diffJson(*m_services.session, (*parent)->value(u"schema_name"_s), branch.value(u"schema_name"_s));
    return json ? HttpAnswer::json(*json) : HttpAnswer::unprocessable(json.error().toString());
}

} // namespace Local

#include "local/backupshandler.h"

#include "local/backupstore.h"
#include "local/deployqueue.h"
#include "local/jsonviews.h"
#include "local/metastore.h"
#include "local/naming.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

const QString backupsRoute = u"/organizations/{organization}/databases/{database}/branches/{branch}/backups"_s;
constexpr qint64 defaultRetentionSeconds = 7 * 24 * 3600;

qint64 unitSeconds(const QString &unit)
{
    if (unit == u"hour"_s)
        return 3600;
    if (unit == u"day"_s)
        return 24 * 3600;
    if (unit == u"week"_s)
        return 7 * 24 * 3600;
    if (unit == u"month"_s)
        return 30 * 24 * 3600;
    if (unit == u"year"_s)
        return 365 * 24 * 3600;
    return 0;
}

QString table()
{
    return SqlSession::ident(Naming::metaSchema()) + u".`backups`"_s;
}

Core::Result<std::optional<Row>> first(SqlSession &session, const QString &sql)
{
    auto rows = session.query(sql);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<Row>();
    return std::optional<Row>(rows->constFirst());
}

} // namespace

Core::Result<std::optional<Row>> BackupsHandler::backupById(
    SqlSession &session, const QString &database, const QString &id)
{
    return first(session,
        u"SELECT * FROM "_s + table() + u" WHERE database_name = "_s + session.quote(database) + u" AND id = "_s
            + session.quote(id));
}

Core::Result<std::optional<Row>> BackupsHandler::latestSuccessful(
    SqlSession &session, const QString &database, const QString &branch)
{
    return first(session,
        u"SELECT * FROM "_s + table() + u" WHERE database_name = "_s + session.quote(database)
            + u" AND branch_name = "_s + session.quote(branch)
            + u" AND state = 'success' ORDER BY completed_at DESC, created_at DESC LIMIT 1"_s);
}

HttpAnswer BackupsHandler::handle(const HttpCall &call, const Row &branch, const QString &action)
{
    const QStringList parts = action.split(u'/');
    HttpAnswer answer = HttpAnswer::notFound();
    if (parts.size() == 1) {
        if (call.method == u"GET"_s)
            answer = list(call, branch);
        else if (call.method == u"POST"_s)
            answer = create(call, branch);
        answer.route = backupsRoute;
        return answer;
    }
    if (parts.size() != 2)
        return answer;
    SqlSession &s = *m_services.session;
    auto backup = first(s,
        u"SELECT * FROM "_s + table() + u" WHERE database_name = "_s + s.quote(branch.value(u"database_name"_s))
            + u" AND branch_name = "_s + s.quote(branch.value(u"name"_s)) + u" AND id = "_s + s.quote(parts[1]));
    if (!backup)
        answer = HttpAnswer::failure(backup.error());
    else if (!*backup)
        answer = HttpAnswer::notFound();
    else if (call.method == u"GET"_s) {
        auto body = json(**backup, branch);
        answer = body ? HttpAnswer::json(*body) : HttpAnswer::failure(body.error());
    } else if (call.method == u"PATCH"_s)
        answer = update(call, **backup);
    else if (call.method == u"DELETE"_s)
        answer = remove(**backup);
    answer.route = backupsRoute + u"/{id}"_s;
    return answer;
}

HttpAnswer BackupsHandler::list(const HttpCall &call, const Row &branch)
{
    SqlSession &s = *m_services.session;
    QString sql = u"SELECT * FROM "_s + table() + u" WHERE database_name = "_s
        + s.quote(branch.value(u"database_name"_s)) + u" AND branch_name = "_s + s.quote(branch.value(u"name"_s));
    const QString state = call.query.queryItemValue(u"state"_s);
    if (!state.isEmpty())
        sql += u" AND state = "_s + s.quote(state);
    auto rows = s.query(sql + u" ORDER BY created_at DESC, id"_s);
    if (!rows)
        return HttpAnswer::failure(rows.error());
    QJsonArray items;
    for (const Row &row : *rows) {
        auto body = json(row, branch);
        if (!body)
            return HttpAnswer::failure(body.error());
        items.append(*body);
    }
    return HttpAnswer::json(listEnvelope(items, call.query));
}

HttpAnswer BackupsHandler::create(const HttpCall &call, const Row &branch)
{
    const QJsonValue name = call.body.value(u"name"_s);
    if (!name.isUndefined() && (!name.isString() || name.toString().size() > 255))
        return HttpAnswer::unprocessable(u"Name must be a string of at most 255 characters."_s);
    if (call.body.value(u"emergency"_s).toBool())
        return HttpAnswer::unprocessable(u"Emergency backups are only supported for PostgreSQL databases."_s);
    const QJsonValue unit = call.body.value(u"retention_unit"_s);
    const QJsonValue value = call.body.value(u"retention_value"_s);
    qint64 retention = defaultRetentionSeconds;
    if (!unit.isUndefined() || !value.isUndefined()) {
        const qint64 seconds = unitSeconds(unit.toString());
        const double count = value.toDouble(-1);
        if (seconds == 0 || !value.isDouble() || count != qint64(count) || count < 1 || count > 1000)
            return HttpAnswer::unprocessable(u"Retention needs retention_unit (hour, day, week, month or year) and "
                                             u"retention_value (1 to 1000) together."_s);
        retention = seconds * qint64(count);
    }
    SqlSession &s = *m_services.session;
    const QString id = Naming::randomId();
    const QString backupName = name.toString().isEmpty()
        ? QDateTime::currentDateTimeUtc().toString(u"yyyy.MM.dd HH:mm:ss"_s)
        : name.toString();
    if (auto done = s.exec(u"INSERT INTO "_s + table()
            + u" (id, database_name, branch_name, branch_id, name, state, retention_seconds, created_at, updated_at)"
              u" VALUES ("_s
            + s.quote(id) + u", "_s + s.quote(branch.value(u"database_name"_s)) + u", "_s
            + s.quote(branch.value(u"name"_s)) + u", "_s + s.quote(branch.value(u"id"_s)) + u", "_s
            + s.quote(backupName) + u", 'pending', "_s + SqlSession::num(retention)
            + u", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"_s);
        !done)
        return HttpAnswer::failure(done.error());
    // The copy runs on the deploy worker's thread: the answer says pending and never waits for it.
    if (m_services.deploys)
        m_services.deploys->wake();
    auto row = backupById(s, branch.value(u"database_name"_s), id);
    if (!row || !*row)
        return HttpAnswer::internal(u"The new backup vanished."_s);
    auto body = json(**row, branch);
    return body ? HttpAnswer::json(*body, 201) : HttpAnswer::failure(body.error());
}

HttpAnswer BackupsHandler::update(const HttpCall &call, const Row &backup)
{
    const QJsonValue protect = call.body.value(u"protected"_s);
    if (!protect.isUndefined() && !protect.isBool())
        return HttpAnswer::unprocessable(u"protected must be true or false."_s);
    SqlSession &s = *m_services.session;
    if (protect.isBool()) {
        if (auto done = s.exec(u"UPDATE "_s + table() + u" SET protected = "_s + (protect.toBool() ? u"1"_s : u"0"_s)
                + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(backup.value(u"id"_s)));
            !done)
            return HttpAnswer::failure(done.error());
    }
    auto row = backupById(s, backup.value(u"database_name"_s), backup.value(u"id"_s));
    auto branch = m_services.meta->branch(backup.value(u"database_name"_s), backup.value(u"branch_name"_s));
    if (!row || !*row || !branch || !*branch)
        return HttpAnswer::notFound();
    auto body = json(**row, **branch);
    return body ? HttpAnswer::json(*body) : HttpAnswer::failure(body.error());
}

HttpAnswer BackupsHandler::remove(const Row &backup)
{
    if (backup.value(u"protected"_s) == u"1"_s)
        return HttpAnswer::unprocessable(u"The backup is protected from deletion; unprotect it first."_s);
    if (backup.value(u"state"_s) == u"running"_s)
        return HttpAnswer::unprocessable(u"The backup is running; delete it once it has finished."_s);
    SqlSession &s = *m_services.session;
    auto restoring = s.scalar(u"SELECT COUNT(*) FROM "_s + m_services.meta->table(u"branches"_s)
        + u" WHERE restored_from_backup = "_s + s.quote(backup.value(u"id"_s))
        + u" AND restore_state IN ('pending', 'running')"_s);
    if (!restoring)
        return HttpAnswer::failure(restoring.error());
    if (restoring->toLongLong() > 0)
        return HttpAnswer::unprocessable(u"A branch is being restored from the backup; delete it once that is done."_s);
    // The row goes only once its copy is gone, so a failure leaves a backup that can be deleted again.
    // Branches restored from it keep their rows: a restore copies, it does not link.
    if (auto dropped = BackupStore::drop(s, BackupStore::storageSchema(backup.value(u"id"_s))); !dropped)
        return HttpAnswer::failure(dropped.error());
    auto done = s.exec(u"DELETE FROM "_s + table() + u" WHERE id = "_s + s.quote(backup.value(u"id"_s))
        + u" AND state <> 'running'"_s);
    if (!done)
        return HttpAnswer::failure(done.error());
    return HttpAnswer::noContent();
}

Core::Result<QJsonObject> BackupsHandler::json(const Row &backup, const Row &branch)
{
    SqlSession &s = *m_services.session;
    auto restored = s.query(u"SELECT id, name, created_at, updated_at FROM "_s + m_services.meta->table(u"branches"_s)
        + u" WHERE restored_from_backup = "_s + s.quote(backup.value(u"id"_s))
        + u" AND (restore_state IS NULL OR restore_state <> 'failed') ORDER BY created_at"_s);
    if (!restored)
        return restored.error();
    QJsonArray branches;
    for (const Row &r : *restored)
        branches.append(QJsonObject { { u"id"_s, r.value(u"id"_s) }, { u"name"_s, r.value(u"name"_s) },
            { u"created_at"_s, JsonViews::timestamp(r.value(u"created_at"_s)) },
            { u"updated_at"_s, JsonViews::timestamp(r.value(u"updated_at"_s)) }, { u"deleted_at"_s, QJsonValue() } });
    const auto number = [&](const char *column) { return backup.value(QString::fromLatin1(column)).toLongLong(); };
    return QJsonObject { { u"id"_s, backup.value(u"id"_s) }, { u"name"_s, backup.value(u"name"_s) },
        { u"state"_s, backup.value(u"state"_s) }, { u"size"_s, number("size") }, { u"estimated_storage_cost"_s, 0.0 },
        { u"created_at"_s, JsonViews::timestamp(backup.value(u"created_at"_s)) },
        { u"updated_at"_s, JsonViews::timestamp(backup.value(u"updated_at"_s)) },
        { u"started_at"_s, JsonViews::timestamp(backup.value(u"started_at"_s)) },
        { u"expires_at"_s, JsonViews::timestamp(backup.value(u"expires_at"_s)) },
        { u"completed_at"_s, JsonViews::timestamp(backup.value(u"completed_at"_s)) }, { u"deleted_at"_s, QJsonValue() },
        { u"pvc_size"_s, 0 }, { u"uncompressed_size"_s, number("uncompressed_size") },
        { u"protected"_s, backup.value(u"protected"_s) == u"1"_s }, { u"required"_s, false },
        { u"restored_branches"_s, branches }, { u"actor"_s, JsonViews::actor() }, { u"backup_policy"_s, QJsonValue() },
        { u"schema_snapshot"_s, QJsonValue() },
        { u"database_branch"_s,
            QJsonObject { { u"id"_s, branch.value(u"id"_s) }, { u"name"_s, branch.value(u"name"_s) },
                { u"created_at"_s, JsonViews::timestamp(branch.value(u"created_at"_s)) },
                { u"updated_at"_s, JsonViews::timestamp(branch.value(u"updated_at"_s)) },
                { u"deleted_at"_s, QJsonValue() } } } };
}

} // namespace Local

#include "local/deployrequestshandler.h"

#include "local/deployplanner.h"
#include "local/deployqueue.h"
#include "local/jsonviews.h"
#include "local/metastore.h"
#include "local/naming.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Local {

namespace {
const QString requestsRoute = u"/organizations/{organization}/databases/{database}/deploy-requests"_s;
}

HttpAnswer DeployRequestsHandler::handle(const HttpCall &call)
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
        answer.route = requestsRoute;
        return answer;
    }
    bool ok = false;
    const qint64 number = s[5].toLongLong(&ok);
    if (!ok)
        return answer;
    auto request = m_services.meta->deployRequest(s[3], number);
    if (!request)
        return HttpAnswer::internal(request.error().message);
    if (!*request)
        return answer;
    const QString verb = s.size() > 6 ? s[6] : QString();
    if (s.size() > 7)
        return answer;
    if (verb.isEmpty() && call.method == u"GET"_s)
        answer = reloaded(**request);
    else if (verb.isEmpty() && call.method == u"PATCH"_s)
        answer = action(call, **request, u"close"_s);
    else if (verb == u"reviews"_s)
        answer = reviews(call, **request);
    else if (verb == u"diff"_s && call.method == u"GET"_s)
        answer = diff(**request);
    else if (verb == u"deployment"_s && call.method == u"GET"_s) {
        auto json = deploymentJson(**request);
        answer = json ? HttpAnswer::json(*json) : HttpAnswer::internal(json.error().message);
    } else if (verb == u"operations"_s && call.method == u"GET"_s) {
        auto ops = operations(**request);
        if (!ops)
            return HttpAnswer::internal(ops.error().message);
        QJsonArray items;
        for (const Row &op : *ops)
            items.append(m_services.views->operation(op));
        answer = HttpAnswer::json(listEnvelope(items, call.query));
    } else if ((call.method == u"POST"_s || call.method == u"PUT"_s) && !verb.isEmpty()) {
        answer = action(call, **request, verb);
    }
    answer.route = requestsRoute + u"/{number}"_s + (verb.isEmpty() ? QString() : u'/' + verb);
    return answer;
}

Core::Result<QList<Row>> DeployRequestsHandler::operations(const Row &request)
{
    SqlSession &s = *m_services.session;
    return s.query(u"SELECT o.*, "_s + s.quote(request.value(u"database_name"_s)) + u" AS keyspace_name FROM "_s
        + m_services.meta->table(u"deploy_operations"_s) + u" AS o WHERE deploy_request_id = "_s
        + s.quote(request.value(u"id"_s)) + u" ORDER BY position"_s);
}

Core::Result<QJsonObject> DeployRequestsHandler::deploymentJson(const Row &request)
{
    SqlSession &s = *m_services.session;
    auto ops = operations(request);
    if (!ops)
        return ops.error();
    QJsonArray preceding;
    if (request.value(u"deployment_state"_s) == u"queued"_s) {
        auto ahead = s.query(u"SELECT * FROM "_s + m_services.meta->table(u"deploy_requests"_s)
            + u" WHERE database_name = "_s + s.quote(request.value(u"database_name"_s)) + u" AND into_branch = "_s
            + s.quote(request.value(u"into_branch"_s)) + u" AND id <> "_s + s.quote(request.value(u"id"_s))
            + u" AND (deployment_state IN ('submitting', 'in_progress', 'pending_cutover',"
              u" 'in_progress_cutover', 'complete_pending_revert', 'in_progress_revert',"
              u" 'in_progress_cancel') OR (deployment_state = 'queued' AND queued_at < "_s
            + s.quote(request.value(u"queued_at"_s)) + u")) ORDER BY queued_at"_s);
        if (!ahead)
            return ahead.error();
        for (const Row &row : *ahead)
            preceding.append(QJsonObject { { u"id"_s, row.value(u"deployment_id"_s) },
                { u"state"_s, row.value(u"deployment_state"_s) },
                { u"deploy_request_number"_s, row.value(u"number"_s).toLongLong() },
                { u"into_branch"_s, row.value(u"into_branch"_s) },
                { u"queued_at"_s, JsonViews::timestamp(row.value(u"queued_at"_s)) } });
    }
    auto lint = s.query(u"SELECT lint_errors FROM "_s + m_services.meta->table(u"deploy_lint"_s)
        + u" WHERE deploy_request_id = "_s + s.quote(request.value(u"id"_s)));
    if (!lint)
        return lint.error();
    const QJsonArray lintErrors = lint->isEmpty()
        ? QJsonArray()
        : QJsonDocument::fromJson(lint->constFirst().value(u"lint_errors"_s).toUtf8()).array();
    return m_services.views->deployment(request, *ops, preceding, lintErrors);
}

Core::Result<QJsonObject> DeployRequestsHandler::requestJson(const Row &request)
{
    auto deployment = deploymentJson(request);
    if (!deployment)
        return deployment.error();
    auto head = m_services.meta->branch(request.value(u"database_name"_s), request.value(u"branch"_s));
    if (!head)
        return head.error();
    Row row = request;
    row.insert(u"branch_deleted"_s, *head ? u"0"_s : u"1"_s);
    return m_services.views->deployRequest(row, *deployment);
}

HttpAnswer DeployRequestsHandler::reloaded(const Row &request, int status)
{
    auto row
        = m_services.meta->deployRequest(request.value(u"database_name"_s), request.value(u"number"_s).toLongLong());
    if (!row || !*row)
        return HttpAnswer::notFound();
    auto json = requestJson(**row);
    return json ? HttpAnswer::json(*json, status) : HttpAnswer::internal(json.error().message);
}

HttpAnswer DeployRequestsHandler::list(const HttpCall &call, const QString &database)
{
    SqlSession &s = *m_services.session;
    QString sql = u"SELECT * FROM "_s + m_services.meta->table(u"deploy_requests"_s) + u" WHERE database_name = "_s
        + s.quote(database);
    const QString state = call.query.queryItemValue(u"state"_s);
    if (state == u"open"_s || state == u"closed"_s)
        sql += u" AND state = "_s + s.quote(state);
    else if (state == u"deployed"_s)
        sql += u" AND deployed_at IS NOT NULL"_s;
    for (const QString &filter : { u"branch"_s, u"into_branch"_s }) {
        const QString value = call.query.queryItemValue(filter);
        if (!value.isEmpty())
            sql += u" AND "_s + filter + u" = "_s + s.quote(value);
    }
    auto rows = s.query(sql + u" ORDER BY number DESC"_s);
    if (!rows)
        return HttpAnswer::internal(rows.error().message);
    QJsonArray items;
    for (const Row &row : *rows) {
        auto json = requestJson(row);
        if (!json)
            return HttpAnswer::internal(json.error().message);
        items.append(*json);
    }
    return HttpAnswer::json(listEnvelope(items, call.query));
}

HttpAnswer DeployRequestsHandler::create(const HttpCall &call, const Row &database)
{
    SqlSession &s = *m_services.session;
    const QString dbName = database.value(u"name"_s);
    const QString branchName = call.body.value(u"branch"_s).toString();
    auto branch = m_services.meta->branch(dbName, branchName);
    if (!branch)
        return HttpAnswer::internal(branch.error().message);
    if (!*branch)
        return HttpAnswer::unprocessable(u"Branch "_s + branchName + u" does not exist."_s);
    QString into = call.body.value(u"into_branch"_s).toString();
    if (into.isEmpty())
        into = (*branch)->value(u"parent_branch"_s).isNull() ? database.value(u"default_branch"_s)
                                                             : (*branch)->value(u"parent_branch"_s);
    auto base = m_services.meta->branch(dbName, into);
    if (!base)
        return HttpAnswer::internal(base.error().message);
    if (!*base)
        return HttpAnswer::unprocessable(u"Branch "_s + into + u" does not exist."_s);
    if (into == branchName)
        return HttpAnswer::unprocessable(u"A deploy request needs two different branches."_s);
    if ((*branch)->value(u"production"_s) == u"1"_s)
        return HttpAnswer::unprocessable(u"A production branch cannot be deployed from; branch off it instead."_s);

    const QString id = Naming::randomId();
    const bool autoCutover = call.body.value(u"auto_cutover"_s).toBool(true);
    const bool autoDelete = call.body.value(u"auto_delete_branch"_s).toBool(false);
    const QString notes = call.body.value(u"notes"_s).toString();
    auto number = s.queryRow(u"SELECT COALESCE(MAX(number), 0) + 1 AS n FROM "_s
        + m_services.meta->table(u"deploy_requests"_s) + u" WHERE database_name = "_s + s.quote(dbName));
    if (!number)
        return HttpAnswer::internal(number.error().message);
    auto stored = s.exec(u"INSERT INTO "_s + m_services.meta->table(u"deploy_requests"_s)
        + u" (id, deployment_id, database_name, number, branch, branch_id, into_branch, notes, state,"
          u" deployment_state, auto_cutover, auto_delete_branch, created_at, updated_at) VALUES ("_s
        + s.quote(id) + u", "_s + s.quote(Naming::randomId()) + u", "_s + s.quote(dbName) + u", "_s
        + number->value(u"n"_s) + u", "_s + s.quote(branchName) + u", "_s + s.quote((*branch)->value(u"id"_s)) + u", "_s
        + s.quote(into) + u", "_s + s.quote(notes) + u", 'open', 'pending', "_s + (autoCutover ? u"1"_s : u"0"_s)
        + u", "_s + (autoDelete ? u"1"_s : u"0"_s) + u", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"_s);
    if (!stored)
        return HttpAnswer::unprocessable(stored.error().message);
    bool empty = false;
    auto planned = DeployPlanner::writeOperations(
        *m_services.meta, id, dbName, (*base)->value(u"schema_name"_s), (*branch)->value(u"schema_name"_s), &empty);
    const QString state = !planned ? u"error"_s : empty ? u"no_changes"_s : u"ready"_s;
    (void)s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET deployment_state = "_s
        + s.quote(state) + (planned ? QString() : u", deploy_errors = "_s + s.quote(planned.error().toString()))
        + u" WHERE id = "_s + s.quote(id));
    Row created { { u"database_name"_s, dbName }, { u"number"_s, number->value(u"n"_s) } };
    return reloaded(created, 201);
}

HttpAnswer DeployRequestsHandler::transition(
    const Row &request, const QStringList &from, const QString &to, const QString &extra)
{
    SqlSession &s = *m_services.session;
    QStringList quoted;
    for (const QString &state : from)
        quoted << s.quote(state);
    // Conditional: the worker may have moved the request on meanwhile.
    auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET deployment_state = "_s
        + s.quote(to) + (extra.isEmpty() ? QString() : u", "_s + extra)
        + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(request.value(u"id"_s))
        + u" AND deployment_state IN ("_s + quoted.join(u", "_s) + u')');
    if (!done)
        return HttpAnswer::internal(done.error().message);
    if (s.affectedRows() == 0)
        return HttpAnswer::unprocessable(u"The deploy request is "_s + request.value(u"deployment_state"_s)
            + u"; this action is not possible now."_s);
    m_services.deploys->wake();
    return reloaded(request);
}

HttpAnswer DeployRequestsHandler::action(const HttpCall &call, const Row &request, const QString &verb)
{
    const bool open = request.value(u"state"_s) == u"open"_s;
    if (verb == u"deploy"_s) {
        if (!open)
            return HttpAnswer::unprocessable(u"The deploy request is closed."_s);
        // instant_ddl: the server changes the tables in place (ALGORITHM=INSTANT) — fast, but not revertible.
        const bool instant = call.body.value(u"instant_ddl"_s).toBool(false);
        return transition(request,
            { u"ready"_s, u"cancelled"_s, u"complete_cancel"_s, u"complete_error"_s, u"error"_s }, u"queued"_s,
            u"queued_at = UTC_TIMESTAMP(3), deploy_errors = NULL, instant_ddl = "_s + (instant ? u"1"_s : u"0"_s)
                + u", revert_window_seconds = "_s
                + QString::number(m_services.deploys->settings().revertWindowSeconds));
    }
    if (verb == u"cancel"_s) {
        if (request.value(u"deployment_state"_s) == u"queued"_s)
            return transition(request, { u"queued"_s }, u"cancelled"_s);
        return transition(
            request, { u"submitting"_s, u"in_progress"_s, u"pending_cutover"_s }, u"in_progress_cancel"_s);
    }
    if (verb == u"close"_s) {
        if (call.body.value(u"state"_s).toString() != u"closed"_s)
            return HttpAnswer::unprocessable(u"Only state \"closed\" can be set."_s);
        SqlSession &s = *m_services.session;
        // A waiting deployment leaves the queue with its request.
        auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s)
            + u" SET state = 'closed', closed_at = UTC_TIMESTAMP(3), deployment_state = IF(deployment_state"
              u" = 'queued', 'cancelled', deployment_state), updated_at = UTC_TIMESTAMP(3) WHERE id = "_s
            + s.quote(request.value(u"id"_s)));
        return done ? reloaded(request) : HttpAnswer::internal(done.error().message);
    }
    if (verb == u"revert"_s)
        return transition(request, { u"complete_pending_revert"_s }, u"in_progress_revert"_s);
    if (verb == u"skip-revert"_s)
        return transition(request, { u"complete_pending_revert"_s }, u"complete"_s);
    if (verb == u"apply-deploy"_s)
        return transition(request, { u"pending_cutover"_s }, u"in_progress_cutover"_s);
    if (verb == u"complete-deploy"_s)
        return transition(request, { u"complete_error"_s, u"complete_revert_error"_s }, u"complete"_s);
    if (verb == u"auto-apply"_s && call.method == u"PUT"_s) {
        SqlSession &s = *m_services.session;
        const bool enable = call.body.value(u"enable"_s).toBool(true);
        auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET auto_cutover = "_s
            + (enable ? u"1"_s : u"0"_s) + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s
            + s.quote(request.value(u"id"_s)));
        if (!done)
            return HttpAnswer::internal(done.error().message);
        // Switching auto-apply on while the cutover waits applies it now.
        if (enable && request.value(u"deployment_state"_s) == u"pending_cutover"_s)
            return transition(request, { u"pending_cutover"_s }, u"in_progress_cutover"_s);
        return reloaded(request);
    }
    return HttpAnswer::notFound();
}

HttpAnswer DeployRequestsHandler::reviews(const HttpCall &call, const Row &request)
{
    SqlSession &s = *m_services.session;
    const QString table = m_services.meta->table(u"reviews"_s);
    if (call.method == u"GET"_s) {
        auto rows = s.query(u"SELECT * FROM "_s + table + u" WHERE deploy_request_id = "_s
            + s.quote(request.value(u"id"_s)) + u" ORDER BY created_at"_s);
        if (!rows)
            return HttpAnswer::internal(rows.error().message);
        QJsonArray items;
        for (const Row &row : *rows)
            items.append(m_services.views->review(row));
        return HttpAnswer::json(listEnvelope(items, call.query));
    }
    if (call.method != u"POST"_s)
        return HttpAnswer::notFound();
    const QString state = call.body.value(u"state"_s).toString(u"commented"_s);
    if (state != u"approved"_s && state != u"commented"_s)
        return HttpAnswer::unprocessable(u"Review state must be approved or commented."_s);
    const QString id = Naming::randomId();
    auto done = s.transaction([&]() -> Core::Result<void> {
        if (auto step
            = s.exec(u"INSERT INTO "_s + table + u" (id, deploy_request_id, state, body, created_at) VALUES ("_s
                + s.quote(id) + u", "_s + s.quote(request.value(u"id"_s)) + u", "_s + s.quote(state) + u", "_s
                + s.quote(call.body.value(u"body"_s).toString()) + u", UTC_TIMESTAMP(3))"_s);
            !step)
            return step;
        if (state != u"approved"_s)
            return {};
        return s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s)
            + u" SET approved = 1, updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(request.value(u"id"_s)));
    });
    if (!done)
        return HttpAnswer::internal(done.error().message);
    auto row = s.queryRow(u"SELECT * FROM "_s + table + u" WHERE id = "_s + s.quote(id));
    if (!row || row->isEmpty())
        return HttpAnswer::internal(u"The review vanished."_s);
    return HttpAnswer::json(m_services.views->review(*row), 201);
}

HttpAnswer DeployRequestsHandler::diff(const Row &request)
{
    auto ops = operations(request);
    if (!ops)
        return HttpAnswer::internal(ops.error().message);
    QJsonArray data;
    for (const Row &op : *ops) {
        const QString raw = op.value(u"ddl_statement"_s);
        data.append(QJsonObject {
            { u"name"_s, op.value(u"table_name"_s) }, { u"raw"_s, raw }, { u"html"_s, JsonViews::html(raw) } });
    }
    return HttpAnswer::json(QJsonObject { { u"data"_s, data } });
}

} // namespace Local

#include "local/deployrequestshandler.h"

#include "local/deploychecks.h"
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

std::optional<Core::DeployAction> actionFor(const QString &verb)
{
    using A = Core::DeployAction;
    if (verb == u"cancel"_s)
        return A::Cancel;
    if (verb == u"revert"_s)
        return A::Revert;
    if (verb == u"skip-revert"_s)
        return A::SkipRevert;
    if (verb == u"apply-deploy"_s)
        return A::ApplyCutover;
    if (verb == u"complete-deploy"_s)
        return A::CompleteDeploy;
    return std::nullopt;
}

} // namespace

HttpAnswer DeployRequestsHandler::handle(const HttpCall &call)
{
    const QStringList &s = call.segments;
    auto database = m_services.meta->database(s[3]);
    if (!database)
        return HttpAnswer::failure(database.error());
    if (!*database)
        return HttpAnswer::notFound();
    HttpAnswer answer = HttpAnswer::notFound();
    if (s[4] == u"deploy-queue"_s) {
        if (s.size() == 5)
            answer = m_controls.queue(call, s[3]);
        answer.route = u"/organizations/{organization}/databases/{database}/deploy-queue"_s;
        return answer;
    }
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
        return HttpAnswer::failure(request.error());
    if (!*request)
        return answer;
    const QString verb = s.size() > 6 ? s[6] : QString();
    if (s.size() > 7)
        return answer;
    if (verb.isEmpty() && call.method == u"GET"_s)
        answer = reloaded(**request);
    else if (verb.isEmpty() && call.method == u"PATCH"_s)
        answer = action(call, **request, u"close"_s);
    else if (auto control = m_controls.handle(call, **request, verb))
        answer = *control;
    else if (verb == u"reviews"_s)
        answer = reviews(call, **request);
    else if (verb == u"diff"_s && call.method == u"GET"_s)
        answer = diff(**request);
    else if (verb == u"deployment"_s && call.method == u"GET"_s) {
        auto json = deploymentJson(**request);
        answer = json ? HttpAnswer::json(*json) : HttpAnswer::failure(json.error());
    } else if (verb == u"operations"_s && call.method == u"GET"_s) {
        auto ops = operations(**request);
        if (!ops)
            return HttpAnswer::failure(ops.error());
        QJsonArray items;
        for (const DeployOperationRecord &op : *ops)
            items.append(m_services.views->operation(op, (*request)->database));
        answer = HttpAnswer::json(listEnvelope(items, call.query));
    } else if ((call.method == u"POST"_s || call.method == u"PUT"_s) && !verb.isEmpty()) {
        answer = action(call, **request, verb);
    }
    answer.route = requestsRoute + u"/{number}"_s + (verb.isEmpty() ? QString() : u'/' + verb);
    return answer;
}

Core::Result<QList<DeployOperationRecord>> DeployRequestsHandler::operations(const DeployRequestRecord &request)
{
    return m_services.meta->operations(request.id);
}

Core::Result<QJsonObject> DeployRequestsHandler::deploymentJson(const DeployRequestRecord &request)
{
    SqlSession &s = *m_services.session;
    auto ops = operations(request);
    if (!ops)
        return ops.error();
    QList<DeployRequestRecord> ahead;
    if (request.deploymentState == Core::DeploymentState::Queued) {
        const QStringList occupying = Core::DeployStateRules::names(Core::DeployStateRules::queueOccupyingStates());
        auto rows = m_services.meta->deployRequests(u"database_name = "_s + s.quote(request.database)
            + u" AND into_branch = "_s + s.quote(request.intoBranch) + u" AND id <> "_s + s.quote(request.id)
            + u" AND (deployment_state IN ('"_s + occupying.join(u"', '"_s)
            + u"') OR (deployment_state = 'queued' AND queued_at < "_s + s.quote(request.queuedAt)
            + u")) ORDER BY queued_at"_s);
        if (!rows)
            return rows.error();
        ahead = *rows;
    }
    QString paused;
    if (request.deploymentState == Core::DeploymentState::Queued && ahead.isEmpty()) {
        // Nothing ahead on its branch: it waits for the server's one copier, which the worker holding it (this
        // sandbox's or another's on the same server) takes up between deployments and backups.
        auto holder = s.scalar(u"SELECT IS_USED_LOCK("_s + s.quote(Naming::copierLock()) + u')');
        if (holder && !holder->isNull())
            paused = u"Waiting for the server's copier (connection "_s + *holder
                + u"), which runs one deployment or backup at a time on this server."_s;
    }
    auto lint = s.query(u"SELECT lint_errors FROM "_s + m_services.meta->table(u"deploy_lint"_s)
        + u" WHERE deploy_request_id = "_s + s.quote(request.id));
    if (!lint)
        return lint.error();
    const QJsonArray lintErrors = lint->isEmpty()
        ? QJsonArray()
        : QJsonDocument::fromJson(lint->constFirst().value(u"lint_errors"_s).toUtf8()).array();
    return m_services.views->deployment(request, *ops, ahead, lintErrors, paused);
}

Core::Result<QJsonObject> DeployRequestsHandler::requestJson(const DeployRequestRecord &request)
{
    auto deployment = deploymentJson(request);
    if (!deployment)
        return deployment.error();
    auto head = m_services.meta->branch(request.database, request.branch);
    if (!head)
        return head.error();
    DeployRequestRecord r = request;
    r.branchDeleted = !*head;
    return m_services.views->deployRequest(r, *deployment);
}

HttpAnswer DeployRequestsHandler::reloaded(const DeployRequestRecord &request, int status)
{
    auto row = m_services.meta->deployRequest(request.database, request.number);
    if (!row)
        return HttpAnswer::failure(row.error());
    if (!*row)
        return HttpAnswer::notFound();
    auto json = requestJson(**row);
    return json ? HttpAnswer::json(*json, status) : HttpAnswer::failure(json.error());
}

HttpAnswer DeployRequestsHandler::list(const HttpCall &call, const QString &database)
{
    SqlSession &s = *m_services.session;
    QString where = u"database_name = "_s + s.quote(database);
    const QString state = call.query.queryItemValue(u"state"_s);
    if (state == u"open"_s || state == u"closed"_s)
        where += u" AND state = "_s + s.quote(state);
    else if (state == u"deployed"_s)
        where += u" AND deployed_at IS NOT NULL"_s;
    for (const QString &filter : { u"branch"_s, u"into_branch"_s }) {
        const QString value = call.query.queryItemValue(filter);
        if (!value.isEmpty())
            where += u" AND "_s + filter + u" = "_s + s.quote(value);
    }
    auto rows = m_services.meta->deployRequests(where + u" ORDER BY number DESC"_s);
    if (!rows)
        return HttpAnswer::failure(rows.error());
    QJsonArray items;
    for (const DeployRequestRecord &row : *rows) {
        auto json = requestJson(row);
        if (!json)
            return HttpAnswer::failure(json.error());
        items.append(*json);
    }
    return HttpAnswer::json(listEnvelope(items, call.query));
}

Core::Result<QList<DeployFinding>> DeployRequestsHandler::planAndCheck(const DeployRequestRecord &request, bool *empty)
{
    SqlSession &s = *m_services.session;
    auto base = m_services.meta->branch(request.database, request.intoBranch);
    auto head = m_services.meta->branch(request.database, request.branch);
    if (!base || !head)
        return (!base ? base : head).error();
    if (!*base || !*head)
        return Core::makeError(u"not_found"_s, u"A branch of this deploy request no longer exists."_s);
    const QString baseSchema = (*base)->value(u"schema_name"_s);
    if (auto planned = DeployPlanner::writeOperations(
            *m_services.meta, request.id, request.database, baseSchema, (*head)->value(u"schema_name"_s), empty);
        !planned)
        return planned.error();
    auto ops = m_services.meta->operations(request.id);
    if (!ops)
        return ops.error();
    auto findings = DeployChecks::run(s, baseSchema, *ops, m_services.deploys->settings());
    if (!findings)
        return findings.error();
    const QString lint = findings->isEmpty()
        ? u"NULL"_s
        : s.quote(QString::fromUtf8(
            QJsonDocument(DeployChecks::toJson(*findings, request.database)).toJson(QJsonDocument::Compact)));
    if (auto stored = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET lint_errors = "_s
            + lint + u" WHERE id = "_s + s.quote(request.id));
        !stored)
        return stored.error();
    return findings;
}

HttpAnswer DeployRequestsHandler::create(const HttpCall &call, const Row &database)
{
    SqlSession &s = *m_services.session;
    const QString dbName = database.value(u"name"_s);
    const QString branchName = call.body.value(u"branch"_s).toString();
    auto branch = m_services.meta->branch(dbName, branchName);
    if (!branch)
        return HttpAnswer::failure(branch.error());
    if (!*branch)
        return HttpAnswer::unprocessable(u"Branch "_s + branchName + u" does not exist."_s);
    QString into = call.body.value(u"into_branch"_s).toString();
    if (into.isEmpty())
        into = (*branch)->value(u"parent_branch"_s).isNull() ? database.value(u"default_branch"_s)
                                                             : (*branch)->value(u"parent_branch"_s);
    auto base = m_services.meta->branch(dbName, into);
    if (!base)
        return HttpAnswer::failure(base.error());
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
    auto number = s.scalar(u"SELECT COALESCE(MAX(number), 0) + 1 FROM "_s + m_services.meta->table(u"deploy_requests"_s)
        + u" WHERE database_name = "_s + s.quote(dbName));
    if (!number)
        return HttpAnswer::failure(number.error());
    auto stored = s.exec(u"INSERT INTO "_s + m_services.meta->table(u"deploy_requests"_s)
        + u" (id, deployment_id, database_name, number, branch, branch_id, into_branch, notes, state,"
          u" deployment_state, auto_cutover, auto_delete_branch, created_at, updated_at) VALUES ("_s
        + s.quote(id) + u", "_s + s.quote(Naming::randomId()) + u", "_s + s.quote(dbName) + u", "_s + *number + u", "_s
        + s.quote(branchName) + u", "_s + s.quote((*branch)->value(u"id"_s)) + u", "_s + s.quote(into) + u", "_s
        + s.quote(notes) + u", 'open', 'pending', "_s + (autoCutover ? u"1"_s : u"0"_s) + u", "_s
        + (autoDelete ? u"1"_s : u"0"_s) + u", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"_s);
    if (!stored)
        return HttpAnswer::unprocessable(stored.error().message);
    DeployRequestRecord created;
    created.id = id;
    created.database = dbName;
    created.number = number->toLongLong();
    created.branch = branchName;
    created.intoBranch = into;
    // The diff and the data checks: a change that would lose rows shows up as lint errors in the diff
    // before anyone presses Deploy.
    bool empty = false;
    auto checked = planAndCheck(created, &empty);
    const QString state = !checked ? u"error"_s
        : empty                    ? u"no_changes"_s
        : checked->isEmpty()       ? u"ready"_s
                                   : u"error"_s;
    const QString errors = !checked ? checked.error().toString()
        : checked->isEmpty()        ? QString()
                                    : DeployChecks::summary(*checked);
    (void)s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET deployment_state = "_s
        + s.quote(state) + u", deploy_errors = "_s + s.quote(errors) + u" WHERE id = "_s + s.quote(id));
    return reloaded(created, 201);
}

HttpAnswer DeployRequestsHandler::transition(
    const DeployRequestRecord &request, Core::DeployAction action, const QString &extra)
{
    SqlSession &s = *m_services.session;
    using Rules = Core::DeployStateRules;
    const Core::DeploymentState from = request.deploymentState;
    if (!Rules::sourcesOf(action).contains(from))
        return HttpAnswer::unprocessable(
            u"The deploy request is "_s + request.deploymentStateName + u"; this action is not possible now."_s);
    // Compare-and-set: the worker may have moved the request on meanwhile.
    auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET deployment_state = "_s
        + s.quote(Core::deploymentStateName(Rules::targetOf(action, from)))
        + (extra.isEmpty() ? QString() : u", "_s + extra) + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s
        + s.quote(request.id) + u" AND deployment_state = "_s + s.quote(request.deploymentStateName));
    if (!done)
        return HttpAnswer::failure(done.error());
    if (s.affectedRows() == 0) {
        // It moved: decide again on its new state (a cancel that meets `submitting` turning `in_progress`).
        auto now = m_services.meta->deployRequest(request.database, request.number);
        if (now && *now && (*now)->deploymentState != from)
            return transition(**now, action, extra);
        return HttpAnswer::unprocessable(u"The deploy request changed state; try again."_s);
    }
    m_services.deploys->wake();
    return reloaded(request);
}

HttpAnswer DeployRequestsHandler::deploy(const HttpCall &call, const DeployRequestRecord &request)
{
    SqlSession &s = *m_services.session;
    if (request.state != u"open"_s)
        return HttpAnswer::unprocessable(u"The deploy request is closed."_s);
    if (!Core::DeployStateRules::sourcesOf(Core::DeployAction::Deploy).contains(request.deploymentState))
        return HttpAnswer::unprocessable(
            u"The deploy request is "_s + request.deploymentStateName + u"; this action is not possible now."_s);
    // instant_ddl: the server changes the tables in place (ALGORITHM=INSTANT) — fast, but not revertible.
    const bool instant = call.body.value(u"instant_ddl"_s).toBool(false);
    if (!instant) {
        // Refused before anything runs when rows would be rejected, dropped or altered (checked again
        // when the deployment starts: the data may change meanwhile).
        bool empty = false;
        auto findings = planAndCheck(request, &empty);
        if (!findings)
            return HttpAnswer::failure(findings.error());
        if (!findings->isEmpty()) {
            (void)s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET deploy_errors = "_s
                + s.quote(DeployChecks::summary(*findings)) + u" WHERE id = "_s + s.quote(request.id));
            return HttpAnswer::unprocessable(u"Not deployed: "_s + DeployChecks::summary(*findings));
        }
    }
    return transition(request, Core::DeployAction::Deploy,
        u"queued_at = UTC_TIMESTAMP(3), deploy_errors = NULL, lint_errors = NULL, instant_ddl = "_s
            + (instant ? u"1"_s : u"0"_s) + u", revert_window_seconds = "_s
            + QString::number(m_services.deploys->settings().revertWindowSeconds));
}

HttpAnswer DeployRequestsHandler::action(const HttpCall &call, const DeployRequestRecord &request, const QString &verb)
{
    SqlSession &s = *m_services.session;
    if (verb == u"deploy"_s)
        return deploy(call, request);
    if (verb == u"close"_s) {
        if (call.body.value(u"state"_s).toString() != u"closed"_s)
            return HttpAnswer::unprocessable(u"Only state \"closed\" can be set."_s);
        if (request.state == u"closed"_s)
            return reloaded(request);
        return transition(request, Core::DeployAction::Close, u"state = 'closed', closed_at = UTC_TIMESTAMP(3)"_s);
    }
    if (verb == u"auto-apply"_s && call.method == u"PUT"_s) {
        const bool enable = call.body.value(u"enable"_s).toBool(true);
        auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET auto_cutover = "_s
            + (enable ? u"1"_s : u"0"_s) + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(request.id));
        if (!done)
            return HttpAnswer::failure(done.error());
        // Switching auto-apply on while the cutover waits applies it now.
        if (enable && request.deploymentState == Core::DeploymentState::PendingCutover)
            return transition(request, Core::DeployAction::ApplyCutover);
        return reloaded(request);
    }
    if (const auto known = actionFor(verb))
        return transition(request, *known);
    return HttpAnswer::notFound();
}

HttpAnswer DeployRequestsHandler::reviews(const HttpCall &call, const DeployRequestRecord &request)
{
    SqlSession &s = *m_services.session;
    const QString table = m_services.meta->table(u"reviews"_s);
    if (call.method == u"GET"_s) {
        auto rows = s.query(u"SELECT * FROM "_s + table + u" WHERE deploy_request_id = "_s + s.quote(request.id)
            + u" ORDER BY created_at"_s);
        if (!rows)
            return HttpAnswer::failure(rows.error());
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
                + s.quote(id) + u", "_s + s.quote(request.id) + u", "_s + s.quote(state) + u", "_s
                + s.quote(call.body.value(u"body"_s).toString()) + u", UTC_TIMESTAMP(3))"_s);
            !step)
            return step;
        if (state != u"approved"_s)
            return {};
        return s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s)
            + u" SET approved = 1, updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(request.id));
    });
    if (!done)
        return HttpAnswer::failure(done.error());
    auto row = s.queryRow(u"SELECT * FROM "_s + table + u" WHERE id = "_s + s.quote(id));
    if (!row || row->isEmpty())
        return HttpAnswer::internal(u"The review vanished."_s);
    return HttpAnswer::json(m_services.views->review(*row), 201);
}

HttpAnswer DeployRequestsHandler::diff(const DeployRequestRecord &request)
{
    auto ops = operations(request);
    if (!ops)
        return HttpAnswer::failure(ops.error());
    QJsonArray data;
    for (const DeployOperationRecord &op : *ops)
        data.append(
            QJsonObject { { u"name"_s, op.table }, { u"raw"_s, op.ddl }, { u"html"_s, JsonViews::html(op.ddl) } });
    return HttpAnswer::json(QJsonObject { { u"data"_s, data } });
}

} // namespace Local

#include "local/deploycontrolshandler.h"

#include "core/deploystaterules.h"
#include "core/deploythrottler.h"
#include "local/deployqueue.h"
#include "local/deployrequestshandler.h"
#include "local/jsonviews.h"
#include "local/metastore.h"

#include <QDir>
#include <QStorageInfo>

using namespace Qt::StringLiterals;

namespace Local {

HttpAnswer DeployControlsHandler::queue(const HttpCall &call, const QString &database)
{
    if (call.method != u"GET"_s)
        return HttpAnswer::notFound();
    SqlSession &s = *m_services.session;
    // Running deployments first, then the queued ones in the order the worker takes them.
    const QStringList occupying = Core::DeployStateRules::names(Core::DeployStateRules::queueOccupyingStates());
    auto rows = m_services.meta->deployRequests(u"database_name = "_s + s.quote(database)
        + u" AND (deployment_state = 'queued' OR deployment_state IN ('"_s + occupying.join(u"', '"_s)
        + u"')) ORDER BY deployment_state = 'queued', queued_at, number"_s);
    if (!rows)
        return HttpAnswer::failure(rows.error());
    QJsonArray items;
    for (const DeployRequestRecord &row : *rows) {
        auto json = m_requests.deploymentJson(row);
        if (!json)
            return HttpAnswer::failure(json.error());
        items.append(*json);
    }
    return HttpAnswer::json(listEnvelope(items, call.query));
}

std::optional<HttpAnswer> DeployControlsHandler::handle(
    const HttpCall &call, const DeployRequestRecord &request, const QString &verb)
{
    if (verb == u"force-cutover"_s && call.method == u"POST"_s)
        return forceCutover(request);
    if (verb == u"auto-delete-branch"_s && call.method == u"PUT"_s)
        return autoDeleteBranch(call, request);
    if (verb == u"throttler"_s && (call.method == u"GET"_s || call.method == u"PATCH"_s))
        return throttler(call, request);
    if (verb == u"storage-check"_s && call.method == u"GET"_s)
        return storageCheck(request);
    return std::nullopt;
}

HttpAnswer DeployControlsHandler::forceCutover(const DeployRequestRecord &request)
{
    using S = Core::DeploymentState;
    const QList<S> allowed { S::Queued, S::Submitting, S::InProgress, S::PendingCutover, S::InProgressCutover };
    if (!allowed.contains(request.deploymentState))
        return HttpAnswer::unprocessable(u"The deploy request is "_s + request.deploymentStateName
            + u"; force cutover is for a deployment that has not been cut over yet."_s);
    SqlSession &s = *m_services.session;
    // The worker reads the flag at the swap: it ends the sessions holding the tables, then renames.
    auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s)
        + u" SET force_cutover_at = COALESCE(force_cutover_at, UTC_TIMESTAMP(3)), retry_at = NULL,"
          u" updated_at = UTC_TIMESTAMP(3) WHERE id = "_s
        + s.quote(request.id));
    if (!done)
        return HttpAnswer::failure(done.error());
    // A cutover waiting for someone to apply it is applied now: forcing it is asking for it.
    if (request.deploymentState == S::PendingCutover)
        return m_requests.transition(request, Core::DeployAction::ApplyCutover);
    m_services.deploys->wake();
    return m_requests.reloaded(request);
}

HttpAnswer DeployControlsHandler::autoDeleteBranch(const HttpCall &call, const DeployRequestRecord &request)
{
    if (request.state != u"open"_s)
        return HttpAnswer::unprocessable(u"The deploy request is closed."_s);
    const QJsonValue enable = call.body.value(u"enable"_s);
    if (!enable.isBool())
        return HttpAnswer::unprocessable(u"\"enable\" must be true or false."_s);
    SqlSession &s = *m_services.session;
    auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET auto_delete_branch = "_s
        + (enable.toBool() ? u"1"_s : u"0"_s) + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(request.id));
    if (!done)
        return HttpAnswer::failure(done.error());
    return m_requests.reloaded(request);
}

QJsonObject DeployControlsHandler::throttlerJson(const DeployRequestRecord &request) const
{
    // One unsharded keyspace per database, named after it (as the deploy operations name it).
    const QString updated = request.throttlerUpdatedAt.isNull() ? request.createdAt : request.throttlerUpdatedAt;
    return { { u"keyspaces"_s, QJsonArray { request.database } },
        { u"configurable"_s,
            QJsonObject { { u"id"_s, request.id }, { u"name"_s, QString(u"#"_s + QString::number(request.number)) },
                { u"created_at"_s, JsonViews::timestamp(request.createdAt) },
                { u"updated_at"_s, JsonViews::timestamp(updated) }, { u"deleted_at"_s, QJsonValue() } } },
        { u"configurations"_s,
            QJsonArray {
                QJsonObject { { u"keyspace_name"_s, request.database }, { u"ratio"_s, request.throttleRatio } } } } };
}

HttpAnswer DeployControlsHandler::throttler(const HttpCall &call, const DeployRequestRecord &request)
{
    if (call.method == u"GET"_s)
        return HttpAnswer::json(throttlerJson(request));
    // {"ratio": n} for every keyspace, or {"configurations": [{"keyspace_name", "ratio"}]}.
    QJsonValue ratio = call.body.value(u"ratio"_s);
    if (call.body.contains(u"configurations"_s)) {
        const QJsonValue list = call.body.value(u"configurations"_s);
        if (!list.isArray())
            return HttpAnswer::unprocessable(u"\"configurations\" must be an array."_s);
        for (const QJsonValue &item : list.toArray()) {
            const QString keyspace = item.toObject().value(u"keyspace_name"_s).toString();
            if (keyspace != request.database)
                return HttpAnswer::unprocessable(u"Unknown keyspace \""_s + keyspace + u"\"; the only keyspace is \""_s
                    + request.database + u"\"."_s);
            ratio = item.toObject().value(u"ratio"_s);
        }
    }
    if (!ratio.isDouble() || ratio.toDouble() != double(qint64(ratio.toDouble())))
        return HttpAnswer::unprocessable(u"The throttler ratio must be a whole number from 0 to 95."_s);
    const qint64 value = qint64(ratio.toDouble());
    if (value < 0 || value > Core::DeployThrottler::maxRatio)
        return HttpAnswer::unprocessable(u"The throttler ratio must be a whole number from 0 to 95."_s);
    SqlSession &s = *m_services.session;
    auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"deploy_requests"_s) + u" SET throttle_ratio = "_s
        + QString::number(value) + u", throttler_updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(request.id));
    if (!done)
        return HttpAnswer::failure(done.error());
    auto fresh = m_services.meta->deployRequest(request.database, request.number);
    if (!fresh || !*fresh)
        return fresh ? HttpAnswer::notFound() : HttpAnswer::failure(fresh.error());
    return HttpAnswer::json(throttlerJson(**fresh));
}

HttpAnswer DeployControlsHandler::storageCheck(const DeployRequestRecord &request)
{
    SqlSession &s = *m_services.session;
    auto base = m_services.meta->branch(request.database, request.intoBranch);
    if (!base)
        return HttpAnswer::failure(base.error());
    if (!*base)
        return HttpAnswer::unprocessable(u"The branch "_s + request.intoBranch + u" no longer exists."_s);
    auto ops = m_services.meta->operations(request.id);
    if (!ops)
        return HttpAnswer::failure(ops.error());
    // A deployment copies every table it alters into a shadow of about the same size, and keeps the old
    // table for the revert window: the extra space is the size of those tables now.
    QStringList copied;
    for (const DeployOperationRecord &op : *ops) {
        if (op.operation == u"alter"_s && !op.isView)
            copied << s.quote(op.table);
    }
    qint64 needed = 0;
    if (!copied.isEmpty()) {
        auto bytes = s.scalar(u"SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES"
                              u" WHERE TABLE_SCHEMA = "_s
            + s.quote((*base)->value(u"schema_name"_s)) + u" AND TABLE_NAME IN ("_s + copied.join(u", "_s) + u')');
        if (!bytes)
            return HttpAnswer::failure(bytes.error());
        needed = bytes->toLongLong();
    }
    // The file system of the server's data directory, when it is on this machine (the sandbox's own
    // server always is). A server elsewhere: its free space cannot be seen, so nothing is claimed missing.
    auto datadir = s.scalar(u"SELECT @@datadir"_s);
    QStorageInfo disk;
    if (datadir && QDir(*datadir).exists())
        disk.setPath(*datadir);
    qint64 capacity = 0;
    qint64 remaining = 0;
    bool enough = true;
    if (disk.isValid() && disk.bytesTotal() > 0) {
        capacity = disk.bytesTotal();
        remaining = disk.bytesAvailable();
        enough = remaining >= needed;
    }
    const qint64 used = capacity - remaining;
    const double percent = capacity > 0 ? 100.0 * double(used) / double(capacity) : 0.0;
    const QJsonObject shard { { u"used"_s, used }, { u"capacity"_s, capacity }, { u"remaining"_s, remaining },
        { u"percentage_used"_s, percent }, { u"storage_needed"_s, needed }, { u"has_enough"_s, enough } };
    return HttpAnswer::json(
        { { u"enough_storage"_s, enough }, { u"upgradeable"_s, false }, { u"storage_bytes_needed"_s, needed },
            { u"storage_report"_s, QJsonObject { { request.database, QJsonObject { { u"-"_s, shard } } } } } });
}

} // namespace Local

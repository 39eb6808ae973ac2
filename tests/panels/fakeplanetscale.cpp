#include "fakeplanetscale.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace {

QJsonObject apiError(const QString &code, const QString &message)
{
    return QJsonObject { { u"code"_s, code }, { u"message"_s, message } };
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 404:
        return "Not Found";
    case 422:
        return "Unprocessable Entity";
    default:
        return "Status";
    }
}

} // namespace

FakePlanetScale::FakePlanetScale(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakePlanetScale::onConnection);
}

bool FakePlanetScale::start()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakePlanetScale::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/v1"_s.arg(m_server.serverPort()));
}

QJsonObject FakePlanetScale::organization(const QString &name)
{
    return { { u"id"_s, QString(u"org-"_s + name) }, { u"name"_s, name }, { u"plan"_s, u"scaler_pro"_s },
        { u"created_at"_s, now() }, { u"updated_at"_s, now() }, { u"database_count"_s, 1 } };
}

QJsonObject FakePlanetScale::database(const QString &name, const QString &defaultBranch)
{
    return { { u"id"_s, QString(u"db-"_s + name) }, { u"name"_s, name }, { u"state"_s, u"ready"_s },
        { u"ready"_s, true }, { u"kind"_s, u"mysql"_s }, { u"default_branch"_s, defaultBranch },
        { u"created_at"_s, now() }, { u"updated_at"_s, now() } };
}

QJsonObject FakePlanetScale::branch(
    const QString &name, const QString &parent, bool production, bool safeMigrations, bool ready)
{
    return { { u"id"_s, QString(u"br-"_s + name) }, { u"name"_s, name },
        { u"parent_branch"_s, parent.isEmpty() ? QJsonValue() : QJsonValue(parent) },
        { u"state"_s, ready ? u"ready"_s : u"pending"_s }, { u"ready"_s, ready }, { u"production"_s, production },
        { u"safe_migrations"_s, safeMigrations }, { u"kind"_s, u"mysql"_s }, { u"mysql_address"_s, u"127.0.0.1"_s },
        { u"created_at"_s, now() }, { u"updated_at"_s, now() } };
}

QJsonObject FakePlanetScale::table(const QString &name, const QString &raw)
{
    return { { u"name"_s, name }, { u"raw"_s, raw }, { u"html"_s, raw.toHtmlEscaped() } };
}

QJsonObject FakePlanetScale::operation(const QString &table, const QString &state, double progress, double eta)
{
    return { { u"id"_s, QString(u"op-"_s + table) }, { u"state"_s, state }, { u"keyspace_name"_s, u"main"_s },
        { u"table_name"_s, table }, { u"operation_name"_s, u"alter"_s }, { u"progress_percentage"_s, progress },
        { u"eta_seconds"_s, eta },
        { u"ddl_statement"_s, QString(u"ALTER TABLE `"_s + table + u"` ADD COLUMN x int"_s) },
        { u"can_drop_data"_s, false }, { u"created_at"_s, now() }, { u"updated_at"_s, now() } };
}

QJsonObject &FakePlanetScale::addDeployRequest(const QString &orgDb, qint64 number, const QString &branchName,
    const QString &into, const QString &deploymentState, const QString &state)
{
    QJsonObject dr { { u"id"_s, u"dr-%1"_s.arg(number) }, { u"number"_s, number }, { u"branch"_s, branchName },
        { u"into_branch"_s, into }, { u"state"_s, state }, { u"deployment_state"_s, deploymentState },
        { u"approved"_s, false }, { u"notes"_s, u"Adds an index"_s }, { u"num_comments"_s, 0 },
        { u"created_at"_s, QDateTime::currentDateTimeUtc().addSecs(-3 * 3600).toString(Qt::ISODate) },
        { u"updated_at"_s, now() },
        { u"actor"_s, QJsonObject { { u"id"_s, u"u1"_s }, { u"display_name"_s, u"Ada"_s } } } };
    deployRequests[orgDb].append(dr);
    return deployRequests[orgDb].last();
}

QJsonObject *FakePlanetScale::findDeployRequest(const QString &orgDb, qint64 number)
{
    for (QJsonObject &dr : deployRequests[orgDb]) {
        if (dr.value(u"number"_s).toInteger() == number)
            return &dr;
    }
    return nullptr;
}

QJsonObject *FakePlanetScale::findBranch(const QString &orgDb, const QString &name)
{
    for (QJsonObject &b : branches[orgDb]) {
        if (b.value(u"name"_s).toString() == name)
            return &b;
    }
    return nullptr;
}

void FakePlanetScale::setDeploymentState(const QString &orgDb, qint64 number, const QString &state)
{
    if (QJsonObject *dr = findDeployRequest(orgDb, number)) {
        dr->insert(u"deployment_state"_s, state);
        if (state == u"complete_pending_revert"_s || state == u"complete"_s)
            dr->insert(u"deployed_at"_s, now());
        if (state == u"complete"_s || state == u"complete_revert"_s)
            dr->insert(u"state"_s, u"closed"_s);
    }
}

void FakePlanetScale::failNext(
    const QString &method, const QString &pathSuffix, int status, const QString &code, const QString &message)
{
    m_failures.append({ method, pathSuffix, status, code, message });
}

int FakePlanetScale::countRequests(const QString &method, const QString &pathSuffix) const
{
    int n = 0;
    for (const Request &r : m_requests) {
        if (r.method == method && r.path.endsWith(pathSuffix))
            ++n;
    }
    return n;
}

void FakePlanetScale::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakePlanetScale::onData(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        qsizetype contentLength = 0;
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                contentLength = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + contentLength)
            return;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        const QByteArray body = buffer.mid(headerEnd + 4, contentLength);
        buffer.remove(0, headerEnd + 4 + contentLength);

        Request request;
        request.method = QString::fromLatin1(requestLine.value(0));
        const QUrl url(QString::fromLatin1(requestLine.value(1)));
        request.path = url.path().mid(3); // strip "/v1"
        request.query = QUrlQuery(url);
        request.body = QJsonDocument::fromJson(body).object();
        m_requests.append(request);

        Reply reply;
        bool failed = false;
        for (qsizetype i = 0; i < m_failures.size(); ++i) {
            const Failure &f = m_failures.at(i);
            if (f.method == request.method && request.path.endsWith(f.pathSuffix)) {
                reply = { f.status, apiError(f.code, f.message) };
                m_failures.removeAt(i);
                failed = true;
                break;
            }
        }
        if (!failed)
            reply = handle(request);
        QByteArray payload;
        if (reply.status != 204) {
            payload = reply.body.isArray() ? QJsonDocument(reply.body.toArray()).toJson(QJsonDocument::Compact)
                                           : QJsonDocument(reply.body.toObject()).toJson(QJsonDocument::Compact);
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
        head += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(payload.size()) + "\r\n\r\n";
        socket->write(head + payload);
        Q_EMIT requestHandled(request.method, request.path);
    }
}

QJsonObject FakePlanetScale::queryPattern(const QString &fingerprint, const QString &sql, qint64 count, double totalMs,
    double p99Ms, qint64 rowsRead, qint64 rowsReturned, qint64 errors)
{
    const double mean = count > 0 ? totalMs / double(count) : 0;
    return { { u"id"_s, fingerprint }, { u"fingerprint"_s, fingerprint }, { u"normalized_sql"_s, sql },
        { u"statement_type"_s, sql.section(u' ', 0, 0).toUpper() }, { u"keyspace"_s, u"shop"_s },
        { u"tables"_s, QJsonArray() }, { u"query_count"_s, count }, { u"error_count"_s, errors },
        { u"sum_rows_read"_s, rowsRead }, { u"sum_rows_returned"_s, rowsReturned }, { u"sum_rows_affected"_s, 0 },
        { u"rows_read_per_returned"_s, rowsReturned > 0 ? double(rowsRead) / double(rowsReturned) : double(rowsRead) },
        { u"sum_total_duration_millis"_s, qint64(totalMs) }, { u"time_per_query"_s, mean },
        { u"p50_latency"_s, std::min(mean, p99Ms) }, { u"p99_latency"_s, p99Ms }, { u"max_latency"_s, p99Ms * 1.5 },
        { u"last_run_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) } };
}

FakePlanetScale::Reply FakePlanetScale::list(const QList<QJsonObject> &items, const QUrlQuery &query) const
{
    const int page = std::max(1, query.queryItemValue(u"page"_s).toInt());
    const int perPage = std::min(pageSize,
        std::max(1, query.queryItemValue(u"per_page"_s).toInt() ? query.queryItemValue(u"per_page"_s).toInt() : 25));
    QJsonArray data;
    const qsizetype first = qsizetype(page - 1) * perPage;
    for (qsizetype i = first; i < items.size() && i < first + perPage; ++i)
        data.append(items.at(i));
    const bool more = first + perPage < items.size();
    return { 200,
        QJsonObject { { u"type"_s, u"list"_s }, { u"current_page"_s, page },
            { u"next_page"_s, more ? QJsonValue(page + 1) : QJsonValue() },
            { u"prev_page"_s, page > 1 ? QJsonValue(page - 1) : QJsonValue() }, { u"total_count"_s, items.size() },
            { u"data"_s, data } } };
}

FakePlanetScale::Reply FakePlanetScale::handle(const Request &request)
{
    const QStringList parts = request.path.split(u'/', Qt::SkipEmptyParts);
    const auto notFound = Reply { 404, apiError(u"not_found"_s, u"Not Found"_s) };
    if (parts.value(0) != u"organizations"_s)
        return notFound;
    if (parts.size() == 1)
        return list(organizations, request.query);
    const QString org = parts.at(1);
    if (parts.size() == 3 && parts.at(2) == u"databases"_s)
        return list(databases.value(org), request.query);
    if (parts.size() < 5 || parts.at(2) != u"databases"_s)
        return notFound;
    const QString orgDb = org + u'/' + parts.at(3);
    const QStringList rest = parts.mid(4);
    if (rest.first() == u"branches"_s)
        return handleBranches(request, orgDb, rest.mid(1));
    if (rest.first() == u"deploy-requests"_s)
        return handleDeployRequests(request, orgDb, rest.mid(1));
    return notFound;
}

FakePlanetScale::Reply FakePlanetScale::handleBranches(
    const Request &request, const QString &orgDb, const QStringList &rest)
{
    const auto notFound = Reply { 404, apiError(u"not_found"_s, u"Not Found"_s) };
    if (rest.isEmpty()) {
        if (request.method == u"GET"_s)
            return list(branches.value(orgDb), request.query);
        const QString name = request.body.value(u"name"_s).toString();
        QString parent = request.body.value(u"parent_branch"_s).toString();
        if (findBranch(orgDb, name))
            return { 422, apiError(u"unprocessable"_s, u"Name has already been taken"_s) };
        const QJsonObject b = branch(name, parent, false, false, branchReadyAfterGets == 0);
        branches[orgDb].append(b);
        schemas.insert(orgDb + u'/' + name, schemas.value(orgDb + u'/' + parent));
        m_pendingGets.insert(orgDb + u'/' + name, branchReadyAfterGets);
        return { 201, b };
    }
    QJsonObject *b = findBranch(orgDb, rest.first());
    if (!b)
        return notFound;
    const QString key = orgDb + u'/' + rest.first();
    const QString action = rest.value(1);
    if (action.isEmpty() && request.method == u"GET"_s) {
        if (!b->value(u"ready"_s).toBool() && --m_pendingGets[key] <= 0) {
            b->insert(u"ready"_s, true);
            b->insert(u"state"_s, u"ready"_s);
        }
        return { 200, *b };
    }
    if (action.isEmpty() && request.method == u"DELETE"_s) {
        branches[orgDb].removeIf([&](const QJsonObject &o) { return o.value(u"name"_s) == rest.first(); });
        return { 204, {} };
    }
    if (action == u"promote"_s || action == u"demote"_s) {
        b->insert(u"production"_s, action == u"promote"_s);
        if (action == u"demote"_s)
            b->insert(u"safe_migrations"_s, false);
        return { 200, *b };
    }
    if (action == u"safe-migrations"_s) {
        b->insert(u"safe_migrations"_s, request.method != u"DELETE"_s);
        return { 200, *b };
    }
    if (action == u"schema"_s)
        return { 200, QJsonObject { { u"data"_s, schemas.value(key) } } };
    if (action == u"insights"_s && request.method == u"GET"_s && rest.size() == 2)
        return list(insights.value(key), request.query);
    if (action == u"insights"_s && request.method == u"GET"_s && rest.value(2) == u"errors"_s)
        return list(insightErrors.value(key), request.query);
    if (action == u"insights"_s && request.method == u"GET"_s && rest.value(2) == u"anomalies"_s)
        return list(insightAnomalies.value(key), request.query);
    if (action == u"metrics"_s && request.method == u"GET"_s && rest.value(2) == u"query"_s)
        return queryMetrics.contains(key) ? Reply { 200, queryMetrics.value(key) } : notFound;
    if (action == u"refresh-schema"_s)
        return { 200, QJsonObject {} };
    if (action == u"keyspaces"_s && request.method == u"GET"_s) {
        // One unsharded keyspace named after the database, as PlanetScale gives an unsharded database.
        const QString name = orgDb.section(u'/', 1);
        const QJsonObject keyspace { { u"id"_s, QString(key + u"-ks"_s) }, { u"name"_s, name }, { u"shards"_s, 1 },
            { u"sharded"_s, false }, { u"replicas"_s, b->value(u"production"_s).toBool() ? 2 : 0 },
            { u"ready"_s, true } };
        if (rest.size() == 2)
            return list({ keyspace }, request.query);
        if (rest.value(2) != name)
            return notFound;
        if (rest.size() == 3)
            return { 200, keyspace };
        if (rest.value(3) == u"vschema"_s) {
            QJsonObject tables;
            for (const QJsonValue &t : schemas.value(key))
                tables.insert(t.toObject().value(u"name"_s).toString(), QJsonObject {});
            const QJsonObject vschema { { u"sharded"_s, false }, { u"tables"_s, tables } };
            return { 200,
                QJsonObject {
                    { u"raw"_s, QString::fromUtf8(QJsonDocument(vschema).toJson(QJsonDocument::Compact)) } } };
        }
    }
    return notFound;
}

QJsonObject FakePlanetScale::withDeployment(const QString &orgDb, const QJsonObject &dr) const
{
    QJsonObject result = dr;
    const QString key = orgDb + u'/' + QString::number(dr.value(u"number"_s).toInteger());
    const QString state = dr.value(u"deployment_state"_s).toString();
    QJsonObject deployment { { u"id"_s, QString(u"dep-"_s + key) }, { u"state"_s, state },
        { u"deployable"_s, state == u"ready"_s }, { u"instant_ddl_eligible"_s, true },
        { u"into_branch"_s, dr.value(u"into_branch"_s) }, { u"deploy_request_number"_s, dr.value(u"number"_s) },
        { u"deploy_operations"_s, operations.value(key) }, { u"lint_errors"_s, lintErrors.value(key) },
        { u"created_at"_s, dr.value(u"created_at"_s) } };
    if (dr.contains(u"deployed_at"_s))
        deployment.insert(u"finished_at"_s, dr.value(u"deployed_at"_s));
    if (dr.contains(u"revert_expires_at"_s)) // the local sandbox's field, not PlanetScale's
        deployment.insert(u"revert_expires_at"_s, dr.value(u"revert_expires_at"_s));
    result.insert(u"deployment"_s, deployment);
    return result;
}

FakePlanetScale::Reply FakePlanetScale::handleDeployRequests(
    const Request &request, const QString &orgDb, const QStringList &rest)
{
    const auto notFound = Reply { 404, apiError(u"not_found"_s, u"Not Found"_s) };
    if (rest.isEmpty()) {
        if (request.method == u"POST"_s) {
            const qint64 number = deployRequests.value(orgDb).size() + 1;
            QString into = request.body.value(u"into_branch"_s).toString();
            if (into.isEmpty()) {
                const QJsonObject *head = findBranch(orgDb, request.body.value(u"branch"_s).toString());
                into = head ? head->value(u"parent_branch"_s).toString() : u"main"_s;
            }
            QJsonObject &dr
                = addDeployRequest(orgDb, number, request.body.value(u"branch"_s).toString(), into, u"ready"_s);
            dr.insert(u"notes"_s, request.body.value(u"notes"_s).toString());
            return { 201, withDeployment(orgDb, dr) };
        }
        QList<QJsonObject> matching;
        const QString state = request.query.queryItemValue(u"state"_s);
        const QString branchName = request.query.queryItemValue(u"branch"_s);
        for (const QJsonObject &dr : deployRequests.value(orgDb)) {
            if (state == u"deployed"_s && !dr.contains(u"deployed_at"_s))
                continue;
            if ((state == u"open"_s || state == u"closed"_s) && dr.value(u"state"_s).toString() != state)
                continue;
            if (!branchName.isEmpty() && dr.value(u"branch"_s).toString() != branchName)
                continue;
            matching.append(withDeployment(orgDb, dr));
        }
        return list(matching, request.query);
    }
    const qint64 number = rest.first().toLongLong();
    QJsonObject *dr = findDeployRequest(orgDb, number);
    if (!dr)
        return notFound;
    const QString key = orgDb + u'/' + rest.first();
    const QString action = rest.value(1);
    const auto answer = [&] { return Reply { 200, withDeployment(orgDb, *dr) }; };
    if (action.isEmpty() && request.method == u"GET"_s)
        return answer();
    if (action.isEmpty() && request.method == u"PATCH"_s) {
        dr->insert(u"state"_s, u"closed"_s);
        dr->insert(u"closed_at"_s, now());
        return answer();
    }
    if (action == u"diff"_s) {
        const QString head = dr->value(u"branch"_s).toString();
        return { 200, QJsonObject { { u"data"_s, schemas.value(orgDb + u'/' + head) } } };
    }
    if (action == u"reviews"_s && request.method == u"GET"_s) {
        QList<QJsonObject> items;
        for (const QJsonValue &v : reviews.value(key))
            items.append(v.toObject());
        return list(items, request.query);
    }
    if (action == u"reviews"_s) {
        QJsonObject review { { u"id"_s, u"rev-%1"_s.arg(reviews.value(key).size() + 1) },
            { u"state"_s, request.body.value(u"state"_s) }, { u"body"_s, request.body.value(u"body"_s) },
            { u"actor"_s, QJsonObject { { u"id"_s, u"u2"_s }, { u"display_name"_s, u"Grace"_s } } },
            { u"created_at"_s, now() }, { u"updated_at"_s, now() } };
        reviews[key].append(review);
        if (request.body.value(u"state"_s).toString() == u"approved"_s)
            dr->insert(u"approved"_s, true);
        return { 201, review };
    }
    if (action == u"operations"_s) {
        QList<QJsonObject> items;
        for (const QJsonValue &v : operations.value(key))
            items.append(v.toObject());
        return list(items, request.query);
    }
    if (action == u"deployment"_s)
        return { 200, withDeployment(orgDb, *dr).value(u"deployment"_s) };
    static const QHash<QString, QString> transitions { { u"deploy"_s, u"queued"_s },
        { u"cancel"_s, u"in_progress_cancel"_s }, { u"apply-deploy"_s, u"in_progress_cutover"_s },
        { u"revert"_s, u"in_progress_revert"_s }, { u"skip-revert"_s, u"complete"_s },
        { u"complete-deploy"_s, u"complete"_s } };
    if (transitions.contains(action) && request.method == u"POST"_s) {
        setDeploymentState(orgDb, number, transitions.value(action));
        return answer();
    }
    return notFound;
}

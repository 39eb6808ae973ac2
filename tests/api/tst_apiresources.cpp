// Every resource method sends the documented method, path, query and body, and parses the answer.
#include "api/backupsresource.h"
#include "api/branchesresource.h"
#include "api/databasesresource.h"
#include "api/deployrequestsresource.h"
#include "api/organizationsresource.h"
#include "api/passwordsresource.h"
#include "scriptedhttpserver.h"

#include <QJsonDocument>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Response = ScriptedHttpServer::Response;

namespace {

using Done = std::function<void(bool ok)>;
using Start = std::function<void(Api::ApiClient *client, QObject *context, Done done)>;

template<typename T> std::function<void(Api::ApiResult<T>)> report(Done done)
{
    return [done](Api::ApiResult<T> r) { done(r.ok()); };
}

struct Case
{
    Start start;
    QByteArray method;
    QString path;
    QList<QPair<QString, QString>> query; // must all be present
    QJsonObject body; // compared when not empty
};

const QString org = u"acme"_s;
const QString db = u"app-db"_s;
const QString br = u"dev"_s;
const QString base = u"/v1/organizations/acme/databases/app-db"_s;

QList<Case> cases()
{
    using namespace Api;
    QList<Case> c;
    // Organizations and databases
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  OrganizationsResource(a).list(x, report<QList<Core::Organization>>(d));
              },
        "GET", u"/v1/organizations"_s, { { u"per_page"_s, u"100"_s }, { u"page"_s, u"1"_s } }, {} });
    c.append(
        { [](ApiClient *a, QObject *x, Done d) { OrganizationsResource(a).get(org, x, report<Core::Organization>(d)); },
            "GET", u"/v1/organizations/acme"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  OrganizationsResource(a).regions(org, x, report<QList<Core::Region>>(d));
              },
        "GET", u"/v1/organizations/acme/regions"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DatabasesResource(a).list(org, x, report<QList<Core::Database>>(d), u"app"_s);
              },
        "GET", u"/v1/organizations/acme/databases"_s, { { u"q"_s, u"app"_s }, { u"per_page"_s, u"100"_s } }, {} });
    c.append(
        { [](ApiClient *a, QObject *x, Done d) { DatabasesResource(a).get(org, db, x, report<Core::Database>(d)); },
            "GET", base, {}, {} });
    // Branches
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchFilter f;
                  f.production = true;
                  f.safeMigrations = false;
                  f.search = u"feat"_s;
                  f.order = u"desc"_s;
                  BranchesResource(a).list(org, db, f, x, report<QList<Core::Branch>>(d));
              },
        "GET", base + u"/branches"_s,
        { { u"production"_s, u"true"_s }, { u"safe_migrations"_s, u"false"_s }, { u"q"_s, u"feat"_s },
            { u"order"_s, u"desc"_s } },
        {} });
    c.append(
        { [](ApiClient *a, QObject *x, Done d) { BranchesResource(a).get(org, db, br, x, report<Core::Branch>(d)); },
            "GET", base + u"/branches/dev"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  CreateBranchOptions o;
                  o.name = u"feature-x"_s;
                  o.parentBranch = u"main"_s;
                  o.backupId = u"bk_1"_s;
                  BranchesResource(a).create(org, db, o, x, report<Core::Branch>(d));
              },
        "POST", base + u"/branches"_s, {},
        QJsonObject {
            { u"name"_s, u"feature-x"_s }, { u"parent_branch"_s, u"main"_s }, { u"backup_id"_s, u"bk_1"_s } } });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).remove(org, db, br, true, x, report<NoContent>(d));
              },
        "DELETE", base + u"/branches/dev"_s, { { u"delete_descendants"_s, u"true"_s } }, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).promote(org, db, br, x, report<Core::Branch>(d));
              },
        "POST", base + u"/branches/dev/promote"_s, {}, {} });
    c.append(
        { [](ApiClient *a, QObject *x, Done d) { BranchesResource(a).demote(org, db, br, x, report<Core::Branch>(d)); },
            "POST", base + u"/branches/dev/demote"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).schema(org, db, br, u"ks1"_s, x, report<QList<Core::TableDdl>>(d));
              },
        "GET", base + u"/branches/dev/schema"_s, { { u"keyspace"_s, u"ks1"_s } }, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).lint(org, db, br, x, report<QList<Core::LintError>>(d));
              },
        "GET", base + u"/branches/dev/schema/lint"_s, { { u"per_page"_s, u"100"_s } }, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).diff(org, db, br, x, report<QList<Core::TableDdl>>(d));
              },
        "GET", base + u"/branches/dev/diff"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).refreshSchema(org, db, br, x, report<NoContent>(d));
              },
        "POST", base + u"/branches/dev/refresh-schema"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).setSafeMigrations(org, db, br, true, x, report<Core::Branch>(d));
              },
        "POST", base + u"/branches/dev/safe-migrations"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).setSafeMigrations(org, db, br, false, x, report<Core::Branch>(d));
              },
        "DELETE", base + u"/branches/dev/safe-migrations"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BranchesResource(a).keyspaces(org, db, br, x, report<QList<Core::Keyspace>>(d));
              },
        "GET", base + u"/branches/dev/keyspaces"_s, { { u"per_page"_s, u"100"_s } }, {} });
    // Deploy requests
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestFilter f { u"open"_s, u"dev"_s, u"main"_s };
                  DeployRequestsResource(a).list(org, db, f, x, report<QList<Core::DeployRequest>>(d));
              },
        "GET", base + u"/deploy-requests"_s,
        { { u"state"_s, u"open"_s }, { u"branch"_s, u"dev"_s }, { u"into_branch"_s, u"main"_s },
            { u"per_page"_s, u"100"_s } },
        {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).get(org, db, 7, x, report<Core::DeployRequest>(d));
              },
        "GET", base + u"/deploy-requests/7"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  CreateDeployRequestOptions o;
                  o.branch = u"dev"_s;
                  o.intoBranch = u"main"_s;
                  o.notes = u"why"_s;
                  o.autoCutover = true;
                  DeployRequestsResource(a).create(org, db, o, x, report<Core::DeployRequest>(d));
              },
        "POST", base + u"/deploy-requests"_s, {},
        QJsonObject { { u"branch"_s, u"dev"_s }, { u"into_branch"_s, u"main"_s }, { u"notes"_s, u"why"_s },
            { u"auto_cutover"_s, true } } });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).diff(org, db, 7, x, report<QList<Core::TableDdl>>(d));
              },
        "GET", base + u"/deploy-requests/7/diff"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).deploy(org, db, 7, true, x, report<Core::DeployRequest>(d));
              },
        "POST", base + u"/deploy-requests/7/deploy"_s, {}, QJsonObject { { u"instant_ddl"_s, true } } });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).deploy(org, db, 7, false, x, report<Core::DeployRequest>(d));
              },
        "POST", base + u"/deploy-requests/7/deploy"_s, {}, QJsonObject { { u"instant_ddl"_s, false } } });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).cancel(org, db, 7, x, report<Core::DeployRequest>(d));
              },
        "POST", base + u"/deploy-requests/7/cancel"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).close(org, db, 7, x, report<Core::DeployRequest>(d));
              },
        "PATCH", base + u"/deploy-requests/7"_s, {}, QJsonObject { { u"state"_s, u"closed"_s } } });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).revert(org, db, 7, x, report<Core::DeployRequest>(d));
              },
        "POST", base + u"/deploy-requests/7/revert"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).skipRevert(org, db, 7, x, report<Core::DeployRequest>(d));
              },
        "POST", base + u"/deploy-requests/7/skip-revert"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).applyDeploy(org, db, 7, x, report<Core::DeployRequest>(d));
              },
        "POST", base + u"/deploy-requests/7/apply-deploy"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).completeDeploy(org, db, 7, x, report<Core::DeployRequest>(d));
              },
        "POST", base + u"/deploy-requests/7/complete-deploy"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).setAutoApply(org, db, 7, false, x, report<Core::DeployRequest>(d));
              },
        "PUT", base + u"/deploy-requests/7/auto-apply"_s, {}, QJsonObject { { u"enable"_s, false } } });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).deployment(org, db, 7, x, report<Core::Deployment>(d));
              },
        "GET", base + u"/deploy-requests/7/deployment"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).operations(org, db, 7, x, report<QList<Core::DeployOperation>>(d));
              },
        "GET", base + u"/deploy-requests/7/operations"_s, { { u"per_page"_s, u"100"_s } }, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).reviews(org, db, 7, x, report<QList<Core::Review>>(d));
              },
        "GET", base + u"/deploy-requests/7/reviews"_s, { { u"per_page"_s, u"100"_s } }, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  DeployRequestsResource(a).createReview(
                      org, db, 7, u"approved"_s, u"ship it"_s, x, report<Core::Review>(d));
              },
        "POST", base + u"/deploy-requests/7/reviews"_s, {},
        QJsonObject { { u"state"_s, u"approved"_s }, { u"body"_s, u"ship it"_s } } });
    // Passwords and backups
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  CreatePasswordOptions o;
                  o.name = u"console"_s;
                  o.role = u"readwriter"_s;
                  o.ttlSeconds = 3600;
                  PasswordsResource(a).create(org, db, br, o, x, report<Core::Password>(d));
              },
        "POST", base + u"/branches/dev/passwords"_s, {},
        QJsonObject { { u"name"_s, u"console"_s }, { u"role"_s, u"readwriter"_s }, { u"ttl"_s, 3600 } } });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  PasswordsResource(a).list(org, db, br, x, report<QList<Core::Password>>(d));
              },
        "GET", base + u"/branches/dev/passwords"_s, { { u"per_page"_s, u"100"_s } }, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  PasswordsResource(a).get(org, db, br, u"pw1"_s, x, report<Core::Password>(d));
              },
        "GET", base + u"/branches/dev/passwords/pw1"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  PasswordsResource(a).remove(org, db, br, u"pw1"_s, x, report<NoContent>(d));
              },
        "DELETE", base + u"/branches/dev/passwords/pw1"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  PasswordsResource(a).renew(org, db, br, u"pw1"_s, x, report<Core::Password>(d));
              },
        "POST", base + u"/branches/dev/passwords/pw1/renew"_s, {}, {} });
    c.append({ [](ApiClient *a, QObject *x, Done d) {
                  BackupsResource(a).list(org, db, br, x, report<QList<Core::Backup>>(d), u"success"_s);
              },
        "GET", base + u"/branches/dev/backups"_s, { { u"state"_s, u"success"_s }, { u"per_page"_s, u"100"_s } }, {} });
    return c;
}

} // namespace

class TestApiResources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endpoints_data()
    {
        QTest::addColumn<int>("index");
        const QList<Case> all = cases();
        for (int i = 0; i < all.size(); ++i) {
            const Case &c = all[i];
            QTest::addRow("%d %s %s", i, c.method.constData(), qPrintable(c.path)) << i;
        }
    }

    void endpoints()
    {
        QFETCH(int, index);
        const Case c = cases().at(index);
        ScriptedHttpServer server;
        QVERIFY(server.start());
        // One answer every parser accepts: an object with the identity fields, a last page, a schema list.
        server.setFallback([](const auto &) {
            return Response::json(
                200, R"({"id":"x","name":"n","number":7,"state":"open","type":"list","data":[],"next_page":null})");
        });
        Api::ApiClient client;
        client.setBaseUrl(server.baseUrl());
        std::optional<bool> ok;
        c.start(&client, this, [&ok](bool result) { ok = result; });
        QTRY_VERIFY(ok.has_value());
        QVERIFY(*ok);
        QCOMPARE(server.requestCount(), 1);
        const auto &request = server.requests().first();
        QCOMPARE(request.method, c.method);
        QCOMPARE(request.path, c.path);
        for (const auto &[key, value] : c.query)
            QVERIFY2(
                request.query.queryItemValue(key) == value, qPrintable(key + u" in "_s + request.query.toString()));
        if (!c.body.isEmpty())
            QCOMPARE(QJsonDocument::fromJson(request.body).object(), c.body);
        else if (c.method != "GET" && !request.body.isEmpty())
            QCOMPARE(QJsonDocument::fromJson(request.body).object(), QJsonObject());
    }

    void pathSegmentsAreEncoded()
    {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.setFallback([](const auto &) { return Response::json(200, R"({"name":"n"})"); });
        Api::ApiClient client;
        client.setBaseUrl(server.baseUrl());
        std::optional<bool> ok;
        Api::BranchesResource(&client).get(
            u"acme"_s, u"a/b"_s, u"x?y"_s, this, report<Core::Branch>([&ok](bool r) { ok = r; }));
        QTRY_VERIFY(ok.has_value());
        QCOMPARE(server.requests().first().path, u"/v1/organizations/acme/databases/a/b/branches/x?y"_s);
        QVERIFY(server.requests().first().query.isEmpty()); // '?' stayed in the path, encoded
    }
};

QTEST_GUILESS_MAIN(TestApiResources)
#include "tst_apiresources.moc"

// The sandbox's API surface over real HTTP with the real Api client: token, organizations, databases,
// branches, passwords (real accounts, real expiry), restart; every answer checked against the OpenAPI document.

#include "api/branchesresource.h"
#include "api/databasesresource.h"
#include "api/deployrequestsresource.h"
#include "api/organizationsresource.h"
#include "api/passwordsresource.h"
#include "sandboxfixture.h"
#include "sql/connectionpool.h"
#include "sql/lease.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;

class TstLocalApi : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(startSandbox()); }
    void cleanupTestCase() { stopSandbox(); }
    void rejectsRequestsWithoutToken();
    void organizationsAndDatabases();
    void branchLifecycle();
    void refreshSchemaIsServed();
    void passwordsExpireForReal();
    void restartKeepsEverything();

    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }
};

void TstLocalApi::rejectsRequestsWithoutToken()
{
    QNetworkAccessManager nam;
    for (const QByteArray &header :
        { QByteArray(), QByteArray("wrong:token"), (m_sandbox->serviceTokenId() + u":x"_s).toUtf8() }) {
        QNetworkRequest request(QUrl(m_sandbox->apiUrl().toString() + u"/organizations"_s));
        if (!header.isEmpty())
            request.setRawHeader("Authorization", header);
        QNetworkReply *reply = nam.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(body.value(u"code"_s).toString(), u"unauthorized"_s);
        QVERIFY(!body.value(u"message"_s).toString().isEmpty());
        reply->deleteLater();
    }
}

void TstLocalApi::organizationsAndDatabases()
{
    Api::OrganizationsResource orgs(m_client.get());
    const auto list = ok(await<QList<Core::Organization>>([&](auto cb) { orgs.list(this, cb); }), "organizations");
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.constFirst().name, org);

    const QString name = m_prefix + u"-db"_s;
    createDatabase(name);
    // A second create with the same name is refused with the API's 422.
    auto again = await<QJsonValue>([&](auto cb) {
        m_client->send(
            Api::ApiRequest::post({ u"organizations"_s, org, u"databases"_s }, QJsonObject { { u"name"_s, name } }),
            this, cb);
    });
    QVERIFY(again && !again->ok());
    QCOMPARE(again->error().httpStatus, 422);

    Api::DatabasesResource dbs(m_client.get());
    const auto db = ok(await<Core::Database>([&](auto cb) { dbs.get(org, name, this, cb); }), "database get");
    QCOMPARE(db.defaultBranch, u"main"_s);
    QCOMPARE(db.productionBranchesCount, 1);
    QVERIFY(!scalar(u"SHOW DATABASES LIKE '"_s + branchSchema(name, u"main"_s) + u'\'').isEmpty());

    auto missing = await<Core::Database>([&](auto cb) { dbs.get(org, u"nope"_s, this, cb); });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().httpStatus, 404);

    auto removed = await<QJsonValue>([&](auto cb) {
        m_client->send(Api::ApiRequest::del({ u"organizations"_s, org, u"databases"_s, name }), this, cb);
    });
    QVERIFY(removed && removed->ok());
    QVERIFY(scalar(u"SHOW DATABASES LIKE '"_s + branchSchema(name, u"main"_s) + u'\'').isNull());
}

void TstLocalApi::branchLifecycle()
{
    const QString db = m_prefix + u"-life"_s;
    createDatabase(db);
    Api::BranchesResource branches(m_client.get());
    auto invalid = await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions { u"Bad_Name"_s, u"main"_s, {}, {}, {}, {} }, this, cb);
    });
    QVERIFY(invalid && !invalid->ok());
    QCOMPARE(invalid->error().httpStatus, 422);
    const auto feature = ok(await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions { u"feature-1"_s, {}, {}, {}, {}, {} }, this, cb);
    }),
        "create");
    QCOMPARE(feature.parentBranch, u"main"_s); // the default branch when none is given
    auto notProduction
        = await<Core::Branch>([&](auto cb) { branches.setSafeMigrations(org, db, u"feature-1"_s, true, this, cb); });
    QVERIFY(notProduction && !notProduction->ok());
    QCOMPARE(notProduction->error().httpStatus, 422);
    QVERIFY(ok(await<Core::Branch>([&](auto cb) { branches.promote(org, db, u"feature-1"_s, this, cb); }), "promote")
                .production);
    QVERIFY(!ok(await<Core::Branch>([&](auto cb) { branches.demote(org, db, u"feature-1"_s, this, cb); }), "demote")
                 .production);
    const auto found = ok(await<QList<Core::Branch>>([&](auto cb) {
        branches.list(org, db, Api::BranchFilter { u"feat"_s, {}, {}, {} }, this, cb);
    }),
        "search");
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.constFirst().name, u"feature-1"_s);

    auto mainGone = await<Api::NoContent>([&](auto cb) { branches.remove(org, db, u"main"_s, false, this, cb); });
    QVERIFY(mainGone && !mainGone->ok());
    QCOMPARE(mainGone->error().httpStatus, 422);
    auto removed = await<Api::NoContent>([&](auto cb) { branches.remove(org, db, u"feature-1"_s, false, this, cb); });
    QVERIFY(removed && removed->ok());
    QVERIFY(scalar(u"SHOW DATABASES LIKE '"_s + branchSchema(db, u"feature-1"_s) + u'\'').isNull());
    auto gone = await<Core::Branch>([&](auto cb) { branches.get(org, db, u"feature-1"_s, this, cb); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error().httpStatus, 404);
}

void TstLocalApi::refreshSchemaIsServed()
{
    // The branch menu's "Refresh schema" posts here; the sandbox records the time the schema was read.
    const QString db = m_prefix + u"-refresh"_s;
    createDatabase(db);
    Api::BranchesResource branches(m_client.get());
    const auto before = ok(await<Core::Branch>([&](auto cb) { branches.get(org, db, u"main"_s, this, cb); }), "get");
    spin(20);
    const auto refreshed
        = await<Api::NoContent>([&](auto cb) { branches.refreshSchema(org, db, u"main"_s, this, cb); });
    QVERIFY(refreshed);
    if (!refreshed->ok())
        QFAIL(qPrintable(refreshed->error().toString()));
    const auto after = ok(await<Core::Branch>([&](auto cb) { branches.get(org, db, u"main"_s, this, cb); }), "get");
    QVERIFY(after.schemaLastUpdatedAt.isValid());
    QVERIFY2(after.schemaLastUpdatedAt > before.schemaLastUpdatedAt,
        qPrintable(after.schemaLastUpdatedAt.toString(Qt::ISODateWithMs)));
    auto missing = await<Api::NoContent>([&](auto cb) { branches.refreshSchema(org, db, u"nope"_s, this, cb); });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().httpStatus, 404);
}

void TstLocalApi::passwordsExpireForReal()
{
    const QString db = m_prefix + u"-pw"_s;
    createDatabase(db);
    Api::PasswordsResource passwords(m_client.get());
    const auto shortLived = ok(await<Core::Password>([&](auto cb) {
        passwords.create(
            org, db, u"main"_s, Api::CreatePasswordOptions { u"short"_s, u"reader"_s, 2, false }, this, cb);
    }),
        "short password");
    QVERIFY(shortLived.ttlSeconds && *shortLived.ttlSeconds == 2);
    QVERIFY(shortLived.renewable);
    Sql::ConnectionOptions o = passwordConnection(shortLived);
    QVERIFY(Sql::Connection::open(o));
    const auto renewed = ok(
        await<Core::Password>([&](auto cb) { passwords.renew(org, db, u"main"_s, shortLived.id, this, cb); }), "renew");
    QVERIFY(renewed.expiresAt >= shortLived.expiresAt);

    QTRY_VERIFY_WITH_TIMEOUT(!Sql::Connection::open(o).ok(), 15000);
    QCOMPARE(Sql::Connection::open(o).error().code, u"auth_failed"_s);
    auto gone = await<Core::Password>([&](auto cb) { passwords.get(org, db, u"main"_s, shortLived.id, this, cb); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error().httpStatus, 404);

    // Deleting drops the account at once.
    const auto other = ok(await<Core::Password>([&](auto cb) {
        passwords.create(
            org, db, u"main"_s, Api::CreatePasswordOptions { u"other"_s, u"writer"_s, {}, false }, this, cb);
    }),
        "other password");
    o = passwordConnection(other);
    QVERIFY(Sql::Connection::open(o));
    auto removed = await<Api::NoContent>([&](auto cb) { passwords.remove(org, db, u"main"_s, other.id, this, cb); });
    QVERIFY(removed && removed->ok());
    QCOMPARE(Sql::Connection::open(o).error().code, u"auth_failed"_s);
}

void TstLocalApi::restartKeepsEverything()
{
    const QString db = m_prefix + u"-keep"_s;
    createDatabase(db);
    Api::BranchesResource branches(m_client.get());
    createBranch(db, u"dev"_s);
    QVERIFY(ok(
        await<Core::Branch>([&](auto cb) { branches.setSafeMigrations(org, db, u"main"_s, true, this, cb); }), "safe")
                .safeMigrations);
    const QString tokenId = m_sandbox->serviceTokenId();
    const QString token = m_sandbox->serviceToken();
    QVERIFY(restartSandbox());
    QCOMPARE(m_sandbox->serviceTokenId(), tokenId);
    QCOMPARE(m_sandbox->serviceToken(), token);
    const auto list
        = ok(await<QList<Core::Branch>>([&](auto cb) { branches.list(org, db, Api::BranchFilter {}, this, cb); }),
            "branches after restart");
    QCOMPARE(list.size(), 2);
    const auto main = ok(await<Core::Branch>([&](auto cb) { branches.get(org, db, u"main"_s, this, cb); }), "main");
    QVERIFY(main.production);
    QVERIFY(main.safeMigrations);
    const auto dev = ok(await<Core::Branch>([&](auto cb) { branches.get(org, db, u"dev"_s, this, cb); }), "dev");
    QCOMPARE(dev.parentBranch, u"main"_s);
}

QTEST_GUILESS_MAIN(TstLocalApi)
#include "tst_local_api.moc"

// The local sandbox end to end: a Local::Sandbox in this process over the fixture's TLS MariaDB, the real
// Api client over real HTTP on 127.0.0.1, real MySQL accounts, and the database checked for real.

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "api/databasesresource.h"
#include "api/deployrequestsresource.h"
#include "api/organizationsresource.h"
#include "api/passwordsresource.h"
#include "local/deployqueue.h"
#include "local/sandbox.h"
#include "sandboxharness.h"
#include "sql/connection.h"
#include "sql/connectionpool.h"
#include "sql/lease.h"
#include "testdb.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <mysql.h>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const QString org = u"local"_s;

Sql::ConnectionOptions adminOptions(const TestDb &db)
{
    Sql::ConnectionOptions o;
    o.host = db.host;
    o.port = db.port;
    o.user = db.user;
    o.password = db.password;
    o.caFile = db.caFile;
    return o;
}

// A single-value query on a blocking connection; null on error.
QString scalar(Sql::Connection &c, const QString &sql)
{
    const QByteArray q = sql.toUtf8();
    if (mysql_real_query(c.handle(), q.constData(), static_cast<unsigned long>(q.size())) != 0)
        return {};
    MYSQL_RES *res = mysql_store_result(c.handle());
    if (!res)
        return {};
    QString value;
    if (MYSQL_ROW row = mysql_fetch_row(res))
        value = row[1 - 1] ? QString::fromUtf8(row[0]) : QString();
    // SHOW CREATE TABLE has the text in the second column.
    if (mysql_num_fields(res) == 2) {
        mysql_data_seek(res, 0);
        if (MYSQL_ROW row = mysql_fetch_row(res))
            value = QString::fromUtf8(row[1]);
    }
    mysql_free_result(res);
    return value;
}

QString withoutAutoIncrement(QString ddl)
{
    return ddl.remove(QRegularExpression(u" AUTO_INCREMENT=\\d+"_s));
}

} // namespace

class TstLocalSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rejectsRequestsWithoutToken();
    void organizationsAndDatabases();
    void branchDeployAndRevert();
    void passwordsExpireForReal();
    void branchLifecycle();
    void gatedCutoverAndCancel();
    void restartKeepsEverything();
    void responsesMatchOpenApi();

private:
    template<typename T>
    T ok(const std::optional<Api::ApiResult<T>> &result, const char *what)
    {
        if (!result)
            qFatal("%s: no answer", what);
        if (!result->ok())
            qFatal("%s: %s", what, qPrintable(result->error().toString()));
        return result->value();
    }
    Core::DeployRequest waitForState(const QString &db, qint64 number, const QString &state, int timeoutMs,
                                     double *sawProgress = nullptr);
    void createDatabase(const QString &name);
    QString branchSchema(const QString &db, const QString &branch) const { return db + u"__"_s + branch; }
    bool admin(const QString &sql) { return m_admin->execute(sql.toUtf8()).ok(); }

    TestDb m_db;
    QTemporaryDir m_dir;
    QString m_record;
    std::unique_ptr<Local::Sandbox> m_sandbox;
    std::unique_ptr<Api::ApiClient> m_client;
    std::unique_ptr<Sql::Connection> m_admin;
    QString m_prefix;
    Local::SandboxOptions m_options;
};

void TstLocalSandbox::initTestCase()
{
    m_db = TestDb::fromEnvironment();
    QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
    QVERIFY(m_dir.isValid());
    m_record = m_dir.filePath(u"answers.jsonl"_s);
    m_prefix = u"t"_s + QString::number(QRandomGenerator::global()->bounded(100000, 999999));

    Local::SandboxOptions options;
    options.admin = adminOptions(m_db);
    options.mysqlHost = m_db.host;
    options.mysqlPort = m_db.port;
    options.caFile = m_db.caFile;
    options.deploy.chunkRows = 500;
    options.deploy.throttleMs = 20; // makes the copy take long enough to watch it and write during it
    options.recordFile = m_record;
    m_options = options;
    m_sandbox = std::make_unique<Local::Sandbox>();
    auto started = m_sandbox->start(options);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    QCOMPARE(m_sandbox->apiUrl().host(), u"127.0.0.1"_s);

    m_client = std::make_unique<Api::ApiClient>();
    m_client->setBaseUrl(m_sandbox->apiUrl());
    m_client->setCredentials(Api::Credentials::serviceToken(m_sandbox->serviceTokenId(), m_sandbox->serviceToken(), u"test"_s));

    auto admin = Sql::Connection::open(adminOptions(m_db));
    QVERIFY2(admin.ok(), qPrintable(admin.ok() ? QString() : admin.error().toString()));
    m_admin = std::move(admin).value();
}

void TstLocalSandbox::cleanupTestCase()
{
    m_client.reset();
    m_sandbox.reset();
}

void TstLocalSandbox::rejectsRequestsWithoutToken()
{
    QNetworkAccessManager nam;
    for (const QByteArray &header : {QByteArray(), QByteArray("wrong:token"),
                                     (m_sandbox->serviceTokenId() + u":x"_s).toUtf8()}) {
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

void TstLocalSandbox::createDatabase(const QString &name)
{
    auto created = await<QJsonValue>([&](auto cb) {
        m_client->send(Api::ApiRequest::post({u"organizations"_s, org, u"databases"_s}, QJsonObject{{u"name"_s, name}}),
                       this, cb);
    });
    QVERIFY(created && created->ok());
    QCOMPARE(created->value().toObject().value(u"name"_s).toString(), name);
    QCOMPARE(created->value().toObject().value(u"default_branch"_s).toString(), u"main"_s);
}

void TstLocalSandbox::organizationsAndDatabases()
{
    Api::OrganizationsResource orgs(m_client.get());
    const auto list = ok(await<QList<Core::Organization>>([&](auto cb) { orgs.list(this, cb); }), "organizations");
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.constFirst().name, org);

    const QString name = m_prefix + u"-db"_s;
    createDatabase(name);
    // A second create with the same name is refused with the API's 422.
    auto again = await<QJsonValue>([&](auto cb) {
        m_client->send(Api::ApiRequest::post({u"organizations"_s, org, u"databases"_s}, QJsonObject{{u"name"_s, name}}),
                       this, cb);
    });
    QVERIFY(again && !again->ok());
    QCOMPARE(again->error().httpStatus, 422);

    Api::DatabasesResource dbs(m_client.get());
    const auto db = ok(await<Core::Database>([&](auto cb) { dbs.get(org, name, this, cb); }), "database get");
    QCOMPARE(db.defaultBranch, u"main"_s);
    QCOMPARE(db.productionBranchesCount, 1);
    QVERIFY(!scalar(*m_admin, u"SHOW DATABASES LIKE '"_s + branchSchema(name, u"main"_s) + u'\'').isEmpty());

    auto missing = await<Core::Database>([&](auto cb) { dbs.get(org, u"nope"_s, this, cb); });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().httpStatus, 404);

    auto removed = await<QJsonValue>([&](auto cb) {
        m_client->send(Api::ApiRequest::del({u"organizations"_s, org, u"databases"_s, name}), this, cb);
    });
    QVERIFY(removed && removed->ok());
    QVERIFY(scalar(*m_admin, u"SHOW DATABASES LIKE '"_s + branchSchema(name, u"main"_s) + u'\'').isNull());
}

Core::DeployRequest TstLocalSandbox::waitForState(const QString &db, qint64 number, const QString &state, int timeoutMs,
                                                  double *sawProgress)
{
    Api::DeployRequestsResource drs(m_client.get());
    QElapsedTimer timer;
    timer.start();
    Core::DeployRequest last;
    while (timer.elapsed() < timeoutMs) {
        last = ok(await<Core::DeployRequest>([&](auto cb) { drs.get(org, db, number, this, cb); }), "dr get");
        if (sawProgress) {
            const auto ops = ok(await<QList<Core::DeployOperation>>([&](auto cb) { drs.operations(org, db, number, this, cb); }),
                                "operations");
            for (const Core::DeployOperation &op : ops) {
                if (op.progressPercentage && *op.progressPercentage > 0 && *op.progressPercentage < 100)
                    *sawProgress = *op.progressPercentage;
            }
        }
        if (last.deploymentStateName == state)
            return last;
        if (last.deploymentStateName.startsWith(u"complete_error"_s) || last.deploymentStateName == u"complete_revert_error"_s)
            break;
        spin(40);
    }
    return last;
}

void TstLocalSandbox::branchDeployAndRevert()
{
    const QString db = m_prefix + u"-shop"_s;
    createDatabase(db);
    const QString main = branchSchema(db, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"_s
                              u" name VARCHAR(64) NOT NULL, note VARCHAR(64) NULL)"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.items (name, note) SELECT CONCAT('n', seq), CONCAT('note', seq)"_s
                              u" FROM `"_s + main + u"`.seq_1_to_20000"_s));
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.legacy (id INT PRIMARY KEY, v VARCHAR(10))"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.legacy VALUES (1, 'a'), (2, 'b'), (3, 'c')"_s));
    const QString originalItems = withoutAutoIncrement(scalar(*m_admin, u"SHOW CREATE TABLE `"_s + main + u"`.items"_s));
    QVERIFY(originalItems.contains(u"`note`"_s));

    // A branch copies the schema, not the data.
    Api::BranchesResource branches(m_client.get());
    const auto dev = ok(await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions{u"dev"_s, u"main"_s, {}, {}, {}, {}}, this, cb);
    }), "create branch");
    QCOMPARE(dev.parentBranch, u"main"_s);
    QVERIFY(!dev.production);
    const QString devSchema = branchSchema(db, u"dev"_s);
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM `"_s + devSchema + u"`.items"_s), u"0"_s);
    QCOMPARE(withoutAutoIncrement(scalar(*m_admin, u"SHOW CREATE TABLE `"_s + devSchema + u"`.items"_s)), originalItems);
    const auto schema = ok(await<QList<Core::TableDdl>>([&](auto cb) { branches.schema(org, db, u"dev"_s, {}, this, cb); }),
                           "schema");
    QCOMPARE(schema.size(), 2);

    // A password is a real account; connect through the pool with verified TLS and change the branch.
    Api::PasswordsResource passwords(m_client.get());
    const auto devPassword = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, u"dev"_s, Api::CreatePasswordOptions{u"dev-admin"_s, u"admin"_s, {}, false}, this, cb);
    }), "create password");
    QVERIFY(!devPassword.plainText.isEmpty());
    QCOMPARE(devPassword.accessHostUrl, m_db.host + u':' + QString::number(m_db.port));
    const auto listed = ok(await<QList<Core::Password>>([&](auto cb) { passwords.list(org, db, u"dev"_s, this, cb); }),
                           "list passwords");
    QCOMPARE(listed.size(), 1);
    QVERIFY(listed.constFirst().plainText.isEmpty()); // shown once only

    {
        Sql::ConnectionOptions o;
        const QStringList hostPort = devPassword.accessHostUrl.split(u':');
        o.host = hostPort.at(0);
        o.port = hostPort.at(1).toUShort();
        o.user = devPassword.username;
        o.password = devPassword.plainText;
        o.database = devSchema;
        o.caFile = m_sandbox->options().caFile;
        Sql::ConnectionPool pool(o);
        QSignalSpy opened(&pool, &Sql::ConnectionPool::connectionOpened);
        QSignalSpy finished(&pool, &Sql::ConnectionPool::jobFinished);
        QSignalSpy failed(&pool, &Sql::ConnectionPool::statementFailed);
        Sql::Lease lease = pool.lease();
        const Sql::RequestId id = pool.executeScript(
            lease, u"ALTER TABLE items ADD COLUMN score INT NOT NULL DEFAULT 0, DROP COLUMN note, ADD INDEX idx_name (name);"
                   u" DROP TABLE legacy; CREATE TABLE nokey (v INT)"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().value<Sql::StatementError>().message));
        QCOMPARE(finished.first().first().value<Sql::JobSummary>().requestId, id);
        QCOMPARE(finished.first().first().value<Sql::JobSummary>().status, Sql::JobStatus::Completed);
        QVERIFY(!opened.isEmpty());
        QVERIFY(!opened.first().first().value<Sql::ConnectionInfo>().tlsVersion.isEmpty());
    }

    // Lint finds the table without a key; then it goes, so the deploy has only items and legacy.
    const auto lint = ok(await<QList<Core::LintError>>([&](auto cb) { branches.lint(org, db, u"dev"_s, this, cb); }), "lint");
    QCOMPARE(lint.size(), 1);
    QCOMPARE(lint.constFirst().lintError, u"NO_UNIQUE_KEY"_s);
    QCOMPARE(lint.constFirst().tableName, u"nokey"_s);
    QVERIFY(admin(u"DROP TABLE `"_s + devSchema + u"`.nokey"_s));

    const auto branchDiff = ok(await<QList<Core::TableDdl>>([&](auto cb) { branches.diff(org, db, u"dev"_s, this, cb); }),
                               "branch diff");
    QCOMPARE(branchDiff.size(), 2);

    // A second branch with its own change, to be queued behind the first deploy.
    ok(await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions{u"dev2"_s, u"main"_s, {}, {}, {}, {}}, this, cb);
    }), "create dev2");
    QVERIFY(admin(u"CREATE TABLE `"_s + branchSchema(db, u"dev2"_s) + u"`.extra (id INT PRIMARY KEY)"_s));

    // Production with safe migrations: the password's DDL is refused by the server itself.
    const auto safe = ok(await<Core::Branch>([&](auto cb) { branches.setSafeMigrations(org, db, u"main"_s, true, this, cb); }),
                         "safe migrations");
    QVERIFY(safe.safeMigrations);
    const auto prodPassword = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, u"main"_s, Api::CreatePasswordOptions{u"prod"_s, u"admin"_s, {}, false}, this, cb);
    }), "prod password");
    Sql::ConnectionOptions prod;
    prod.host = m_db.host;
    prod.port = m_db.port;
    prod.user = prodPassword.username;
    prod.password = prodPassword.plainText;
    prod.database = main;
    prod.caFile = m_sandbox->options().caFile;
    {
        auto c = Sql::Connection::open(prod);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toString()));
        auto ddl = (*c)->execute("ALTER TABLE items ADD COLUMN sneaky INT");
        QVERIFY(!ddl.ok());
        QCOMPARE((*c)->lastErrorNumber(), 1142u); // ER_TABLEACCESS_DENIED_ERROR
    }

    // The deploy request and its diff (from the schema engine).
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions{u"dev"_s, u"main"_s, u"add score"_s, true, false}, this, cb);
    }), "create dr");
    QCOMPARE(dr.deploymentStateName, u"ready"_s);
    const auto drDiff = ok(await<QList<Core::TableDdl>>([&](auto cb) { drs.diff(org, db, dr.number, this, cb); }), "dr diff");
    QCOMPARE(drDiff.size(), 2);
    QVERIFY(drDiff.at(0).raw.contains(u"ADD COLUMN `score`"_s));
    QVERIFY(drDiff.at(0).raw.contains(u"DROP COLUMN `note`"_s));
    QVERIFY(drDiff.at(1).raw.contains(u"DROP TABLE `legacy`"_s));
    const auto dr2 = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions{u"dev2"_s, u"main"_s, {}, true, false}, this, cb);
    }), "create dr2");
    const auto review = ok(await<Core::Review>([&](auto cb) { drs.createReview(org, db, dr.number, u"approved"_s, u"lgtm"_s, this, cb); }),
                           "review");
    QCOMPARE(review.body, u"lgtm"_s);

    // Another connection keeps inserting into production during and after the deploy, and through the revert.
    std::atomic<bool> stop{false};
    std::atomic<int> phase{0}; // 0 before/during deploy, 1 after deploy, 2 during revert
    std::atomic<int> inserted[3] = {0, 0, 0};
    std::atomic<int> failures{0};
    QString firstFailure;
    std::thread inserter([&] {
        mysql_thread_init();
        auto c = Sql::Connection::open(prod);
        if (!c) {
            ++failures;
            firstFailure = c.error().toString();
        } else {
            for (int i = 0; !stop.load(); ++i) {
                const QByteArray sql = "INSERT INTO items (name) VALUES ('live" + QByteArray::number(i) + "')";
                if ((*c)->execute(sql).ok()) {
                    ++inserted[phase.load()];
                } else if ((*c)->lastErrorNumber() == 1213 || (*c)->lastErrorNumber() == 1205) {
                    --i; // deadlock or lock wait: the application retries, as it must anyway
                } else {
                    if (failures++ == 0)
                        firstFailure = (*c)->lastErrorMessage();
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        }
        c = Core::Error{};
        mysql_thread_end();
    });
    auto joinInserter = qScopeGuard([&] {
        stop = true;
        if (inserter.joinable())
            inserter.join();
    });

    const auto deploying = ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); }),
                              "deploy");
    QCOMPARE(deploying.deploymentStateName, u"queued"_s);
    const auto queued = ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr2.number, false, this, cb); }),
                           "deploy dr2");
    QCOMPARE(queued.deploymentStateName, u"queued"_s);

    double sawProgress = -1;
    const auto deployed = waitForState(db, dr.number, u"complete_pending_revert"_s, 120000, &sawProgress);
    QCOMPARE(deployed.deploymentStateName, u"complete_pending_revert"_s);
    QVERIFY2(sawProgress > 0 && sawProgress < 100, "no intermediate progress was seen during the copy");
    const auto ops = ok(await<QList<Core::DeployOperation>>([&](auto cb) { drs.operations(org, db, dr.number, this, cb); }),
                        "operations");
    QCOMPARE(ops.size(), 2);
    for (const Core::DeployOperation &op : ops) {
        QCOMPARE(op.state, u"complete"_s);
        QVERIFY(op.progressPercentage && qFuzzyCompare(*op.progressPercentage, 100.0));
    }
    QVERIFY(scalar(*m_admin, u"SHOW CREATE TABLE `"_s + main + u"`.items"_s).contains(u"`score`"_s));
    QVERIFY(scalar(*m_admin, u"SHOW TABLES FROM `"_s + main + u"` LIKE 'legacy'"_s).isNull());
    QVERIFY(inserted[0] > 0);

    // The queue: the second request waits while the first is inside its revert window.
    phase = 1;
    spin(600);
    const auto stillQueued = ok(await<Core::DeployRequest>([&](auto cb) { drs.get(org, db, dr2.number, this, cb); }), "dr2");
    QCOMPARE(stillQueued.deploymentStateName, u"queued"_s);
    QVERIFY(stillQueued.deployment && !stillQueued.deployment->precedingDeployments.isEmpty());
    QVERIFY(inserted[1] > 0);

    phase = 2;
    const auto reverting = ok(await<Core::DeployRequest>([&](auto cb) { drs.revert(org, db, dr.number, this, cb); }), "revert");
    QCOMPARE(reverting.deploymentStateName, u"in_progress_revert"_s);
    const auto reverted = waitForState(db, dr.number, u"complete_revert"_s, 120000);
    QCOMPARE(reverted.deploymentStateName, u"complete_revert"_s);
    stop = true;
    inserter.join();
    QVERIFY2(failures == 0, qPrintable(firstFailure));

    // Production has its old schema, its dropped table with its rows, the dropped column's values, and every
    // row inserted during and after the deploy.
    QCOMPARE(withoutAutoIncrement(scalar(*m_admin, u"SHOW CREATE TABLE `"_s + main + u"`.items"_s)), originalItems);
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM `"_s + main + u"`.legacy"_s), u"3"_s);
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM `"_s + main + u"`.items WHERE name LIKE 'live%'"_s),
             QString::number(inserted[0] + inserted[1] + inserted[2]));
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM `"_s + main + u"`.items WHERE note = CONCAT('note', SUBSTRING(name, 2))"_s),
             u"20000"_s);
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s + main
                                  + u"' AND TABLE_NAME LIKE '\\_bd\\_%'"_s),
             u"0"_s);
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '"_s + main + u'\''),
             u"0"_s);

    // Now the queued request runs; skip-revert makes it final.
    const auto second = waitForState(db, dr2.number, u"complete_pending_revert"_s, 60000);
    QCOMPARE(second.deploymentStateName, u"complete_pending_revert"_s);
    QVERIFY(!scalar(*m_admin, u"SHOW TABLES FROM `"_s + main + u"` LIKE 'extra'"_s).isNull());
    const auto skipped = ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, db, dr2.number, this, cb); }),
                            "skip revert");
    QCOMPARE(skipped.deploymentStateName, u"complete"_s);
    auto revertLate = await<Core::DeployRequest>([&](auto cb) { drs.revert(org, db, dr2.number, this, cb); });
    QVERIFY(revertLate && !revertLate->ok());
    QCOMPARE(revertLate->error().httpStatus, 422);

    const auto reviews = ok(await<QList<Core::Review>>([&](auto cb) { drs.reviews(org, db, dr.number, this, cb); }), "reviews");
    QCOMPARE(reviews.size(), 1);
    const auto deployment = ok(await<Core::Deployment>([&](auto cb) { drs.deployment(org, db, dr.number, this, cb); }),
                               "deployment");
    QCOMPARE(deployment.stateName, u"complete_revert"_s);
    const auto closed = ok(await<Core::DeployRequest>([&](auto cb) { drs.close(org, db, dr.number, this, cb); }), "close");
    QCOMPARE(closed.state, u"closed"_s);
}

void TstLocalSandbox::passwordsExpireForReal()
{
    const QString db = m_prefix + u"-pw"_s;
    createDatabase(db);
    Api::PasswordsResource passwords(m_client.get());
    const auto shortLived = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, u"main"_s, Api::CreatePasswordOptions{u"short"_s, u"reader"_s, 2, false}, this, cb);
    }), "short password");
    QVERIFY(shortLived.ttlSeconds && *shortLived.ttlSeconds == 2);
    QVERIFY(shortLived.renewable);
    Sql::ConnectionOptions o;
    o.host = m_db.host;
    o.port = m_db.port;
    o.user = shortLived.username;
    o.password = shortLived.plainText;
    o.caFile = m_sandbox->options().caFile;
    QVERIFY(Sql::Connection::open(o));
    const auto renewed = ok(await<Core::Password>([&](auto cb) { passwords.renew(org, db, u"main"_s, shortLived.id, this, cb); }),
                            "renew");
    QVERIFY(renewed.expiresAt >= shortLived.expiresAt);

    QTRY_VERIFY_WITH_TIMEOUT(!Sql::Connection::open(o).ok(), 15000);
    QCOMPARE(Sql::Connection::open(o).error().code, u"auth_failed"_s);
    auto gone = await<Core::Password>([&](auto cb) { passwords.get(org, db, u"main"_s, shortLived.id, this, cb); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error().httpStatus, 404);

    // Deleting drops the account at once.
    const auto other = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, u"main"_s, Api::CreatePasswordOptions{u"other"_s, u"writer"_s, {}, false}, this, cb);
    }), "other password");
    o.user = other.username;
    o.password = other.plainText;
    QVERIFY(Sql::Connection::open(o));
    auto removed = await<Api::NoContent>([&](auto cb) { passwords.remove(org, db, u"main"_s, other.id, this, cb); });
    QVERIFY(removed && removed->ok());
    QCOMPARE(Sql::Connection::open(o).error().code, u"auth_failed"_s);
}

void TstLocalSandbox::branchLifecycle()
{
    const QString db = m_prefix + u"-life"_s;
    createDatabase(db);
    Api::BranchesResource branches(m_client.get());
    auto invalid = await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions{u"Bad_Name"_s, u"main"_s, {}, {}, {}, {}}, this, cb);
    });
    QVERIFY(invalid && !invalid->ok());
    QCOMPARE(invalid->error().httpStatus, 422);
    const auto feature = ok(await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions{u"feature-1"_s, {}, {}, {}, {}, {}}, this, cb);
    }), "create");
    QCOMPARE(feature.parentBranch, u"main"_s); // the default branch when none is given
    auto notProduction = await<Core::Branch>([&](auto cb) { branches.setSafeMigrations(org, db, u"feature-1"_s, true, this, cb); });
    QVERIFY(notProduction && !notProduction->ok());
    QCOMPARE(notProduction->error().httpStatus, 422);
    QVERIFY(ok(await<Core::Branch>([&](auto cb) { branches.promote(org, db, u"feature-1"_s, this, cb); }), "promote").production);
    QVERIFY(!ok(await<Core::Branch>([&](auto cb) { branches.demote(org, db, u"feature-1"_s, this, cb); }), "demote").production);
    const auto found = ok(await<QList<Core::Branch>>([&](auto cb) {
        branches.list(org, db, Api::BranchFilter{u"feat"_s, {}, {}, {}}, this, cb);
    }), "search");
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.constFirst().name, u"feature-1"_s);

    auto mainGone = await<Api::NoContent>([&](auto cb) { branches.remove(org, db, u"main"_s, false, this, cb); });
    QVERIFY(mainGone && !mainGone->ok());
    QCOMPARE(mainGone->error().httpStatus, 422);
    auto removed = await<Api::NoContent>([&](auto cb) { branches.remove(org, db, u"feature-1"_s, false, this, cb); });
    QVERIFY(removed && removed->ok());
    QVERIFY(scalar(*m_admin, u"SHOW DATABASES LIKE '"_s + branchSchema(db, u"feature-1"_s) + u'\'').isNull());
    auto gone = await<Core::Branch>([&](auto cb) { branches.get(org, db, u"feature-1"_s, this, cb); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error().httpStatus, 404);
}

void TstLocalSandbox::gatedCutoverAndCancel()
{
    const QString db = m_prefix + u"-gate"_s;
    createDatabase(db);
    const QString main = branchSchema(db, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.t (id INT AUTO_INCREMENT PRIMARY KEY, a INT)"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.t (a) SELECT seq FROM `"_s + main + u"`.seq_1_to_3000"_s));
    Api::BranchesResource branches(m_client.get());
    Api::DeployRequestsResource drs(m_client.get());
    for (const QString &name : {u"gated"_s, u"doomed"_s})
        ok(await<Core::Branch>([&](auto cb) {
            branches.create(org, db, Api::CreateBranchOptions{name, u"main"_s, {}, {}, {}, {}}, this, cb);
        }), "branch");
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"gated"_s) + u"`.t ADD COLUMN b INT NOT NULL DEFAULT 5"_s));
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"doomed"_s) + u"`.t ADD COLUMN c INT"_s));

    // Gated: the copy finishes, the cutover waits for apply-deploy while production keeps its schema and writes.
    const auto gated = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions{u"gated"_s, u"main"_s, {}, false, false}, this, cb);
    }), "gated dr");
    QVERIFY(gated.deployment && !gated.deployment->autoCutover);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, gated.number, false, this, cb); }), "deploy");
    QCOMPARE(waitForState(db, gated.number, u"pending_cutover"_s, 60000).deploymentStateName, u"pending_cutover"_s);
    QVERIFY(!scalar(*m_admin, u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`b`"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.t (a) VALUES (-1)"_s));
    QVERIFY(admin(u"UPDATE `"_s + main + u"`.t SET a = -2 WHERE id = 1"_s));
    QVERIFY(admin(u"DELETE FROM `"_s + main + u"`.t WHERE id = 2"_s));
    const auto applying = ok(await<Core::DeployRequest>([&](auto cb) { drs.applyDeploy(org, db, gated.number, this, cb); }),
                             "apply");
    QCOMPARE(applying.deploymentStateName, u"in_progress_cutover"_s);
    QCOMPARE(waitForState(db, gated.number, u"complete_pending_revert"_s, 60000).deploymentStateName,
             u"complete_pending_revert"_s);
    QVERIFY(scalar(*m_admin, u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`b`"_s));
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM `"_s + main + u"`.t"_s), u"3000"_s);
    QCOMPARE(scalar(*m_admin, u"SELECT a FROM `"_s + main + u"`.t WHERE id = 1"_s), u"-2"_s);
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM `"_s + main + u"`.t WHERE a = -1 AND b = 5"_s), u"1"_s);
    const auto skipped = ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, db, gated.number, this, cb); }),
                            "skip");
    QCOMPARE(skipped.deploymentStateName, u"complete"_s);

    // Cancel while waiting for the cutover: production untouched, no shadow or trigger left.
    const auto doomed = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions{u"doomed"_s, u"main"_s, {}, false, false}, this, cb);
    }), "doomed dr");
    // Its diff was taken against main before `b` arrived; the deploy recomputes it.
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, doomed.number, false, this, cb); }), "deploy doomed");
    QCOMPARE(waitForState(db, doomed.number, u"pending_cutover"_s, 60000).deploymentStateName, u"pending_cutover"_s);
    const auto cancelling = ok(await<Core::DeployRequest>([&](auto cb) { drs.cancel(org, db, doomed.number, this, cb); }),
                               "cancel");
    QCOMPARE(cancelling.deploymentStateName, u"in_progress_cancel"_s);
    QCOMPARE(waitForState(db, doomed.number, u"complete_cancel"_s, 60000).deploymentStateName, u"complete_cancel"_s);
    QVERIFY(!scalar(*m_admin, u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`c`"_s));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(*m_admin, u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s
                                                   + main + u"' AND TABLE_NAME LIKE '\\_bd\\_%'"_s),
                              u"0"_s, 10000);
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '"_s + main + u'\''),
             u"0"_s);
    // Deploying a closed request is refused.
    ok(await<Core::DeployRequest>([&](auto cb) { drs.close(org, db, doomed.number, this, cb); }), "close");
    auto refused = await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, doomed.number, false, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);

    // Instant DDL: changed in place, complete at once, nothing to revert.
    ok(await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions{u"quick"_s, u"main"_s, {}, {}, {}, {}}, this, cb);
    }), "quick branch");
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"quick"_s) + u"`.t ADD COLUMN d INT NULL"_s));
    const auto quick = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions{u"quick"_s, u"main"_s, {}, true, false}, this, cb);
    }), "quick dr");
    QVERIFY(quick.deployment && quick.deployment->instantDdlEligible);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, quick.number, true, this, cb); }), "instant deploy");
    const auto instant = waitForState(db, quick.number, u"complete"_s, 60000);
    QCOMPARE(instant.deploymentStateName, u"complete"_s);
    QVERIFY(instant.deployment && instant.deployment->instantDdl);
    QVERIFY(scalar(*m_admin, u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`d`"_s));
    QCOMPARE(scalar(*m_admin, u"SELECT COUNT(*) FROM `"_s + main + u"`.t"_s), u"3000"_s);
}

void TstLocalSandbox::restartKeepsEverything()
{
    const QString tokenId = m_sandbox->serviceTokenId();
    const QString token = m_sandbox->serviceToken();
    m_sandbox.reset();
    m_sandbox = std::make_unique<Local::Sandbox>();
    auto started = m_sandbox->start(m_options);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    QCOMPARE(m_sandbox->serviceTokenId(), tokenId);
    QCOMPARE(m_sandbox->serviceToken(), token);
    m_client->setBaseUrl(m_sandbox->apiUrl());
    Api::DeployRequestsResource drs(m_client.get());
    const auto list = ok(await<QList<Core::DeployRequest>>([&](auto cb) {
        drs.list(org, m_prefix + u"-shop"_s, Api::DeployRequestFilter{}, this, cb);
    }), "list after restart");
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1).number, 1); // newest first
    QCOMPARE(list.at(1).state, u"closed"_s);
    QCOMPARE(list.at(1).deploymentStateName, u"complete_revert"_s);
    const auto deployed = ok(await<QList<Core::DeployRequest>>([&](auto cb) {
        drs.list(org, m_prefix + u"-shop"_s, Api::DeployRequestFilter{u"deployed"_s, {}, {}}, this, cb);
    }), "deployed filter");
    QCOMPARE(deployed.size(), 2);
    Api::BranchesResource branches(m_client.get());
    const auto prod = ok(await<QList<Core::Branch>>([&](auto cb) {
        branches.list(org, m_prefix + u"-shop"_s, Api::BranchFilter{{}, true, {}, {}}, this, cb);
    }), "production branches");
    QCOMPARE(prod.size(), 1);
    QVERIFY(prod.constFirst().safeMigrations);
}

void TstLocalSandbox::responsesMatchOpenApi()
{
    const QString yaml = QString::fromUtf8(qgetenv("BRANCHDECK_SOURCE_DIR")).isEmpty()
                             ? u"/work/shared/reference/planetscale-openapi.yaml"_s
                             : u"/work/shared/reference/planetscale-openapi.yaml"_s;
    QVERIFY2(QFile::exists(yaml), "the OpenAPI document is missing");
    QProcess check;
    check.setProcessChannelMode(QProcess::MergedChannels);
    check.start(u"python3"_s, {QStringLiteral(BRANCHDECK_OPENAPI_CHECK), yaml, m_record});
    QVERIFY(check.waitForFinished(120000));
    const QString output = QString::fromUtf8(check.readAll());
    qInfo().noquote() << output.trimmed();
    QVERIFY2(check.exitCode() == 0, qPrintable(output));
    QVERIFY(output.contains(u"operations"_s));

    // The checker itself can fail: a deploy request without its required `number` is caught.
    QFile record(m_record);
    QVERIFY(record.open(QIODevice::ReadOnly));
    QByteArray broken;
    for (const QByteArray &line : record.readAll().split('\n')) {
        QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(u"route"_s).toString().endsWith(u"/deploy-requests/{number}"_s) && broken.isEmpty()) {
            QJsonObject body = object.value(u"body"_s).toObject();
            body.remove(u"number"_s);
            object.insert(u"body"_s, body);
            broken = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
        }
    }
    QVERIFY(!broken.isEmpty());
    const QString brokenPath = m_dir.filePath(u"broken.jsonl"_s);
    QFile out(brokenPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(broken);
    out.close();
    QProcess negative;
    negative.setProcessChannelMode(QProcess::MergedChannels);
    negative.start(u"python3"_s, {QStringLiteral(BRANCHDECK_OPENAPI_CHECK), yaml, brokenPath});
    QVERIFY(negative.waitForFinished(120000));
    QCOMPARE(negative.exitCode(), 1);
    QVERIFY(QString::fromUtf8(negative.readAll()).contains(u"required field 'number' is missing"_s));
}

QTEST_GUILESS_MAIN(TstLocalSandbox)
#include "tst_local_sandbox.moc"

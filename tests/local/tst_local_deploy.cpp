// Deploy requests end to end: branch, password, pool over verified TLS, DDL on the branch, deploy request and
// diff, deploy while production takes writes, progress to 100 %, revert without losing rows, queue, gated cutover,
// cancel, instant DDL, restart in the middle of a copy; every answer checked against the OpenAPI document.

#include "api/branchesresource.h"
#include "api/databasesresource.h"
#include "api/deployrequestsresource.h"
#include "api/organizationsresource.h"
#include "api/passwordsresource.h"
#include "local/naming.h"
#include "sandboxfixture.h"
#include "sql/connectionpool.h"
#include "sql/lease.h"
#include "sql/mysqllibrary.h"
#include "testdboptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;

class TstLocalDeploy : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(startSandbox()); }
    void cleanupTestCase() { stopSandbox(); }
    void branchDeployAndRevert();
    void gatedCutoverAndCancel();
    void deployHistorySurvivesRestart();
    void restartDuringDeployResumes();
    void deployWaitsForTheServersCopier();
    void copyTriggersOutliveTheWorkersAccount();
    void instantDeployResumesAfterALockWait();
    void revertWindowEnds();

    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    QString copyScenario(
        const QString &db, const QString &table, int rows, const QString &branch, const QString &newColumn);
    Core::DeployRequest requestFrom(const QString &db, const QString &branch);
};

// The copy tests' set-up: main's `table` (id, a) with `rows` rows and a branch that adds `newColumn` to it (a
// copy, not instant DDL, when it is NOT NULL with a default). Returns main's schema.
QString TstLocalDeploy::copyScenario(
    const QString &db, const QString &table, int rows, const QString &branch, const QString &newColumn)
{
    createDatabase(db);
    const QString main = branchSchema(db, u"main"_s);
    const QString live = u'`' + main + u"`."_s + table;
    if (!admin(u"CREATE TABLE "_s + live + u" (id INT AUTO_INCREMENT PRIMARY KEY, a INT)"_s)
        || !admin(
            u"INSERT INTO "_s + live + u" (a) SELECT seq FROM `"_s + main + u"`.seq_1_to_"_s + QString::number(rows)))
        qFatal("copy scenario: %s", qPrintable(m_admin->lastErrorMessage()));
    createBranch(db, branch);
    if (!admin(u"ALTER TABLE `"_s + branchSchema(db, branch) + u"`."_s + table + u" ADD COLUMN "_s + newColumn))
        qFatal("copy scenario: %s", qPrintable(m_admin->lastErrorMessage()));
    return main;
}

// A deploy request from `branch` into main, not deployed yet.
Core::DeployRequest TstLocalDeploy::requestFrom(const QString &db, const QString &branch)
{
    Api::DeployRequestsResource drs(m_client.get());
    return ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { branch, u"main"_s, {}, true, false }, this, cb);
    }),
        "dr");
}

void TstLocalDeploy::branchDeployAndRevert()
{
    const QString db = m_prefix + u"-shop"_s;
    createDatabase(db);
    const QString main = branchSchema(db, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main
        + u"`.items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"_s
          u" name VARCHAR(64) NOT NULL, note VARCHAR(64) NULL)"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main
        + u"`.items (name, note) SELECT CONCAT('n', seq), CONCAT('note', seq)"_s
          u" FROM `"_s
        + main + u"`.seq_1_to_20000"_s));
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.legacy (id INT PRIMARY KEY, v VARCHAR(10))"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.legacy VALUES (1, 'a'), (2, 'b'), (3, 'c')"_s));
    const QString originalItems = withoutAutoIncrement(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.items"_s));
    QVERIFY(originalItems.contains(u"`note`"_s));

    // A branch copies the schema, not the data.
    Api::BranchesResource branches(m_client.get());
    const auto dev = createBranch(db, u"dev"_s);
    QCOMPARE(dev.parentBranch, u"main"_s);
    QVERIFY(!dev.production);
    const QString devSchema = branchSchema(db, u"dev"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + devSchema + u"`.items"_s), u"0"_s);
    QCOMPARE(withoutAutoIncrement(scalar(u"SHOW CREATE TABLE `"_s + devSchema + u"`.items"_s)), originalItems);
    const auto schema = ok(
        await<QList<Core::TableDdl>>([&](auto cb) { branches.schema(org, db, u"dev"_s, {}, this, cb); }), "schema");
    QCOMPARE(schema.size(), 2);

    // A password is a real account; connect through the pool with verified TLS and change the branch.
    Api::PasswordsResource passwords(m_client.get());
    const auto devPassword = ok(await<Core::Password>([&](auto cb) {
        passwords.create(
            org, db, u"dev"_s, Api::CreatePasswordOptions { u"dev-admin"_s, u"admin"_s, {}, false }, this, cb);
    }),
        "create password");
    QVERIFY(!devPassword.plainText.isEmpty());
    QCOMPARE(devPassword.accessHostUrl, m_db.host + u':' + QString::number(m_db.port));
    const auto listed = ok(
        await<QList<Core::Password>>([&](auto cb) { passwords.list(org, db, u"dev"_s, this, cb); }), "list passwords");
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
        Sql::Lease lease = pool.lease();
        const auto run = pool.runScript(lease,
            u"ALTER TABLE items ADD COLUMN score INT NOT NULL DEFAULT 0, DROP COLUMN note, ADD INDEX idx_name (name);"
            u" DROP TABLE legacy; CREATE TABLE nokey (v INT)"_s);
        QSignalSpy finished(run.get(), &Sql::Run::finished);
        QSignalSpy failed(run.get(), &Sql::Run::statementFailed);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        QVERIFY2(failed.isEmpty(),
            failed.isEmpty() ? "" : qPrintable(failed.first().first().value<Sql::StatementError>().message));
        QCOMPARE(finished.first().first().value<Sql::JobSummary>().requestId, run->id());
        QCOMPARE(finished.first().first().value<Sql::JobSummary>().status, Sql::JobStatus::Completed);
        QVERIFY(!opened.isEmpty());
        QVERIFY(!opened.first().first().value<Sql::ConnectionInfo>().tlsVersion.isEmpty());
    }

    // Lint finds the table without a key; then it goes, so the deploy has only items and legacy.
    const auto lint
        = ok(await<QList<Core::LintError>>([&](auto cb) { branches.lint(org, db, u"dev"_s, this, cb); }), "lint");
    QCOMPARE(lint.size(), 1);
    QCOMPARE(lint.constFirst().lintError, u"NO_UNIQUE_KEY"_s);
    QCOMPARE(lint.constFirst().tableName, u"nokey"_s);
    QVERIFY(admin(u"DROP TABLE `"_s + devSchema + u"`.nokey"_s));

    const auto branchDiff
        = ok(await<QList<Core::TableDdl>>([&](auto cb) { branches.diff(org, db, u"dev"_s, this, cb); }), "branch diff");
    QCOMPARE(branchDiff.size(), 2);

    // A second branch with its own change, to be queued behind the first deploy.
    createBranch(db, u"dev2"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + branchSchema(db, u"dev2"_s) + u"`.extra (id INT PRIMARY KEY)"_s));

    // Production with safe migrations: the password's DDL is refused by the server itself.
    const auto safe
        = ok(await<Core::Branch>([&](auto cb) { branches.setSafeMigrations(org, db, u"main"_s, true, this, cb); }),
            "safe migrations");
    QVERIFY(safe.safeMigrations);
    const auto prodPassword = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, u"main"_s, Api::CreatePasswordOptions { u"prod"_s, u"admin"_s, {}, false }, this, cb);
    }),
        "prod password");
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
        drs.create(
            org, db, Api::CreateDeployRequestOptions { u"dev"_s, u"main"_s, u"add score"_s, true, false }, this, cb);
    }),
        "create dr");
    QCOMPARE(dr.deploymentStateName, u"ready"_s);
    const auto drDiff
        = ok(await<QList<Core::TableDdl>>([&](auto cb) { drs.diff(org, db, dr.number, this, cb); }), "dr diff");
    QCOMPARE(drDiff.size(), 2);
    QVERIFY(drDiff.at(0).raw.contains(u"ADD COLUMN `score`"_s));
    QVERIFY(drDiff.at(0).raw.contains(u"DROP COLUMN `note`"_s));
    QVERIFY(drDiff.at(1).raw.contains(u"DROP TABLE `legacy`"_s));
    const auto dr2 = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"dev2"_s, u"main"_s, {}, true, false }, this, cb);
    }),
        "create dr2");
    const auto review = ok(
        await<Core::Review>([&](auto cb) { drs.createReview(org, db, dr.number, u"approved"_s, u"lgtm"_s, this, cb); }),
        "review");
    QCOMPARE(review.body, u"lgtm"_s);

    // Another connection keeps inserting into production during and after the deploy, and through the revert.
    std::atomic<bool> stop { false };
    std::atomic<int> phase { 0 }; // 0 before/during deploy, 1 after deploy, 2 during revert
    std::atomic<int> inserted[3] = { 0, 0, 0 };
    std::atomic<int> failures { 0 };
    QString firstFailure;
    std::thread inserter([&] {
        Sql::MysqlLibrary::threadStarted();
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
        c = Core::Error {};
        Sql::MysqlLibrary::threadFinished();
    });
    auto joinInserter = qScopeGuard([&] {
        stop = true;
        if (inserter.joinable())
            inserter.join();
    });

    const auto deploying
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); }), "deploy");
    QCOMPARE(deploying.deploymentStateName, u"queued"_s);
    const auto queued = ok(
        await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr2.number, false, this, cb); }), "deploy dr2");
    QCOMPARE(queued.deploymentStateName, u"queued"_s);

    double sawProgress = -1;
    const auto deployed = waitForState(db, dr.number, u"complete_pending_revert"_s, 120000, &sawProgress);
    QCOMPARE(deployed.deploymentStateName, u"complete_pending_revert"_s);
    QVERIFY2(sawProgress > 0 && sawProgress < 100, "no intermediate progress was seen during the copy");
    const auto ops
        = ok(await<QList<Core::DeployOperation>>([&](auto cb) { drs.operations(org, db, dr.number, this, cb); }),
            "operations");
    QCOMPARE(ops.size(), 2);
    for (const Core::DeployOperation &op : ops) {
        QCOMPARE(op.state, u"complete"_s);
        QVERIFY(op.progressPercentage && qFuzzyCompare(*op.progressPercentage, 100.0));
    }
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.items"_s).contains(u"`score`"_s));
    QVERIFY(scalar(u"SHOW TABLES FROM `"_s + main + u"` LIKE 'legacy'"_s).isNull());
    QVERIFY(inserted[0] > 0);

    // The queue: the second request waits while the first is inside its revert window.
    phase = 1;
    spin(600);
    const auto stillQueued
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.get(org, db, dr2.number, this, cb); }), "dr2");
    QCOMPARE(stillQueued.deploymentStateName, u"queued"_s);
    QVERIFY(stillQueued.deployment && !stillQueued.deployment->precedingDeployments.isEmpty());
    QVERIFY(inserted[1] > 0);

    phase = 2;
    const auto reverting
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.revert(org, db, dr.number, this, cb); }), "revert");
    QCOMPARE(reverting.deploymentStateName, u"in_progress_revert"_s);
    const auto reverted = waitForState(db, dr.number, u"complete_revert"_s, 120000);
    QCOMPARE(reverted.deploymentStateName, u"complete_revert"_s);
    stop = true;
    inserter.join();
    QVERIFY2(failures == 0, qPrintable(firstFailure));

    // Production has its old schema, its dropped table with its rows, the dropped column's values, and every
    // row inserted during and after the deploy.
    QCOMPARE(withoutAutoIncrement(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.items"_s)), originalItems);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.legacy"_s), u"3"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.items WHERE name LIKE 'live%'"_s),
        QString::number(inserted[0] + inserted[1] + inserted[2]));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.items WHERE note = CONCAT('note', SUBSTRING(name, 2))"_s),
        u"20000"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s + main
                 + u"' AND TABLE_NAME LIKE '\\_bd\\_%'"_s),
        u"0"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = '"_s + main + u'\''),
        u"0"_s);

    // Now the queued request runs; skip-revert makes it final.
    const auto second = waitForState(db, dr2.number, u"complete_pending_revert"_s, 60000);
    QCOMPARE(second.deploymentStateName, u"complete_pending_revert"_s);
    QVERIFY(!scalar(u"SHOW TABLES FROM `"_s + main + u"` LIKE 'extra'"_s).isNull());
    const auto skipped = ok(
        await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, db, dr2.number, this, cb); }), "skip revert");
    QCOMPARE(skipped.deploymentStateName, u"complete"_s);
    auto revertLate = await<Core::DeployRequest>([&](auto cb) { drs.revert(org, db, dr2.number, this, cb); });
    QVERIFY(revertLate && !revertLate->ok());
    QCOMPARE(revertLate->error().httpStatus, 422);

    const auto reviews
        = ok(await<QList<Core::Review>>([&](auto cb) { drs.reviews(org, db, dr.number, this, cb); }), "reviews");
    QCOMPARE(reviews.size(), 1);
    const auto deployment
        = ok(await<Core::Deployment>([&](auto cb) { drs.deployment(org, db, dr.number, this, cb); }), "deployment");
    QCOMPARE(deployment.stateName, u"complete_revert"_s);
    const auto closed
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.close(org, db, dr.number, this, cb); }), "close");
    QCOMPARE(closed.state, u"closed"_s);
}

void TstLocalDeploy::gatedCutoverAndCancel()
{
    const QString db = m_prefix + u"-gate"_s;
    createDatabase(db);
    const QString main = branchSchema(db, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.t (id INT AUTO_INCREMENT PRIMARY KEY, a INT)"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.t (a) SELECT seq FROM `"_s + main + u"`.seq_1_to_3000"_s));
    Api::BranchesResource branches(m_client.get());
    Api::DeployRequestsResource drs(m_client.get());
    for (const QString &name : { u"gated"_s, u"doomed"_s })
        createBranch(db, name);
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"gated"_s) + u"`.t ADD COLUMN b INT NOT NULL DEFAULT 5"_s));
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"doomed"_s) + u"`.t ADD COLUMN c INT"_s));

    // Gated: the copy finishes, the cutover waits for apply-deploy while production keeps its schema and writes.
    const auto gated = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"gated"_s, u"main"_s, {}, false, false }, this, cb);
    }),
        "gated dr");
    QVERIFY(gated.deployment && !gated.deployment->autoCutover);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, gated.number, false, this, cb); }), "deploy");
    QCOMPARE(waitForState(db, gated.number, u"pending_cutover"_s, 60000).deploymentStateName, u"pending_cutover"_s);
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`b`"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.t (a) VALUES (-1)"_s));
    QVERIFY(admin(u"UPDATE `"_s + main + u"`.t SET a = -2 WHERE id = 1"_s));
    QVERIFY(admin(u"DELETE FROM `"_s + main + u"`.t WHERE id = 2"_s));
    const auto applying
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.applyDeploy(org, db, gated.number, this, cb); }), "apply");
    QCOMPARE(applying.deploymentStateName, u"in_progress_cutover"_s);
    QCOMPARE(waitForState(db, gated.number, u"complete_pending_revert"_s, 60000).deploymentStateName,
        u"complete_pending_revert"_s);
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`b`"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.t"_s), u"3000"_s);
    QCOMPARE(scalar(u"SELECT a FROM `"_s + main + u"`.t WHERE id = 1"_s), u"-2"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.t WHERE a = -1 AND b = 5"_s), u"1"_s);
    const auto skipped
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, db, gated.number, this, cb); }), "skip");
    QCOMPARE(skipped.deploymentStateName, u"complete"_s);

    // Cancel while waiting for the cutover: production untouched, no shadow or trigger left.
    const auto doomed = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"doomed"_s, u"main"_s, {}, false, false }, this, cb);
    }),
        "doomed dr");
    // Its diff was taken against main before `b` arrived; the deploy recomputes it.
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, doomed.number, false, this, cb); }),
        "deploy doomed");
    QCOMPARE(waitForState(db, doomed.number, u"pending_cutover"_s, 60000).deploymentStateName, u"pending_cutover"_s);
    const auto cancelling
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.cancel(org, db, doomed.number, this, cb); }), "cancel");
    QCOMPARE(cancelling.deploymentStateName, u"in_progress_cancel"_s);
    QCOMPARE(waitForState(db, doomed.number, u"complete_cancel"_s, 60000).deploymentStateName, u"complete_cancel"_s);
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`c`"_s));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s + main
                                  + u"' AND TABLE_NAME LIKE '\\_bd\\_%'"_s),
        u"0"_s, 10000);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = '"_s + main + u'\''),
        u"0"_s);
    // Deploying a closed request is refused.
    ok(await<Core::DeployRequest>([&](auto cb) { drs.close(org, db, doomed.number, this, cb); }), "close");
    auto refused = await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, doomed.number, false, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);

    // Instant DDL: changed in place, complete at once, nothing to revert.
    createBranch(db, u"quick"_s);
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"quick"_s) + u"`.t ADD COLUMN d INT NULL"_s));
    const auto quick = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"quick"_s, u"main"_s, {}, true, true }, this, cb);
    }),
        "quick dr");
    QVERIFY(quick.deployment && quick.deployment->instantDdlEligible);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, quick.number, true, this, cb); }),
        "instant deploy");
    const auto instant = waitForState(db, quick.number, u"complete"_s, 60000);
    QCOMPARE(instant.deploymentStateName, u"complete"_s);
    QVERIFY(instant.deployment && instant.deployment->instantDdl);
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`d`"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.t"_s), u"3000"_s);
    // auto_delete_branch: the head branch is gone with its schema.
    QVERIFY(instant.branchDeleted);
    auto headGone = await<Core::Branch>([&](auto cb) { branches.get(org, db, u"quick"_s, this, cb); });
    QVERIFY(headGone && !headGone->ok());
    QCOMPARE(headGone->error().httpStatus, 404);
    QVERIFY(scalar(u"SHOW DATABASES LIKE '"_s + branchSchema(db, u"quick"_s) + u'\'').isNull());
}

void TstLocalDeploy::deployHistorySurvivesRestart()
{
    const QString tokenId = m_sandbox->serviceTokenId();
    const QString token = m_sandbox->serviceToken();
    QVERIFY(restartSandbox());
    QCOMPARE(m_sandbox->serviceTokenId(), tokenId);
    QCOMPARE(m_sandbox->serviceToken(), token);
    Api::DeployRequestsResource drs(m_client.get());
    const auto list = ok(await<QList<Core::DeployRequest>>([&](auto cb) {
        drs.list(org, m_prefix + u"-shop"_s, Api::DeployRequestFilter {}, this, cb);
    }),
        "list after restart");
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1).number, 1); // newest first
    QCOMPARE(list.at(1).state, u"closed"_s);
    QCOMPARE(list.at(1).deploymentStateName, u"complete_revert"_s);
    const auto deployed = ok(await<QList<Core::DeployRequest>>([&](auto cb) {
        drs.list(org, m_prefix + u"-shop"_s, Api::DeployRequestFilter { u"deployed"_s, {}, {} }, this, cb);
    }),
        "deployed filter");
    QCOMPARE(deployed.size(), 2);
    Api::BranchesResource branches(m_client.get());
    const auto prod = ok(await<QList<Core::Branch>>([&](auto cb) {
        branches.list(org, m_prefix + u"-shop"_s, Api::BranchFilter { {}, true, {}, {} }, this, cb);
    }),
        "production branches");
    QCOMPARE(prod.size(), 1);
    QVERIFY(prod.constFirst().safeMigrations);
}

void TstLocalDeploy::restartDuringDeployResumes()
{
    const QString db = m_prefix + u"-resume"_s;
    const QString main = copyScenario(db, u"big"_s, 30000, u"wide"_s, u"w INT NOT NULL DEFAULT 9"_s);
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = requestFrom(db, u"wide"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); }), "deploy");
    QCOMPARE(waitForState(db, dr.number, u"in_progress"_s, 30000).deploymentStateName, u"in_progress"_s);

    // Stop in the middle of the copy; the next start cleans up and runs the deployment again. (When another
    // test process shares the server, its worker may hold the deploy lock instead; the outcome is the same.)
    QVERIFY(restartSandbox());
    QCOMPARE(waitForState(db, dr.number, u"complete_pending_revert"_s, 120000).deploymentStateName,
        u"complete_pending_revert"_s);
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.big"_s).contains(u"`w`"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.big WHERE w = 9"_s), u"30000"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = '"_s + main + u'\''),
        u"0"_s);
}

void TstLocalDeploy::deployWaitsForTheServersCopier()
{
    const QString db = m_prefix + u"-copier"_s;
    const QString main = copyScenario(db, u"c"_s, 5000, u"more"_s, u"m INT NOT NULL DEFAULT 3"_s);

    // Another session takes the server's copier: this sandbox's worker lets it go when it stops, and the
    // session waits for any other sandbox sharing the server to let it go too.
    m_sandbox.reset();
    QCOMPARE(scalar(u"SELECT GET_LOCK('branchdeck_sandbox.deployer', 240)"_s), u"1"_s);
    QVERIFY(restartSandbox());
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = requestFrom(db, u"more"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); }), "deploy");

    // While the copier is busy the deployment waits, queued, and says why; the application keeps writing.
    for (int round = 0; round < 5; ++round) {
        spin(600); // the worker tries the lock once a second
        QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.c (a) VALUES ("_s + QString::number(round) + u')'));
        const auto waiting = ok(await<Core::DeployRequest>([&](auto cb) { drs.get(org, db, dr.number, this, cb); }),
            "dr while the copier is busy");
        QCOMPARE(waiting.deploymentStateName, u"queued"_s);
        QVERIFY(waiting.deployment.has_value());
        QVERIFY(waiting.deployment->queuePaused);
        QVERIFY2(waiting.deployment->queuePauseReason.contains(u"copier"_s),
            qPrintable(waiting.deployment->queuePauseReason));
    }
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + main + u"`.c"_s).contains(u"`m`"_s));

    // Released, it proceeds: deployed, every row there (5000 + the 5 written meanwhile), nothing left over.
    QCOMPARE(scalar(u"SELECT RELEASE_LOCK('branchdeck_sandbox.deployer')"_s), u"1"_s);
    const auto done = waitForState(db, dr.number, u"complete_pending_revert"_s, 120000);
    QVERIFY2(done.deploymentStateName == u"complete_pending_revert"_s, qPrintable(done.deploymentStateName));
    QVERIFY(done.deployment.has_value());
    QVERIFY(!done.deployment->queuePaused);
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.c"_s).contains(u"`m`"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.c WHERE m = 3"_s), u"5005"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = '"_s + main + u'\''),
        u"0"_s);
}

void TstLocalDeploy::copyTriggersOutliveTheWorkersAccount()
{
    // This process's worker copies, so the account dropped below is the one that installed the copy triggers
    // (with another sandbox sharing the server, its worker might have run the deployment instead).
    QVERIFY(holdTheCopier());
    const QString db = m_prefix + u"-definer"_s;
    const QString main = copyScenario(db, u"d"_s, 20000, u"wider"_s, u"w INT NOT NULL DEFAULT 4"_s);
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = requestFrom(db, u"wider"_s);
    // The copy waits after its triggers are installed, then goes on slowly until the writes below are done.
    qputenv("BRANCHDECK_FAILPOINT", "copy_triggers_installed=sleep:1500,copy_chunk_committed=sleep:200");
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); }), "deploy");
    const QString triggers = u"FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = '"_s + main
        + u"' AND EVENT_OBJECT_TABLE = 'd'"_s;
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) "_s + triggers), u"3"_s, 60000);

    // The worker's account goes mid-copy (its sandbox removed, its operator dropping it): the application's
    // writes on the live table go on, through the triggers (before: 1449, the definer does not exist).
    const QString worker = u"'"_s + m_options.admin.user + u"'@'%'"_s;
    QVERIFY(admin(u"DROP USER "_s + worker));
    auto again = qScopeGuard([&] {
        qunsetenv("BRANCHDECK_FAILPOINT");
        if (scalar(u"SELECT COUNT(*) FROM mysql.user WHERE User = '"_s + m_options.admin.user + u'\'') == u"0"_s)
            (void)createSandboxAccount();
    });
    for (int i = 1; i <= 20; ++i) {
        auto written = m_admin->execute(
            (u"INSERT INTO `"_s + main + u"`.d (a) VALUES ("_s + QString::number(-i) + u')').toUtf8());
        QVERIFY2(written, written ? "" : qPrintable(written.error().toString()));
    }
    QVERIFY(admin(u"UPDATE `"_s + main + u"`.d SET a = 0 WHERE id = 7"_s));
    QVERIFY(admin(u"DELETE FROM `"_s + main + u"`.d WHERE id = 8"_s));
    qunsetenv("BRANCHDECK_FAILPOINT");
    // The triggers run as the server-wide definer account, not as the worker's.
    QCOMPARE(scalar(u"SELECT GROUP_CONCAT(DISTINCT DEFINER) "_s + triggers), u"branchdeck_definer@localhost"_s);

    // The worker's open session goes on without its account: deployed with every row, nothing left over.
    const auto done = waitForState(db, dr.number, u"complete_pending_revert"_s, 120000);
    QVERIFY2(done.deploymentStateName == u"complete_pending_revert"_s, qPrintable(done.deploymentStateName));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.d WHERE w = 4"_s), u"20019"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.d WHERE a < 0"_s), u"20"_s);
    QCOMPARE(scalar(u"SELECT a FROM `"_s + main + u"`.d WHERE id = 7"_s), u"0"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) "_s + triggers), u"0"_s);
    QVERIFY(createSandboxAccount());
    stopAskingForTheCopier();

    // The definer account is locked and never logs in: over TCP, with no password or any other.
    QCOMPARE(scalar(u"SELECT IFNULL(JSON_VALUE(Priv, '$.account_locked'), '') IN ('1', 'true') FROM "
                    u"mysql.global_priv WHERE User = 'branchdeck_definer' AND Host = 'localhost'"_s),
        u"1"_s);
    for (const QString &password : { QString(), u"branchdeck"_s, Local::Naming::randomSecret(12) }) {
        Sql::ConnectionOptions o = passwordConnection(Core::Password {});
        o.user = u"branchdeck_definer"_s;
        o.password = password;
        auto login = Sql::Connection::open(o);
        QVERIFY2(!login, "the copy triggers' definer logged in");
        QCOMPARE(login.error().code, u"auth_failed"_s);
    }
}

void TstLocalDeploy::instantDeployResumesAfterALockWait()
{
    // This process's worker runs it, with a short budget for a metadata lock wait (it ends the round; the next
    // round resumes the deployment).
    m_options.deploy.ddlBudgetMs = 500;
    QVERIFY(restartSandbox());
    QVERIFY(holdTheCopier());
    const QString db = m_prefix + u"-instant"_s;
    createDatabase(db);
    const QString main = branchSchema(db, u"main"_s);
    for (const QString &table : { u"a"_s, u"b"_s }) {
        QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`."_s + table + u" (id INT PRIMARY KEY, v INT)"_s));
        QVERIFY(admin(u"INSERT INTO `"_s + main + u"`."_s + table + u" VALUES (1, 1), (2, 2)"_s));
    }
    createBranch(db, u"cols"_s);
    const QString cols = branchSchema(db, u"cols"_s);
    QVERIFY(admin(u"ALTER TABLE `"_s + cols + u"`.a ADD COLUMN x INT NULL"_s));
    QVERIFY(admin(u"ALTER TABLE `"_s + cols + u"`.b ADD COLUMN y INT NULL"_s));
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"cols"_s, u"main"_s, {}, true, false }, this, cb);
    }),
        "dr");

    // An application transaction keeps table b in use: a's ALTER runs, b's waits for its metadata lock.
    auto holder = Sql::Connection::open(testDbOptions(m_db, false));
    QVERIFY(holder);
    QVERIFY((*holder)->execute("START TRANSACTION"));
    QVERIFY((*holder)->query((u"SELECT * FROM `"_s + main + u"`.b"_s).toUtf8()));
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, true, this, cb); }), "deploy");
    QTRY_VERIFY_WITH_TIMEOUT(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.a"_s).contains(u"`x`"_s), 60000);
    // Rounds go by (a round ends when the lock wait's budget is spent; the next resumes the deployment).
    spin(3000);
    const auto waiting = ok(await<Core::DeployRequest>([&](auto cb) { drs.get(org, db, dr.number, this, cb); }), "dr");
    QCOMPARE(waiting.deploymentStateName, u"in_progress"_s);
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + main + u"`.b"_s).contains(u"`y`"_s));

    // What a crash right after a's ALTER leaves (the DDL commits by itself, before anything is written down):
    // a's operation not complete and nothing journaled for it. Before, the resumed deployment ran a's ALTER
    // again ("Duplicate column name 'x'") and ended in complete_error.
    const QString requestId
        = scalar(u"SELECT id FROM branchdeck_sandbox.deploy_requests WHERE database_name = '"_s + db + u'\'');
    const QString opA = scalar(u"SELECT id FROM branchdeck_sandbox.deploy_operations WHERE deploy_request_id = '"_s
        + requestId + u"' AND table_name = 'a'"_s);
    QVERIFY(!opA.isEmpty());
    QVERIFY(admin(u"DELETE FROM branchdeck_sandbox.deploy_journal WHERE operation_id = '"_s + opA + u'\''));
    QVERIFY(admin(u"UPDATE branchdeck_sandbox.deploy_operations SET state = 'pending' WHERE id = '"_s + opA + u'\''));

    // Let go: the resumed deployment skips a (already applied) and completes with b.
    QVERIFY((*holder)->execute("COMMIT"));
    const auto done = waitForState(db, dr.number, u"complete"_s, 60000);
    QCOMPARE(done.deploymentStateName, u"complete"_s);
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.b"_s).contains(u"`y`"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"_s + main
                 + u"' AND TABLE_NAME = 'a'"_s),
        u"3"_s);
    stopAskingForTheCopier();
    m_options.deploy.ddlBudgetMs = Local::DeploySettings().ddlBudgetMs;
    QVERIFY(restartSandbox());
}

void TstLocalDeploy::revertWindowEnds()
{
    m_options.deploy.revertWindowSeconds = 2; // what --revert-window 2 sets
    QVERIFY(restartSandbox());
    const QString db = m_prefix + u"-window"_s;
    createDatabase(db);
    const QString main = branchSchema(db, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.w (id INT PRIMARY KEY, gone INT)"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.w VALUES (1, 1)"_s));
    createBranch(db, u"slim"_s);
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"slim"_s) + u"`.w DROP COLUMN gone"_s));
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"slim"_s, u"main"_s, {}, true, false }, this, cb);
    }),
        "dr");
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); }), "deploy");
    QCOMPARE(waitForState(db, dr.number, u"complete_pending_revert"_s, 60000).deploymentStateName,
        u"complete_pending_revert"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s + main
                 + u"' AND TABLE_NAME LIKE '\\_bd\\_%'"_s),
        u"1"_s); // the archive that makes a revert possible
    // The window ends by itself: the deploy becomes final, the archive goes, revert is refused.
    QCOMPARE(waitForState(db, dr.number, u"complete"_s, 15000).deploymentStateName, u"complete"_s);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s + main
                                  + u"' AND TABLE_NAME LIKE '\\_bd\\_%'"_s),
        u"0"_s, 10000);
    auto late = await<Core::DeployRequest>([&](auto cb) { drs.revert(org, db, dr.number, this, cb); });
    QVERIFY(late && !late->ok());
    QCOMPARE(late->error().httpStatus, 422);

    // Deleting the database leaves none of its deploy records behind, the journal included.
    const QString meta = u"branchdeck_sandbox."_s;
    const QString requestId = scalar(u"SELECT id FROM "_s + meta + u"deploy_requests WHERE database_name = '"_s + db
        + u"' AND number = "_s + QString::number(dr.number));
    QVERIFY(!requestId.isEmpty());
    const QString records = u"SELECT (SELECT COUNT(*) FROM "_s + meta + u"deploy_requests WHERE database_name = '"_s
        + db + u"') + (SELECT COUNT(*) FROM "_s + meta + u"deploy_operations WHERE deploy_request_id = '"_s + requestId
        + u"') + (SELECT COUNT(*) FROM "_s + meta + u"deploy_journal WHERE deploy_request_id = '"_s + requestId
        + u"')"_s;
    QVERIFY(
        scalar(u"SELECT COUNT(*) FROM "_s + meta + u"deploy_journal WHERE deploy_request_id = '"_s + requestId + u'\'')
            .toInt()
        > 0);
    QVERIFY(scalar(records).toInt() > 0);
    auto removed = await<QJsonValue>([&](auto cb) {
        m_client->send(Api::ApiRequest::del({ u"organizations"_s, org, u"databases"_s, db }), this, cb);
    });
    QVERIFY(removed && removed->ok());
    QCOMPARE(scalar(records), u"0"_s);
}

QTEST_GUILESS_MAIN(TstLocalDeploy)
#include "tst_local_deploy.moc"

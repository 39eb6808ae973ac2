// The deploy queue and a deploy request's controls end to end (issue 18, area 3), through the real client
// over HTTP against the sandbox on the fixture's TLS MariaDB: the database's queue (what runs, what waits
// behind it), force cutover ending the transaction that holds the table (an idle session of the same
// password survives), the throttler ratio (validated, and pausing the copy: the operation says when it
// was throttled), the storage check against information_schema and the data directory's file system,
// and auto-delete of the head branch; then the window: the queue document and a deploy request's controls
// (storage check, throttler, auto-delete, queue position, force cutover). Every answer is checked against
// the official OpenAPI document.

#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "api/passwordsresource.h"
#include "local/naming.h"
#include "sandboxfixture.h"
#include "screenshot.h"
#include "ui/deployrequests/deploycontrols.h"
#include "ui/deployrequests/deployqueueview.h"
#include "ui/deployrequests/deployrequestdetail.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStorageInfo>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TstWorkflowDeploy : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { stopSandbox(); }
    void queueShowsWhatRunsAndWhatWaits();
    void forceCutoverEndsTheBlockingTransaction();
    void storageCheckCountsTheCopies();
    void throttlerRatioIsValidatedAndPausesTheCopy();
    void autoDeleteBranchToggle();
    void windowShowsTheQueueAndTheControls();
    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    Core::DeployRequest createRequest(const QString &branch, bool autoCutover);
    void branchWith(const QString &branch, const QString &ddl);
    QString meta(const QString &column, qint64 number);

    QString m_database;
    qint64 m_first = 0; // alters items, gated cutover
    qint64 m_second = 0; // alters tags, queued behind the first
};

void TstWorkflowDeploy::initTestCase()
{
    QVERIFY(startSandbox());
    // The waits below poll every 40 ms for minutes; PlanetScale's request budget (540 a minute) would
    // hold requests back, and the local sandbox has none.
    m_client->setRequestBudget(100000, std::chrono::minutes(1));
    m_database = m_prefix + u"-queue"_s;
    createDatabase(m_database);
    const QString main = branchSchema(m_database, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main
        + u"`.items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL) ENGINE=InnoDB"_s));
    QVERIFY(admin(
        u"INSERT INTO `"_s + main + u"`.items (name) SELECT CONCAT('n', seq) FROM `"_s + main + u"`.seq_1_to_4000"_s));
    QVERIFY(
        admin(u"CREATE TABLE `"_s + main + u"`.tags (id INT NOT NULL PRIMARY KEY, tag VARCHAR(20)) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.tags VALUES (1, 'a'), (2, 'b')"_s));
}

void TstWorkflowDeploy::branchWith(const QString &branch, const QString &ddl)
{
    createBranch(m_database, branch);
    QVERIFY(admin(ddl.arg(u'`' + branchSchema(m_database, branch) + u'`')));
}

Core::DeployRequest TstWorkflowDeploy::createRequest(const QString &branch, bool autoCutover)
{
    Api::DeployRequestsResource drs(m_client.get());
    return ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(
            org, m_database, Api::CreateDeployRequestOptions { branch, u"main"_s, {}, autoCutover, false }, this, cb);
    }),
        "create deploy request");
}

QString TstWorkflowDeploy::meta(const QString &column, qint64 number)
{
    return scalar(u"SELECT COALESCE("_s + column + u", 'NULL') FROM `"_s + Local::Naming::metaSchema()
        + u"`.deploy_requests WHERE database_name = '"_s + m_database + u"' AND number = "_s + QString::number(number));
}

void TstWorkflowDeploy::queueShowsWhatRunsAndWhatWaits()
{
    Api::DeployRequestsResource drs(m_client.get());
    const auto empty
        = ok(await<QList<Core::Deployment>>([&](auto cb) { drs.queue(org, m_database, this, cb); }), "empty queue");
    QVERIFY(empty.isEmpty());

    branchWith(u"q1"_s, u"ALTER TABLE %1.items ADD COLUMN score INT NOT NULL DEFAULT 0"_s);
    branchWith(u"q2"_s, u"ALTER TABLE %1.tags ADD COLUMN weight INT NULL"_s);
    m_first = createRequest(u"q1"_s, false).number;
    m_second = createRequest(u"q2"_s, true).number;
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, m_database, m_first, false, this, cb); }), "deploy 1");
    // The first holds the queue until someone applies its cutover.
    QCOMPARE(waitForState(m_database, m_first, u"pending_cutover"_s, 60000).deploymentStateName, u"pending_cutover"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, m_database, m_second, false, this, cb); }),
        "deploy 2");

    const auto queue
        = ok(await<QList<Core::Deployment>>([&](auto cb) { drs.queue(org, m_database, this, cb); }), "queue");
    QCOMPARE(queue.size(), 2);
    QCOMPARE(queue.at(0).deployRequestNumber, m_first);
    QCOMPARE(queue.at(0).stateName, u"pending_cutover"_s);
    QVERIFY(queue.at(0).precedingDeployments.isEmpty());
    QCOMPARE(queue.at(1).deployRequestNumber, m_second);
    QCOMPARE(queue.at(1).stateName, u"queued"_s);
    QCOMPARE(queue.at(1).precedingDeployments.size(), 1);
    QCOMPARE(queue.at(1).precedingDeployments.constFirst().deployRequestNumber, m_first);
    QVERIFY(queue.at(1).queuedAt.isValid());
    QVERIFY(!queue.at(1).queuePaused);
    // Another database's queue is its own.
    const QString other = m_prefix + u"-other"_s;
    createDatabase(other);
    const auto otherQueue
        = ok(await<QList<Core::Deployment>>([&](auto cb) { drs.queue(org, other, this, cb); }), "other queue");
    QVERIFY(otherQueue.isEmpty());
    auto missing = await<QList<Core::Deployment>>([&](auto cb) { drs.queue(org, u"no-such-db"_s, this, cb); });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().httpStatus, 404);
}

void TstWorkflowDeploy::forceCutoverEndsTheBlockingTransaction()
{
    QVERIFY(m_first > 0);
    Api::DeployRequestsResource drs(m_client.get());
    Api::PasswordsResource passwords(m_client.get());
    const auto app = ok(await<Core::Password>([&](auto cb) {
        passwords.create(
            org, m_database, u"main"_s, Api::CreatePasswordOptions { u"app"_s, u"readwriter"_s, {}, false }, this, cb);
    }),
        "password");
    // An application transaction that has read the table holds its metadata lock until it ends; a second
    // session of the same password sits idle.
    auto blocker = Sql::Connection::open(passwordConnection(app, m_database, u"main"_s));
    auto idle = Sql::Connection::open(passwordConnection(app, m_database, u"main"_s));
    QVERIFY(blocker && idle);
    QVERIFY((*blocker)->execute("START TRANSACTION").ok());
    QVERIFY((*blocker)->query("SELECT COUNT(*) FROM items").ok());

    ok(await<Core::DeployRequest>([&](auto cb) { drs.applyDeploy(org, m_database, m_first, this, cb); }), "apply");
    // The swap waited for the lock, gave up for now and scheduled another try: the cutover is blocked.
    QTRY_VERIFY_WITH_TIMEOUT(meta(u"retry_at"_s, m_first) != u"NULL"_s, 30000);
    QCOMPARE(meta(u"deployment_state"_s, m_first), u"in_progress_cutover"_s);

    const auto forced = ok(
        await<Core::DeployRequest>([&](auto cb) { drs.forceCutover(org, m_database, m_first, this, cb); }), "force");
    QVERIFY(forced.deployment);
    QVERIFY(forced.deployment->forceCutoverRequestedAt.isValid());
    const auto done = waitForState(m_database, m_first, u"complete_pending_revert"_s, 60000);
    QCOMPARE(done.deploymentStateName, u"complete_pending_revert"_s);
    QVERIFY(
        scalar(u"SHOW CREATE TABLE `"_s + branchSchema(m_database, u"main"_s) + u"`.items"_s).contains(u"`score`"_s));
    // The transaction's session was ended; the idle one was left alone.
    QVERIFY(!(*blocker)->query("SELECT 1").ok());
    QVERIFY((*idle)->query("SELECT COUNT(*) FROM items").ok());

    // Nothing left to force.
    auto again = await<Core::DeployRequest>([&](auto cb) { drs.forceCutover(org, m_database, m_first, this, cb); });
    QVERIFY(again && !again->ok());
    QCOMPARE(again->error().httpStatus, 422);

    // A deployment holds the queue through its revert window; skipping it lets the second one run.
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_database, m_first, this, cb); }), "skip 1");
    QCOMPARE(waitForState(m_database, m_second, u"complete_pending_revert"_s, 60000).deploymentStateName,
        u"complete_pending_revert"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_database, m_second, this, cb); }), "skip 2");
    const auto queue
        = ok(await<QList<Core::Deployment>>([&](auto cb) { drs.queue(org, m_database, this, cb); }), "queue");
    QVERIFY(queue.isEmpty());
}

void TstWorkflowDeploy::storageCheckCountsTheCopies()
{
    branchWith(u"slow"_s, u"ALTER TABLE %1.items ADD COLUMN rank INT NULL"_s);
    const qint64 n = createRequest(u"slow"_s, true).number;
    Api::DeployRequestsResource drs(m_client.get());
    const auto check
        = ok(await<Core::StorageCheck>([&](auto cb) { drs.storageCheck(org, m_database, n, this, cb); }), "storage");
    const QString main = branchSchema(m_database, u"main"_s);
    const qint64 itemsBytes = scalar(u"SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES"
                                     u" WHERE TABLE_SCHEMA = '"_s
        + main + u"' AND TABLE_NAME = 'items'"_s)
                                  .toLongLong();
    QVERIFY(itemsBytes > 0);
    QCOMPARE(check.storageBytesNeeded, itemsBytes); // only items is copied (the change alters nothing else)
    QVERIFY(check.enoughStorage);
    QVERIFY(!check.upgradeable);
    QCOMPARE(check.shards.size(), 1);
    const Core::ShardStorage &shard = check.shards.constFirst();
    QCOMPARE(shard.keyspace, m_database);
    QCOMPARE(shard.shard, u"-"_s);
    QCOMPARE(shard.storageNeeded, itemsBytes);
    QVERIFY(shard.hasEnough);
    const QStorageInfo disk(scalar(u"SELECT @@datadir"_s));
    if (!disk.isValid() || disk.bytesTotal() <= 0) {
        // No mount holds the data directory (a chroot whose root is not a mount point, as a bare debootstrap
        // or a package builder's): the size is unknown, nothing is claimed missing, and nothing is invented.
        QCOMPARE(shard.capacity, qint64(0));
        QCOMPARE(shard.remaining, qint64(0));
        QCOMPARE(shard.used, qint64(0));
        return;
    }
    QCOMPARE(shard.capacity, disk.bytesTotal());
    QVERIFY(shard.remaining > 0 && shard.remaining <= shard.capacity);
    QCOMPARE(shard.used, shard.capacity - shard.remaining);
}

void TstWorkflowDeploy::throttlerRatioIsValidatedAndPausesTheCopy()
{
    Api::DeployRequestsResource drs(m_client.get());
    const auto list = ok(await<QList<Core::DeployRequest>>([&](auto cb) {
        drs.list(org, m_database, Api::DeployRequestFilter { u"open"_s, u"slow"_s, {} }, this, cb);
    }),
        "list");
    QCOMPARE(list.size(), 1);
    const qint64 n = list.constFirst().number;
    const auto initial
        = ok(await<Core::DeployThrottler>([&](auto cb) { drs.throttler(org, m_database, n, this, cb); }), "get");
    QCOMPARE(initial.keyspaces, QStringList { m_database });
    QCOMPARE(initial.ratioOf(m_database), 0.0);
    for (const int bad : { 96, -1 }) {
        auto refused
            = await<Core::DeployThrottler>([&](auto cb) { drs.setThrottler(org, m_database, n, bad, this, cb); });
        QVERIFY(refused && !refused->ok());
        QCOMPARE(refused->error().httpStatus, 422);
    }
    const auto set
        = ok(await<Core::DeployThrottler>([&](auto cb) { drs.setThrottler(org, m_database, n, 60, this, cb); }), "set");
    QCOMPARE(set.ratioOf(m_database), 60.0);
    QCOMPARE(meta(u"throttle_ratio"_s, n), u"60"_s);

    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, m_database, n, false, this, cb); }), "deploy");
    QCOMPARE(waitForState(m_database, n, u"complete_pending_revert"_s, 120000).deploymentStateName,
        u"complete_pending_revert"_s);
    const auto throttled = ok(
        await<QList<Core::DeployOperation>>([&](auto cb) { drs.operations(org, m_database, n, this, cb); }), "ops");
    QCOMPARE(throttled.size(), 1);
    QVERIFY(throttled.constFirst().throttledAt.isValid());
    // The first deployment ran without a ratio: never throttled.
    const auto unthrottled
        = ok(await<QList<Core::DeployOperation>>([&](auto cb) { drs.operations(org, m_database, m_first, this, cb); }),
            "first ops");
    QVERIFY(!unthrottled.isEmpty());
    QVERIFY(!unthrottled.constFirst().throttledAt.isValid());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_database, n, this, cb); }), "skip revert");
}

void TstWorkflowDeploy::autoDeleteBranchToggle()
{
    branchWith(u"tidy"_s, u"ALTER TABLE %1.tags ADD COLUMN note VARCHAR(10) NULL"_s);
    const qint64 n = createRequest(u"tidy"_s, true).number;
    Api::DeployRequestsResource drs(m_client.get());
    const auto on
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.setAutoDeleteBranch(org, m_database, n, true, this, cb); }),
            "on");
    QVERIFY(on.deployment && on.deployment->autoDeleteBranch);
    const auto off
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.setAutoDeleteBranch(org, m_database, n, false, this, cb); }),
            "off");
    QVERIFY(off.deployment && !off.deployment->autoDeleteBranch);
    QCOMPARE(meta(u"auto_delete_branch"_s, n), u"0"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.setAutoDeleteBranch(org, m_database, n, true, this, cb); }),
        "on again");
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, m_database, n, false, this, cb); }), "deploy");
    QCOMPARE(waitForState(m_database, n, u"complete_pending_revert"_s, 60000).deploymentStateName,
        u"complete_pending_revert"_s);
    // The head branch went with the deployment.
    Api::BranchesResource branches(m_client.get());
    auto gone = await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"tidy"_s, this, cb); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error().httpStatus, 404);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"_s
                 + branchSchema(m_database, u"tidy"_s) + u"'"_s),
        u"0"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_database, n, this, cb); }), "skip revert");
}

void TstWorkflowDeploy::windowShowsTheQueueAndTheControls()
{
    const QString main = branchSchema(m_database, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.gadgets (id INT NOT NULL PRIMARY KEY, v INT) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.gadgets SELECT seq, seq FROM `"_s + main + u"`.seq_1_to_3000"_s));
    QVERIFY(
        admin(u"CREATE TABLE `"_s + main + u"`.labels (id INT NOT NULL PRIMARY KEY, t VARCHAR(9)) ENGINE=InnoDB"_s));
    branchWith(u"g1"_s, u"ALTER TABLE %1.gadgets ADD COLUMN w INT NULL"_s);
    branchWith(u"g2"_s, u"ALTER TABLE %1.labels ADD COLUMN u INT NULL"_s);
    const Core::DeployRequest first = createRequest(u"g1"_s, false);
    const Core::DeployRequest second = createRequest(u"g2"_s, true);

    // Before deploying: the storage check, the throttler and auto-delete from the controls.
    Ui::DeployRequestDetail detail(m_client.get());
    Ui::DeployControls *controls = detail.controls();
    QSignalSpy storage(controls, &Ui::DeployControls::storageChecked);
    QSignalSpy throttler(controls, &Ui::DeployControls::throttlerLoaded);
    QSignalSpy finished(controls, &Ui::DeployControls::actionFinished);
    detail.setDeployRequest(org, m_database, first);
    QTRY_COMPARE_WITH_TIMEOUT(storage.size(), 1, 15000);
    QCOMPARE(storage.at(0).at(0).toBool(), true);
    QVERIFY2(controls->storageLabel()->text().contains(u"enough"_s), qPrintable(controls->storageLabel()->text()));
    QVERIFY(controls->storage()->storageBytesNeeded > 0);
    QTRY_COMPARE_WITH_TIMEOUT(throttler.size(), 1, 15000);
    QCOMPARE(controls->throttleBox()->value(), 0);
    controls->throttleBox()->setValue(30);
    controls->throttleButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(throttler.size(), 2, 15000);
    QCOMPARE(throttler.at(1).at(0).toInt(), 30);
    QCOMPARE(meta(u"throttle_ratio"_s, first.number), u"30"_s);
    QVERIFY(!controls->autoDeleteBox()->isChecked());
    controls->autoDeleteBox()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15000);
    QVERIFY(finished.at(1).at(0).toBool());
    QVERIFY(controls->autoDeleteBox()->isChecked());
    QCOMPARE(meta(u"auto_delete_branch"_s, first.number), u"1"_s);
    QVERIFY(controls->forceCutoverButton()->isHidden()); // nothing to cut over yet

    // The first waits for its cutover, the second waits behind it.
    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, m_database, first.number, false, this, cb); }),
        "deploy first");
    QCOMPARE(
        waitForState(m_database, first.number, u"pending_cutover"_s, 60000).deploymentStateName, u"pending_cutover"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, m_database, second.number, false, this, cb); }),
        "deploy second");

    Ui::DeployQueueView queue(m_client.get(), org, m_database);
    queue.setRefreshInterval(std::chrono::milliseconds(0));
    QSignalSpy loaded(&queue, &Ui::DeployQueueView::loaded);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
    QCOMPARE(loaded.at(0).at(0).toInt(), 2);
    QCOMPARE(queue.summaryText(), u"2 deployments in the queue of "_s + m_database + u'.');
    QTreeWidget *rows = queue.view();
    QCOMPARE(rows->topLevelItemCount(), 2);
    QCOMPARE(rows->topLevelItem(0)->text(Ui::DeployQueueView::RequestColumn), u"#"_s + QString::number(first.number));
    QCOMPARE(rows->topLevelItem(0)->text(Ui::DeployQueueView::StateColumn), u"Pending cutover"_s);
    QCOMPARE(rows->topLevelItem(0)->text(Ui::DeployQueueView::AheadColumn), u"nothing: deploying now"_s);
    QCOMPARE(rows->topLevelItem(1)->text(Ui::DeployQueueView::PositionColumn), u"2"_s);
    QCOMPARE(rows->topLevelItem(1)->text(Ui::DeployQueueView::AheadColumn),
        u"#"_s + QString::number(first.number) + u" (pending cutover)"_s);
    QSignalSpy activated(&queue, &Ui::DeployQueueView::deployRequestActivated);
    Q_EMIT rows->itemActivated(rows->topLevelItem(1), 0);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(2).toLongLong(), second.number);
    queue.resize(1000, 320);
    queue.QWidget::show(); // DeployQueueView::show(…) shows a queue
    QVERIFY(QTest::qWaitForWindowExposed(&queue));
    saveScreenshot(&queue, u"deploy-queue"_s); // issue 18's closing note
    queue.QWidget::hide();

    // The waiting request says where it is in the queue.
    Ui::DeployRequestDetail waiting(m_client.get());
    waiting.setPollIntervals(std::chrono::milliseconds(200), std::chrono::milliseconds(1000));
    const auto secondNow = ok(
        await<Core::DeployRequest>([&](auto cb) { drs.get(org, m_database, second.number, this, cb); }), "get second");
    waiting.setDeployRequest(org, m_database, secondNow);
    QCOMPARE(waiting.controls()->queueLabel()->text(),
        u"Queued: position 2, after #"_s + QString::number(first.number) + u" (pending_cutover)."_s);

    // Force cutover from the first one's document.
    const auto firstNow = ok(
        await<Core::DeployRequest>([&](auto cb) { drs.get(org, m_database, first.number, this, cb); }), "get first");
    detail.setDeployRequest(org, m_database, firstNow);
    QVERIFY(!controls->forceCutoverButton()->isHidden());
    QVERIFY(controls->forceCutoverButton()->isEnabled());
    controls->forceCutoverButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 15000);
    QVERIFY2(finished.at(2).at(0).toBool(), qPrintable(finished.at(2).at(1).toString()));
    QCOMPARE(waitForState(m_database, first.number, u"complete_pending_revert"_s, 60000).deploymentStateName,
        u"complete_pending_revert"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_database, first.number, this, cb); }),
        "skip first");
    QCOMPARE(waitForState(m_database, second.number, u"complete_pending_revert"_s, 60000).deploymentStateName,
        u"complete_pending_revert"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_database, second.number, this, cb); }),
        "skip second");
    queue.reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 15000);
    QCOMPARE(queue.summaryText(), u"The deploy queue of "_s + m_database + u" is empty."_s);
}

QTEST_MAIN(TstWorkflowDeploy)
#include "tst_workflow_deploy.moc"

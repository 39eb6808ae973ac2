// Schema recommendations end to end (issue 18, area 4): the sandbox recommends from its default branch's
// schema (a redundant index → drop it, an AUTO_INCREMENT near its type's end → widen it), each with its DDL;
// dismissing persists across a restart of the sandbox; applying one through a branch and a deploy request
// closes it with that request's number, the index gone on main and no row lost. The Recommendations view
// drives Dismiss and Apply on a new branch. From Insights: an unindexed lookup run through a branch password
// is recommended an index (new_index, the window's own rule and DDL), closed by the deploy request that adds
// it. Every answer is checked against the official OpenAPI document.

#include "../panels/screenshot.h"
#include "api/databasesresource.h"
#include "api/deployrequestsresource.h"
#include "api/insightsresource.h"
#include "api/passwordsresource.h"
#include "api/schemarecommendationsresource.h"
#include "core/patternsql.h"
#include "sandboxfixture.h"
#include "ui/deployrequests/createdeployrequestdialog.h"
#include "ui/deployrequests/schemarecommendationdetail.h"
#include "ui/deployrequests/schemarecommendationsview.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

class TstWorkflowRecommendations : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { stopSandbox(); }
    void redundantIndexAndExhaustionAreRecommendedWithTheirDdl();
    void onlyTheSandboxCredentialsAreAdmitted();
    void dismissPersistsAcrossARestart();
    void applyingThroughADeployRequestClosesIt();
    void viewDismisses();
    void viewAppliesOnANewBranch();
    void unusedIndexIsRecommendedFromUsage();
    void unusedIndexReadLaterGoesStale();
    void newIndexFromInsights();
    void newIndexAppliedThroughADeployRequest();
    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    QList<Core::SchemaRecommendation> list(const QString &database, const QString &state = {});
    static const Core::SchemaRecommendation *find(
        const QList<Core::SchemaRecommendation> &recs, const QString &type, const QString &table);
    void deploy(const QString &database, const QString &branch, qint64 *number);
    int rowCount(const QString &schema, const QString &table);

    QString m_database;
    QString m_viewDatabase;
    QString m_usageDatabase;
    QString m_insightsDatabase;
    qint64 m_unusedNumber = 0;
    qint64 m_newIndexNumber = 0;
};

void TstWorkflowRecommendations::initTestCase()
{
    QVERIFY(startSandbox());
    m_database = m_prefix + u"-rec"_s;
    m_viewDatabase = m_prefix + u"-recv"_s;
    m_usageDatabase = m_prefix + u"-recu"_s;
    m_insightsDatabase = m_prefix + u"-reci"_s;
    createDatabase(m_insightsDatabase);
    const QString events = branchSchema(m_insightsDatabase, u"main"_s);
    // kind has no index (each value once: a lookup reads 2000 rows for one); owner has k_owner.
    QVERIFY(admin(u"CREATE TABLE `"_s + events
        + u"`.events (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, kind INT NOT NULL, owner INT NOT NULL,"
          u" KEY k_owner (owner)) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + events + u"`.events (kind, owner) SELECT seq, seq % 400 FROM `"_s + events
        + u"`.seq_1_to_2000"_s));
    createDatabase(m_usageDatabase);
    const QString usage = branchSchema(m_usageDatabase, u"main"_s);
    // k_read is read, k_unread never; u_c is unique and k_owner backs a foreign key (both never proposed, read
    // or not); never_read has an index but the table itself is never read.
    QVERIFY(admin(u"CREATE TABLE `"_s + usage + u"`.owners (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"CREATE TABLE `"_s + usage
        + u"`.items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT NOT NULL, b INT NOT NULL, c INT NOT NULL,"
          u" owner INT NULL, KEY k_read (a), KEY k_unread (b), UNIQUE KEY u_c (c), KEY k_owner (owner),"
          u" CONSTRAINT fk_owner FOREIGN KEY (owner) REFERENCES owners (id)) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"CREATE TABLE `"_s + usage
        + u"`.never_read (id INT NOT NULL PRIMARY KEY, x INT NOT NULL, KEY k_x (x)) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + usage + u"`.items (a, b, c) SELECT seq % 5, seq % 11, seq FROM `"_s + usage
        + u"`.seq_1_to_100"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + usage + u"`.never_read VALUES (1, 1), (2, 2)"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + usage + u"`.items FORCE INDEX (k_read) WHERE a = 3"_s), u"20"_s);
    for (const QString &database : { m_database, m_viewDatabase }) {
        createDatabase(database);
        const QString main = branchSchema(database, u"main"_s);
        // k_customer is a left prefix of k_customer_placed: every lookup it serves, the wider one serves.
        QVERIFY(admin(u"CREATE TABLE `"_s + main
            + u"`.orders (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, customer INT NOT NULL,"
              u" placed DATE NOT NULL, KEY k_customer (customer), KEY k_customer_placed (customer, placed))"
              u" ENGINE=InnoDB"_s));
        QVERIFY(admin(u"INSERT INTO `"_s + main
            + u"`.orders (customer, placed) SELECT seq % 7, '2026-01-01' + INTERVAL seq DAY FROM `"_s + main
            + u"`.seq_1_to_300"_s));
        // 30000 of smallint's 32767 used.
        QVERIFY(admin(u"CREATE TABLE `"_s + main
            + u"`.tickets (id SMALLINT NOT NULL AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20) NOT NULL DEFAULT '')"
              u" ENGINE=InnoDB AUTO_INCREMENT=30000"_s));
        QVERIFY(admin(u"CREATE TABLE `"_s + main
            + u"`.clean (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT, KEY k_a (a))"
              u" ENGINE=InnoDB"_s));
    }
}

QList<Core::SchemaRecommendation> TstWorkflowRecommendations::list(const QString &database, const QString &state)
{
    Api::SchemaRecommendationsResource recs(m_client.get());
    return ok(await<QList<Core::SchemaRecommendation>>([&](auto cb) { recs.list(org, database, state, this, cb); }),
        "list recommendations");
}

const Core::SchemaRecommendation *TstWorkflowRecommendations::find(
    const QList<Core::SchemaRecommendation> &recs, const QString &type, const QString &table)
{
    for (const Core::SchemaRecommendation &r : recs) {
        if (r.recommendationType == type && r.tableName == table)
            return &r;
    }
    return nullptr;
}

int TstWorkflowRecommendations::rowCount(const QString &schema, const QString &table)
{
    return scalar(u"SELECT COUNT(*) FROM `"_s + schema + u"`.`"_s + table + u'`').toInt();
}

void TstWorkflowRecommendations::redundantIndexAndExhaustionAreRecommendedWithTheirDdl()
{
    const auto recs = list(m_database);
    QCOMPARE(recs.size(), 2);
    const auto *index = find(recs, u"duplicate_index"_s, u"orders"_s);
    QVERIFY(index);
    QCOMPARE(index->ddlStatement, u"ALTER TABLE `orders` DROP INDEX `k_customer`"_s);
    QCOMPARE(index->state, u"open"_s);
    QCOMPARE(index->keyspace, m_database);
    QVERIFY2(index->title.contains(u"k_customer_placed"_s), qPrintable(index->title));
    QVERIFY(index->createdAt.isValid());
    QVERIFY(!index->closedByDeployRequest);
    const auto *sequence = find(recs, u"sequence_overflow"_s, u"tickets"_s);
    QVERIFY(sequence);
    QCOMPARE(
        sequence->ddlStatement, u"ALTER TABLE `tickets` MODIFY COLUMN `id` bigint unsigned NOT NULL AUTO_INCREMENT"_s);
    QVERIFY(sequence->number != index->number);
    QVERIFY(!find(recs, u"duplicate_index"_s, u"clean"_s));

    // Numbers are stable: a second look finds the same recommendations, not new ones.
    const auto again = list(m_database);
    QCOMPARE(again.size(), 2);
    QCOMPARE(find(again, u"duplicate_index"_s, u"orders"_s)->number, index->number);

    Api::SchemaRecommendationsResource resource(m_client.get());
    const auto got = ok(
        await<Core::SchemaRecommendation>([&](auto cb) { resource.get(org, m_database, index->number, this, cb); }),
        "get");
    QCOMPARE(got.ddlStatement, index->ddlStatement);
    const auto missing
        = await<Core::SchemaRecommendation>([&](auto cb) { resource.get(org, m_database, 9999, this, cb); });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().httpStatus, 404);
    QCOMPARE(list(m_database, u"closed"_s).size(), 0);

    Api::DatabasesResource databases(m_client.get());
    const auto db
        = ok(await<Core::Database>([&](auto cb) { databases.get(org, m_database, this, cb); }), "get database");
    QCOMPARE(db.openSchemaRecommendationsCount, 2);
}

void TstWorkflowRecommendations::onlyTheSandboxCredentialsAreAdmitted()
{
    Api::ApiClient stranger;
    stranger.setBaseUrl(m_sandbox->apiUrl());
    stranger.setCredentials(Api::Credentials::serviceToken(m_sandbox->serviceTokenId(), u"pscale_tkn_wrong"_s, u"x"_s));
    Api::SchemaRecommendationsResource recs(&stranger);
    const auto refused
        = await<QList<Core::SchemaRecommendation>>([&](auto cb) { recs.list(org, m_database, {}, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 401);
    const auto notDismissed
        = await<Core::SchemaRecommendation>([&](auto cb) { recs.dismiss(org, m_database, 1, {}, this, cb); });
    QVERIFY(notDismissed && !notDismissed->ok());
    QCOMPARE(notDismissed->error().httpStatus, 401);
}

void TstWorkflowRecommendations::dismissPersistsAcrossARestart()
{
    const auto all = list(m_database);
    const auto *sequence = find(all, u"sequence_overflow"_s, u"tickets"_s);
    QVERIFY(sequence);
    const qint64 number = sequence->number;
    Api::SchemaRecommendationsResource recs(m_client.get());
    const auto dismissed = ok(await<Core::SchemaRecommendation>([&](auto cb) {
        recs.dismiss(org, m_database, number, u"tickets are archived yearly"_s, this, cb);
    }),
        "dismiss");
    QCOMPARE(dismissed.state, u"dismissed"_s);
    QVERIFY(dismissed.dismissedAt.isValid());
    QVERIFY(!dismissed.dismissedBy.isEmpty());
    // Only an open one can be dismissed.
    const auto twice
        = await<Core::SchemaRecommendation>([&](auto cb) { recs.dismiss(org, m_database, number, {}, this, cb); });
    QVERIFY(twice && !twice->ok());
    QCOMPARE(twice->error().httpStatus, 422);

    QVERIFY(restartSandbox());
    const auto after
        = ok(await<Core::SchemaRecommendation>([&](auto cb) { recs.get(org, m_database, number, this, cb); }), "get");
    QCOMPARE(after.state, u"dismissed"_s);
    // The finding is still there, but it stays dismissed rather than opening again.
    const auto open = list(m_database, u"open"_s);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.constFirst().recommendationType, u"duplicate_index"_s);
    QCOMPARE(list(m_database, u"closed"_s).size(), 1);
}

void TstWorkflowRecommendations::deploy(const QString &database, const QString &branch, qint64 *number)
{
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, database, Api::CreateDeployRequestOptions { branch, u"main"_s, {}, true, {} }, this, cb);
    }),
        "create dr");
    *number = dr.number;
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, database, dr.number, false, this, cb); }), "deploy");
    QCOMPARE(waitForState(database, dr.number, u"complete_pending_revert"_s, 120000).deploymentStateName,
        u"complete_pending_revert"_s);
}

void TstWorkflowRecommendations::applyingThroughADeployRequestClosesIt()
{
    const auto all = list(m_database);
    const auto *index = find(all, u"duplicate_index"_s, u"orders"_s);
    QVERIFY(index);
    const qint64 number = index->number;
    const QString ddl = index->ddlStatement;
    createBranch(m_database, u"drop-k-customer"_s);
    const QString head = branchSchema(m_database, u"drop-k-customer"_s);
    QVERIFY(admin(u"USE `"_s + head + u'`'));
    QVERIFY(admin(ddl));
    // Still open: only a deployment into main applies it.
    Api::SchemaRecommendationsResource recs(m_client.get());
    auto before
        = ok(await<Core::SchemaRecommendation>([&](auto cb) { recs.get(org, m_database, number, this, cb); }), "get");
    QCOMPARE(before.state, u"open"_s);

    const QString main = branchSchema(m_database, u"main"_s);
    const int rows = rowCount(main, u"orders"_s);
    QCOMPARE(rows, 300);
    qint64 dr = 0;
    deploy(m_database, u"drop-k-customer"_s, &dr);
    if (QTest::currentTestFailed())
        return;

    const auto applied
        = ok(await<Core::SchemaRecommendation>([&](auto cb) { recs.get(org, m_database, number, this, cb); }), "get");
    QCOMPARE(applied.state, u"applied"_s);
    QVERIFY(applied.closedByDeployRequest.has_value());
    QCOMPARE(applied.closedByDeployRequest->number, dr);
    QVERIFY(applied.appliedAt.isValid());
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '"_s + main
                 + u"' AND TABLE_NAME = 'orders' AND INDEX_NAME = 'k_customer'"_s),
        u"0"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '"_s + main
                 + u"' AND TABLE_NAME = 'orders' AND INDEX_NAME = 'k_customer_placed'"_s),
        u"2"_s);
    QCOMPARE(rowCount(main, u"orders"_s), rows);
    QCOMPARE(list(m_database, u"open"_s).size(), 0);
    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_database, dr, this, cb); }), "skip revert");
}

void TstWorkflowRecommendations::viewDismisses()
{
    Ui::SchemaRecommendationsView view(m_client.get(), org, m_viewDatabase);
    QSignalSpy loaded(&view, &Ui::SchemaRecommendationsView::loaded);
    view.reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
    QCOMPARE(loaded.at(0).at(0).toInt(), 2);
    QStandardItemModel *model = view.model();
    QCOMPARE(model->rowCount(), 2);
    view.resize(1100, 460);
    int ticketsRow = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, Ui::SchemaRecommendationsView::TableColumn).data().toString() == u"tickets"_s)
            ticketsRow = row;
    }
    QVERIFY(ticketsRow >= 0);
    const QString ticketsDdl = model->index(ticketsRow, Ui::SchemaRecommendationsView::DdlColumn).data().toString();
    QVERIFY2(ticketsDdl.startsWith(u"ALTER TABLE `tickets` MODIFY COLUMN"_s), qPrintable(ticketsDdl));
    view.selectRow(ticketsRow);
    saveScreenshot(&view, u"recommendations-open"_s);
    // One line per recommendation (the title and DDL are elided there); the detail shows the selected one whole.
    auto *table = view.findChild<QTableView *>(u"recommendations"_s);
    QVERIFY(table);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY2(table->rowHeight(row) < 2 * view.fontMetrics().height(),
            qPrintable(QString::number(table->rowHeight(row))));
    QCOMPARE(view.detail()->ddl(), ticketsDdl);
    QVERIFY2(view.detail()->historyText().startsWith(u"Opened "_s), qPrintable(view.detail()->historyText()));
    QPushButton *dismiss = view.findChild<QPushButton *>(u"dismissRecommendation"_s);
    QVERIFY(dismiss && dismiss->isEnabled());
    QSignalSpy dismissed(&view, &Ui::SchemaRecommendationsView::dismissed);
    dismiss->click();
    QTRY_COMPARE_WITH_TIMEOUT(dismissed.size(), 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 15000);
    // Open ones are listed first; the dismissed one stays visible with its state, and cannot be dismissed again.
    QCOMPARE(view.openCount(), 1);
    bool sawDismissed = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, Ui::SchemaRecommendationsView::TableColumn).data().toString() == u"tickets"_s) {
            sawDismissed = true;
            QCOMPARE(model->index(row, Ui::SchemaRecommendationsView::StateColumn).data().toString(), u"Dismissed"_s);
            view.selectRow(row);
            QVERIFY(!dismiss->isEnabled());
            QVERIFY2(
                view.detail()->historyText().contains(u"dismissed by "_s), qPrintable(view.detail()->historyText()));
        }
    }
    QVERIFY(sawDismissed);
    QCOMPARE(list(m_viewDatabase, u"closed"_s).size(), 1);
}

void TstWorkflowRecommendations::viewAppliesOnANewBranch()
{
    Ui::SchemaRecommendationsView view(m_client.get(), org, m_viewDatabase);
    // The window runs the DDL over a branch password; the test runs it as the fixture's admin.
    QStringList ran;
    view.setDdlRunner([this, &ran](const QString &branch, const QString &ddl, auto done) {
        ran << branch + u": "_s + ddl;
        const bool ok = admin(u"USE `"_s + branchSchema(m_viewDatabase, branch) + u'`') && admin(ddl);
        done(ok ? Core::Result<void>() : Core::Result<void>(Core::makeError(u"sql_error"_s, u"DDL failed"_s)));
    });
    QSignalSpy loaded(&view, &Ui::SchemaRecommendationsView::loaded);
    view.reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
    int ordersRow = -1;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        if (view.model()->index(row, Ui::SchemaRecommendationsView::TableColumn).data().toString() == u"orders"_s)
            ordersRow = row;
    }
    QVERIFY(ordersRow >= 0);
    view.selectRow(ordersRow);
    QSignalSpy prepared(&view, &Ui::SchemaRecommendationsView::branchPrepared);
    QPushButton *apply = view.findChild<QPushButton *>(u"applyRecommendation"_s);
    QVERIFY(apply && apply->isEnabled());
    apply->click();
    QTRY_COMPARE_WITH_TIMEOUT(prepared.size(), 1, 30000);
    const QString branch = prepared.at(0).at(0).toString();
    QVERIFY2(branch.startsWith(u"recommendation-"_s), qPrintable(branch));
    QCOMPARE(ran, QStringList { branch + u": ALTER TABLE `orders` DROP INDEX `k_customer`"_s });

    // The create-deploy-request dialog opens on the new branch, into main, its notes naming the recommendation.
    Ui::CreateDeployRequestDialog *dialog = view.deployRequestDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->branch(), branch);
    QCOMPARE(dialog->intoBranch(), u"main"_s);
    QVERIFY2(dialog->findChild<QPlainTextEdit *>()->toPlainText().contains(u"DROP INDEX `k_customer`"_s),
        "the notes name the recommendation's DDL");
    QSignalSpy created(&view, &Ui::SchemaRecommendationsView::deployRequestCreated);
    dialog->setAutoApply(true);
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 15000);
    const auto request = created.at(0).at(2).value<Core::DeployRequest>();
    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, m_viewDatabase, request.number, false, this, cb); }),
        "deploy");
    QCOMPARE(waitForState(m_viewDatabase, request.number, u"complete_pending_revert"_s, 120000).deploymentStateName,
        u"complete_pending_revert"_s);
    view.reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 15000);
    QCOMPARE(view.openCount(), 0);
    bool sawApplied = false;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        const QString text = view.model()->index(row, Ui::SchemaRecommendationsView::StateColumn).data().toString();
        if (view.model()->index(row, Ui::SchemaRecommendationsView::TableColumn).data().toString() == u"orders"_s) {
            sawApplied = true;
            QCOMPARE(text, u"Applied by #"_s + QString::number(request.number));
        }
    }
    QVERIFY(sawApplied);
    QCOMPARE(rowCount(branchSchema(m_viewDatabase, u"main"_s), u"orders"_s), 300);
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        if (view.model()->index(row, Ui::SchemaRecommendationsView::TableColumn).data().toString() == u"orders"_s)
            view.selectRow(row);
    }
    const QString history = view.detail()->historyText();
    QVERIFY2(history.contains(u"applied by deploy request #"_s + QString::number(request.number)), qPrintable(history));
    QCOMPARE(view.detail()->ddl(), u"ALTER TABLE `orders` DROP INDEX `k_customer`"_s);
    view.resize(1100, 460);
    saveScreenshot(&view, u"recommendations-applied"_s);
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_viewDatabase, request.number, this, cb); }),
        "skip revert");
}

void TstWorkflowRecommendations::unusedIndexIsRecommendedFromUsage()
{
    const auto recs = list(m_usageDatabase);
    QList<Core::SchemaRecommendation> unused;
    for (const Core::SchemaRecommendation &r : recs) {
        if (r.recommendationType == u"unused_index"_s)
            unused << r;
    }
    // Only k_unread: k_read was read, PRIMARY/unique/foreign-key indexes are never proposed, and never_read's
    // table was never read at all (no evidence that its index is unused rather than the table idle).
    QCOMPARE(unused.size(), 1);
    const Core::SchemaRecommendation &r = unused.constFirst();
    QCOMPARE(r.tableName, u"items"_s);
    QCOMPARE(r.ddlStatement, u"ALTER TABLE `items` DROP INDEX `k_unread`"_s);
    QCOMPARE(r.state, u"open"_s);
    QVERIFY2(r.title.contains(u"has not been read since "_s), qPrintable(r.title));
    m_unusedNumber = r.number;
    // A second look keeps the same recommendation.
    const auto again = list(m_usageDatabase, u"open"_s);
    QVERIFY(find(again, u"unused_index"_s, u"items"_s));
    QCOMPARE(find(again, u"unused_index"_s, u"items"_s)->number, m_unusedNumber);
}

void TstWorkflowRecommendations::unusedIndexReadLaterGoesStale()
{
    QVERIFY(m_unusedNumber > 0);
    const QString usage = branchSchema(m_usageDatabase, u"main"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + usage + u"`.items FORCE INDEX (k_unread) WHERE b = 4"_s), u"9"_s);
    // The index is used after all: no deploy request applied it, so the recommendation is stale, not applied.
    Api::SchemaRecommendationsResource recs(m_client.get());
    const auto got = ok(
        await<Core::SchemaRecommendation>([&](auto cb) { recs.get(org, m_usageDatabase, m_unusedNumber, this, cb); }),
        "get");
    QCOMPARE(got.state, u"stale"_s);
    QVERIFY(!got.closedByDeployRequest);
    QVERIFY(!got.appliedAt.isValid());
    QVERIFY(!find(list(m_usageDatabase, u"open"_s), u"unused_index"_s, u"items"_s));
    const auto closed = list(m_usageDatabase, u"closed"_s);
    QVERIFY(find(closed, u"unused_index"_s, u"items"_s));
    // A stale one cannot be dismissed.
    const auto refused = await<Core::SchemaRecommendation>(
        [&](auto cb) { recs.dismiss(org, m_usageDatabase, m_unusedNumber, {}, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);
}

void TstWorkflowRecommendations::newIndexFromInsights()
{
    // Queries as an application runs them: through a branch password on the default branch.
    Api::PasswordsResource passwords(m_client.get());
    const auto password = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, m_insightsDatabase, u"main"_s,
            Api::CreatePasswordOptions { u"app"_s, u"admin"_s, {}, false }, this, cb);
    }),
        "password");
    Sql::ConnectionOptions o = passwordConnection(password, m_insightsDatabase, u"main"_s);
    auto opened = Sql::Connection::open(o);
    QVERIFY(opened);
    Sql::Connection &c = **opened;
    for (int i = 1; i <= 6; ++i) {
        // No index on kind: 2000 rows read for the one returned.
        QVERIFY(c.execute(u"SELECT * FROM events WHERE kind = %1"_s.arg(i * 7).toUtf8()));
        // Indexed: by primary key, and through k_owner (5 rows read, 5 returned).
        QVERIFY(c.execute(u"SELECT kind FROM events WHERE id = %1"_s.arg(i).toUtf8()));
        QVERIFY(c.execute(u"SELECT id FROM events WHERE owner = %1"_s.arg(i).toUtf8()));
        // As wasteful as the first, but an index already leads with owner: the fix is not a new index.
        QVERIFY(c.execute(u"SELECT * FROM events IGNORE INDEX (k_owner) WHERE owner = %1"_s.arg(i).toUtf8()));
    }

    const auto newIndexes = [this] {
        QList<Core::SchemaRecommendation> out;
        for (const Core::SchemaRecommendation &r : list(m_insightsDatabase)) {
            if (r.recommendationType == u"new_index"_s)
                out << r;
        }
        return out;
    };
    QList<Core::SchemaRecommendation> found;
    QTRY_VERIFY_WITH_TIMEOUT((found = newIndexes(), !found.isEmpty()), 15000);
    QCOMPARE(found.size(), 1);
    const Core::SchemaRecommendation &r = found.constFirst();
    QCOMPARE(r.tableName, u"events"_s);
    QCOMPARE(r.ddlStatement, u"ALTER TABLE `events` ADD INDEX `idx_kind` (`kind`)"_s);
    QCOMPARE(r.state, u"open"_s);
    QCOMPARE(r.keyspace, m_insightsDatabase);
    QVERIFY2(r.title.contains(u"idx_kind"_s) && r.title.contains(u"`kind` = ?"_s), qPrintable(r.title));
    m_newIndexNumber = r.number;

    // The window's pattern detail suggests the same DDL for that pattern: one rule, one DDL.
    Api::InsightsResource insights(m_client.get());
    const auto patterns = ok(await<QList<Core::QueryPattern>>([&](auto cb) {
        insights.listQueries(org, m_insightsDatabase, u"main"_s, {}, this, cb);
    }),
        "insights");
    int advised = 0;
    for (const Core::QueryPattern &p : patterns) {
        const Core::PatternSql::IndexSuggestion index = Core::PatternSql::indexAdvice(p);
        if (p.normalizedSql.contains(u"`kind` = ?"_s)) {
            QCOMPARE(index.ddl(), r.ddlStatement);
            QVERIFY(p.rowsReadPerReturned >= Core::PatternSql::recommendIndexFrom);
            ++advised;
        }
    }
    QCOMPARE(advised, 1);
    // A second look keeps the same recommendation.
    const auto again = newIndexes();
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.constFirst().number, m_newIndexNumber);
}

void TstWorkflowRecommendations::newIndexAppliedThroughADeployRequest()
{
    QVERIFY(m_newIndexNumber > 0);
    Api::SchemaRecommendationsResource recs(m_client.get());
    const auto open = ok(await<Core::SchemaRecommendation>(
                             [&](auto cb) { recs.get(org, m_insightsDatabase, m_newIndexNumber, this, cb); }),
        "get");
    createBranch(m_insightsDatabase, u"add-idx-kind"_s);
    QVERIFY(admin(u"USE `"_s + branchSchema(m_insightsDatabase, u"add-idx-kind"_s) + u'`'));
    QVERIFY(admin(open.ddlStatement));
    qint64 dr = 0;
    deploy(m_insightsDatabase, u"add-idx-kind"_s, &dr);
    if (QTest::currentTestFailed())
        return;
    const auto applied = ok(await<Core::SchemaRecommendation>(
                                [&](auto cb) { recs.get(org, m_insightsDatabase, m_newIndexNumber, this, cb); }),
        "get");
    QCOMPARE(applied.state, u"applied"_s);
    QVERIFY(applied.closedByDeployRequest.has_value());
    QCOMPARE(applied.closedByDeployRequest->number, dr);
    const QString main = branchSchema(m_insightsDatabase, u"main"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '"_s + main
                 + u"' AND TABLE_NAME = 'events' AND INDEX_NAME = 'idx_kind'"_s),
        u"1"_s);
    QCOMPARE(rowCount(main, u"events"_s), 2000);
    // The same pattern run again finds its index: nothing new to recommend.
    QVERIFY(admin(u"USE `"_s + main + u'`'));
    QVERIFY(admin(u"SELECT * FROM events WHERE kind = 14"_s));
    QVERIFY(admin(u"USE information_schema"_s));
    for (const Core::SchemaRecommendation &r : list(m_insightsDatabase, u"open"_s))
        QVERIFY2(r.recommendationType != u"new_index"_s, qPrintable(r.ddlStatement));
    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, m_insightsDatabase, dr, this, cb); }),
        "skip revert");
}

QTEST_MAIN(TstWorkflowRecommendations)
#include "tst_workflow_recommendations.moc"

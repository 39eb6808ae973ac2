// Lint end to end (issue 18, area 4): the sandbox lints a branch with the schema linter and fills a deploy
// request's lint_errors with the findings on the tables it changes; the client reads both; the branch's
// schema view and the create-deploy-request dialog show them; the review puts them next to their table.
// Every answer is checked against the official OpenAPI document.

#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "sandboxfixture.h"
#include "schema/schemacomparison.h"
#include "ui/branches/branchschemaview.h"
#include "ui/deployrequests/createdeployrequestdialog.h"

#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStringList codesOf(const QList<Core::LintError> &found, const QString &table)
{
    QStringList out;
    for (const Core::LintError &e : found) {
        if (e.tableName == table)
            out << e.lintError;
    }
    return out;
}

} // namespace

class TstWorkflowLint : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { stopSandbox(); }
    void branchLint();
    void deployRequestCarriesTheLintOfItsChanges();
    void schemaViewShowsFindingsUnderTheirTable();
    void createDialogShowsTheBranchLint();
    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    QString m_database;
};

void TstWorkflowLint::initTestCase()
{
    QVERIFY(startSandbox());
    m_database = m_prefix + u"-lint"_s;
    createDatabase(m_database);
    const QString main = branchSchema(m_database, u"main"_s);
    // On main before the branch: a table without a key that the deploy request will not touch.
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.legacy (v VARCHAR(10)) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"CREATE TABLE `"_s + main
        + u"`.users (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL,"
          u" UNIQUE KEY uk_email (email)) ENGINE=InnoDB"_s));
    createBranch(m_database, u"tidy"_s);
    const QString tidy = branchSchema(m_database, u"tidy"_s);
    // The branch's changes: a new table without a key, a non-InnoDB one, a foreign key whose type differs,
    // a duplicate index, and a counter close to its type's end.
    QVERIFY(admin(u"CREATE TABLE `"_s + tidy + u"`.events (at DATETIME NOT NULL, KEY k_at (at)) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"CREATE TABLE `"_s + tidy + u"`.cache (k INT NOT NULL PRIMARY KEY) ENGINE=MyISAM"_s));
    // InnoDB accepts a foreign key from a shorter VARCHAR; the linter still names the difference.
    QVERIFY(admin(u"CREATE TABLE `"_s + tidy
        + u"`.orders (id SMALLINT NOT NULL AUTO_INCREMENT PRIMARY KEY, user_email VARCHAR(50) NOT NULL,"
          u" KEY k_user (user_email), KEY k_user2 (user_email), CONSTRAINT fk_user FOREIGN KEY (user_email)"
          u" REFERENCES `"_s
        + tidy + u"`.users (email)) ENGINE=InnoDB AUTO_INCREMENT=30000"_s));
}

void TstWorkflowLint::branchLint()
{
    Api::BranchesResource branches(m_client.get());
    const auto found = ok(
        await<QList<Core::LintError>>([&](auto cb) { branches.lint(org, m_database, u"tidy"_s, this, cb); }), "lint");
    QCOMPARE(codesOf(found, u"legacy"_s), QStringList { u"NO_UNIQUE_KEY"_s });
    QCOMPARE(codesOf(found, u"events"_s), QStringList { u"NO_UNIQUE_KEY"_s });
    QCOMPARE(codesOf(found, u"cache"_s), QStringList { u"INVALID_ENGINE"_s });
    QCOMPARE(codesOf(found, u"orders"_s),
        (QStringList { u"DUPLICATE_INDEX"_s, u"AUTO_INCREMENT_NEAR_LIMIT"_s, u"FOREIGN_KEY_TYPE_MISMATCH"_s }));
    QCOMPARE(codesOf(found, u"users"_s), QStringList());
    for (const Core::LintError &e : found) {
        QCOMPARE(e.keyspaceName, m_database);
        QCOMPARE(e.subjectType, u"table"_s);
        QVERIFY(!e.errorDescription.isEmpty());
        if (e.lintError == u"INVALID_ENGINE"_s)
            QCOMPARE(e.engineName, u"MyISAM"_s);
        if (e.lintError == u"FOREIGN_KEY_TYPE_MISMATCH"_s) {
            QCOMPARE(e.foreignKeyColumnNames, QStringList { u"user_email"_s });
            QVERIFY2(e.errorDescription.contains(u"user_email is varchar(50)"_s), qPrintable(e.errorDescription));
        }
        if (e.lintError == u"AUTO_INCREMENT_NEAR_LIMIT"_s)
            QCOMPARE(e.autoIncrementColumnNames, QStringList { u"id"_s });
    }
    // main has only its own finding.
    const auto onMain
        = ok(await<QList<Core::LintError>>([&](auto cb) { branches.lint(org, m_database, u"main"_s, this, cb); }),
            "lint main");
    QCOMPARE(onMain.size(), 1);
    QCOMPARE(onMain.constFirst().tableName, u"legacy"_s);
}

void TstWorkflowLint::deployRequestCarriesTheLintOfItsChanges()
{
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(
            org, m_database, Api::CreateDeployRequestOptions { u"tidy"_s, u"main"_s, {}, false, false }, this, cb);
    }),
        "create dr");
    const auto got
        = ok(await<Core::DeployRequest>([&](auto cb) { drs.get(org, m_database, dr.number, this, cb); }), "get dr");
    QVERIFY(got.deployment);
    const QList<Core::LintError> &lint = got.deployment->lintErrors;
    // legacy is not part of the change, so its finding stays with the branch.
    QCOMPARE(codesOf(lint, u"legacy"_s), QStringList());
    QCOMPARE(codesOf(lint, u"events"_s), QStringList { u"NO_UNIQUE_KEY"_s });
    QCOMPARE(codesOf(lint, u"cache"_s), QStringList { u"INVALID_ENGINE"_s });
    QCOMPARE(codesOf(lint, u"orders"_s).size(), 3);
    QCOMPARE(lint.size(), 5);

    // The review puts each finding next to its table.
    Api::BranchesResource branches(m_client.get());
    const auto changed
        = ok(await<QList<Core::TableDdl>>([&](auto cb) { drs.diff(org, m_database, dr.number, this, cb); }), "diff");
    const auto into
        = ok(await<QList<Core::TableDdl>>([&](auto cb) { branches.schema(org, m_database, u"main"_s, {}, this, cb); }),
            "main schema");
    const auto head
        = ok(await<QList<Core::TableDdl>>([&](auto cb) { branches.schema(org, m_database, u"tidy"_s, {}, this, cb); }),
            "tidy schema");
    const auto diffs = Schema::SchemaComparison::forDeployRequest(changed, into, head, got.deployment);
    bool sawEvents = false;
    for (const Schema::TableDiff &d : diffs) {
        if (d.name == u"events"_s) {
            sawEvents = true;
            QCOMPARE(d.lintErrors.size(), 1);
            QVERIFY(d.lintErrors.constFirst().startsWith(u"NO_UNIQUE_KEY"_s));
        }
    }
    QVERIFY(sawEvents);
}

void TstWorkflowLint::schemaViewShowsFindingsUnderTheirTable()
{
    Ui::BranchSchemaView view(m_client.get());
    QSignalSpy linted(&view, &Ui::BranchSchemaView::lintLoaded);
    Core::Branch tidy;
    tidy.name = u"tidy"_s;
    tidy.parentBranch = u"main"_s;
    view.setBranch(org, m_database, tidy, { u"main"_s });
    QTRY_COMPARE_WITH_TIMEOUT(linted.size(), 1, 15000);
    QCOMPARE(linted.at(0).at(0).toInt(), 6);
    QVERIFY2(view.lintText().contains(u"6 findings in 4 tables"_s), qPrintable(view.lintText()));
    QStandardItemModel *model = view.tableModel();
    QModelIndex orders;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == u"orders"_s)
            orders = model->index(row, 0);
        if (model->index(row, 0).data().toString() == u"users"_s)
            QCOMPARE(model->rowCount(model->index(row, 0)), 2); // columns and indexes only
    }
    QVERIFY(orders.isValid());
    QVERIFY(orders.siblingAtColumn(1).data().toString().contains(u"3 lint findings"_s));
    const QModelIndex group = model->index(2, 0, orders);
    QCOMPARE(group.data().toString(), u"Lint (3)"_s);
    QCOMPARE(model->index(0, 0, group).data(Ui::BranchSchemaView::LintCodeRole).toString(), u"DUPLICATE_INDEX"_s);
    QVERIFY(model->index(0, 1, group).data().toString().contains(u"k_user2"_s));
    QVERIFY(!model->data(orders, Qt::DecorationRole).isNull());
}

void TstWorkflowLint::createDialogShowsTheBranchLint()
{
    Core::Branch main;
    main.name = u"main"_s;
    Core::Branch tidy;
    tidy.name = u"tidy"_s;
    tidy.parentBranch = u"main"_s;
    Ui::CreateDeployRequestDialog dialog(m_client.get(), org, m_database, { main, tidy }, u"tidy"_s);
    QSignalSpy linted(&dialog, &Ui::CreateDeployRequestDialog::lintLoaded);
    QTRY_COMPARE_WITH_TIMEOUT(linted.size(), 1, 15000);
    QCOMPARE(linted.at(0).at(0).toInt(), 6);
    const QString text = dialog.lintText();
    QVERIFY2(text.startsWith(u"Lint of tidy: 6 findings"_s), qPrintable(text));
    QVERIFY(text.contains(u"INVALID_ENGINE — Table \"cache\" uses engine MyISAM"_s));
    QVERIFY(!text.contains(u"more"_s)); // six fit
}

QTEST_MAIN(TstWorkflowLint)
#include "tst_workflow_lint.moc"

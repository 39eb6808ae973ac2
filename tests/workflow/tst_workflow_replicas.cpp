// Replicas and keyspaces end to end (issue 18, area 1): replica passwords as read-only accounts, the
// connector's replica target, and the sandbox's one unsharded keyspace per database with its VSchema, through
// the real client over HTTP; every answer checked against the OpenAPI document.

#include "api/branchesresource.h"
#include "api/passwordsresource.h"
#include "app/branchconnector.h"
#include "sandboxfixture.h"
#include "ui/branches/branchschemaview.h"
#include "ui/branches/keyspacebar.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TstWorkflowReplicas : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { stopSandbox(); }
    void replicaPasswordsAreReadOnly();
    void connectorReachesTheReplica();
    void keyspaceAndVSchema();
    void schemaViewShowsKeyspaceAndVSchema();
    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    QString m_database;
};

void TstWorkflowReplicas::initTestCase()
{
    QVERIFY(startSandbox());
    m_database = m_prefix + u"-rep"_s;
    createDatabase(m_database);
    const QString main = branchSchema(m_database, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.orders (id INT PRIMARY KEY, total INT) ENGINE=InnoDB"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.orders VALUES (1, 10), (2, 20)"_s));
    QVERIFY(admin(
        u"CREATE VIEW `"_s + main + u"`.big_orders AS SELECT id FROM `"_s + main + u"`.orders WHERE total > 15"_s));
}

void TstWorkflowReplicas::replicaPasswordsAreReadOnly()
{
    Api::PasswordsResource passwords(m_client.get());
    const auto replica = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, m_database, u"main"_s,
            Api::CreatePasswordOptions { u"analytics"_s, u"reader"_s, 600, true }, this, cb);
    }),
        "create replica password");
    QVERIFY(replica.replica);
    QCOMPARE(replica.role, u"reader"_s);
    QVERIFY(!replica.plainText.isEmpty());
    const auto listed = ok(
        await<QList<Core::Password>>([&](auto cb) { passwords.list(org, m_database, u"main"_s, this, cb); }), "list");
    QCOMPARE(listed.size(), 1);
    QVERIFY(listed.first().replica);

    // It reads the branch and cannot change it.
    Sql::ConnectionOptions o = passwordConnection(replica, m_database, u"main"_s);
    auto session = Sql::Connection::open(o);
    QVERIFY2(session, session ? "" : qPrintable(session.error().toString()));
    QVERIFY((*session)->execute("SELECT COUNT(*) FROM orders").ok());
    const auto write = (*session)->execute("INSERT INTO orders VALUES (3, 30)");
    QVERIFY(!write.ok());
    QVERIFY2(write.error().toString().contains(u"denied"_s, Qt::CaseInsensitive), qPrintable(write.error().toString()));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + branchSchema(m_database, u"main"_s) + u"`.orders"_s), u"2"_s);

    // A replica password with a role that writes is refused, and nothing is created.
    auto writer = await<Core::Password>([&](auto cb) {
        passwords.create(
            org, m_database, u"main"_s, Api::CreatePasswordOptions { u"bad"_s, u"readwriter"_s, 600, true }, this, cb);
    });
    QVERIFY(writer && !writer->ok());
    QCOMPARE(writer->error().httpStatus, 422);
    QVERIFY(writer->error().userText.contains(u"reader"_s));
    const auto after = ok(
        await<QList<Core::Password>>([&](auto cb) { passwords.list(org, m_database, u"main"_s, this, cb); }), "list");
    QCOMPARE(after.size(), 1);

    const auto revoked
        = await<Api::NoContent>([&](auto cb) { passwords.remove(org, m_database, u"main"_s, replica.id, this, cb); });
    QVERIFY(revoked && revoked->ok());

    // Replicas are a production branch's: main says so, a development branch has none and refuses them.
    Api::BranchesResource branches(m_client.get());
    const auto main
        = ok(await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"main"_s, this, cb); }), "get main");
    QVERIFY(main.production && main.hasReplicas);
    Api::CreateBranchOptions dev;
    dev.name = u"dev"_s;
    const auto devBranch
        = ok(await<Core::Branch>([&](auto cb) { branches.create(org, m_database, dev, this, cb); }), "create dev");
    QVERIFY(!devBranch.production && !devBranch.hasReplicas);
    auto onDev = await<Core::Password>([&](auto cb) {
        passwords.create(
            org, m_database, u"dev"_s, Api::CreatePasswordOptions { u"r"_s, u"reader"_s, 600, true }, this, cb);
    });
    QVERIFY(onDev && !onDev->ok());
    QCOMPARE(onDev->error().httpStatus, 422);
    QVERIFY(onDev->error().userText.contains(u"no replicas"_s));
    const auto keyspace
        = ok(await<QList<Core::Keyspace>>([&](auto cb) { branches.keyspaces(org, m_database, u"dev"_s, this, cb); }),
            "dev keyspaces");
    QCOMPARE(keyspace.size(), 1);
    QCOMPARE(keyspace.first().replicas, 0);
}

void TstWorkflowReplicas::connectorReachesTheReplica()
{
    // The connector mints a replica password; on PlanetScale it would target "@replica", on the sandbox the
    // branch's schema, through a read-only account.
    const App::BranchRef branch { org, m_database, u"main"_s, false };
    App::BranchConnector connector(m_client.get(), branch, m_sandbox->options().caFile);
    std::optional<Core::Result<Sql::ConnectionOptions>> opened;
    connector.open(App::BranchConnector::replicaRole(), 600,
        [&](Core::Result<Sql::ConnectionOptions> o) { opened = std::move(o); });
    QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
    QVERIFY2(opened->ok(), opened->ok() ? "" : qPrintable(opened->error().toString()));
    QVERIFY(connector.password().replica);
    QCOMPARE(connector.password().role, u"reader"_s);
    QCOMPARE(opened->value().database, branchSchema(m_database, u"main"_s));
    auto session = Sql::Connection::open(opened->value());
    QVERIFY(session);
    QVERIFY((*session)->execute("SELECT id FROM orders").ok());
    QVERIFY(!(*session)->execute("DELETE FROM orders").ok());

    // What PlanetScale's connection would be: no sandbox CA, so vtgate's target for the password's kind.
    QCOMPARE(App::BranchConnector::optionsFor(connector.password(), {}, branch).database, u"@replica"_s);
    Core::Password primary = connector.password();
    primary.replica = false;
    QCOMPARE(App::BranchConnector::optionsFor(primary, {}, branch).database, u"@primary"_s);
}

void TstWorkflowReplicas::keyspaceAndVSchema()
{
    Api::BranchesResource branches(m_client.get());
    const auto list
        = ok(await<QList<Core::Keyspace>>([&](auto cb) { branches.keyspaces(org, m_database, u"main"_s, this, cb); }),
            "list keyspaces");
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().name, m_database);
    QVERIFY(!list.first().sharded);
    QCOMPARE(list.first().shards, 1);
    QVERIFY(list.first().isDefault);

    const auto one = ok(
        await<Core::Keyspace>([&](auto cb) { branches.keyspace(org, m_database, u"main"_s, m_database, this, cb); }),
        "get keyspace");
    QCOMPARE(one.name, m_database);
    QCOMPARE(one.id, list.first().id);
    QVERIFY(one.ready);

    const QString raw
        = ok(await<QString>([&](auto cb) { branches.vschema(org, m_database, u"main"_s, m_database, this, cb); }),
            "get vschema");
    QJsonParseError error;
    const QJsonObject vschema = QJsonDocument::fromJson(raw.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(vschema.value(u"sharded"_s), QJsonValue(false));
    const QJsonObject tables = vschema.value(u"tables"_s).toObject();
    QCOMPARE(tables.keys(), QStringList { u"orders"_s }); // the view is not a VSchema table

    // A table created on the branch shows up at once (the sandbox reads the schema live).
    QVERIFY(admin(u"CREATE TABLE `"_s + branchSchema(m_database, u"main"_s) + u"`.items (id INT PRIMARY KEY)"_s));
    const QString again
        = ok(await<QString>([&](auto cb) { branches.vschema(org, m_database, u"main"_s, m_database, this, cb); }),
            "get vschema again");
    QCOMPARE(QJsonDocument::fromJson(again.toUtf8()).object().value(u"tables"_s).toObject().keys(),
        (QStringList { u"items"_s, u"orders"_s }));

    auto missing
        = await<Core::Keyspace>([&](auto cb) { branches.keyspace(org, m_database, u"main"_s, u"other"_s, this, cb); });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().httpStatus, 404);
    auto missingVSchema
        = await<QString>([&](auto cb) { branches.vschema(org, m_database, u"main"_s, u"other"_s, this, cb); });
    QVERIFY(missingVSchema && !missingVSchema->ok());
    QCOMPARE(missingVSchema->error().httpStatus, 404);
}

void TstWorkflowReplicas::schemaViewShowsKeyspaceAndVSchema()
{
    Api::BranchesResource branches(m_client.get());
    const auto main
        = ok(await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"main"_s, this, cb); }), "branch");
    Ui::BranchSchemaView view(m_client.get());
    view.resize(900, 600);
    view.show();
    Ui::KeyspaceBar *bar = view.keyspaceBar();
    QSignalSpy loaded(bar, &Ui::KeyspaceBar::keyspacesLoaded);
    QSignalSpy schema(&view, &Ui::BranchSchemaView::schemaLoaded);
    view.setBranch(org, m_database, main, {});
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20000);
    QCOMPARE(loaded.first().first().toInt(), 1);
    QVERIFY2(bar->text().contains(QString(m_database + u" (unsharded, 1 replica"_s)), qPrintable(bar->text()));
    QTRY_COMPARE_WITH_TIMEOUT(schema.size(), 1, 20000);
    // The first row may be the view (big_orders sorts first): pick the table.
    QVERIFY(view.selectTable(u"orders"_s));
    QVERIFY2(view.ddlText().contains(u"CREATE TABLE `orders`"_s), qPrintable(view.ddlText()));

    auto *button = bar->findChild<QPushButton *>(u"vschemaButton"_s);
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(view.ddlText().contains(QString(u"VSchema of keyspace "_s + m_database)), 20000);
    const QString shown = view.ddlText();
    const QJsonObject vschema = QJsonDocument::fromJson(shown.section(u'\n', 1).toUtf8()).object();
    QCOMPARE(vschema.value(u"sharded"_s), QJsonValue(false));
    QVERIFY(vschema.value(u"tables"_s).toObject().contains(u"orders"_s));
}

QTEST_MAIN(TstWorkflowReplicas)
#include "tst_workflow_replicas.moc"

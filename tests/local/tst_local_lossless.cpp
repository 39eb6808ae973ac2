// Deploy requests never lose a row: every change that would reject, drop or alter existing rows is found when
// the request is made (lint errors naming the table, the constraint and the rows) and refused at Deploy; the
// mirroring trigger never rewrites another row; binary and composite keys copy as bytes; views outlive the
// password that made them; the application's triggers move to the new table; foreign-key tables and
// primary-key changes deploy without loss or are refused with the reason; an open application transaction at
// the cutover makes the cutover wait, never the application.

#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "api/passwordsresource.h"
#include "sandboxfixture.h"
#include "sql/mysqllibrary.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;

class TstLocalLossless : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(startSandbox()); }
    void cleanupTestCase() { stopSandbox(); }
    void duplicatesUnderNewUniqueKeyAreRefused();
    void lossyChangesAreFoundAndRefused_data();
    void lossyChangesAreFoundAndRefused();
    void collidingWriteIsRejectedNotRewritten();
    void binaryAndCompositeKeysCopyAsBytes();
    void viewOutlivesThePasswordThatMadeIt();
    void applicationTriggersMoveToTheNewTable();
    void foreignKeysAndPrimaryKeyChanges();
    void openTransactionAtCutoverNeverBlocksTheApplication();
    void aChunkCopiedWrongIsCaught();

    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    // A database with `mainSql` run on main, a branch `dev` with `branchSql`, and a deploy request.
    // `%main%` and `%dev%` in the statements are the two schemas.
    Core::DeployRequest prepare(
        const QString &db, const QStringList &mainSql, const QStringList &branchSql, bool autoCutover = true);
    QString sql(QString text, const QString &db) const;
    QString leftovers(const QString &schema);
    Core::DeployRequest deployAndWait(const QString &db, qint64 number, const QString &state);

    int m_databases = 0;
};

QString TstLocalLossless::sql(QString text, const QString &db) const
{
    return text.replace(u"%main%"_s, u'`' + branchSchema(db, u"main"_s) + u'`')
        .replace(u"%dev%"_s, u'`' + branchSchema(db, u"dev"_s) + u'`');
}

Core::DeployRequest TstLocalLossless::prepare(
    const QString &db, const QStringList &mainSql, const QStringList &branchSql, bool autoCutover)
{
    createDatabase(db);
    for (const QString &statement : mainSql) {
        if (!admin(sql(statement, db)))
            qFatal("main: %s: %s", qPrintable(statement), qPrintable(m_admin->lastErrorMessage()));
    }
    createBranch(db, u"dev"_s);
    for (const QString &statement : branchSql) {
        if (!admin(sql(statement, db)))
            qFatal("dev: %s: %s", qPrintable(statement), qPrintable(m_admin->lastErrorMessage()));
    }
    Api::DeployRequestsResource drs(m_client.get());
    return ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"dev"_s, u"main"_s, {}, autoCutover, false }, this, cb);
    }),
        "create dr");
}

QString TstLocalLossless::leftovers(const QString &schema)
{
    return scalar(u"SELECT CONCAT((SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s + schema
        + u"' AND TABLE_NAME LIKE '\\_bd\\_%'), '/', (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE"
          u" EVENT_OBJECT_SCHEMA = '"_s
        + schema + u"' AND TRIGGER_NAME LIKE '\\_bd\\_%'))"_s);
}

Core::DeployRequest TstLocalLossless::deployAndWait(const QString &db, qint64 number, const QString &state)
{
    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, number, false, this, cb); }), "deploy");
    return waitForState(db, number, state, 60000);
}

void TstLocalLossless::duplicatesUnderNewUniqueKeyAreRefused()
{
    // 10,000 users, 100 of them share an email with another: UNIQUE(email) would drop 100 rows.
    const QString db = m_prefix + u"-uniq"_s;
    const auto dr = prepare(db,
        { u"CREATE TABLE %main%.users (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(64) NOT NULL)"_s,
            u"INSERT INTO %main%.users (email) SELECT CONCAT('u', seq % 9900, '@x') FROM %main%.seq_1_to_10000"_s },
        { u"ALTER TABLE %dev%.users ADD UNIQUE KEY uk_email (email)"_s });
    const QString main = branchSchema(db, u"main"_s);

    // Shown on the request before anyone presses Deploy: lint errors, not deployable.
    QCOMPARE(dr.deploymentStateName, u"error"_s);
    QVERIFY(dr.deployment);
    QVERIFY(!dr.deployment->deployable);
    QCOMPARE(dr.deployment->lintErrors.size(), 1);
    const Core::LintError &lint = dr.deployment->lintErrors.constFirst();
    QCOMPARE(lint.lintError, u"UNIQUE_KEY_DUPLICATES"_s);
    QCOMPARE(lint.tableName, u"users"_s);
    QVERIFY2(lint.errorDescription.contains(u"uk_email"_s) && lint.errorDescription.contains(u"100 rows"_s),
        qPrintable(lint.errorDescription));

    // Deploy is refused with the same message; nothing ran.
    Api::DeployRequestsResource drs(m_client.get());
    auto refused = await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);
    QVERIFY2(refused->error().message.contains(u"users"_s) && refused->error().message.contains(u"uk_email"_s)
            && refused->error().message.contains(u"100 rows"_s),
        qPrintable(refused->error().message));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.users"_s), u"10000"_s);
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + main + u"`.users"_s).contains(u"uk_email"_s));
    QCOMPARE(leftovers(main), u"0/0"_s);

    // The owner fixes the data; the same request deploys, every row kept.
    QVERIFY(admin(u"UPDATE `"_s + main + u"`.users SET email = CONCAT('user', id, '@x')"_s));
    const auto deployed = deployAndWait(db, dr.number, u"complete_pending_revert"_s);
    QCOMPARE(deployed.deploymentStateName, u"complete_pending_revert"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.users"_s), u"10000"_s);
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.users"_s).contains(u"UNIQUE KEY `uk_email`"_s));
    QVERIFY(deployed.deployment && deployed.deployment->lintErrors.isEmpty());
}

void TstLocalLossless::lossyChangesAreFoundAndRefused_data()
{
    QTest::addColumn<QString>("create");
    QTest::addColumn<QString>("fill");
    QTest::addColumn<QString>("alter");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("probe"); // a value that must be intact afterwards

    const QString table = u"CREATE TABLE %main%.t (id INT PRIMARY KEY, "_s;
    const QString rows = u" FROM %main%.seq_1_to_5000"_s;
    QTest::newRow("varchar narrowed") << table + u"v VARCHAR(40))"_s
                                      << u"INSERT INTO %main%.t SELECT seq, CONCAT('value-', seq)"_s + rows
                                      << u"ALTER TABLE %dev%.t MODIFY v VARCHAR(5)"_s << u"VALUES_WOULD_CHANGE"_s
                                      << 5000 << u"SELECT v FROM %main%.t WHERE id = 4321|value-4321"_s;
    QTest::newRow("not null over nulls") << table + u"v INT NULL)"_s
                                         << u"INSERT INTO %main%.t SELECT seq, IF(seq % 50 = 0, NULL, seq)"_s + rows
                                         << u"ALTER TABLE %dev%.t MODIFY v INT NOT NULL"_s << u"NOT_NULL_VIOLATED"_s
                                         << 100 << u"SELECT COUNT(*) FROM %main%.t WHERE v IS NULL|100"_s;
    QTest::newRow("int narrowed") << table + u"v INT)"_s << u"INSERT INTO %main%.t SELECT seq, seq * 10"_s + rows
                                  << u"ALTER TABLE %dev%.t MODIFY v SMALLINT"_s << u"VALUES_WOULD_CHANGE"_s << 1724
                                  << u"SELECT MAX(v) FROM %main%.t|50000"_s;
    QTest::newRow("decimal scale") << table + u"v DECIMAL(10,3))"_s
                                   << u"INSERT INTO %main%.t SELECT seq, seq / 8"_s + rows
                                   << u"ALTER TABLE %dev%.t MODIFY v DECIMAL(10,1)"_s << u"VALUES_WOULD_CHANGE"_s
                                   << 3750 << u"SELECT v FROM %main%.t WHERE id = 3|0.375"_s;
    QTest::newRow("enum member removed")
        << table + u"v ENUM('red','green','blue'))"_s
        << u"INSERT INTO %main%.t SELECT seq, ELT(1 + seq % 3, 'red', 'green', 'blue')"_s + rows
        << u"ALTER TABLE %dev%.t MODIFY v ENUM('red','green')"_s << u"ENUM_VALUE_REMOVED"_s << 1667
        << u"SELECT COUNT(*) FROM %main%.t WHERE v = 'blue'|1667"_s;
    QTest::newRow("charset loses characters")
        << table + u"v VARCHAR(20) CHARACTER SET utf8mb4)"_s
        << u"INSERT INTO %main%.t SELECT seq, IF(seq <= 7, CONCAT('smile ', _utf8mb4 X'F09F9880'), 'plain')"_s + rows
        << u"ALTER TABLE %dev%.t MODIFY v VARCHAR(20) CHARACTER SET latin1"_s << u"CHARSET_LOSES_CHARACTERS"_s << 7
        << u"SELECT HEX(v) FROM %main%.t WHERE id = 1|736D696C6520F09F9880"_s;
    QTest::newRow("check violated") << table + u"v INT)"_s
                                    << u"INSERT INTO %main%.t SELECT seq, CAST(seq AS SIGNED) - 10"_s + rows
                                    << u"ALTER TABLE %dev%.t ADD CONSTRAINT positive CHECK (v > 0)"_s
                                    << u"CHECK_CONSTRAINT_VIOLATED"_s << 10
                                    << u"SELECT COUNT(*) FROM %main%.t WHERE v <= 0|10"_s;
    QTest::newRow("unique key over duplicates with a new primary key")
        << table + u"k INT NOT NULL)"_s << u"INSERT INTO %main%.t SELECT seq, seq DIV 2"_s + rows
        << u"ALTER TABLE %dev%.t DROP PRIMARY KEY, ADD PRIMARY KEY (k, id), ADD UNIQUE KEY only_k (k)"_s
        << u"UNIQUE_KEY_DUPLICATES"_s << 2499 << u"SELECT COUNT(*) FROM %main%.t|5000"_s;
}

void TstLocalLossless::lossyChangesAreFoundAndRefused()
{
    QFETCH(QString, create);
    QFETCH(QString, fill);
    QFETCH(QString, alter);
    QFETCH(QString, code);
    QFETCH(int, rows);
    QFETCH(QString, probe);
    const QString db = m_prefix + u"-lossy"_s + QString::number(++m_databases);
    const auto dr = prepare(db, { create, fill }, { alter });
    const QString main = branchSchema(db, u"main"_s);
    QCOMPARE(dr.deploymentStateName, u"error"_s);
    QVERIFY(dr.deployment && !dr.deployment->deployable);
    bool found = false;
    for (const Core::LintError &lint : dr.deployment->lintErrors) {
        if (lint.lintError != code)
            continue;
        found = true;
        QCOMPARE(lint.tableName, u"t"_s);
        QVERIFY2(lint.errorDescription.contains(QString::number(rows) + u" rows"_s), qPrintable(lint.errorDescription));
    }
    QVERIFY2(found, qPrintable(dr.deployment->deployCheckErrors));

    Api::DeployRequestsResource drs(m_client.get());
    auto refused = await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);
    QVERIFY2(
        refused->error().message.contains(QString::number(rows) + u" rows"_s), qPrintable(refused->error().message));
    // Nothing changed: the table, its rows and their values.
    const QStringList check = probe.split(u'|');
    QCOMPARE(scalar(sql(check[0], db)), check[1]);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.t"_s), u"5000"_s);
    QCOMPARE(leftovers(main), u"0/0"_s);
}

void TstLocalLossless::collidingWriteIsRejectedNotRewritten()
{
    // A gated deploy adds UNIQUE(email) over clean data; while it waits for the cutover the application
    // writes a duplicate. Lossless: that write is refused; no other row (and no key) changes.
    const QString db = m_prefix + u"-collide"_s;
    const auto dr = prepare(db,
        { u"CREATE TABLE %main%.users (id INT PRIMARY KEY, email VARCHAR(64) NOT NULL, n INT NOT NULL DEFAULT 0)"_s,
            u"INSERT INTO %main%.users (id, email) SELECT seq, CONCAT('u', seq) FROM %main%.seq_1_to_2000"_s },
        { u"ALTER TABLE %dev%.users ADD UNIQUE KEY uk_email (email)"_s }, false);
    QCOMPARE(dr.deploymentStateName, u"ready"_s);
    const QString main = branchSchema(db, u"main"_s);
    QCOMPARE(deployAndWait(db, dr.number, u"pending_cutover"_s).deploymentStateName, u"pending_cutover"_s);

    QVERIFY(!admin(u"INSERT INTO `"_s + main + u"`.users (id, email) VALUES (5000, 'u7')"_s));
    QVERIFY(!admin(u"UPDATE `"_s + main + u"`.users SET email = 'u8' WHERE id = 9"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.users (id, email) VALUES (5001, 'fresh')"_s));
    QVERIFY(admin(u"UPDATE `"_s + main + u"`.users SET n = 1 WHERE id = 7"_s));
    QVERIFY(admin(u"UPDATE `"_s + main + u"`.users SET id = 6000 WHERE id = 10"_s));

    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.applyDeploy(org, db, dr.number, this, cb); }), "apply");
    QCOMPARE(waitForState(db, dr.number, u"complete_pending_revert"_s, 60000).deploymentStateName,
        u"complete_pending_revert"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.users"_s), u"2001"_s);
    QCOMPARE(scalar(u"SELECT email FROM `"_s + main + u"`.users WHERE id = 7"_s), u"u7"_s);
    QCOMPARE(scalar(u"SELECT n FROM `"_s + main + u"`.users WHERE id = 7"_s), u"1"_s);
    QCOMPARE(scalar(u"SELECT email FROM `"_s + main + u"`.users WHERE id = 8"_s), u"u8"_s);
    QCOMPARE(scalar(u"SELECT email FROM `"_s + main + u"`.users WHERE id = 9"_s), u"u9"_s);
    QCOMPARE(scalar(u"SELECT email FROM `"_s + main + u"`.users WHERE id = 6000"_s), u"u10"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.users WHERE id = 10"_s), u"0"_s);
    QCOMPARE(scalar(u"SELECT email FROM `"_s + main + u"`.users WHERE id = 5001"_s), u"fresh"_s);
    QCOMPARE(leftovers(main), u"1/0"_s); // the archive that makes a revert possible
}

void TstLocalLossless::binaryAndCompositeKeysCopyAsBytes()
{
    // Keys whose bytes are not UTF-8 (and a composite key mixing them with text) chunk by their bytes: the
    // copy ends, every row arrives intact. The fixture copies 500 rows per chunk.
    const QString db = m_prefix + u"-bytes"_s;
    const auto dr = prepare(db,
        { u"CREATE TABLE %main%.blobs (k VARBINARY(16) PRIMARY KEY, v INT NOT NULL)"_s,
            u"INSERT INTO %main%.blobs SELECT UNHEX(CONCAT(LPAD(HEX(seq * 7919 % 65536), 4, '0'), 'FF80C0')), seq"
            u" FROM %main%.seq_1_to_3000"_s,
            u"CREATE TABLE %main%.pairs (a INT NOT NULL, b VARBINARY(8) NOT NULL, c VARCHAR(8) NOT NULL,"
            u" v INT NOT NULL, PRIMARY KEY (a, b, c))"_s,
            u"INSERT INTO %main%.pairs SELECT seq % 7, UNHEX(LPAD(HEX(seq * 31 % 251), 2, '0')), CONCAT('ü', seq % 5),"
            u" seq FROM %main%.seq_1_to_3000"_s },
        { u"ALTER TABLE %dev%.blobs ADD COLUMN extra INT NULL"_s, u"ALTER TABLE %dev%.pairs ADD INDEX (v)"_s });
    QCOMPARE(dr.deploymentStateName, u"ready"_s);
    const QString main = branchSchema(db, u"main"_s);
    const QString before
        = scalar(u"SELECT CONCAT(COUNT(*), ':', BIT_XOR(CRC32(CONCAT(HEX(k), v)))) FROM `"_s + main + u"`.blobs"_s);
    const QString pairsBefore = scalar(
        u"SELECT CONCAT(COUNT(*), ':', BIT_XOR(CRC32(CONCAT(a, HEX(b), c, v)))) FROM `"_s + main + u"`.pairs"_s);
    QCOMPARE(
        deployAndWait(db, dr.number, u"complete_pending_revert"_s).deploymentStateName, u"complete_pending_revert"_s);
    QCOMPARE(scalar(u"SELECT CONCAT(COUNT(*), ':', BIT_XOR(CRC32(CONCAT(HEX(k), v)))) FROM `"_s + main + u"`.blobs"_s),
        before);
    QCOMPARE(
        scalar(u"SELECT CONCAT(COUNT(*), ':', BIT_XOR(CRC32(CONCAT(a, HEX(b), c, v)))) FROM `"_s + main + u"`.pairs"_s),
        pairsBefore);
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.blobs"_s).contains(u"`extra`"_s));
}

void TstLocalLossless::viewOutlivesThePasswordThatMadeIt()
{
    // A view made on the branch by a password's account is deployed without that account as its definer: it
    // keeps working after the password is deleted.
    const QString db = m_prefix + u"-view"_s;
    createDatabase(db);
    const QString main = branchSchema(db, u"main"_s);
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.t (id INT PRIMARY KEY, v INT)"_s));
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.t VALUES (1, 10), (2, 20)"_s));
    Api::BranchesResource branches(m_client.get());
    createBranch(db, u"dev"_s);
    Api::PasswordsResource passwords(m_client.get());
    const auto pw = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, u"dev"_s, Api::CreatePasswordOptions { u"maker"_s, u"admin"_s, {}, false }, this, cb);
    }),
        "password");
    {
        auto c = Sql::Connection::open(passwordConnection(pw, db, u"dev"_s));
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toString()));
        QVERIFY((*c)->execute("CREATE VIEW doubled AS SELECT id, v * 2 AS w FROM t").ok());
    }
    QVERIFY(scalar(u"SHOW CREATE VIEW `"_s + branchSchema(db, u"dev"_s) + u"`.doubled"_s).contains(pw.username));
    Api::DeployRequestsResource drs(m_client.get());
    const auto dr = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"dev"_s, u"main"_s, {}, true, false }, this, cb);
    }),
        "dr");
    QCOMPARE(dr.deploymentStateName, u"ready"_s);
    QCOMPARE(
        deployAndWait(db, dr.number, u"complete_pending_revert"_s).deploymentStateName, u"complete_pending_revert"_s);
    const QString created = scalar(u"SHOW CREATE VIEW `"_s + main + u"`.doubled"_s);
    QVERIFY2(!created.contains(pw.username) && created.contains(u"SQL SECURITY INVOKER"_s), qPrintable(created));

    ok(await<Api::NoContent>([&](auto cb) { passwords.remove(org, db, u"dev"_s, pw.id, this, cb); }), "delete");
    QVERIFY(scalar(u"SELECT COUNT(*) FROM mysql.user WHERE User = '"_s + pw.username + u'\'') == u"0"_s);
    QCOMPARE(scalar(u"SELECT SUM(w) FROM `"_s + main + u"`.doubled"_s), u"60"_s);
    // And the branch's view, with the password's definer still in its text, is no difference.
    const auto diff
        = ok(await<QList<Core::TableDdl>>([&](auto cb) { branches.diff(org, db, u"dev"_s, this, cb); }), "diff");
    QVERIFY(diff.isEmpty());
}

void TstLocalLossless::applicationTriggersMoveToTheNewTable()
{
    const QString db = m_prefix + u"-trg"_s;
    const auto dr = prepare(db,
        { u"CREATE TABLE %main%.orders (id INT AUTO_INCREMENT PRIMARY KEY, total INT NOT NULL)"_s,
            u"CREATE TABLE %main%.audit (order_id INT, what VARCHAR(8))"_s,
            u"CREATE TRIGGER %main%.orders_ai AFTER INSERT ON %main%.orders FOR EACH ROW INSERT INTO audit VALUES"
            u" (NEW.id, 'insert')"_s,
            u"CREATE TRIGGER %main%.orders_bu BEFORE UPDATE ON %main%.orders FOR EACH ROW SET NEW.total ="
            u" GREATEST(NEW.total, 0)"_s,
            u"INSERT INTO %main%.orders (total) SELECT seq FROM %main%.seq_1_to_1000"_s },
        { u"ALTER TABLE %dev%.orders ADD COLUMN note VARCHAR(20) NULL"_s });
    const QString main = branchSchema(db, u"main"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.audit"_s), u"1000"_s);
    QCOMPARE(
        deployAndWait(db, dr.number, u"complete_pending_revert"_s).deploymentStateName, u"complete_pending_revert"_s);
    const QString onOrders = u"SELECT GROUP_CONCAT(TRIGGER_NAME ORDER BY TRIGGER_NAME) FROM information_schema.TRIGGERS"
                             u" WHERE EVENT_OBJECT_SCHEMA = '"_s
        + main + u"' AND EVENT_OBJECT_TABLE = 'orders'"_s;
    QCOMPARE(scalar(onOrders), u"orders_ai,orders_bu"_s);
    // They fire once per write, on the new table.
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.orders (total, note) VALUES (5, 'new')"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.audit"_s), u"1001"_s);
    QVERIFY(admin(u"UPDATE `"_s + main + u"`.orders SET total = -3 WHERE id = 1"_s));
    QCOMPARE(scalar(u"SELECT total FROM `"_s + main + u"`.orders WHERE id = 1"_s), u"0"_s);

    // A revert carries them back too.
    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.revert(org, db, dr.number, this, cb); }), "revert");
    QCOMPARE(waitForState(db, dr.number, u"complete_revert"_s, 60000).deploymentStateName, u"complete_revert"_s);
    QCOMPARE(scalar(onOrders), u"orders_ai,orders_bu"_s);
    QVERIFY(admin(u"INSERT INTO `"_s + main + u"`.orders (total) VALUES (6)"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.audit"_s), u"1002"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.orders"_s), u"1002"_s);
    QCOMPARE(leftovers(main), u"0/0"_s);
}

void TstLocalLossless::foreignKeysAndPrimaryKeyChanges()
{
    const QString db = m_prefix + u"-fk"_s;
    // child: altered losslessly, its foreign key keeps its name and its cascade; parent: refused (other tables
    // reference it); a self-reference: refused; a new primary key over the old one's columns: deployed.
    const auto dr = prepare(db,
        { u"CREATE TABLE %main%.parents (id INT PRIMARY KEY, name VARCHAR(20))"_s,
            u"CREATE TABLE %main%.children (id INT PRIMARY KEY, parent_id INT NOT NULL, tenant INT NOT NULL DEFAULT 1,"
            u" CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parents (id) ON DELETE CASCADE)"_s,
            u"INSERT INTO %main%.parents SELECT seq, CONCAT('p', seq) FROM %main%.seq_1_to_100"_s,
            u"INSERT INTO %main%.children (id, parent_id) SELECT seq, 1 + seq % 100 FROM %main%.seq_1_to_2000"_s },
        { u"ALTER TABLE %dev%.children ADD COLUMN note VARCHAR(10) NULL, DROP PRIMARY KEY, ADD PRIMARY KEY (id, tenant)"_s });
    QCOMPARE(dr.deploymentStateName, u"ready"_s);
    const QString main = branchSchema(db, u"main"_s);
    QCOMPARE(
        deployAndWait(db, dr.number, u"complete_pending_revert"_s).deploymentStateName, u"complete_pending_revert"_s);
    const QString children = scalar(u"SHOW CREATE TABLE `"_s + main + u"`.children"_s);
    QVERIFY2(children.contains(u"CONSTRAINT `fk_parent` FOREIGN KEY"_s) && children.contains(u"ON DELETE CASCADE"_s)
            && children.contains(u"PRIMARY KEY (`id`,`tenant`)"_s) && !children.contains(u"_bd_"_s),
        qPrintable(children));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.children"_s), u"2000"_s);
    QVERIFY(admin(u"DELETE FROM `"_s + main + u"`.parents WHERE id = 5"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.children"_s), u"1980"_s);
    QVERIFY(!admin(u"INSERT INTO `"_s + main + u"`.children (id, parent_id) VALUES (9999, 5)"_s));
    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.skipRevert(org, db, dr.number, this, cb); }), "skip");

    // The parent: refused before anything runs, saying why.
    createBranch(db, u"parent"_s);
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"parent"_s) + u"`.parents ADD COLUMN born DATE NULL"_s));
    const auto parent = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"parent"_s, u"main"_s, {}, true, false }, this, cb);
    }),
        "parent dr");
    QCOMPARE(parent.deploymentStateName, u"error"_s);
    QVERIFY(parent.deployment && parent.deployment->lintErrors.size() == 1);
    QCOMPARE(parent.deployment->lintErrors.constFirst().lintError, u"UNSUPPORTED_CHANGE"_s);
    QVERIFY2(parent.deployment->lintErrors.constFirst().errorDescription.contains(u"referenced by foreign keys"_s),
        qPrintable(parent.deployment->lintErrors.constFirst().errorDescription));
    auto refused = await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, parent.number, false, this, cb); });
    QVERIFY(refused && !refused->ok() && refused->error().httpStatus == 422);
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + main + u"`.parents"_s).contains(u"born"_s));

    // A table without a primary key, and one whose key column goes: refused with the reason.
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.loose (v INT)"_s));
    QVERIFY(admin(u"CREATE TABLE `"_s + main + u"`.keyed (id INT PRIMARY KEY, k2 INT NOT NULL)"_s));
    createBranch(db, u"shapes"_s);
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"shapes"_s) + u"`.loose ADD COLUMN w INT"_s));
    QVERIFY(admin(u"ALTER TABLE `"_s + branchSchema(db, u"shapes"_s)
        + u"`.keyed DROP PRIMARY KEY, DROP COLUMN id, ADD PRIMARY KEY (k2)"_s));
    const auto shapes = ok(await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"shapes"_s, u"main"_s, {}, true, false }, this, cb);
    }),
        "shapes dr");
    QCOMPARE(shapes.deploymentStateName, u"error"_s);
    const QString why = shapes.deployment ? shapes.deployment->deployCheckErrors : QString();
    QVERIFY2(
        why.contains(u"loose: it has no primary key"_s) && why.contains(u"primary key column id"_s), qPrintable(why));
    // Skip-revert answers at once (state complete); the worker drops the archive on its next round, which
    // under load may come after the checks above.
    QTRY_COMPARE_WITH_TIMEOUT(leftovers(main), u"0/0"_s, 30000);
}

void TstLocalLossless::openTransactionAtCutoverNeverBlocksTheApplication()
{
    // An application transaction holds the table across the cutover: the swap never waits for its lock
    // (so nothing queues behind the swap), it tries again until the transaction ends.
    const QString db = m_prefix + u"-lock"_s;
    const auto dr = prepare(db,
        { u"CREATE TABLE %main%.t (id INT AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL)"_s,
            u"INSERT INTO %main%.t (v) SELECT seq FROM %main%.seq_1_to_2000"_s },
        { u"ALTER TABLE %dev%.t ADD COLUMN w INT NULL, ADD INDEX (v)"_s }, false);
    const QString main = branchSchema(db, u"main"_s);
    QCOMPARE(deployAndWait(db, dr.number, u"pending_cutover"_s).deploymentStateName, u"pending_cutover"_s);

    auto holder = Sql::Connection::open(m_options.admin);
    QVERIFY(holder.ok());
    QVERIFY((*holder)->execute("START TRANSACTION").ok());
    QVERIFY((*holder)->execute("UPDATE `" + main.toUtf8() + "`.t SET v = v + 1 WHERE id = 1").ok());

    std::atomic<bool> stop { false };
    std::atomic<qint64> worstMs { 0 };
    std::atomic<int> writes { 0 };
    std::atomic<int> failures { 0 };
    std::thread app([&] {
        Sql::MysqlLibrary::threadStarted();
        auto c = Sql::Connection::open(m_options.admin);
        while (c && !stop.load()) {
            QElapsedTimer timer;
            timer.start();
            const bool wrote = (*c)->execute("INSERT INTO `" + main.toUtf8() + "`.t (v) VALUES (7)").ok()
                && (*c)->query("SELECT COUNT(*) FROM `" + main.toUtf8() + "`.t WHERE id = 2").ok();
            worstMs = qMax(worstMs.load(), timer.elapsed());
            wrote ? ++writes : ++failures;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        c = Core::Error {};
        Sql::MysqlLibrary::threadFinished();
    });
    auto joinApp = qScopeGuard([&] {
        stop = true;
        app.join();
    });

    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.applyDeploy(org, db, dr.number, this, cb); }), "apply");
    spin(3000);
    // Still waiting: the transaction holds the table; the application went on meanwhile.
    const auto waiting = ok(await<Core::DeployRequest>([&](auto cb) { drs.get(org, db, dr.number, this, cb); }), "get");
    QCOMPARE(waiting.deploymentStateName, u"in_progress_cutover"_s);
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`w`"_s));
    QVERIFY(writes.load() > 50);

    QVERIFY((*holder)->execute("COMMIT").ok());
    QCOMPARE(waitForState(db, dr.number, u"complete_pending_revert"_s, 30000).deploymentStateName,
        u"complete_pending_revert"_s);
    spin(300);
    stop = true;
    joinApp.dismiss();
    app.join();
    QCOMPARE(failures.load(), 0);
    QVERIFY2(worstMs.load() < 1000, qPrintable(QString::number(worstMs.load())));
    qInfo("application statements: %d, the slowest took %lld ms", writes.load(), qint64(worstMs.load()));
    QVERIFY(scalar(u"SHOW CREATE TABLE `"_s + main + u"`.t"_s).contains(u"`w`"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.t"_s), QString::number(2000 + writes.load()));
    QCOMPARE(scalar(u"SELECT v FROM `"_s + main + u"`.t WHERE id = 1"_s), u"2"_s);
}

void TstLocalLossless::aChunkCopiedWrongIsCaught()
{
    // The shadow is changed behind the triggers' back right after the first chunk committed: that chunk's
    // check (on its own session, beside the next chunk's copy) finds it, the deployment ends in complete_error
    // naming the table, nothing is swapped and nothing is left behind.
    QVERIFY(holdTheCopier()); // this process's worker copies, so the failpoint below is the one that counts
    auto release = qScopeGuard([&] { stopAskingForTheCopier(); });
    const QString db = m_prefix + u"-check"_s;
    const auto dr = prepare(db,
        { u"CREATE TABLE %main%.k (id INT AUTO_INCREMENT PRIMARY KEY, a INT NOT NULL)"_s,
            u"INSERT INTO %main%.k (a) SELECT seq FROM %main%.seq_1_to_3000"_s },
        { u"ALTER TABLE %dev%.k ADD COLUMN b INT NOT NULL DEFAULT 1"_s });
    const QString main = branchSchema(db, u"main"_s);
    qputenv("BRANCHDECK_FAILPOINT", "copy_chunk_committed=sleep:1500");
    auto unset = qScopeGuard([] { qunsetenv("BRANCHDECK_FAILPOINT"); });
    Api::DeployRequestsResource drs(m_client.get());
    ok(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, dr.number, false, this, cb); }), "deploy");

    QString shadow;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 60000) {
        shadow = scalar(u"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s + main
            + u"' AND TABLE_NAME LIKE '\\_bd\\_%\\_n'"_s);
        if (!shadow.isEmpty()
            && scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.`"_s + shadow + u"` WHERE id = 1"_s) == u"1"_s)
            break;
        spin(10);
    }
    QVERIFY2(!shadow.isEmpty(), "the first chunk was not copied");
    QVERIFY(admin(u"UPDATE `"_s + main + u"`.`"_s + shadow + u"` SET a = a + 1 WHERE id = 1"_s));

    const auto ended = waitForState(db, dr.number, u"complete_error"_s, 60000);
    QCOMPARE(ended.deploymentStateName, u"complete_error"_s);
    QVERIFY(ended.deployment);
    QVERIFY2(ended.deployment->deployCheckErrors.contains(u"Table k: the copy of a chunk differs"_s),
        qPrintable(ended.deployment->deployCheckErrors));
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + main + u"`.k"_s).contains(u"`b`"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + main + u"`.k WHERE a = id"_s), u"3000"_s);
    QCOMPARE(leftovers(main), u"0/0"_s);
}

QTEST_GUILESS_MAIN(TstLocalLossless)
#include "tst_local_lossless.moc"

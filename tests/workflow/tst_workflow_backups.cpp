// Backups and data branching end to end (issue 18, area 5): backups taken by the sandbox in one consistent
// snapshot, restored into new branches (backup_id and seed_data), protected and deleted, through the real
// client over HTTP against the fixture's TLS MariaDB; every answer checked against the OpenAPI document.

#include "api/backupsresource.h"
#include "api/branchesresource.h"
#include "local/deployqueue.h"
#include "sandboxfixture.h"
#include "screenshot.h"
#include "ui/branches/backuplistmodel.h"
#include "ui/branches/backupsview.h"
#include "ui/branches/branchschemaview.h"
#include "ui/branches/newbranchdialog.h"
#include "ui/common/statusline.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

class TstWorkflowBackups : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { stopSandbox(); }
    void backupThenRestoreIntoNewBranch();
    void seedDataTakesTheLatestBackup();
    void refusals();
    void protectAndDelete();
    void failedRestoreIsReportedNotReady();
    void expiredBackupsAreRemoved();
    void interruptedBackupEndsFailed();
    void restartMidBackupEndsFailed();
    void newBranchDialogSeedsFromLatestBackup();
    void backupsViewCreatesAndRestores();
    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    Core::Backup waitForBackup(const QString &id, const QString &state);
    Core::Backup takeBackup(const QString &name);
    // Polls the branch until it is ready or its restore failed (restoreError).
    Core::Branch waitForBranch(const QString &name);
    Core::Branch restoreInto(const QString &name, const Api::CreateBranchOptions &options);
    // count:checksum of every table of a branch, in name order.
    QString fingerprint(const QString &branch);
    bool schemaExists(const QString &schema);

    QString m_database;
    QString m_backupId;
    QString m_atBackup; // main's fingerprint when the backup was taken
    QString m_afterChanges;
};

void TstWorkflowBackups::initTestCase()
{
    QVERIFY(startSandbox());
    // Tests share the server, and one worker per server copies every sandbox's backups: this process's worker
    // takes them all, so another test's sandbox never takes one without this process's failpoints, nor cuts one
    // off when it restarts (or its account goes).
    QVERIFY(holdTheCopier());
    m_database = m_prefix + u"-bk"_s;
    createDatabase(m_database);
    const QString main = u'`' + branchSchema(m_database, u"main"_s) + u'`';
    QVERIFY(admin(u"CREATE TABLE "_s + main
        + u".orders (id INT PRIMARY KEY, total INT NOT NULL, note VARCHAR(40) NULL, tag VARBINARY(8) NULL,"
          u" doubled INT AS (total * 2) VIRTUAL) ENGINE=InnoDB"_s));
    // 1,200 rows: more than one chunk of the copy. Binary tags with a zero byte, NULLs, non-ASCII text.
    QVERIFY(admin(u"INSERT INTO "_s + main
        + u".orders (id, total, note, tag) SELECT seq, seq * 3, IF(seq % 7 = 0, NULL, CONCAT('n\u00e9-', seq)),"
          u" IF(seq % 5 = 0, NULL, UNHEX(CONCAT('00FF', LPAD(HEX(seq), 4, '0')))) FROM "_s
        + main + u".seq_1_to_1200"_s)); // the Sequence engine, qualified: the admin session has no schema
    QVERIFY(admin(u"CREATE TABLE "_s + main + u".notes (body TEXT) ENGINE=InnoDB"_s)); // no primary key
    QVERIFY(admin(u"INSERT INTO "_s + main + u".notes VALUES ('a'), ('b'), ('a')"_s));
    QVERIFY(
        admin(u"CREATE VIEW "_s + main + u".big_orders AS SELECT id FROM "_s + main + u".orders WHERE total > 3000"_s));
    QVERIFY(admin(u"CREATE TRIGGER "_s + main + u".orders_note BEFORE INSERT ON "_s + main
        + u".orders FOR EACH ROW SET NEW.note = COALESCE(NEW.note, 'from trigger')"_s));
}

Core::Backup TstWorkflowBackups::waitForBackup(const QString &id, const QString &state)
{
    Api::BackupsResource backups(m_client.get());
    Core::Backup last;
    for (int i = 0; i < 300; ++i) {
        last = ok(
            await<Core::Backup>([&](auto cb) { backups.get(org, m_database, u"main"_s, id, this, cb); }), "get backup");
        if (last.state == state || last.state == u"failed"_s || last.state == u"success"_s)
            break;
        spin(100);
    }
    return last;
}

Core::Backup TstWorkflowBackups::takeBackup(const QString &name)
{
    Api::BackupsResource backups(m_client.get());
    const auto created = ok(await<Core::Backup>([&](auto cb) {
        backups.create(org, m_database, u"main"_s, Api::CreateBackupOptions { name, u"day"_s, 2 }, this, cb);
    }),
        "create backup");
    if (created.state != u"pending"_s)
        qFatal("a new backup is pending, not %s", qPrintable(created.state));
    return waitForBackup(created.id, u"success"_s);
}

Core::Branch TstWorkflowBackups::waitForBranch(const QString &name)
{
    Api::BranchesResource branches(m_client.get());
    Core::Branch last;
    for (int i = 0; i < 300; ++i) {
        last = ok(await<Core::Branch>([&](auto cb) { branches.get(org, m_database, name, this, cb); }), "get branch");
        if (last.ready || !last.restoreError.isEmpty())
            break;
        spin(100);
    }
    return last;
}

Core::Branch TstWorkflowBackups::restoreInto(const QString &name, const Api::CreateBranchOptions &from)
{
    Api::BranchesResource branches(m_client.get());
    Api::CreateBranchOptions options = from;
    options.name = name;
    const auto created
        = ok(await<Core::Branch>([&](auto cb) { branches.create(org, m_database, options, this, cb); }), "restore");
    // The API answers at once: the worker fills the branch afterwards, and until then it is not ready.
    if (created.ready || created.state != u"pending"_s)
        qFatal("a branch restored from a backup starts not ready, not %s", qPrintable(created.state));
    return waitForBranch(name);
}

QString TstWorkflowBackups::fingerprint(const QString &branch)
{
    const QString schema = branchSchema(m_database, branch);
    QStringList parts;
    for (const QString &table : { u"notes"_s, u"orders"_s }) {
        const QString name = u'`' + schema + u"`.`"_s + table + u'`';
        parts << table + u':' + scalar(u"SELECT COUNT(*) FROM "_s + name) + u':'
                + scalar(u"SELECT COALESCE(SUM(CRC32(CONCAT_WS('|', "_s
                    + (table == u"orders"_s ? u"id, total, COALESCE(note, '~'), COALESCE(HEX(tag), '~'), doubled"_s
                                            : u"body"_s)
                    + u"))), 0) FROM "_s + name);
    }
    return parts.join(u' ');
}

bool TstWorkflowBackups::schemaExists(const QString &schema)
{
    return scalar(u"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"_s + schema + u"'"_s)
        == u"1"_s;
}

void TstWorkflowBackups::backupThenRestoreIntoNewBranch()
{
    m_atBackup = fingerprint(u"main"_s);
    const Core::Backup backup = takeBackup(u"before-changes"_s);
    QCOMPARE(backup.state, u"success"_s);
    QVERIFY(backup.size > 0);
    QVERIFY(backup.uncompressedSize > 0);
    QVERIFY(backup.completedAt.isValid() && backup.startedAt.isValid());
    QVERIFY(backup.expiresAt > backup.completedAt.addDays(1)); // two days' retention
    QCOMPARE(backup.name, u"before-changes"_s);
    QCOMPARE(backup.branchName, u"main"_s);
    m_backupId = backup.id;
    QVERIFY(schemaExists(u"branchdeck_backup_"_s + backup.id));

    Api::BackupsResource backups(m_client.get());
    const auto listed
        = ok(await<QList<Core::Backup>>([&](auto cb) { backups.list(org, m_database, u"main"_s, this, cb); }), "list");
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().id, backup.id);
    const auto running = ok(
        await<QList<Core::Backup>>([&](auto cb) { backups.list(org, m_database, u"main"_s, this, cb, u"running"_s); }),
        "list running");
    QVERIFY(running.isEmpty());

    // The branch moves on after the backup.
    const QString main = u'`' + branchSchema(m_database, u"main"_s) + u'`';
    QVERIFY(admin(u"DELETE FROM "_s + main + u".orders WHERE id <= 10"_s));
    QVERIFY(admin(u"UPDATE "_s + main + u".orders SET total = total + 1 WHERE id % 100 = 0"_s));
    QVERIFY(admin(u"INSERT INTO "_s + main + u".orders (id, total) VALUES (5000, 1)"_s));
    QVERIFY(admin(u"DELETE FROM "_s + main + u".notes WHERE body = 'b'"_s));
    m_afterChanges = fingerprint(u"main"_s);
    QVERIFY(m_afterChanges != m_atBackup);

    Api::BranchesResource branches(m_client.get());
    Api::CreateBranchOptions options;
    options.backupId = backup.id;
    const Core::Branch restored = restoreInto(u"restored"_s, options);
    QVERIFY2(restored.ready, qPrintable(restored.restoreError));
    QCOMPARE(restored.state, u"ready"_s);
    QCOMPARE(restored.name, u"restored"_s);
    QCOMPARE(restored.parentBranch, u"main"_s);
    // The backup's rows, not the later ones; the source untouched.
    QCOMPARE(fingerprint(u"restored"_s), m_atBackup);
    QCOMPARE(fingerprint(u"main"_s), m_afterChanges);
    const QString copy = u'`' + branchSchema(m_database, u"restored"_s) + u'`';
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM "_s + copy + u".big_orders"_s), u"200"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '"_s
                 + branchSchema(m_database, u"restored"_s) + u"'"_s),
        u"1"_s);
    QVERIFY(admin(u"INSERT INTO "_s + copy + u".orders (id, total) VALUES (9000, 1)"_s));
    QCOMPARE(scalar(u"SELECT note FROM "_s + copy + u".orders WHERE id = 9000"_s), u"from trigger"_s);
    // The copy keeps the table's auto-increment-free definition and generated column.
    QCOMPARE(scalar(u"SELECT doubled FROM "_s + copy + u".orders WHERE id = 9000"_s), u"2"_s);
    QVERIFY(admin(u"DELETE FROM "_s + copy + u".orders WHERE id = 9000"_s)); // back to the backup's rows
    QCOMPARE(fingerprint(u"restored"_s), m_atBackup);
    const auto got = ok(
        await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"restored"_s, this, cb); }), "get branch");
    QCOMPARE(got.name, u"restored"_s);

    const auto again = ok(
        await<Core::Backup>([&](auto cb) { backups.get(org, m_database, u"main"_s, backup.id, this, cb); }), "get");
    QCOMPARE(again.restoredBranches, QStringList { u"restored"_s });
}

void TstWorkflowBackups::seedDataTakesTheLatestBackup()
{
    QVERIFY(!m_backupId.isEmpty());
    Api::BranchesResource branches(m_client.get());
    Api::CreateBranchOptions options;
    options.name = u"seeded"_s;
    options.parentBranch = u"main"_s;
    options.seedData = u"last_successful_backup"_s;
    const Core::Branch seeded = restoreInto(u"seeded"_s, options);
    QVERIFY(seeded.ready);
    QCOMPARE(seeded.parentBranch, u"main"_s);
    QCOMPARE(fingerprint(u"seeded"_s), m_atBackup);

    // A newer backup is the one a seed takes from then on.
    const Core::Backup newer = takeBackup(u"after-changes"_s);
    QCOMPARE(newer.state, u"success"_s);
    QVERIFY(restoreInto(u"seeded-later"_s, options).ready);
    QCOMPARE(fingerprint(u"seeded-later"_s), m_afterChanges);

    // Schema only stays schema only.
    Api::CreateBranchOptions plain;
    plain.name = u"schema-only"_s;
    (void)ok(await<Core::Branch>([&](auto cb) { branches.create(org, m_database, plain, this, cb); }), "plain");
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM `"_s + branchSchema(m_database, u"schema-only"_s) + u"`.orders"_s), u"0"_s);
}

void TstWorkflowBackups::refusals()
{
    Api::BranchesResource branches(m_client.get());
    Api::CreateBranchOptions options;
    options.name = u"nothing"_s;
    options.backupId = u"nosuchbackup"_s;
    auto unknown = await<Core::Branch>([&](auto cb) { branches.create(org, m_database, options, this, cb); });
    QVERIFY(unknown && !unknown->ok());
    QCOMPARE(unknown->error().httpStatus, 422);
    // A branch without a backup has nothing to seed from.
    options.backupId.clear();
    options.parentBranch = u"schema-only"_s;
    options.seedData = u"last_successful_backup"_s;
    auto noBackup = await<Core::Branch>([&](auto cb) { branches.create(org, m_database, options, this, cb); });
    QVERIFY(noBackup && !noBackup->ok());
    QCOMPARE(noBackup->error().httpStatus, 422);
    QVERIFY(noBackup->error().userText.contains(u"no successful backup"_s));
    QVERIFY(!schemaExists(branchSchema(m_database, u"nothing"_s)));

    Api::BackupsResource backups(m_client.get());
    auto badRetention = await<Core::Backup>([&](auto cb) {
        backups.create(org, m_database, u"main"_s, Api::CreateBackupOptions { u"x"_s, u"fortnight"_s, 1 }, this, cb);
    });
    QVERIFY(badRetention && !badRetention->ok());
    QCOMPARE(badRetention->error().httpStatus, 422);
    auto missing
        = await<Core::Backup>([&](auto cb) { backups.get(org, m_database, u"main"_s, u"nosuchbackup"_s, this, cb); });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().httpStatus, 404);
    // A backup is reached only through its own branch.
    auto elsewhere
        = await<Core::Backup>([&](auto cb) { backups.get(org, m_database, u"schema-only"_s, m_backupId, this, cb); });
    QVERIFY(elsewhere && !elsewhere->ok());
    QCOMPARE(elsewhere->error().httpStatus, 404);
}

void TstWorkflowBackups::protectAndDelete()
{
    Api::BackupsResource backups(m_client.get());
    const auto shielded = ok(await<Core::Backup>([&](auto cb) {
        backups.setProtected(org, m_database, u"main"_s, m_backupId, true, this, cb);
    }),
        "protect");
    QVERIFY(shielded.isProtected);
    auto refused
        = await<Api::NoContent>([&](auto cb) { backups.remove(org, m_database, u"main"_s, m_backupId, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);
    QVERIFY(schemaExists(u"branchdeck_backup_"_s + m_backupId));

    (void)ok(await<Core::Backup>(
                 [&](auto cb) { backups.setProtected(org, m_database, u"main"_s, m_backupId, false, this, cb); }),
        "unprotect");
    auto removed
        = await<Api::NoContent>([&](auto cb) { backups.remove(org, m_database, u"main"_s, m_backupId, this, cb); });
    QVERIFY(removed && removed->ok());
    QVERIFY(!schemaExists(u"branchdeck_backup_"_s + m_backupId));
    auto gone = await<Core::Backup>([&](auto cb) { backups.get(org, m_database, u"main"_s, m_backupId, this, cb); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error().httpStatus, 404);
    // The branch restored from it keeps its rows.
    QCOMPARE(fingerprint(u"restored"_s), m_atBackup);
}

void TstWorkflowBackups::failedRestoreIsReportedNotReady()
{
    // A backup whose copy is lost (its storage schema dropped behind the sandbox's back).
    const Core::Backup doomed = takeBackup(u"doomed"_s);
    QCOMPARE(doomed.state, u"success"_s);
    QVERIFY(admin(u"DROP DATABASE `branchdeck_backup_"_s + doomed.id + u'`'));
    Api::CreateBranchOptions options;
    options.backupId = doomed.id;
    const Core::Branch broken = restoreInto(u"broken"_s, options);
    // Reported, never ready, and nothing in it.
    QVERIFY(!broken.ready);
    QCOMPARE(broken.state, u"pending"_s);
    QVERIFY2(broken.restoreError.contains(u"no longer exists"_s), qPrintable(broken.restoreError));
    QVERIFY(schemaExists(branchSchema(m_database, u"broken"_s)));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s
                 + branchSchema(m_database, u"broken"_s) + u"'"_s),
        u"0"_s);
    Api::BackupsResource backups(m_client.get());
    const auto after = ok(
        await<Core::Backup>([&](auto cb) { backups.get(org, m_database, u"main"_s, doomed.id, this, cb); }), "get");
    QVERIFY(after.restoredBranches.isEmpty()); // a failed restore restored nothing
    // The failed branch and the backup can both go.
    Api::BranchesResource branches(m_client.get());
    auto removed
        = await<Api::NoContent>([&](auto cb) { branches.remove(org, m_database, u"broken"_s, false, this, cb); });
    QVERIFY(removed && removed->ok());
    QVERIFY(!schemaExists(branchSchema(m_database, u"broken"_s)));
    auto gone
        = await<Api::NoContent>([&](auto cb) { backups.remove(org, m_database, u"main"_s, doomed.id, this, cb); });
    QVERIFY(gone && gone->ok());
}

void TstWorkflowBackups::expiredBackupsAreRemoved()
{
    // Two backups past their expiry (expires_at moved back in the metadata); the protected one stays.
    const Core::Backup expired = takeBackup(u"expired"_s);
    const Core::Backup kept = takeBackup(u"kept"_s);
    QCOMPARE(expired.state, u"success"_s);
    QCOMPARE(kept.state, u"success"_s);
    Api::BackupsResource backups(m_client.get());
    (void)ok(await<Core::Backup>(
                 [&](auto cb) { backups.setProtected(org, m_database, u"main"_s, kept.id, true, this, cb); }),
        "protect");
    QVERIFY(admin(u"UPDATE branchdeck_sandbox.backups SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND"
                  u" WHERE id IN ('"_s
        + expired.id + u"', '"_s + kept.id + u"')"_s));
    m_sandbox->deployQueue()->wake();
    std::optional<Api::ApiResult<Core::Backup>> answer;
    for (int i = 0; i < 300; ++i) {
        answer = await<Core::Backup>([&](auto cb) { backups.get(org, m_database, u"main"_s, expired.id, this, cb); });
        if (answer && !answer->ok())
            break;
        spin(100);
    }
    QVERIFY(answer && !answer->ok());
    QCOMPARE(answer->error().httpStatus, 404);
    QVERIFY(!schemaExists(u"branchdeck_backup_"_s + expired.id));
    // Protected: still listed, its copy still there, until it is unprotected (then it expires too).
    QVERIFY(schemaExists(u"branchdeck_backup_"_s + kept.id));
    (void)ok(await<Core::Backup>([&](auto cb) { backups.get(org, m_database, u"main"_s, kept.id, this, cb); }),
        "protected stays");
    (void)ok(await<Core::Backup>(
                 [&](auto cb) { backups.setProtected(org, m_database, u"main"_s, kept.id, false, this, cb); }),
        "unprotect");
    m_sandbox->deployQueue()->wake();
    QTRY_VERIFY_WITH_TIMEOUT(!schemaExists(u"branchdeck_backup_"_s + kept.id), 30000);
}

void TstWorkflowBackups::interruptedBackupEndsFailed()
{
    // What a crash leaves: a running backup whose copying connection is gone, and part of its copy.
    const QString id = u"orphan"_s + m_prefix.right(6).toLower();
    const QString storage = u"branchdeck_backup_"_s + id;
    QVERIFY(admin(u"CREATE DATABASE `"_s + storage + u"`"_s));
    QVERIFY(admin(u"INSERT INTO branchdeck_sandbox.backups (id, database_name, branch_name, branch_id, name, state,"
                  u" storage_schema, retention_seconds, copy_connection, created_at, updated_at, started_at)"
                  u" SELECT '"_s
        + id + u"', database_name, name, id, 'orphan', 'running', '"_s + storage
        + u"', 3600, 4000000000, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)"
          u" FROM branchdeck_sandbox.branches WHERE database_name = '"_s
        + m_database + u"' AND name = 'main'"_s));
    m_sandbox->deployQueue()->wake();
    const Core::Backup ended = waitForBackup(id, u"failed"_s);
    QCOMPARE(ended.state, u"failed"_s);
    QVERIFY(!schemaExists(storage));
    QCOMPARE(ended.size, 0);
}

void TstWorkflowBackups::restartMidBackupEndsFailed()
{
    // This process's worker takes the backup (initTestCase), so the failpoint fires and the restart below cuts
    // the copy off.
    qputenv("BRANCHDECK_FAILPOINT", "backup_copying=sleep:300");
    Api::BackupsResource backups(m_client.get());
    const auto created = ok(await<Core::Backup>([&](auto cb) {
        backups.create(org, m_database, u"main"_s, Api::CreateBackupOptions { u"cut-off"_s, {}, 0 }, this, cb);
    }),
        "create");
    const Core::Backup running = waitForBackup(created.id, u"running"_s);
    QCOMPARE(running.state, u"running"_s);
    QVERIFY(restartSandbox());
    qunsetenv("BRANCHDECK_FAILPOINT");
    QVERIFY(holdTheCopier()); // the new sandbox's worker, for the tests after this one
    // Stopped mid-copy it is failed at once, or by the next worker round (its copying connection is gone).
    const Core::Backup after = waitForBackup(created.id, u"failed"_s);
    QCOMPARE(after.state, u"failed"_s);
    QVERIFY(!schemaExists(u"branchdeck_backup_"_s + created.id));
    QCOMPARE(fingerprint(u"main"_s), m_afterChanges);
    // A failed backup is not restorable.
    Api::BranchesResource branches(m_client.get());
    Api::CreateBranchOptions options;
    options.name = u"from-failed"_s;
    options.backupId = created.id;
    auto refused = await<Core::Branch>([&](auto cb) { branches.create(org, m_database, options, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);
}

void TstWorkflowBackups::newBranchDialogSeedsFromLatestBackup()
{
    Ui::NewBranchDialog dialog(m_client.get(), org, m_database, { u"main"_s, u"schema-only"_s }, u"main"_s);
    QSignalSpy loaded(&dialog, &Ui::NewBranchDialog::backupsLoaded);
    dialog.show();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20000);
    // Only successful backups are offered: "after-changes" (the first was deleted, "cut-off" failed).
    const int successful = loaded.first().first().toInt();
    Api::BackupsResource backups(m_client.get());
    const auto listed
        = ok(await<QList<Core::Backup>>([&](auto cb) { backups.list(org, m_database, u"main"_s, this, cb); }), "list");
    const auto succeeded
        = std::count_if(listed.cbegin(), listed.cend(), [](const Core::Backup &b) { return b.state == u"success"_s; });
    QVERIFY(successful >= 1);
    QCOMPARE(successful, int(succeeded));
    auto *data = dialog.findChild<QComboBox *>(u"dataSource"_s);
    QVERIFY(data);
    QCOMPARE(data->count(), 2 + successful); // schema only, latest backup, each backup
    QCOMPARE(dialog.dataSource(), QString()); // schema only unless chosen
    auto *items = qobject_cast<QStandardItemModel *>(data->model());
    QVERIFY(items && items->item(1)->isEnabled());

    // A parent without a backup offers schema only.
    auto *parent = dialog.findChild<QComboBox *>(u"parentBranch"_s);
    parent->setCurrentText(u"schema-only"_s);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 20000);
    QCOMPARE(loaded.last().first().toInt(), 0);
    QVERIFY(!qobject_cast<QStandardItemModel *>(data->model())->item(1)->isEnabled());
    parent->setCurrentText(u"main"_s);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 3, 20000);

    data->setCurrentIndex(1);
    QCOMPARE(dialog.dataSource(), Ui::NewBranchDialog::latestBackup());
    dialog.findChild<QLineEdit *>(u"branchName"_s)->setText(u"gui-seeded"_s);
    QSignalSpy ready(&dialog, &Ui::NewBranchDialog::branchReady);
    QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 30000);
    QCOMPARE(fingerprint(u"gui-seeded"_s), m_afterChanges);
    QCOMPARE(fingerprint(u"main"_s), m_afterChanges);
}

void TstWorkflowBackups::backupsViewCreatesAndRestores()
{
    Ui::BackupsView view(m_client.get(), org, m_database, u"main"_s);
    view.setPollInterval(std::chrono::milliseconds(200));
    view.resize(1000, 360);
    view.show();
    QSignalSpy loaded(&view, &Ui::BackupsView::loaded);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 1, 20000);
    Ui::BackupListModel *model = view.model();
    QCOMPARE(model->rowCount(), 3); // after-changes (success), orphan and cut-off (failed)

    // Create backup, followed until it succeeds.
    view.findChild<QAction *>(u"createBackup"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, 20000);
    const QString id = view.currentId();
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(model->backup(model->rowOf(id)).state, u"success"_s, 30000);
    QVERIFY(model->backup(model->rowOf(id)).size > 0);
    QVERIFY(view.findChild<QAction *>(u"restoreBackup"_s)->isEnabled());

    // Restore it: the dialog comes with that backup chosen.
    Ui::NewBranchDialog *dialog = view.restore(id);
    QVERIFY(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->dataSource(), id, 20000);
    dialog->findChild<QLineEdit *>(u"branchName"_s)->setText(u"gui-restored"_s);
    QSignalSpy restored(&view, &Ui::BackupsView::branchRestored);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 30000);
    QCOMPARE(restored.first().first().value<Core::Branch>().name, u"gui-restored"_s);
    QCOMPARE(fingerprint(u"gui-restored"_s), m_afterChanges);
    QTRY_COMPARE_WITH_TIMEOUT(
        model->data(model->index(model->rowOf(id), Ui::BackupListModel::RestoredColumn)).toString(), u"gui-restored"_s,
        20000);

    if (const QString dir = qEnvironmentVariable("BRANCHDECK_SCREENSHOT_DIR"); !dir.isEmpty()) {
        // The Backups view beside the restored branch's schema, as the closing note shows them.
        QSplitter shot(Qt::Vertical);
        view.setParent(&shot);
        shot.addWidget(&view);
        Api::BranchesResource branches(m_client.get());
        const auto branch = ok(
            await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"gui-restored"_s, this, cb); }), "get");
        auto *schema = new Ui::BranchSchemaView(m_client.get());
        shot.addWidget(schema);
        QSignalSpy schemaLoaded(schema, &Ui::BranchSchemaView::schemaLoaded);
        schema->setBranch(org, m_database, branch, {});
        shot.resize(1100, 760);
        shot.show();
        QTRY_VERIFY_WITH_TIMEOUT(schemaLoaded.size() >= 1, 20000);
        QVERIFY(schema->selectTable(u"orders"_s)); // the restored table's DDL, not the view's first row
        view.selectBackup(id);
        spin(300);
        saveScreenshot(&shot, u"backups-restore"_s);
        view.setParent(nullptr);
    }

    // Delete from the view: it asks first; Cancel keeps the backup, Delete removes it and its storage.
    auto answer = [&view](const QString &button) {
        auto *box = view.findChild<QMessageBox *>(u"confirmDeleteBackupDialog"_s);
        QVERIFY(box && box->isVisible());
        const QList<QAbstractButton *> buttons = box->buttons();
        const auto it
            = std::find_if(buttons.cbegin(), buttons.cend(), [&](QAbstractButton *b) { return b->text() == button; });
        QVERIFY(it != buttons.cend());
        QTest::mouseClick(*it, Qt::LeftButton);
    };
    view.requestDelete(id);
    answer(u"Cancel"_s);
    QTRY_VERIFY(!view.findChild<QMessageBox *>(u"confirmDeleteBackupDialog"_s));
    QTest::qWait(200); // nothing may be on its way to the sandbox
    QCOMPARE(model->rowCount(), 4);
    QVERIFY(schemaExists(u"branchdeck_backup_"_s + id));
    view.requestDelete(id);
    answer(u"Delete"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 20000);
    QVERIFY(!schemaExists(u"branchdeck_backup_"_s + id));
    auto *status = view.findChild<Ui::StatusLine *>(u"backupsStatus"_s);
    QVERIFY(status);
    QCOMPARE(status->text(), view.statusText());
    QVERIFY(view.statusText().contains(u"deleted"_s));
    QCOMPARE(status->tone(), Ui::Tone::Neutral);
}

QTEST_MAIN(TstWorkflowBackups)
#include "tst_workflow_backups.moc"

// Passwords end to end (issue 18, area 6): the client's list/rename/renew/revoke against the sandbox's real
// MySQL accounts; the passwords document driving the same; and every connection string run by the real
// client it is written for, which must connect with the sandbox's CA and must refuse another CA.

#include "api/branchesresource.h"
#include "api/passwordsresource.h"
#include "clientrunner.h"
#include "sandboxfixture.h"
#include "ui/branches/connectionstringbox.h"
#include "ui/branches/newpassworddialog.h"
#include "ui/branches/passwordlistmodel.h"
#include "ui/branches/passwordsview.h"
#include "ui/common/statusline.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = Core::ConnectionStrings::Kind;

class TstWorkflowPasswords : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { stopSandbox(); }
    void listRenameRenewRevoke();
    void connectionStringsConnectWithTheRealClients();
    void passwordsDocument();
    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    Core::Password create(const QString &name, const QString &role, std::optional<qint64> ttl);
    QString m_database;
};

void TstWorkflowPasswords::initTestCase()
{
    QVERIFY(startSandbox());
    m_database = m_prefix + u"-pw"_s;
    createDatabase(m_database);
    // Passwords belong to a branch that is ready (and the OpenAPI check samples this answer).
    Api::BranchesResource branches(m_client.get());
    const auto main
        = ok(await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"main"_s, this, cb); }), "branch");
    QVERIFY(main.ready);
}

Core::Password TstWorkflowPasswords::create(const QString &name, const QString &role, std::optional<qint64> ttl)
{
    Api::PasswordsResource passwords(m_client.get());
    return ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, m_database, u"main"_s, Api::CreatePasswordOptions { name, role, ttl, false }, this, cb);
    }),
        "create password");
}

void TstWorkflowPasswords::listRenameRenewRevoke()
{
    Api::PasswordsResource passwords(m_client.get());
    const Core::Password app = create(u"app"_s, u"readwriter"_s, 3600);
    const Core::Password ci = create(u"ci"_s, u"reader"_s, std::nullopt);
    const auto list = ok(
        await<QList<Core::Password>>([&](auto cb) { passwords.list(org, m_database, u"main"_s, this, cb); }), "list");
    QCOMPARE(list.size(), 2);
    for (const Core::Password &p : list) {
        QVERIFY(p.plainText.isEmpty()); // only create returns the secret
        QVERIFY(p.createdAt.isValid());
        QVERIFY(p.createdAt <= QDateTime::currentDateTimeUtc().addSecs(5));
    }
    const Core::Password listedApp = list.at(0).id == app.id ? list.at(0) : list.at(1);
    const Core::Password listedCi = list.at(0).id == ci.id ? list.at(0) : list.at(1);
    QCOMPARE(listedApp.role, u"readwriter"_s);
    QVERIFY(listedApp.expiresAt.isValid());
    QVERIFY(qAbs(listedApp.createdAt.secsTo(listedApp.expiresAt) - 3600) <= 2);
    QCOMPARE(listedCi.role, u"reader"_s);
    QVERIFY(!listedCi.expiresAt.isValid());
    QVERIFY(!listedCi.renewable);

    // Rename keeps the account: a session opened before still works, and a new login too.
    auto session = Sql::Connection::open(passwordConnection(app));
    QVERIFY(session);
    const auto renamed = ok(await<Core::Password>([&](auto cb) {
        passwords.rename(org, m_database, u"main"_s, app.id, u"billing-service"_s, this, cb);
    }),
        "rename");
    QCOMPARE(renamed.name, u"billing-service"_s);
    QCOMPARE(renamed.username, app.username);
    QVERIFY((*session)->execute("SELECT 1").ok());
    QVERIFY(Sql::Connection::open(passwordConnection(app)));
    auto empty = await<Core::Password>(
        [&](auto cb) { passwords.rename(org, m_database, u"main"_s, app.id, u"  "_s, this, cb); });
    QVERIFY(empty && !empty->ok());
    QCOMPARE(empty->error().httpStatus, 422);
    auto missing = await<Core::Password>(
        [&](auto cb) { passwords.rename(org, m_database, u"main"_s, u"nope"_s, u"x"_s, this, cb); });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().httpStatus, 404);

    // Renew moves the expiry; a password without a lifetime cannot be renewed.
    spin(1100);
    const auto renewed
        = ok(await<Core::Password>([&](auto cb) { passwords.renew(org, m_database, u"main"_s, app.id, this, cb); }),
            "renew");
    QVERIFY2(renewed.expiresAt > listedApp.expiresAt, qPrintable(renewed.expiresAt.toString(Qt::ISODateWithMs)));
    auto notRenewable
        = await<Core::Password>([&](auto cb) { passwords.renew(org, m_database, u"main"_s, ci.id, this, cb); });
    QVERIFY(notRenewable && !notRenewable->ok());
    QCOMPARE(notRenewable->error().httpStatus, 422);

    // Revoke drops the account: no new login.
    auto revoked
        = await<Api::NoContent>([&](auto cb) { passwords.remove(org, m_database, u"main"_s, app.id, this, cb); });
    QVERIFY(revoked && revoked->ok());
    QCOMPARE(Sql::Connection::open(passwordConnection(app)).error().code, u"auth_failed"_s);
    const auto after
        = ok(await<QList<Core::Password>>([&](auto cb) { passwords.list(org, m_database, u"main"_s, this, cb); }),
            "list after revoke");
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.constFirst().id, ci.id);
    QVERIFY(
        await<Api::NoContent>([&](auto cb) { passwords.remove(org, m_database, u"main"_s, ci.id, this, cb); })->ok());
}

void TstWorkflowPasswords::connectionStringsConnectWithTheRealClients()
{
    const Core::Password admin = create(u"clients"_s, u"admin"_s, std::nullopt);
    const QString ca = m_sandbox->options().caFile;
    Core::ConnectionTarget target = Ui::PasswordsView::targetFor(admin, m_database, u"main"_s, ca);
    QCOMPARE(target.host, u"127.0.0.1"_s);
    QCOMPARE(target.port, m_db.port);
    QCOMPARE(target.database, branchSchema(m_database, u"main"_s));

    // Another CA, made here: every client must refuse the server with it (verification is really on).
    QTemporaryDir work;
    const QString otherCa = work.filePath(u"other-ca.pem"_s);
    QProcess openssl;
    openssl.start(u"openssl"_s,
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, work.filePath(u"other.key"_s),
            u"-out"_s, otherCa, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=Not the sandbox CA"_s });
    QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);

    ClientRunner runner(work.path());
    int ran = 0;
    for (const Kind kind : Core::ConnectionStrings::kinds()) {
        if (!ClientRunner::canRun(kind))
            continue;
        const QString label = Core::ConnectionStrings::label(kind);
        const ClientRun good = runner.run(kind, Core::ConnectionStrings::text(kind, target));
        QVERIFY2(good.ok(), qPrintable(label + u": "_s + good.output));
        QVERIFY2(good.output.contains(admin.username), qPrintable(label + u": "_s + good.output));
        Core::ConnectionTarget wrong = target;
        wrong.caFile = otherCa;
        const ClientRun bad = runner.run(kind, Core::ConnectionStrings::text(kind, wrong));
        QVERIFY2(bad.started && !bad.ok(), qPrintable(label + u" accepted another CA: "_s + bad.output));
        QVERIFY2(!bad.output.contains(admin.username), qPrintable(bad.output));
        qInfo().noquote() << label << u"connects with the sandbox CA and refuses another one"_s;
        ++ran;
    }
    QCOMPARE(ran, 5);
}

void TstWorkflowPasswords::passwordsDocument()
{
    const QString db = m_prefix + u"-doc"_s;
    createDatabase(db);
    const QString ca = m_sandbox->options().caFile;
    Ui::PasswordsView view(m_client.get(), org, db, u"main"_s, true, ca);
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&view, &Ui::PasswordsView::loaded);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(view.property("production").toBool(), true);
    QVERIFY(view.windowTitle().contains(db));

    // Create: the secret shows once, in the dialog, with working connection strings; the list keeps none.
    QSignalSpy finished(&view, &Ui::PasswordsView::actionFinished);
    Ui::NewPasswordDialog *dialog = view.newPassword();
    dialog->setName(u"reporting"_s);
    dialog->setRole(u"reader"_s);
    dialog->setTtlSeconds(86400);
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isCreated(), 10000);
    const QString secret = dialog->findChild<QLineEdit *>(u"createdPassword"_s)->text();
    QVERIFY(secret.startsWith(u"pscale_pw_"_s));
    dialog->connectionStrings()->setKind(Kind::PythonPyMysql);
    QVERIFY(dialog->connectionStrings()->text().contains(secret));
    QTemporaryDir work;
    const ClientRun run = ClientRunner(work.path()).run(Kind::PythonPyMysql, dialog->connectionStrings()->text());
    QVERIFY2(run.ok(), qPrintable(run.output));
    QCOMPARE(view.model()->rowCount(), 1);
    QVERIFY(view.model()->password(0).plainText.isEmpty());
    QCOMPARE(view.model()->index(0, Ui::PasswordListModel::RoleColumn).data().toString(), u"reader"_s);
    QCOMPARE(view.model()->index(0, Ui::PasswordListModel::ExpiresColumn).data().toString(), u"in 23 h"_s);
    const QString id = view.currentId();
    QVERIFY(!id.isEmpty());
    dialog->accept(); // Done

    // The selected password's connection string has a placeholder instead of the secret; copy puts it on the
    // clipboard.
    view.connectionStrings()->setKind(Kind::MariadbClient);
    QVERIFY(!view.connectionStrings()->text().contains(secret));
    QVERIFY(view.connectionStrings()->text().contains(u" --password "_s));
    view.findChild<QAction *>(u"copyConnectionString"_s)->trigger();
    QCOMPARE(QApplication::clipboard()->text(), view.connectionStrings()->text());

    // Rename and renew from the document; a reload shows what the sandbox has.
    view.rename(id, u"reporting-eu"_s);
    QTRY_COMPARE_WITH_TIMEOUT(view.model()->index(0, 0).data().toString(), u"reporting-eu"_s, 10000);
    QVERIFY(view.findChild<QAction *>(u"renewPassword"_s)->isEnabled());
    finished.clear();
    view.renew(id);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    QVERIFY2(finished.constLast().at(0).toBool(), qPrintable(finished.constLast().at(1).toString()));
    loaded.clear();
    view.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(view.model()->index(0, 0).data().toString(), u"reporting-eu"_s);

    // Revoke asks first: Cancel leaves the password; the box's Revoke button revokes it, the row goes and the
    // account with it.
    const QString username = view.model()->password(0).username;
    auto answer = [&view](const QString &button) {
        auto *box = view.findChild<QMessageBox *>(u"confirmRevokeDialog"_s);
        QVERIFY(box && box->isVisible());
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        const QList<QAbstractButton *> buttons = box->buttons();
        const auto it
            = std::find_if(buttons.cbegin(), buttons.cend(), [&](QAbstractButton *b) { return b->text() == button; });
        QVERIFY(it != buttons.cend());
        QTest::mouseClick(*it, Qt::LeftButton);
    };
    view.requestRevoke(id);
    answer(u"Cancel"_s);
    QTRY_VERIFY(!view.findChild<QMessageBox *>(u"confirmRevokeDialog"_s));
    QTest::qWait(200); // nothing may be on its way to the sandbox
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM mysql.user WHERE user = '"_s + username + u'\''), u"1"_s);
    view.requestRevoke(id);
    answer(u"Revoke"_s);
    QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 0, 10000);
    auto *status = view.findChild<Ui::StatusLine *>(u"passwordsStatus"_s);
    QVERIFY(status);
    QVERIFY(view.statusText().contains(u"revoked"_s));
    QCOMPARE(status->tone(), Ui::Tone::Neutral);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM mysql.user WHERE user = '"_s + username + u'\''), u"0"_s);
    QVERIFY(!view.findChild<QAction *>(u"revokePassword"_s)->isEnabled());
    // A failure is reported in the same line, in the danger tone: the password is already gone.
    view.revoke(id);
    QTRY_COMPARE_WITH_TIMEOUT(status->tone(), Ui::Tone::Danger, 10000);
    QVERIFY(view.statusText().startsWith(u"Could not revoke"_s));
}

QTEST_MAIN(TstWorkflowPasswords)
#include "tst_workflow_passwords.moc"

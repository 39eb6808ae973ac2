// End to end against the real local sandbox (branchdeck-local over the fixture's TLS MariaDB): sign in
// through sandbox.json, expand the tree, create a branch and wait for it, run DDL on it with a minted
// password, create a deploy request, see its diff, approve, deploy, watch the progress reach 100 %, revert —
// asserting on the models and on the database.

#include "screenshot.h"
#include "testdb.h"
#include "testdboptions.h"

#include "api/apiclient.h"
#include "api/passwordsresource.h"
#include "sql/connection.h"
#include "ui/branches/branchbrowser.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/branches/newbranchdialog.h"
#include "ui/common/sidebysidediffview.h"
#include "ui/common/signindialog.h"
#include "ui/deployrequests/createdeployrequestdialog.h"
#include "ui/deployrequests/deploymentprogressmodel.h"
#include "ui/deployrequests/deployrequestdetail.h"
#include "ui/deployrequests/deployrequestlistmodel.h"
#include "ui/deployrequests/deployrequestpanel.h"
#include "ui/deployrequests/deployrequestreviews.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Ui::DeployAction;

class TestPanelsE2e : public QObject
{
    Q_OBJECT

private:
    TestDb m_db;
    QTemporaryDir m_dir;
    Ui::SignInSession m_session;
    std::unique_ptr<Api::ApiClient> m_client;
    QString m_database;

    int runSandbox(const QStringList &arguments, QString *output = nullptr)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(BRANCHDECK_LOCAL_BIN), arguments + QStringList { u"--dir"_s, m_dir.path() });
        if (!process.waitForFinished(180000))
            return -1;
        if (output)
            *output = QString::fromUtf8(process.readAll());
        return process.exitCode();
    }

    // What the SQL editor does on a branch: mint a password, connect over verified TLS.
    std::unique_ptr<Sql::Connection> connectTo(const QString &branch)
    {
        Api::PasswordsResource passwords(m_client.get());
        std::optional<Api::ApiResult<Core::Password>> minted;
        passwords.create(u"local"_s, m_database, branch,
            Api::CreatePasswordOptions { u"e2e-"_s + branch, u"admin"_s, 600, false }, this,
            [&](Api::ApiResult<Core::Password> r) { minted.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return minted.has_value(); }, 20000) || !minted->ok())
            return nullptr;
        const Core::Password &p = minted->value();
        Sql::ConnectionOptions o;
        const QStringList hostPort = p.accessHostUrl.split(u':');
        o.host = hostPort.value(0);
        o.port = hostPort.size() > 1 ? hostPort.at(1).toUShort() : 3306;
        o.user = p.username;
        o.password = p.plainText;
        o.database = m_database + u"__"_s + branch; // the sandbox's documented schema mapping
        o.caFile = m_session.caFile.isEmpty() ? m_db.caFile : m_session.caFile;
        auto c = Sql::Connection::open(o);
        if (!c)
            qWarning("connect: %s", qPrintable(c.error().toString()));
        return c ? std::move(c).value() : nullptr;
    }

    std::unique_ptr<Sql::Connection> admin()
    {
        auto c = Sql::Connection::open(testDbOptions(m_db, false));
        return c ? std::move(c).value() : nullptr;
    }

    bool mainHasColumn(const QString &column)
    {
        auto c = admin();
        return c
            && c->execute((u"SELECT `"_s + column + u"` FROM `"_s + m_database + u"__main`.`items` LIMIT 0"_s).toUtf8())
                   .ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = TestDb::fromEnvironment();
        QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
        QVERIFY(m_dir.isValid());
        QUrl mysql;
        mysql.setScheme(u"mysql"_s);
        mysql.setHost(m_db.host);
        mysql.setPort(m_db.port);
        mysql.setUserName(m_db.user);
        mysql.setPassword(m_db.password);
        QString output;
        const int rc = runSandbox({ u"start"_s, u"--mysql"_s, mysql.toString(QUrl::FullyEncoded), u"--ca"_s,
                                      m_db.caFile, u"--chunk-rows"_s, u"50"_s, u"--throttle-ms"_s, u"30"_s },
            &output);
        QVERIFY2(rc == 0, qPrintable(output));
        m_database = u"e2e"_s + QString::number(QRandomGenerator::global()->bounded(10000, 99999));
    }
    void cleanupTestCase()
    {
        m_client.reset();
        runSandbox({ u"stop"_s });
    }

    void signInThroughSandboxJson()
    {
        Ui::SignInDialog dialog;
        dialog.setKind(Ui::SignInSession::Kind::Sandbox);
        dialog.setSandboxPath(QDir(m_dir.path()).filePath(u"sandbox.json"_s));
        dialog.setRemember(false);
        QSignalSpy signedIn(&dialog, &Ui::SignInDialog::signedIn);
        dialog.accept();
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, 20000);
        m_session = dialog.session();
        QCOMPARE(m_session.defaultOrganization, u"local"_s);
        m_client = std::make_unique<Api::ApiClient>();
        m_client->setBaseUrl(m_session.apiUrl);
        m_client->setCredentials(m_session.credentials);

        // A database with one table and rows to copy (databases are created outside the panels).
        std::optional<Api::ApiResult<QJsonValue>> created;
        m_client->send(Api::ApiRequest::post({ u"organizations"_s, u"local"_s, u"databases"_s },
                           QJsonObject { { u"name"_s, m_database } }),
            this, [&](Api::ApiResult<QJsonValue> r) { created.emplace(std::move(r)); });
        QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 20000);
        QVERIFY2(created->ok(), qPrintable(created->ok() ? QString() : created->error().toString()));
        auto main = connectTo(u"main"_s);
        QVERIFY(main);
        QVERIFY(
            main->execute(
                    "CREATE TABLE items (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, title varchar(50) NOT NULL)")
                .ok());
        QVERIFY(main->execute("INSERT INTO items (title) SELECT CONCAT('item ', seq) FROM seq_1_to_600").ok()
            || main->execute("INSERT INTO items (title) VALUES ('a'),('b'),('c')").ok());
    }

    void branchAndDeployRequestRoundTrip()
    {
        QVERIFY(m_client);
        Ui::BranchBrowser browser(m_client.get());
        QAbstractItemModelTester tester(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        browser.resize(380, 720);
        browser.show();
        Ui::BranchTreeModel *tree = browser.model();
        // Expand organizations › databases › branches.
        QTRY_VERIFY_WITH_TIMEOUT(tree->organizationIndex(u"local"_s).isValid(), 20000);
        tree->fetchMore(tree->organizationIndex(u"local"_s));
        QTRY_VERIFY_WITH_TIMEOUT(tree->databaseIndex(u"local"_s, m_database).isValid(), 20000);
        tree->fetchMore(tree->databaseIndex(u"local"_s, m_database));
        QTRY_VERIFY_WITH_TIMEOUT(tree->branchIndex(u"local"_s, m_database, u"main"_s).isValid(), 20000);
        QVERIFY(
            tree->branchIndex(u"local"_s, m_database, u"main"_s).data(Ui::BranchTreeModel::ProductionRole).toBool());

        // New branch, waited for until ready.
        browser.newBranch(u"local"_s, m_database, u"main"_s);
        auto *dialog = browser.findChild<Ui::NewBranchDialog *>(u"newBranchDialog"_s);
        QVERIFY(dialog);
        dialog->setPollIntervals(std::chrono::milliseconds(200), std::chrono::milliseconds(1000));
        dialog->setName(u"add-price"_s);
        QSignalSpy ready(dialog, &Ui::NewBranchDialog::branchReady);
        dialog->accept();
        QVERIFY2(ready.wait(60000), qPrintable(dialog->statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(tree->branchIndex(u"local"_s, m_database, u"add-price"_s).isValid(), 20000);
        const QModelIndex branchIndex = tree->branchIndex(u"local"_s, m_database, u"add-price"_s);
        QCOMPARE(branchIndex.parent().data().toString(), u"main"_s);
        QTRY_VERIFY(
            tree->branchIndex(u"local"_s, m_database, u"add-price"_s).data(Ui::BranchTreeModel::ReadyRole).toBool());

        // DDL on the branch, as the SQL editor would run it.
        auto dev = connectTo(u"add-price"_s);
        QVERIFY(dev);
        QVERIFY(dev->execute("ALTER TABLE items ADD COLUMN price decimal(10,2) NOT NULL DEFAULT 0").ok());
        QVERIFY(!mainHasColumn(u"price"_s));
        QVERIFY(browser.selectBranch(u"local"_s, m_database, u"add-price"_s));
        saveScreenshot(&browser, u"e2e-branch-browser"_s);

        // Deploy request from the branch into its parent.
        Ui::DeployRequestPanel panel(m_client.get());
        // The document the panel opens, wired as the window does (App::DocumentOpener).
        Ui::DeployRequestDetail document(m_client.get());
        document.setPollIntervals(std::chrono::milliseconds(200), std::chrono::milliseconds(1000));
        QObject::connect(&panel, &Ui::DeployRequestPanel::deployRequestOpened, &document,
            [&document](const QString &org, const QString &db, const Core::DeployRequest &request) {
                document.setDeployRequest(org, db, request);
            });
        QObject::connect(
            &document, &Ui::DeployRequestDetail::deployRequestChanged, &panel, &Ui::DeployRequestPanel::updateRequest);
        panel.resize(360, 760);
        panel.show();
        document.resize(1200, 800);
        document.show();
        QAbstractItemModelTester listTester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QObject::connect(&browser, &Ui::BranchBrowser::deployRequestCreationRequested, &panel,
            &Ui::DeployRequestPanel::createDeployRequest);
        Q_EMIT browser.deployRequestCreationRequested(u"local"_s, m_database, u"add-price"_s);
        Ui::CreateDeployRequestDialog *create = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (create = panel.findChild<Ui::CreateDeployRequestDialog *>(u"createDeployRequestDialog"_s)), 20000);
        QCOMPARE(create->intoBranch(), u"main"_s);
        create->setNotes(u"Adds items.price"_s);
        create->setAutoApply(true);
        QSignalSpy diffLoaded(&document, &Ui::DeployRequestDetail::diffLoaded);
        QSignalSpy created(create, &Ui::CreateDeployRequestDialog::deployRequestCreated);
        create->accept();
        QVERIFY(created.wait(30000));
        Ui::DeployRequestDetail *detail = &document;
        QTRY_VERIFY_WITH_TIMEOUT(detail->hasRequest(), 20000);
        // Its diff, side by side.
        QTRY_VERIFY_WITH_TIMEOUT(!diffLoaded.isEmpty(), 30000);
        QVERIFY2(diffLoaded.last().at(0).toInt() >= 1, qPrintable(detail->diffView()->message()));
        QVERIFY(detail->diffView()->selectTable(u"items"_s));
        QVERIFY(detail->diffView()->rightText().contains(u"`price`"_s));
        QVERIFY(!detail->diffView()->leftText().contains(u"`price`"_s));
        QTRY_VERIFY_WITH_TIMEOUT(detail->visibleActions().contains(DeployAction::Deploy), 30000);

        // Approve.
        QSignalSpy reviewed(detail->reviews(), &Ui::DeployRequestReviews::reviewAdded);
        detail->reviews()->approve(u"Ship it"_s);
        QVERIFY(reviewed.wait(20000));
        QVERIFY(detail->deployRequest().approved);
        saveScreenshot(&document, u"e2e-deploy-request-review"_s);

        // Deploy and watch the progress reach 100 %.
        QTRY_VERIFY_WITH_TIMEOUT(detail->actionButton(DeployAction::Deploy)->isEnabled(), 20000);
        QSignalSpy acted(detail, &Ui::DeployRequestDetail::actionFinished);
        detail->trigger(DeployAction::Deploy);
        QVERIFY(acted.wait(30000));
        QVERIFY2(acted.last().at(0).toBool(), qPrintable(acted.last().at(1).toString()));
        QAbstractItemModelTester progressTester(
            detail->progressModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        bool sawProgress = false;
        const auto settled = [&] {
            if (detail->progressModel()->rowCount() > 0 && detail->progressModel()->overallProgress() < 100)
                sawProgress = true;
            const QString s = detail->deployRequest().deploymentStateName;
            return s == u"complete_pending_revert"_s || s == u"complete"_s || s.contains(u"error"_s);
        };
        QVERIFY2(QTest::qWaitFor(settled, 120000), qPrintable(detail->deployRequest().deploymentStateName));
        saveScreenshot(&document, u"e2e-deploy-request-deployed"_s);
        QCOMPARE(detail->deployRequest().deploymentStateName, u"complete_pending_revert"_s);
        QTRY_COMPARE_WITH_TIMEOUT(detail->progressModel()->overallProgress(), 100, 20000);
        QVERIFY(detail->progressModel()->rowCount() >= 1);
        Q_UNUSED(sawProgress) // a small table may finish between two polls
        QVERIFY(mainHasColumn(u"price"_s));
        QVERIFY2(detail->countdownText().startsWith(u"Revert window:"_s), qPrintable(detail->countdownText()));
        QVERIFY(detail->visibleActions().contains(DeployAction::Revert));

        // Revert: the column is gone from production again.
        detail->trigger(DeployAction::Revert);
        QVERIFY(acted.wait(30000));
        QVERIFY2(acted.last().at(0).toBool(), qPrintable(acted.last().at(1).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(detail->deployRequest().deploymentStateName, u"complete_revert"_s, 120000);
        QVERIFY(!mainHasColumn(u"price"_s));
        const int row = panel.model()->rowOfNumber(detail->deployRequest().number);
        QVERIFY(row >= 0);
        QCOMPARE(
            panel.model()->index(row, Ui::DeployRequestListModel::StateColumn).data().toString(), u"complete revert"_s);
    }
};

QTEST_MAIN(TestPanelsE2e)
#include "tst_panels_e2e.moc"

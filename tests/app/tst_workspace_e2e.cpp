// The window's wiring against a real sandbox: open a SQL tab on a production branch the way the branch
// browser does, run a query through the minted password over verified TLS, see direct DDL refused and
// recognised as a case for a development branch, and the password deleted when the tab closes.
#include <QtTest>

#include "api/branchesresource.h"
#include "api/passwordsresource.h"
#include "app/branchconnector.h"
#include "app/ddlredirect.h"
#include "app/workspace.h"
#include "sandboxfixture.h"
#include "sql/jobtypes.h"
#include "ui/branches/branchbrowser.h"
#include "ui/common/documentarea.h"
#include "ui/common/mainwindow.h"
#include "ui/common/signindialog.h"
#include "ui/editor/querytab.h"
#include "ui/editor/sqleditor.h"
#include "ui/insights/insightsdocument.h"
#include "ui/insights/patterndetail.h"
#include "ui/insights/querypatternmodel.h"
#include "ui/insights/timeserieschart.h"
#include "ui/results/resultpane.h"
#include "ui/results/resultsetmodel.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TestWorkspaceE2e : public SandboxFixture
{
    Q_OBJECT

private:
    QString m_database;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<App::Workspace> m_workspace;

    QList<Core::Password> passwords()
    {
        Api::PasswordsResource resource(m_client.get());
        return ok(await<QList<Core::Password>>([&](auto cb) { resource.list(org, m_database, u"main"_s, this, cb); }),
            "list passwords");
    }

    Ui::QueryTab *openTab(const QString &role)
    {
        QSignalSpy opened(m_workspace.get(), &App::Workspace::tabOpened);
        m_workspace->openBranch(App::BranchRef { org, m_database, u"main"_s, true }, role);
        if (!opened.wait(30000))
            return nullptr;
        return opened.first().first().value<Ui::QueryTab *>();
    }

    // Runs the whole tab and waits for the run to end.
    bool runAll(Ui::QueryTab *tab, const QString &sql)
    {
        QSignalSpy finished(tab, &Ui::QueryTab::runFinished);
        tab->editor()->setText(sql);
        tab->runAll();
        return finished.wait(30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Ui::QueryTab *>();
        QVERIFY(startSandbox());
        m_database = m_prefix + u"ws"_s;
        createDatabase(m_database);
        const QString schema = branchSchema(m_database, u"main"_s);
        QVERIFY(admin(u"CREATE TABLE `%1`.items (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)"_s.arg(schema)));
        QVERIFY(admin(u"INSERT INTO `%1`.items SELECT seq, CONCAT('item ', seq) FROM `%1`.seq_1_to_250"_s.arg(schema)));
        Api::BranchesResource branches(m_client.get());
        ok(await<Core::Branch>(
               [&](auto cb) { branches.setSafeMigrations(org, m_database, u"main"_s, true, this, cb); }),
            "enable safe migrations");

        m_window = std::make_unique<Ui::MainWindow>(Ui::AboutDialog::Components {});
        m_workspace = std::make_unique<App::Workspace>(m_window.get());
        Ui::SignInSession session;
        session.kind = Ui::SignInSession::Kind::Sandbox;
        session.apiUrl = m_client->baseUrl();
        session.credentials = m_client->credentials();
        session.defaultOrganization = org;
        session.caFile = m_db.caFile;
        session.description = u"test sandbox"_s;
        m_workspace->signIn(session);
    }

    void branchTabRunsOverMintedPasswordAndDeletesItOnClose()
    {
        QCOMPARE(passwords().size(), 0);
        Ui::QueryTab *tab = openTab(u"reader"_s);
        QVERIFY2(tab, "no tab opened on the branch");
        QVERIFY(tab->profile().production);
        QVERIFY2(tab->title().contains(u"main"_s), qPrintable(tab->title()));

        const QList<Core::Password> minted = passwords();
        QCOMPARE(minted.size(), 1);
        QCOMPARE(minted.first().role, u"reader"_s);

        QVERIFY(runAll(tab, u"SELECT id, name FROM items ORDER BY id"_s));
        Ui::ResultPane *pane = tab->resultPane(0);
        QVERIFY(pane);
        QCOMPARE(pane->model()->rowCount(), 250);
        QCOMPARE(pane->model()->index(249, 1).data().toString(), u"item 250"_s);

        // Closing the tab deletes the password through the API.
        m_window->documents()->close(tab);
        QTRY_COMPARE_WITH_TIMEOUT(passwords().size(), 0, 15000);
    }

    void failedRenewalIsShownInTheStatusBar()
    {
        Ui::QueryTab *tab = openTab(u"reader"_s);
        QVERIFY(tab);
        auto *connector = tab->findChild<App::BranchConnector *>();
        QVERIFY(connector);
        // The password disappears behind the tab's back; the next renewal fails and the window says so.
        Api::PasswordsResource resource(m_client.get());
        const QString id = connector->password().id;
        ok(await<Api::NoContent>([&](auto cb) { resource.remove(org, m_database, u"main"_s, id, this, cb); }),
            "delete password");
        QSignalSpy failed(connector, &App::BranchConnector::renewalFailed);
        connector->renew();
        QVERIFY(failed.wait(15000));
        const QString shown = m_window->statusBar()->currentMessage();
        QVERIFY2(shown.contains(u"Could not renew the password"_s) && shown.contains(tab->title()), qPrintable(shown));
        m_window->documents()->close(tab);
    }

    void directDdlOnSafeMigrationsProductionIsRecognised()
    {
        // The refusal is followed by the offer of a development branch; decline it here (the next test
        // covers the development branch's side).
        QString offeredFor;
        m_workspace->ddlRedirect()->setPrompt([&offeredFor](const App::BranchRef &production, const QString &) {
            offeredFor = production.branch;
            return QString();
        });
        Ui::QueryTab *tab = openTab(u"admin"_s);
        QVERIFY(tab);
        QSignalSpy failed(tab, &Ui::QueryTab::statementFailed);
        QVERIFY(runAll(tab, u"ALTER TABLE items ADD COLUMN price DECIMAL(8,2)"_s));
        QCOMPARE(failed.size(), 1);
        const auto error = failed.first().first().value<Sql::StatementError>();
        // The server itself refuses: no password on a safe-migrations production branch has DDL rights.
        QCOMPARE(error.errorNumber, 1142u);
        const App::BranchRef main { org, m_database, u"main"_s, true };
        const QString statement = error.text; // as submitted
        QCOMPARE(statement, u"ALTER TABLE items ADD COLUMN price DECIMAL(8,2)"_s);
        QVERIFY(App::DdlRedirect::isRefusedDdl(main, statement, error.errorNumber, error.message));
        // Not every failure is a case for a deploy request.
        QVERIFY(!App::DdlRedirect::isRefusedDdl(main, u"SELECT * FROM nowhere"_s, 1146, u"doesn't exist"_s));
        QVERIFY(!App::DdlRedirect::isRefusedDdl(
            App::BranchRef { org, m_database, u"dev"_s, false }, statement, error.errorNumber, error.message));
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '%1' "
                        "AND table_name = 'items'"_s.arg(branchSchema(m_database, u"main"_s))),
            u"2"_s);
        QTRY_COMPARE_WITH_TIMEOUT(offeredFor, u"main"_s, 5000);
        m_window->documents()->close(tab);
    }

    void successfulDdlOnDevelopmentBranchOffersDeployRequest()
    {
        Api::BranchesResource branches(m_client.get());
        Api::CreateBranchOptions options;
        options.name = u"dev"_s;
        options.parentBranch = u"main"_s;
        ok(await<Core::Branch>([&](auto cb) { branches.create(org, m_database, options, this, cb); }), "create dev");
        QTRY_VERIFY_WITH_TIMEOUT(
            ok(await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"dev"_s, this, cb); }), "get dev")
                .ready,
            20000);

        const App::BranchRef dev { org, m_database, u"dev"_s, false };
        m_workspace->offerDeployRequestAfterDdl(dev);
        QSignalSpy opened(m_workspace.get(), &App::Workspace::tabOpened);
        m_workspace->openBranch(dev, u"admin"_s);
        QVERIFY(opened.wait(30000));
        auto *tab = opened.first().first().value<Ui::QueryTab *>();

        // A query is not a schema change: no dialog.
        QVERIFY(runAll(tab, u"SELECT COUNT(*) FROM items"_s));
        QTest::qWait(200);
        QVERIFY(!m_window->findChild<QDialog *>(u"createDeployRequestDialog"_s));

        QVERIFY(runAll(tab, u"ALTER TABLE items ADD COLUMN price DECIMAL(8,2) NOT NULL DEFAULT 0"_s));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<QDialog *>(u"createDeployRequestDialog"_s), 15000);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '%1' "
                        "AND table_name = 'items'"_s.arg(branchSchema(m_database, u"dev"_s))),
            u"3"_s);
        delete m_window->findChild<QDialog *>(u"createDeployRequestDialog"_s);
        m_window->documents()->close(tab);
    }

    // Issue 17: what a tab ran shows in the branch's Insights with its exact count, and a pattern opens
    // in a new editor on the branch.
    void insightsShowWhatTheTabRanAndOpenAPattern()
    {
        Ui::QueryTab *tab = openTab(u"reader"_s);
        QVERIFY(tab);
        QVERIFY(runAll(tab,
            u"SELECT name FROM items WHERE id = 3;\nSELECT name FROM items WHERE id = 4;\n"
            "SELECT name FROM items WHERE id = 5;"_s));
        QVERIFY(tab->resultPane(2));
        QCOMPARE(tab->resultPane(2)->model()->index(0, 0).data().toString(), u"item 5"_s);

        // The branch browser's "Query Insights" opens the document; a second request focuses it.
        Q_EMIT m_workspace->branchBrowser()->insightsRequested(org, m_database, u"main"_s);
        Q_EMIT m_workspace->branchBrowser()->insightsRequested(org, m_database, u"main"_s);
        auto *insights = qobject_cast<Ui::InsightsDocument *>(
            m_window->documents()->document(Ui::InsightsDocument::keyFor(org, m_database, u"main"_s)));
        QVERIFY(insights);
        QCOMPARE(m_window->documents()->documentsOf<Ui::InsightsDocument>().size(), 1);
        QCOMPARE(m_window->documents()->current(), insights);

        const auto findRow = [&]() -> int {
            const Ui::QueryPatternModel *model = insights->model();
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->pattern(row).normalizedSql.contains(u"FROM `items` WHERE"_s))
                    return row;
            }
            return -1;
        };
        // The server records a statement's digest as the statement ends: ask again until it is there.
        for (int attempt = 0; attempt < 50 && findRow() < 0; ++attempt) {
            QSignalSpy loaded(insights, &Ui::InsightsDocument::loaded);
            insights->reload();
            QVERIFY(loaded.wait(10000));
        }
        QVERIFY(findRow() >= 0);
        const Core::QueryPattern &pattern = insights->model()->pattern(findRow());
        QCOMPARE(pattern.queryCount, 3);
        QCOMPARE(pattern.rowsReturned, 3);
        QCOMPARE(pattern.errorCount, 0);
        QVERIFY(pattern.p50LatencyMs <= pattern.p99LatencyMs && pattern.p99LatencyMs <= pattern.maxLatencyMs);
        if (const QString dir = qEnvironmentVariable("BRANCHDECK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QDir().mkpath(dir);
            m_window->resize(1400, 800);
            m_window->grab().save(QDir(dir).filePath(u"insights-window.png"_s));
        }

        // Activating the pattern opens a new tab on the branch with its SQL, with a reader password.
        QSignalSpy opened(m_workspace.get(), &App::Workspace::tabOpened);
        insights->view()->setFocus();
        insights->view()->setCurrentIndex(insights->model()->index(findRow(), 0));
        QTest::keyClick(insights->view(), Qt::Key_Return);
        QVERIFY(opened.wait(30000));
        auto *fromInsights = opened.first().first().value<Ui::QueryTab *>();
        QVERIFY(fromInsights->editor()->text().contains(pattern.normalizedSql));
        QCOMPARE(fromInsights->profile().id, App::BranchRef({ org, m_database, u"main"_s, true }).target());
        m_window->documents()->close(fromInsights);
        m_window->documents()->close(insights);
        m_window->documents()->close(tab);
    }

    // Issue 17: the statement under the editor's cursor finds its pattern (Ctrl+Shift+I), whose detail
    // shows its series, EXPLAINs it on the branch through a reader and suggests the index it lacks.
    void showInInsightsExplainAndIndexAdvice()
    {
        Ui::QueryTab *tab = openTab(u"reader"_s);
        QVERIFY(tab);
        QVERIFY(runAll(tab,
            u"SELECT id FROM items WHERE name = 'item 7';\nSELECT id FROM items WHERE name = 'item 8';\n"
            "SELECT id FROM items WHERE id = 1;"_s));
        // The cursor on the second statement; the editor's action asks Insights for it.
        tab->editor()->setCursorOffset(tab->editor()->text().indexOf(u"'item 8'"_s));
        QAction *show = nullptr;
        for (QAction *a : tab->editor()->actions()) {
            if (a->text() == u"Show in Insights"_s)
                show = a;
        }
        QVERIFY(show);
        QCOMPARE(show->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
        Ui::InsightsDocument *insights = m_workspace->openInsights(App::BranchRef { org, m_database, u"main"_s, true });
        QVERIFY(insights);
        m_window->documents()->focus(tab);
        bool found = false;
        // The digest is recorded as the statement ends: ask until the pattern is there.
        for (int attempt = 0; attempt < 30 && !found; ++attempt) {
            QSignalSpy shown(insights, &Ui::InsightsDocument::statementShown);
            show->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
            found = shown.last().first().toBool();
        }
        QVERIFY(found);
        QCOMPARE(m_window->documents()->current(), insights);
        const Core::QueryPattern scan = insights->detail()->pattern();
        // The server's digest writes words it knows as keywords (ID, NAME) unquoted and upper case.
        QVERIFY2(scan.normalizedSql.contains(u"WHERE NAME = ?"_s, Qt::CaseInsensitive)
                || scan.normalizedSql.contains(u"WHERE `name` = ?"_s),
            qPrintable(scan.normalizedSql));
        QCOMPARE(scan.queryCount, 2);
        QCOMPARE(scan.rowsRead, 500); // 250 rows scanned each time for one returned
        QCOMPARE(scan.rowsReturned, 2);

        // The series of the pattern: its two statements in the last day.
        Ui::PatternDetail *detail = insights->detail();
        QTRY_VERIFY_WITH_TIMEOUT(!detail->countChart()->lines().isEmpty(), 10000);
        double count = 0;
        for (const Core::MetricPoint &p : detail->countChart()->lines().first().points)
            count += p.hasValue() ? p.value : 0;
        QCOMPARE(count, 2.0);

        // The index advice, and EXPLAIN through the branch's reader: a full scan of items.
        QCOMPARE(detail->suggestedDdl(), u"ALTER TABLE `items` ADD INDEX `idx_name` (`name`)"_s);
        QSignalSpy explained(detail, &Ui::PatternDetail::explained);
        QSignalSpy failed(detail, &Ui::PatternDetail::explainFailed);
        QVERIFY(detail->explainButton()->isEnabled());
        detail->explain();
        QTRY_VERIFY_WITH_TIMEOUT(!explained.isEmpty() || !failed.isEmpty(), 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
        QVERIFY(explained.first().first().toInt() >= 1);
        const auto tables = detail->planView()->findItems(u"table items"_s, Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(tables.size(), 1);
        QVERIFY2(tables.first()->text(1).startsWith(u"ALL"_s), qPrintable(tables.first()->text(1)));
        if (const QString dir = qEnvironmentVariable("BRANCHDECK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            m_window->resize(1400, 900);
            m_window->grab().save(QDir(dir).filePath(u"insights-pattern-detail-window.png"_s));
        }
        m_window->documents()->close(insights);
        m_window->documents()->close(tab);
    }

    // Issue 18: the Primary / Replica choice only where there are replicas — main (production) has them in
    // the sandbox, the development branch dev (made above) has none.
    void targetChoiceOnlyOnBranchesWithReplicas()
    {
        m_window->resize(1600, 900);
        m_window->show();
        Ui::QueryTab *onMain = openTab(u"reader"_s);
        QVERIFY(onMain);
        auto *choice = onMain->findChild<QComboBox *>(u"targetChoice"_s);
        QVERIFY(choice);
        QTRY_VERIFY_WITH_TIMEOUT(choice->isVisibleTo(onMain), 5000);
        QCOMPARE(choice->currentIndex(), 0); // on the primary

        QSignalSpy opened(m_workspace.get(), &App::Workspace::tabOpened);
        m_workspace->openBranch(App::BranchRef { org, m_database, u"dev"_s, false }, u"reader"_s);
        QVERIFY(opened.wait(30000));
        auto *onDev = opened.first().first().value<Ui::QueryTab *>();
        auto *devChoice = onDev->findChild<QComboBox *>(u"targetChoice"_s);
        QVERIFY(devChoice);
        // Let the toolbar lay itself out (what would show the choice) before looking.
        QVERIFY(runAll(onDev, u"SELECT 1"_s));
        QVERIFY(!devChoice->isVisibleTo(onDev));
        m_window->documents()->close(onDev);
        m_window->documents()->close(onMain);
    }

    // A replica tab whose connection is dropped reconnects to the replica (its read-only replica account),
    // never to the primary.
    void replicaTabReconnectsToTheReplica()
    {
        Ui::QueryTab *tab = openTab(App::BranchConnector::replicaRole());
        QVERIFY(tab);
        auto *connector = tab->findChild<App::BranchConnector *>();
        QVERIFY(connector && connector->password().replica);
        const QString username = connector->password().username;
        QTRY_COMPARE_WITH_TIMEOUT(tab->findChild<QComboBox *>(u"targetChoice"_s)->currentIndex(), 1, 5000);
        QVERIFY(runAll(tab, u"SELECT CURRENT_USER()"_s));
        QVERIFY(tab->resultPane(0));
        QVERIFY2(tab->resultPane(0)->model()->index(0, 0).data().toString().startsWith(username + u'@'),
            qPrintable(tab->resultPane(0)->model()->index(0, 0).data().toString()));

        // The server drops every connection of the tab's account.
        const QString ids = scalar(
            u"SELECT GROUP_CONCAT(ID) FROM information_schema.PROCESSLIST WHERE USER = '"_s + username + u"'"_s);
        QVERIFY(!ids.isEmpty());
        for (const QString &id : ids.split(u','))
            QVERIFY(admin(u"KILL CONNECTION "_s + id));
        // The next run may be the one that finds the connection gone; the one after it runs on a new one.
        QString user;
        for (int attempt = 0; attempt < 3 && user.isEmpty(); ++attempt) {
            QVERIFY(runAll(tab, u"SELECT CURRENT_USER()"_s));
            if (Ui::ResultPane *pane = tab->resultPane(0); pane && pane->model()->rowCount() == 1)
                user = pane->model()->index(0, 0).data().toString();
        }
        QVERIFY2(user.startsWith(username + u'@'), qPrintable(user));
        // Still the replica: read-only.
        QSignalSpy failed(tab, &Ui::QueryTab::statementFailed);
        QVERIFY(runAll(tab, u"INSERT INTO items VALUES (999, 'x')"_s));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().value<Sql::StatementError>().message.contains(u"denied"_s, Qt::CaseInsensitive));
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM `%1`.items WHERE id = 999"_s.arg(branchSchema(m_database, u"main"_s))),
            u"0"_s);
        m_window->documents()->close(tab);
    }

    // The status bar says what is connected: the API endpoint and organization once signed in to the sandbox
    // (the way the app finds it: its sandbox.json), and the SQL server of the current tab, if any — not
    // "Not connected" while the API is.
    void statusBarSaysWhatIsConnected()
    {
        for (QWidget *document : m_window->documents()->documents())
            m_window->documents()->close(document);
        auto *api = m_window->findChild<QLabel *>(u"apiStatus"_s);
        auto *sql = m_window->findChild<QLabel *>(u"connectionStatus"_s);
        auto *tls = m_window->findChild<QLabel *>(u"tlsStatus"_s);
        QVERIFY(api && sql && tls);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QList<QByteArray> token = m_client->credentials().authorizationHeader().split(':');
        QCOMPARE(token.size(), 2);
        QFile info(dir.filePath(u"sandbox.json"_s));
        QVERIFY(info.open(QIODevice::WriteOnly));
        info.write(
            QJsonDocument(QJsonObject { { u"api_url"_s, m_client->baseUrl().toString() },
                              { u"service_token_id"_s, QString::fromUtf8(token[0]) },
                              { u"service_token"_s, QString::fromUtf8(token[1]) }, { u"ca_file"_s, m_db.caFile } })
                .toJson());
        info.close();
        qputenv("BRANCHDECK_SANDBOX_DIR", dir.path().toUtf8());
        const bool found = m_workspace->signInToSandbox();
        qunsetenv("BRANCHDECK_SANDBOX_DIR");
        QVERIFY(found);
        const QString endpoint = m_client->baseUrl().toDisplayString();
        QCOMPARE(api->text(), u"API: local sandbox at %1 · organization %2"_s.arg(endpoint, org));
        QCOMPARE(sql->text(), u"SQL: no tab open"_s);
        QVERIFY(tls->text().isEmpty());

        Ui::QueryTab *tab = openTab(u"reader"_s);
        QVERIFY(tab);
        QVERIFY(runAll(tab, u"SELECT 1"_s));
        const Store::ConnectionProfile &profile = tab->profile();
        const QString where = u"%1@%2:%3"_s.arg(profile.user, profile.host).arg(profile.port);
        QVERIFY2(sql->text().startsWith(u"SQL: %1 — "_s.arg(where)), qPrintable(sql->text() + u" / "_s + where));
        QCOMPARE(sql->text(), u"SQL: %1 — %2"_s.arg(where, scalar(u"SELECT VERSION()"_s)));
        QVERIFY2(tls->text().contains(u"verified"_s), qPrintable(tls->text()));
        // Another document in front: the status says it has no connection, and the tab's comes back with it.
        m_workspace->openPasswords(org, m_database, u"main"_s, true);
        QCOMPARE(sql->text(), u"SQL: this document has no connection"_s);
        QVERIFY(tls->text().isEmpty());
        m_window->documents()->focus(tab);
        QVERIFY2(sql->text().startsWith(u"SQL: %1 — "_s.arg(where)), qPrintable(sql->text()));
        for (QWidget *document : m_window->documents()->documents())
            m_window->documents()->close(document);
        QCOMPARE(sql->text(), u"SQL: no tab open"_s);
    }

    void cleanupTestCase()
    {
        m_workspace.reset();
        m_window.reset();
        stopSandbox();
    }
};

QTEST_MAIN(TestWorkspaceE2e)
#include "tst_workspace_e2e.moc"

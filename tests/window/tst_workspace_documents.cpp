// The window's documents against a small PlanetScale stand-in: selecting a deploy request, a branch or a
// comparison opens it in the centre and opening it again focuses the same tab (no duplicates), Back/Forward
// walk them, quick open finds organizations, databases, branches, deploy requests and tables by fuzzy text
// and opens them, and the open documents come back after a restart.
#include "fakeplanetscale.h"
#include "screenshot.h"

#include "app/documentopener.h"
#include "app/workspace.h"
#include "ui/branches/backupsview.h"
#include "ui/branches/branchbrowser.h"
#include "ui/branches/branchcomparisonview.h"
#include "ui/branches/branchschemaview.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/branches/passwordsview.h"
#include "ui/common/connectionprofiledialog.h"
#include "ui/common/documentarea.h"
#include "ui/common/mainwindow.h"
#include "ui/common/quickopendialog.h"
#include "ui/common/savedconnectionsdialog.h"
#include "ui/common/signindialog.h"
#include "ui/common/welcomepage.h"
#include "ui/deployrequests/deployrequestdetail.h"
#include "ui/deployrequests/deployrequestlistmodel.h"
#include "ui/deployrequests/deployrequestpanel.h"
#include "ui/deployrequests/deployrequestsummary.h"
#include "ui/insights/insightsdocument.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedLayout>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

const QString usersV1 = u"CREATE TABLE `users` (\n  `id` bigint NOT NULL AUTO_INCREMENT,\n  `email` varchar(255) NOT "
                        "NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB"_s;
const QString usersV2 = u"CREATE TABLE `users` (\n  `id` bigint NOT NULL AUTO_INCREMENT,\n  `email` varchar(320) NOT "
                        "NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB"_s;
const QString ordersV1 = u"CREATE TABLE `orders` (\n  `id` bigint NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB"_s;

} // namespace

class TestWorkspaceDocuments : public QObject
{
    Q_OBJECT

private:
    FakePlanetScale *m_fake = nullptr;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<App::Workspace> m_workspace;

    Ui::DocumentArea *area() const { return m_window->documents(); }

    void signIn()
    {
        Ui::SignInSession session;
        session.kind = Ui::SignInSession::Kind::ServiceToken;
        session.apiUrl = m_fake->baseUrl();
        session.credentials = Api::Credentials::serviceToken(u"id"_s, u"secret"_s, u"test"_s);
        session.defaultOrganization = u"acme"_s;
        session.description = u"fake"_s;
        m_workspace->signIn(session);
    }

    bool loadShop()
    {
        Ui::BranchTreeModel *model = m_workspace->branchBrowser()->model();
        if (!QTest::qWaitFor([&] { return model->databaseIndex(u"acme"_s, u"shop"_s).isValid(); }))
            return false;
        model->fetchMore(model->databaseIndex(u"acme"_s, u"shop"_s));
        return QTest::qWaitFor([&] { return model->branchIndex(u"acme"_s, u"shop"_s, u"feature-a"_s).isValid(); });
    }

    bool openShopRequests()
    {
        Ui::DeployRequestPanel *panel = m_workspace->deployRequestPanel();
        QSignalSpy loaded(panel, &Ui::DeployRequestPanel::listLoaded);
        panel->setDatabase(u"acme"_s, u"shop"_s);
        return loaded.wait(5000);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_fake = new FakePlanetScale(this);
        QVERIFY(m_fake->start());
        m_fake->organizations = { FakePlanetScale::organization(u"acme"_s) };
        m_fake->databases.insert(u"acme"_s, { FakePlanetScale::database(u"shop"_s) });
        m_fake->branches.insert(u"acme/shop"_s,
            { FakePlanetScale::branch(u"main"_s, {}, true, true), FakePlanetScale::branch(u"feature-a"_s, u"main"_s),
                FakePlanetScale::branch(u"fix-orders"_s, u"main"_s) });
        m_fake->schemas.insert(u"acme/shop/main"_s,
            QJsonArray { FakePlanetScale::table(u"users"_s, usersV1), FakePlanetScale::table(u"orders"_s, ordersV1) });
        m_fake->schemas.insert(u"acme/shop/feature-a"_s,
            QJsonArray { FakePlanetScale::table(u"users"_s, usersV2), FakePlanetScale::table(u"orders"_s, ordersV1) });
        m_fake->schemas.insert(u"acme/shop/fix-orders"_s,
            QJsonArray { FakePlanetScale::table(u"users"_s, usersV1), FakePlanetScale::table(u"orders"_s, ordersV1) });
        m_fake->addDeployRequest(u"acme/shop"_s, 1, u"feature-a"_s, u"main"_s, u"ready"_s);
        m_fake->addDeployRequest(u"acme/shop"_s, 2, u"fix-orders"_s, u"main"_s, u"ready"_s);
        m_fake->addDeployRequest(u"acme/shop"_s, 12, u"fix-orders"_s, u"main"_s, u"complete"_s, u"closed"_s);
        m_window = std::make_unique<Ui::MainWindow>(Ui::AboutDialog::Components {});
        m_workspace = std::make_unique<App::Workspace>(m_window.get());
        m_window->resize(1400, 900);
        m_window->show();
        signIn();
    }

    void cleanup()
    {
        m_workspace.reset();
        m_window.reset();
        delete m_fake;
    }

    void firstRunSelectsTheDatabaseAndOpensItsDeployRequest()
    {
        QSettings().remove(u"session"_s); // never ran before
        m_workspace->startOn(u"acme"_s, u"shop"_s);
        // The tree opens on the database, the list shows its requests, the first open one is the document.
        QTRY_COMPARE(m_workspace->branchBrowser()->treeView()->currentIndex().data(Ui::BranchTreeModel::DatabaseRole),
            QVariant(u"shop"_s));
        QTRY_COMPARE(m_workspace->deployRequestPanel()->database(), u"shop"_s);
        QTRY_COMPARE(area()->count(), 1);
        QCOMPARE(area()->keyOf(area()->current()), u"deploy-request:acme/shop/1"_s);

        // Later launches with a session (even an empty one) select the database but open nothing themselves.
        m_workspace->saveDocuments();
        area()->close(area()->current());
        m_workspace->saveDocuments();
        cleanup();
        init();
        m_workspace->startOn(u"acme"_s, u"shop"_s);
        QTRY_COMPARE(m_workspace->deployRequestPanel()->database(), u"shop"_s);
        QTest::qWait(200);
        QCOMPARE(area()->count(), 0);
    }

    void welcomePageUntilSignedIn()
    {
        // A window nobody signed in to: the centre offers the four ways in.
        cleanup();
        m_window = std::make_unique<Ui::MainWindow>(Ui::AboutDialog::Components {});
        m_workspace = std::make_unique<App::Workspace>(m_window.get());
        m_window->show();
        m_fake = new FakePlanetScale(this);
        QVERIFY(m_fake->start());
        auto *welcome = m_window->findChild<Ui::WelcomePage *>();
        QVERIFY(welcome);
        QTRY_VERIFY(welcome->isVisible());
        for (auto way : { Ui::WelcomePage::Way::Sandbox, Ui::WelcomePage::Way::ServiceToken,
                 Ui::WelcomePage::Way::PscaleLogin, Ui::WelcomePage::Way::DirectConnection })
            QVERIFY(welcome->button(way) && welcome->button(way)->isVisible());
        // A way in opens its dialog.
        welcome->button(Ui::WelcomePage::Way::ServiceToken)->click();
        QTRY_VERIFY(
            m_window->findChild<Ui::SignInDialog *>() && m_window->findChild<Ui::SignInDialog *>()->isVisible());
        m_window->findChild<Ui::SignInDialog *>()->reject();
        // A direct connection: the saved connections with the editor of a new one on top (a modal dialog).
        bool editorShown = false;
        QTimer::singleShot(300, this, [&editorShown] {
            if (auto *editor = qobject_cast<Ui::ConnectionProfileDialog *>(QApplication::activeModalWidget())) {
                editorShown = true;
                editor->reject();
            }
        });
        welcome->button(Ui::WelcomePage::Way::DirectConnection)->click();
        QTRY_VERIFY(editorShown);
        QVERIFY(m_window->findChild<Ui::SavedConnectionsDialog *>());
        m_window->findChild<Ui::SavedConnectionsDialog *>()->close();
        // Signed in, the centre says how to open something instead.
        signIn();
        QTRY_VERIFY(!m_window->findChild<Ui::WelcomePage *>());
        auto *hint = m_window->findChild<QLabel *>(u"documentsHint"_s);
        QVERIFY(hint);
        QTRY_VERIFY(hint->isVisible());
        QVERIFY(hint->text().contains(u"Ctrl+K"_s));
    }

    void reopeningADocumentFocusesItsTab()
    {
        QVERIFY(openShopRequests());
        Ui::DeployRequestPanel *panel = m_workspace->deployRequestPanel();
        QVERIFY(panel->selectDeployRequest(1));
        QCOMPARE(area()->count(), 1);
        auto *first = qobject_cast<Ui::DeployRequestDetail *>(area()->current());
        QVERIFY(first);
        QCOMPARE(area()->keyOf(first), u"deploy-request:acme/shop/1"_s);
        QTRY_VERIFY(first->windowTitle().contains(u"feature-a → main"_s));
        QVERIFY(panel->selectDeployRequest(2));
        QCOMPARE(area()->count(), 2);
        QVERIFY(panel->selectDeployRequest(1));
        QCOMPARE(area()->count(), 2); // the same document, focused
        QCOMPARE(area()->current(), first);
        QCOMPARE(m_workspace->documents()->open(u"deploy-request:acme/shop/1"_s), first);

        // A branch's schema and a comparison: one tab each however often they are asked for.
        QVERIFY(loadShop());
        Ui::BranchBrowser *browser = m_workspace->branchBrowser();
        Q_EMIT browser->branchActivated(u"acme"_s, u"shop"_s, u"feature-a"_s);
        Q_EMIT browser->branchActivated(u"acme"_s, u"shop"_s, u"feature-a"_s);
        QCOMPARE(area()->documentsOf<Ui::BranchSchemaView>().size(), 1);
        auto *schema = area()->documentsOf<Ui::BranchSchemaView>().first();
        QCOMPARE(area()->current(), schema);
        schema->compareWithParent();
        schema->compareWithParent();
        QCOMPARE(area()->documentsOf<Ui::BranchComparisonView>().size(), 1);
        QCOMPARE(area()->keyOf(area()->current()), u"compare:acme/shop/main...feature-a"_s);
        QCOMPARE(area()->count(), 4);

        // Back and Forward through what was visited, from the Go menu.
        QAction *back = m_window->action(u"actionBack"_s);
        QAction *forward = m_window->action(u"actionForward"_s);
        QVERIFY(back->isEnabled());
        QVERIFY(!forward->isEnabled());
        back->trigger();
        QCOMPARE(area()->current(), schema);
        back->trigger();
        QCOMPARE(area()->current(), first);
        QVERIFY(forward->isEnabled());
        forward->trigger();
        QCOMPARE(area()->current(), schema);
    }

    void quickOpenFindsAndOpens()
    {
        QVERIFY(loadShop());
        Ui::QuickOpenDialog *quick = m_workspace->showQuickOpen();
        QVERIFY(quick->isVisible());
        // Deploy requests and tables arrive from the API while the box is open.
        QTRY_VERIFY(std::any_of(quick->items().cbegin(), quick->items().cend(),
            [](const auto &i) { return i.kind == Ui::QuickOpenItem::Kind::Table; }));
        QTRY_VERIFY(std::any_of(quick->items().cbegin(), quick->items().cend(),
            [](const auto &i) { return i.kind == Ui::QuickOpenItem::Kind::DeployRequest; }));

        quick->setQuery(u"fa"_s); // feature-a: f…a at word starts
        QVERIFY(!quick->results().isEmpty());
        QCOMPARE(quick->results().first().text, u"feature-a"_s);
        QCOMPARE(quick->results().first().kind, Ui::QuickOpenItem::Kind::Branch);
        quick->setQuery(u"#1"_s);
        QCOMPARE(quick->results().first().text, u"#1 feature-a → main"_s);
        quick->setQuery(u"#12"_s);
        QCOMPARE(quick->results().first().text, u"#12 fix-orders → main"_s);
        quick->setQuery(u"ordrs"_s); // a typo still finds the table
        QCOMPARE(quick->results().first().kind, Ui::QuickOpenItem::Kind::Table);
        QCOMPARE(quick->results().first().text, u"orders"_s);
        quick->setQuery(u"zzz"_s);
        QVERIFY(quick->results().isEmpty());

        // Enter opens the best match: a deploy request document…
        quick->setQuery(u"#2"_s);
        QTest::keyClick(quick->findChild<QLineEdit *>(u"quickOpenQuery"_s), Qt::Key_Return);
        QVERIFY(!quick->isVisible());
        QCOMPARE(area()->keyOf(area()->current()), u"deploy-request:acme/shop/2"_s);
        // …a table: its branch's schema with the table selected.
        m_workspace->showQuickOpen();
        quick->setQuery(u"orders"_s);
        quick->activateCurrent();
        auto *schema = qobject_cast<Ui::BranchSchemaView *>(area()->current());
        QVERIFY(schema);
        QCOMPARE(area()->keyOf(schema), u"schema:acme/shop/main"_s);
        QTRY_VERIFY(schema->ddlText().contains(u"CREATE TABLE `orders`"_s));
        // …a database: selected in the tree, its deploy requests listed.
        m_workspace->showQuickOpen();
        quick->setQuery(u"shop"_s);
        QCOMPARE(quick->results().first().kind, Ui::QuickOpenItem::Kind::Database);
        quick->activateCurrent();
        QCOMPARE(m_workspace->deployRequestPanel()->database(), u"shop"_s);
        QCOMPARE(m_workspace->branchBrowser()->treeView()->currentIndex().data(Ui::BranchTreeModel::DatabaseRole),
            QVariant(u"shop"_s));
        // Ctrl+K is the window's shortcut for it.
        QCOMPARE(m_window->action(u"actionQuickOpen"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
    }

    void theDeployRequestListFollowsTheDocument()
    {
        // Opened by key (--open, a restored session, quick open) rather than from the list: the navigator
        // lists that database with the request selected, and selecting it there reopens nothing.
        Ui::DeployRequestPanel *panel = m_workspace->deployRequestPanel();
        QSignalSpy opened(panel, &Ui::DeployRequestPanel::deployRequestOpened);
        m_workspace->documents()->open(u"deploy-request:acme/shop/2"_s);
        QTRY_COMPARE(panel->database(), u"shop"_s);
        QTRY_VERIFY(panel->model()->rowCount() > 0);
        QTRY_COMPARE(panel->selectedNumber(), 2);
        QCOMPARE(area()->count(), 1);
        QCOMPARE(opened.count(), 0);
        // Another request's document focused: its row follows (the list is already there).
        m_workspace->documents()->open(u"deploy-request:acme/shop/1"_s);
        QCOMPARE(panel->selectedNumber(), 1);
        area()->focus(area()->document(u"deploy-request:acme/shop/2"_s));
        QCOMPARE(panel->selectedNumber(), 2);
        QCOMPARE(area()->count(), 2);
        QCOMPARE(opened.count(), 0);
    }

    // At 1366×768 with a deploy request open in the centre, every control of the deploy-request navigator
    // is on screen: shown and wholly inside the panel (its toolbar used to push Recommendations off the edge).
    void deployRequestPanelFitsAt1366x768()
    {
        m_window->resize(1366, 768);
        // A long branch name in the filter must not widen the navigator either.
        m_fake->branches[u"acme/shop"_s].append(
            FakePlanetScale::branch(u"add-order-status-and-a-much-longer-name-than-usual"_s, u"main"_s));
        Ui::DeployRequestPanel *panel = m_workspace->deployRequestPanel();
        QSignalSpy branches(panel, &Ui::DeployRequestPanel::branchesLoaded);
        QVERIFY(openShopRequests());
        QVERIFY(branches.count() > 0 || branches.wait(5000));
        QCOMPARE(panel->branchFilterChoices().size(), 4);
        QVERIFY(loadShop());
        m_workspace->documents()->openDeployRequest(u"acme"_s, u"shop"_s, 1);
        panel->setOpenRecommendations(u"acme"_s, u"shop"_s, 3); // the badge beside Recommendations too
        QTRY_COMPARE(area()->count(), 1);
        QTest::qWait(50); // the dock layout settles after the document's first layout pass
        saveScreenshot(m_window.get(), u"window-1366x768-deploy-requests"_s);
        saveScreenshot(panel, u"deploy-request-panel-1366x768"_s);
        // The window fits the screen: no minimum width of a dock or document pushes it past 1366.
        QCOMPARE(m_window->size(), QSize(1366, 768));
        QVERIFY(m_window->rect().contains(QRect(panel->mapTo(m_window.get(), QPoint(0, 0)), panel->size())));
        QList<QWidget *> controls;
        for (QWidget *w : panel->findChildren<QWidget *>()) {
            if (panel->listView()->isAncestorOf(w))
                continue; // the list's own parts (corner button, scroll bars)
            if (qobject_cast<QAbstractButton *>(w) || qobject_cast<QComboBox *>(w)
                || w->objectName() == u"recommendationsBadge"_s)
                controls << w;
        }
        QVERIFY(controls.size() >= 6);
        const QRect inside = panel->rect();
        for (QWidget *w : std::as_const(controls)) {
            if (w->isHidden() && w->objectName() != u"recommendationsButton"_s)
                continue; // hidden on purpose (nothing to show), not pushed out
            const QString what
                = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName();
            const QRect r(w->mapTo(panel, QPoint(0, 0)), w->size());
            QVERIFY2(w->isVisible(), qPrintable(what + u" is not visible"_s));
            QVERIFY2(inside.contains(r),
                qPrintable(u"%1 at %2,%3 %4×%5 is not inside the panel's %6×%7"_s.arg(what)
                               .arg(r.x())
                               .arg(r.y())
                               .arg(r.width())
                               .arg(r.height())
                               .arg(inside.width())
                               .arg(inside.height())));
            QVERIFY2(w->width() >= w->minimumSizeHint().width(), qPrintable(what + u" is squeezed"_s));
        }
    }

    void openDocumentsComeBackAfterARestart()
    {
        QVERIFY(loadShop());
        m_workspace->openInsights(App::BranchRef { u"acme"_s, u"shop"_s, u"main"_s, true });
        m_workspace->documents()->openDeployRequest(u"acme"_s, u"shop"_s, 2);
        m_workspace->documents()->openComparison(u"acme"_s, u"shop"_s, u"main"_s, u"fix-orders"_s);
        m_workspace->documents()->openSchema(u"acme"_s, u"shop"_s, u"main"_s);
        m_workspace->openBackups(u"acme"_s, u"shop"_s, u"feature-a"_s);
        m_workspace->openPasswords(u"acme"_s, u"shop"_s, u"main"_s, true);
        area()->focus(area()->document(u"deploy-request:acme/shop/2"_s));
        m_workspace->saveDocuments();
        cleanup();
        init();
        QVERIFY(loadShop()); // as at start: the tree is there before the session comes back
        m_workspace->restoreDocuments();
        QCOMPARE(area()->count(), 6);
        QCOMPARE(area()->keyOf(area()->current()), u"deploy-request:acme/shop/2"_s);
        QVERIFY(qobject_cast<Ui::InsightsDocument *>(area()->document(u"insights:acme/shop/main"_s)));
        auto *doc = qobject_cast<Ui::DeployRequestDetail *>(area()->current());
        QTRY_COMPARE(doc->deployRequest().number, 2); // loaded by number from the API
        QVERIFY(area()->document(u"compare:acme/shop/main...fix-orders"_s));
        QVERIFY(area()->document(u"schema:acme/shop/main"_s));
        QVERIFY(qobject_cast<Ui::BackupsView *>(area()->document(u"backups:acme/shop/feature-a"_s)));
        auto *passwords = qobject_cast<Ui::PasswordsView *>(area()->document(u"passwords:acme/shop/main"_s));
        QVERIFY(passwords);
        QVERIFY(passwords->property("production").toBool()); // from the tree, as the browser opened it
    }

    // Issue 18: a keyspace opened in the tree shows its VSchema in its branch's schema document.
    void keyspaceOpensItsVSchema()
    {
        QVERIFY(loadShop());
        Q_EMIT m_workspace->branchBrowser()->keyspaceActivated(u"acme"_s, u"shop"_s, u"main"_s, u"shop"_s);
        auto *schema = qobject_cast<Ui::BranchSchemaView *>(area()->document(u"schema:acme/shop/main"_s));
        QVERIFY(schema);
        QCOMPARE(area()->current(), schema);
        QTRY_VERIFY_WITH_TIMEOUT(schema->ddlText().startsWith(u"-- VSchema of keyspace shop"_s), 5000);
        QVERIFY2(schema->ddlText().contains(u"\"orders\""_s), qPrintable(schema->ddlText()));
    }

    // Issue 17: a deploy request's Summary lists the Insights patterns of its base branch that use the
    // tables it changes (the fake's diff names users and orders; the payments pattern stays out).
    void summaryShowsThePatternsOnTheChangedTables()
    {
        QJsonObject users = FakePlanetScale::queryPattern(
            u"u1"_s, u"SELECT `email` FROM `users` WHERE `id` = ?"_s, 1200, 300, 2, 1200, 1200);
        users.insert(u"tables"_s, QJsonArray { u"users"_s });
        QJsonObject payments
            = FakePlanetScale::queryPattern(u"p1"_s, u"SELECT * FROM `payments` WHERE `id` = ?"_s, 90, 20, 1, 90, 90);
        payments.insert(u"tables"_s, QJsonArray { u"payments"_s });
        m_fake->insights.insert(u"acme/shop/main"_s, { payments, users });
        QVERIFY(loadShop());
        auto *doc = m_workspace->documents()->openDeployRequest(u"acme"_s, u"shop"_s, 1);
        QTRY_VERIFY_WITH_TIMEOUT(!doc->summary()->affectedPatternsText().isEmpty(), 5000);
        const QString text = doc->summary()->affectedPatternsText();
        QVERIFY2(
            text.contains(u"FROM `users`"_s.toHtmlEscaped()) || text.contains(u"FROM `users`"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"payments"_s), qPrintable(text));
        QVERIFY(text.contains(QLocale().toString(1200)));
    }
};

QTEST_MAIN(TestWorkspaceDocuments)
#include "tst_workspace_documents.moc"

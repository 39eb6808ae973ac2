#include "fakeplanetscale.h"
#include "screenshot.h"

#include "api/apiclient.h"
#include "ui/branches/branchbrowser.h"
#include "ui/branches/branchcomparisonview.h"
#include "ui/branches/branchschemaview.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/branches/newbranchdialog.h"
#include "ui/common/sidebysidediffview.h"

#include <QAbstractItemModelTester>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using Ui::BranchBrowser;
using Ui::BranchTreeModel;

namespace {

const QString usersV1 = u"CREATE TABLE `users` (\n"
                        "  `id` bigint NOT NULL AUTO_INCREMENT,\n"
                        "  `email` varchar(255) NOT NULL,\n"
                        "  PRIMARY KEY (`id`),\n"
                        "  UNIQUE KEY `email` (`email`)\n"
                        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci"_s;
const QString usersV2 = u"CREATE TABLE `users` (\n"
                        "  `id` bigint NOT NULL AUTO_INCREMENT,\n"
                        "  `email` varchar(255) NOT NULL,\n"
                        "  `name` varchar(100) DEFAULT NULL,\n"
                        "  PRIMARY KEY (`id`),\n"
                        "  UNIQUE KEY `email` (`email`)\n"
                        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci"_s;
const QString orders = u"CREATE TABLE `orders` (\n"
                       "  `id` bigint NOT NULL AUTO_INCREMENT,\n"
                       "  `user_id` bigint NOT NULL,\n"
                       "  PRIMARY KEY (`id`),\n"
                       "  KEY `user_id` (`user_id`)\n"
                       ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci"_s;

QAction *findAction(QMenu *menu, const QString &name)
{
    for (QAction *a : menu->actions()) {
        if (a->objectName() == name)
            return a;
    }
    return nullptr;
}

} // namespace

class TestBranchBrowser : public QObject
{
    Q_OBJECT

private:
    FakePlanetScale *m_fake = nullptr;
    Api::ApiClient *m_client = nullptr;

    bool loadShop(BranchBrowser &browser)
    {
        BranchTreeModel *model = browser.model();
        model->fetchMore({});
        if (!QTest::qWaitFor([&] { return model->organizationIndex(u"acme"_s).isValid(); }))
            return false;
        model->fetchMore(model->organizationIndex(u"acme"_s));
        if (!QTest::qWaitFor([&] { return model->databaseIndex(u"acme"_s, u"shop"_s).isValid(); }))
            return false;
        model->fetchMore(model->databaseIndex(u"acme"_s, u"shop"_s));
        return QTest::qWaitFor([&] { return model->branchIndex(u"acme"_s, u"shop"_s, u"feature-a-fix"_s).isValid(); });
    }

private Q_SLOTS:
    void init()
    {
        m_fake = new FakePlanetScale(this);
        QVERIFY(m_fake->start());
        m_fake->organizations = { FakePlanetScale::organization(u"acme"_s) };
        m_fake->databases.insert(u"acme"_s, { FakePlanetScale::database(u"shop"_s) });
        m_fake->branches.insert(u"acme/shop"_s,
            { FakePlanetScale::branch(u"main"_s, {}, true, true), FakePlanetScale::branch(u"feature-a"_s, u"main"_s),
                FakePlanetScale::branch(u"feature-a-fix"_s, u"feature-a"_s, false, false, false),
                FakePlanetScale::branch(u"staging"_s, u"main"_s) });
        m_fake->schemas.insert(u"acme/shop/main"_s, QJsonArray { FakePlanetScale::table(u"users"_s, usersV1) });
        m_fake->schemas.insert(u"acme/shop/feature-a"_s,
            QJsonArray { FakePlanetScale::table(u"orders"_s, orders), FakePlanetScale::table(u"users"_s, usersV2) });
        m_client = new Api::ApiClient(this);
        m_client->setBaseUrl(m_fake->baseUrl());
        m_client->setCredentials(Api::Credentials::serviceToken(u"tokenid"_s, u"secret"_s, u"test"_s));
    }
    void cleanup()
    {
        delete m_client;
        delete m_fake;
    }

    void filtersRecursively()
    {
        BranchBrowser browser(m_client);
        QAbstractItemModelTester tester(browser.proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(loadShop(browser));
        browser.setFilterText(u"FIX"_s);
        QSortFilterProxyModel *proxy = browser.proxyModel();
        QCOMPARE(proxy->rowCount(), 1);
        const QModelIndex shop = proxy->index(0, 0, proxy->index(0, 0));
        QCOMPARE(shop.data().toString(), u"shop"_s);
        const QModelIndex main = proxy->index(0, 0, shop);
        QCOMPARE(proxy->rowCount(main), 1); // staging is filtered out, feature-a leads to the match
        QCOMPARE(proxy->index(0, 0, main).data().toString(), u"feature-a"_s);
        browser.setFilterText({});
        // main's child branches (its keyspace, once the tester has expanded it, follows them).
        const QModelIndex mainAgain
            = proxy->mapFromSource(browser.model()->branchIndex(u"acme"_s, u"shop"_s, u"main"_s));
        int branches = 0;
        for (int row = 0; row < proxy->rowCount(mainAgain); ++row)
            branches += proxy->index(row, 0, mainAgain).data(BranchTreeModel::KindRole).value<BranchTreeModel::Kind>()
                == BranchTreeModel::Kind::Branch;
        QCOMPARE(branches, 2);
    }

    // Issue 18: a branch's keyspaces are nodes under it, loaded when it is expanded; opening one shows its
    // VSchema in the branch's schema document.
    void keyspacesUnderEachBranch()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        BranchTreeModel *model = browser.model();
        const QModelIndex staging = model->branchIndex(u"acme"_s, u"shop"_s, u"staging"_s);
        QCOMPARE(model->rowCount(staging), 0); // nothing asked yet
        QVERIFY(model->hasChildren(staging));
        QVERIFY(model->canFetchMore(staging));
        model->fetchMore(staging); // what the view does when the branch is expanded
        QTRY_COMPARE(model->rowCount(staging), 1);
        // From here on the tester walks (and fetches) the whole model as it changes.
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex keyspace = model->index(0, 0, staging);
        QCOMPARE(keyspace.data().toString(), u"shop"_s);
        QCOMPARE(
            keyspace.data(BranchTreeModel::KindRole).value<BranchTreeModel::Kind>(), BranchTreeModel::Kind::Keyspace);
        QCOMPARE(keyspace.data(BranchTreeModel::KeyspaceRole).toString(), u"shop"_s);
        QVERIFY(keyspace.data(BranchTreeModel::BranchRole).isNull()); // not a branch (quick open lists branches)
        QVERIFY(keyspace.data(Qt::ToolTipRole).toString().contains(u"unsharded"_s));
        QVERIFY(!model->hasChildren(keyspace));
        QVERIFY(!model->canFetchMore(staging)); // loaded once
        // main keeps its child branches first, then its keyspace (2 replicas: production on the fake).
        const QModelIndex main = model->branchIndex(u"acme"_s, u"shop"_s, u"main"_s);
        model->fetchMore(main);
        QTRY_COMPARE(model->rowCount(main), 3);
        QCOMPARE(model->index(0, 0, main).data(BranchTreeModel::BranchRole).toString(), u"feature-a"_s);
        QVERIFY(model->index(2, 0, main).data(Qt::ToolTipRole).toString().contains(u"2 replica"_s));
        QCOMPARE(model->branches(u"acme"_s, u"shop"_s).size(), 4); // keyspaces are not branches

        // Opening the keyspace: its branch's schema document with the keyspace's VSchema.
        QSignalSpy activated(&browser, &BranchBrowser::keyspaceActivated);
        Q_EMIT browser.treeView()->activated(browser.proxyModel()->mapFromSource(keyspace));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0), (QVariantList { u"acme"_s, u"shop"_s, u"staging"_s, u"shop"_s }));
        m_fake->schemas.insert(u"acme/shop/staging"_s, QJsonArray { FakePlanetScale::table(u"users"_s, usersV1) });
        Ui::BranchSchemaView view(m_client);
        QSignalSpy loaded(&view, &Ui::BranchSchemaView::schemaLoaded);
        view.setBranch(u"acme"_s, u"shop"_s, *model->branch(staging), {});
        view.showKeyspace(u"shop"_s);
        QTRY_VERIFY(view.ddlText().startsWith(u"-- VSchema of keyspace shop"_s));
        QVERIFY(view.ddlText().contains(u"\"users\""_s));
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(view.ddlText().startsWith(u"-- VSchema of keyspace shop"_s)); // the tables' arrival leaves it
    }

    void viewsAreShownAsViews()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        m_fake->schemas.insert(u"acme/shop/staging"_s,
            QJsonArray {
                FakePlanetScale::table(u"big_users"_s,
                    u"CREATE ALGORITHM=UNDEFINED SQL SECURITY INVOKER VIEW `big_users` AS select `users`.`id` AS `id` from `users` where `users`.`id` > 10"_s),
                FakePlanetScale::table(u"users"_s, usersV1),
                FakePlanetScale::table(u"zones"_s,
                    u"CREATE TABLE `zones` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB"_s) });
        auto view = openSchema(browser, u"staging"_s);
        QVERIFY(view);
        QSignalSpy loaded(view.get(), &Ui::BranchSchemaView::schemaLoaded);
        QTRY_COMPARE(loaded.size(), 1);
        QStandardItemModel *tables = view->tableModel();
        QCOMPARE(tables->rowCount(), 3);
        QCOMPARE(tables->index(0, 0).data().toString(), u"big_users"_s);
        QCOMPARE(tables->index(0, 1).data().toString(), u"view · SQL SECURITY INVOKER"_s);
        QVERIFY(tables->index(0, 1).data(Qt::ToolTipRole).toString().contains(u"`users`.`id` > 10"_s));
        // Counts in English: "2 columns", "1 column" (not "column(s)").
        QCOMPARE(tables->index(1, 1).data().toString(), u"2 columns"_s);
        QCOMPARE(tables->index(2, 1).data().toString(), u"1 column"_s);
    }

    void opensTheDefaultOrganization()
    {
        BranchBrowser browser(m_client);
        browser.setDefaultOrganization(u"acme"_s);
        browser.model()->fetchMore({});
        QTRY_VERIFY(browser.model()->databaseIndex(u"acme"_s, u"shop"_s).isValid());
    }

    // The schema document the browser asks for (double-click, Enter, "Show schema"), made as the window does.
    std::unique_ptr<Ui::BranchSchemaView> openSchema(BranchBrowser &browser, const QString &branch)
    {
        auto view = std::make_unique<Ui::BranchSchemaView>(m_client);
        QStringList names;
        for (const Core::Branch &b : browser.model()->branches(u"acme"_s, u"shop"_s))
            names << b.name;
        const QList<Core::Branch> branches = browser.model()->branches(u"acme"_s, u"shop"_s);
        const auto it
            = std::find_if(branches.cbegin(), branches.cend(), [&](const Core::Branch &b) { return b.name == branch; });
        if (it == branches.cend())
            return nullptr;
        view->setBranch(u"acme"_s, u"shop"_s, *it, names);
        return view;
    }

    void activatingABranchAsksForItsSchema()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        QSignalSpy selected(&browser, &BranchBrowser::branchSelected);
        QSignalSpy activated(&browser, &BranchBrowser::branchActivated);
        QVERIFY(browser.selectBranch(u"acme"_s, u"shop"_s, u"feature-a"_s));
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.at(0).at(2).toString(), u"feature-a"_s);
        QCOMPARE(activated.size(), 0); // selecting is not opening
        Q_EMIT browser.treeView()->activated(browser.treeView()->currentIndex());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0), (QVariantList { u"acme"_s, u"shop"_s, u"feature-a"_s }));
        // The tree has icons now.
        const QModelIndex branch = browser.model()->branchIndex(u"acme"_s, u"shop"_s, u"feature-a"_s);
        QVERIFY(!branch.data(Qt::DecorationRole).value<QIcon>().isNull());
    }

    void schemaDocumentShowsTheTables()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        auto view = openSchema(browser, u"feature-a"_s);
        QVERIFY(view);
        QSignalSpy loaded(view.get(), &Ui::BranchSchemaView::schemaLoaded);
        QTRY_COMPARE(loaded.size(), 1);
        QStandardItemModel *tables = view->tableModel();
        QAbstractItemModelTester tester(tables, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(tables->rowCount(), 2);
        const QModelIndex users = tables->index(1, 0);
        QCOMPARE(users.data().toString(), u"users"_s);
        const QModelIndex columns = tables->index(0, 0, users);
        QCOMPARE(columns.data().toString(), u"Columns (3)"_s);
        QCOMPARE(tables->index(2, 0, columns).data().toString(), u"name"_s);
        const QModelIndex indexes = tables->index(1, 0, users);
        QCOMPARE(indexes.data().toString(), u"Indexes (2)"_s);
        QVERIFY(tables->index(1, 1, indexes).data().toString().contains(u"unique"_s));
        QVERIFY(view->selectTable(u"users"_s));
        QVERIFY(view->ddlText().contains(u"`name` varchar(100)"_s));
        QCOMPARE(view->windowTitle(), u"feature-a — shop"_s);
        view->resize(1100, 700);
        view->show();
        QTest::qWait(50);
        saveScreenshot(view.get(), u"branch-schema"_s);
    }

    void comparesWithTheParentSideBySide()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        auto view = openSchema(browser, u"feature-a"_s);
        QSignalSpy asked(view.get(), &Ui::BranchSchemaView::comparisonRequested);
        view->compareWithParent();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.at(0), (QVariantList { u"acme"_s, u"shop"_s, u"main"_s, u"feature-a"_s }));
        // The browser's context menu asks for the same document.
        std::unique_ptr<QMenu> menu(
            browser.createContextMenu(browser.model()->branchIndex(u"acme"_s, u"shop"_s, u"feature-a"_s), nullptr));
        QSignalSpy fromMenu(&browser, &BranchBrowser::comparisonRequested);
        findAction(menu.get(), u"compareWithParent"_s)->trigger();
        QCOMPARE(fromMenu.at(0), asked.at(0));

        Ui::BranchComparisonView comparison(m_client);
        QSignalSpy compared(&comparison, &Ui::BranchComparisonView::comparisonFinished);
        comparison.compare(u"acme"_s, u"shop"_s, u"main"_s, u"feature-a"_s, { u"main"_s, u"feature-a"_s });
        QTRY_COMPARE(compared.size(), 1);
        QCOMPARE(compared.at(0).at(0).toInt(), 2); // orders added, users changed
        QCOMPARE(comparison.windowTitle(), u"main ← feature-a"_s);
        Ui::SideBySideDiffView *view2 = comparison.diffView();
        QVERIFY(view2->selectTable(u"users"_s));
        QVERIFY(!view2->leftText().contains(u"`name`"_s));
        QVERIFY(view2->rightText().contains(u"`name` varchar(100)"_s));
        // Rows line up: both panes have as many lines.
        QCOMPARE(view2->leftText().count(u'\n'), view2->rightText().count(u'\n'));
        QVERIFY(view2->selectTable(u"orders"_s));
        QVERIFY(view2->leftText().trimmed().isEmpty());
        view2->selectTable(u"users"_s);
        comparison.resize(1400, 800);
        comparison.show();
        QTest::qWait(50);
        saveScreenshot(&comparison, u"compare-with-parent"_s);
    }

    void comparesWithAnyBranchAndRefreshes()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        Ui::BranchComparisonView comparison(m_client);
        QSignalSpy compared(&comparison, &Ui::BranchComparisonView::comparisonFinished);
        comparison.compare(u"acme"_s, u"shop"_s, u"staging"_s, u"feature-a"_s); // staging: an empty schema
        QTRY_COMPARE(compared.size(), 1);
        QCOMPARE(compared.at(0).at(0).toInt(), 2);
        QVERIFY(comparison.diffView()->selectTable(u"orders"_s));
        QVERIFY(comparison.diffView()->leftText().trimmed().isEmpty());

        // Refreshing a branch's schema reaches its open schema document.
        auto view = openSchema(browser, u"feature-a"_s);
        QSignalSpy refreshed(&browser, &BranchBrowser::schemaRefreshed);
        QSignalSpy finished(&browser, &BranchBrowser::actionFinished);
        browser.refreshSchema(u"acme"_s, u"shop"_s, u"feature-a"_s);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(0).toBool());
        QCOMPARE(refreshed.size(), 1);
        QCOMPARE(refreshed.at(0), (QVariantList { u"acme"_s, u"shop"_s, u"feature-a"_s }));
        QCOMPARE(m_fake->countRequests(u"POST"_s, u"/feature-a/refresh-schema"_s), 1);
    }

    void contextMenuOffersWhatFits()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        BranchTreeModel *model = browser.model();
        std::unique_ptr<QMenu> prod(
            browser.createContextMenu(model->branchIndex(u"acme"_s, u"shop"_s, u"main"_s), nullptr));
        QVERIFY(findAction(prod.get(), u"demote"_s));
        QVERIFY(!findAction(prod.get(), u"promote"_s));
        QVERIFY(findAction(prod.get(), u"disableSafeMigrations"_s)->isEnabled());
        QVERIFY(!findAction(prod.get(), u"createDeployRequest"_s)->isEnabled());

        std::unique_ptr<QMenu> dev(
            browser.createContextMenu(model->branchIndex(u"acme"_s, u"shop"_s, u"feature-a"_s), nullptr));
        QVERIFY(findAction(dev.get(), u"promote"_s));
        QVERIFY(!findAction(dev.get(), u"enableSafeMigrations"_s)->isEnabled());
        QVERIFY(findAction(dev.get(), u"createDeployRequest"_s)->isEnabled());
        QSignalSpy editor(&browser, &BranchBrowser::sqlEditorRequested);
        findAction(dev.get(), u"openSqlEditor"_s)->trigger();
        QCOMPARE(editor.size(), 1);
        QCOMPARE(editor.at(0), (QVariantList { u"acme"_s, u"shop"_s, u"feature-a"_s }));

        std::unique_ptr<QMenu> notReady(
            browser.createContextMenu(model->branchIndex(u"acme"_s, u"shop"_s, u"feature-a-fix"_s), nullptr));
        QVERIFY(!findAction(notReady.get(), u"openSqlEditor"_s)->isEnabled());
    }

    void promotesAndTogglesSafeMigrations()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        QSignalSpy finished(&browser, &BranchBrowser::actionFinished);
        browser.setProduction(u"acme"_s, u"shop"_s, u"staging"_s, true);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(0).toBool());
        const auto staging = [&] { return browser.model()->branchIndex(u"acme"_s, u"shop"_s, u"staging"_s); };
        QVERIFY(staging().data(BranchTreeModel::ProductionRole).toBool());
        browser.setSafeMigrations(u"acme"_s, u"shop"_s, u"staging"_s, true);
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY(staging().data(BranchTreeModel::SafeMigrationsRole).toBool());
        QVERIFY(m_fake->findBranch(u"acme/shop"_s, u"staging"_s)->value(u"safe_migrations"_s).toBool());
    }

    void showsApiErrorsAsSentences()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        m_fake->failNext(
            u"POST"_s, u"/promote"_s, 403, u"forbidden"_s, u"You do not have permission to promote branches"_s);
        QSignalSpy finished(&browser, &BranchBrowser::actionFinished);
        browser.setProduction(u"acme"_s, u"shop"_s, u"staging"_s, true);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!finished.at(0).at(0).toBool());
        const QString text = browser.statusText();
        QVERIFY2(text.startsWith(u"Could not promote staging"_s), qPrintable(text));
        QVERIFY2(!text.contains(u'{'), qPrintable(text));
        QVERIFY(!browser.model()
                     ->branchIndex(u"acme"_s, u"shop"_s, u"staging"_s)
                     .data(BranchTreeModel::ProductionRole)
                     .toBool());
    }

    void expiredTokenAsksToSignInAgain()
    {
        BranchBrowser browser(m_client);
        QVERIFY(loadShop(browser));
        m_fake->failNext(u"GET"_s, u"/branches"_s, 401, u"unauthorized"_s, u"The access token is invalid"_s);
        QSignalSpy signIn(&browser, &BranchBrowser::signInRequested);
        browser.model()->reloadDatabase(u"acme"_s, u"shop"_s);
        QTRY_COMPARE(signIn.size(), 1);
        QVERIFY(!browser.statusText().isEmpty());
        QVERIFY(!browser.statusText().contains(u'{'));
    }

    void deletingProductionNeedsTheTypedName()
    {
        BranchBrowser browser(m_client);
        browser.show();
        QVERIFY(loadShop(browser));
        browser.requestDelete(u"acme"_s, u"shop"_s, u"main"_s);
        auto *dialog = browser.findChild<QDialog *>(u"confirmDeleteDialog"_s);
        QVERIFY(dialog);
        auto *edit = dialog->findChild<QLineEdit *>(u"confirmName"_s);
        QVERIFY(edit);
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        edit->setText(u"mai"_s);
        QVERIFY(!ok->isEnabled());
        edit->setText(u"main"_s);
        QVERIFY(ok->isEnabled());
        QSignalSpy deleted(&browser, &BranchBrowser::branchDeleted);
        ok->click();
        QTRY_COMPARE(deleted.size(), 1);
        QTRY_VERIFY(!browser.model()->branchIndex(u"acme"_s, u"shop"_s, u"main"_s).isValid());
        QCOMPARE(m_fake->countRequests(u"DELETE"_s, u"/branches/main"_s), 1);
    }

    void newBranchWaitsUntilReady()
    {
        m_fake->branchReadyAfterGets = 2;
        BranchBrowser browser(m_client);
        browser.show();
        QVERIFY(loadShop(browser));
        browser.newBranch(u"acme"_s, u"shop"_s, u"main"_s);
        auto *dialog = browser.findChild<Ui::NewBranchDialog *>(u"newBranchDialog"_s);
        QVERIFY(dialog);
        dialog->setPollIntervals(std::chrono::milliseconds(20), std::chrono::milliseconds(50));
        QCOMPARE(dialog->parentBranch(), u"main"_s);
        dialog->setName(u"Bad Name"_s);
        QVERIFY(!dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog->setName(u"add-orders"_s);
        QSignalSpy ready(dialog, &Ui::NewBranchDialog::branchReady);
        dialog->accept();
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(m_fake->countRequests(u"GET"_s, u"/branches/add-orders"_s), 2);
        QTRY_VERIFY(browser.model()->branchIndex(u"acme"_s, u"shop"_s, u"add-orders"_s).isValid());
        const QModelIndex created = browser.model()->branchIndex(u"acme"_s, u"shop"_s, u"add-orders"_s);
        QCOMPARE(created.parent().data().toString(), u"main"_s);
        QTRY_VERIFY(browser.model()
                        ->branchIndex(u"acme"_s, u"shop"_s, u"add-orders"_s)
                        .data(BranchTreeModel::ReadyRole)
                        .toBool());
    }
};

QTEST_MAIN(TestBranchBrowser)
#include "tst_branchbrowser.moc"

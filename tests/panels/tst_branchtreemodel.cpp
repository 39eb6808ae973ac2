#include "fakeplanetscale.h"

#include "api/apiclient.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/common/statebadgedelegate.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Ui::BranchTreeModel;

class TestBranchTreeModel : public QObject
{
    Q_OBJECT

private:
    FakePlanetScale *m_fake = nullptr;
    Api::ApiClient *m_client = nullptr;

    void seed()
    {
        m_fake->organizations
            = { FakePlanetScale::organization(u"acme"_s), FakePlanetScale::organization(u"umbrella"_s) };
        m_fake->databases.insert(
            u"acme"_s, { FakePlanetScale::database(u"shop"_s), FakePlanetScale::database(u"blog"_s) });
        m_fake->branches.insert(u"acme/shop"_s,
            { FakePlanetScale::branch(u"main"_s, {}, true, true), FakePlanetScale::branch(u"feature-a"_s, u"main"_s),
                FakePlanetScale::branch(u"feature-a-fix"_s, u"feature-a"_s, false, false, false),
                FakePlanetScale::branch(u"staging"_s, u"main"_s) });
    }

    QModelIndex fetchedDatabase(BranchTreeModel &model, const QString &org, const QString &db)
    {
        model.fetchMore({});
        if (!QTest::qWaitFor([&] { return model.organizationIndex(org).isValid(); }))
            return {};
        model.fetchMore(model.organizationIndex(org));
        if (!QTest::qWaitFor([&] { return model.databaseIndex(org, db).isValid(); }))
            return {};
        const QModelIndex dbIndex = model.databaseIndex(org, db);
        model.fetchMore(dbIndex);
        if (!QTest::qWaitFor([&] { return model.rowCount(model.databaseIndex(org, db)) > 0; }))
            return {};
        return model.databaseIndex(org, db);
    }

private Q_SLOTS:
    void nameKeepsItsPlaceBesideBadges()
    {
        using D = Ui::StateBadgeDelegate;
        // Room for both: the text its own width.
        QCOMPARE(D::textWidthBesideBadges(400, 60, 150), 60);
        // A narrow dock (the production branch's two badges are wider than the row): "main" stays whole,
        // where it used to get nothing.
        QCOMPARE(D::textWidthBesideBadges(150, 40, 190), 40);
        // A long name beside wide badges: half the row, the badges get the other half.
        QCOMPARE(D::textWidthBesideBadges(150, 200, 190), 75);
        // A long name and small badges: what the badges leave.
        QCOMPARE(D::textWidthBesideBadges(150, 200, 50), 100);
        QCOMPARE(D::textWidthBesideBadges(0, 40, 10), 0);
    }
    void init()
    {
        m_fake = new FakePlanetScale(this);
        QVERIFY(m_fake->start());
        seed();
        m_client = new Api::ApiClient(this);
        m_client->setBaseUrl(m_fake->baseUrl());
        m_client->setCredentials(Api::Credentials::serviceToken(u"tokenid"_s, u"secret"_s, u"test"_s));
    }
    void cleanup()
    {
        delete m_client;
        delete m_fake;
    }

    void loadsLazilyLevelByLevel()
    {
        BranchTreeModel model(m_client);
        QVERIFY(model.canFetchMore({}));
        QVERIFY(model.hasChildren({}));
        QCOMPARE(model.rowCount(), 0);
        // No tester here: it walks (and fetches) the whole tree, which is what this test must not do.
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(m_fake->countRequests(u"GET"_s, u"/databases"_s), 0);
        const QModelIndex acme = model.organizationIndex(u"acme"_s);
        QVERIFY(acme.isValid());
        QVERIFY(model.hasChildren(acme));
        QVERIFY(model.canFetchMore(acme));
        QCOMPARE(model.rowCount(acme), 0);
        model.fetchMore(acme);
        QVERIFY(model.data(acme, BranchTreeModel::LoadingRole).toBool());
        QTRY_COMPARE(model.rowCount(model.organizationIndex(u"acme"_s)), 2);
        QVERIFY(!model.canFetchMore(model.organizationIndex(u"acme"_s)));
        QCOMPARE(m_fake->countRequests(u"GET"_s, u"/branches"_s), 0);
    }

    void nestsBranchesUnderTheirParent()
    {
        BranchTreeModel model(m_client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex shop = fetchedDatabase(model, u"acme"_s, u"shop"_s);
        QVERIFY(shop.isValid());
        QCOMPARE(model.rowCount(shop), 1); // only main at the top
        const QModelIndex main = model.index(0, 0, shop);
        QCOMPARE(main.data().toString(), u"main"_s);
        QCOMPARE(model.rowCount(main), 2);
        const QModelIndex fix = model.branchIndex(u"acme"_s, u"shop"_s, u"feature-a-fix"_s);
        QVERIFY(fix.isValid());
        QCOMPARE(fix.parent().data().toString(), u"feature-a"_s);
        QCOMPARE(fix.parent().parent(), main);
        QCOMPARE(model.branches(u"acme"_s, u"shop"_s).size(), 4);
        QCOMPARE(model.branches(u"acme"_s, u"shop"_s).first().name, u"main"_s);
    }

    void exposesBadgesAndRoles()
    {
        BranchTreeModel model(m_client);
        const QModelIndex shop = fetchedDatabase(model, u"acme"_s, u"shop"_s);
        QVERIFY(shop.isValid());
        const QModelIndex main = model.branchIndex(u"acme"_s, u"shop"_s, u"main"_s);
        QVERIFY(main.data(BranchTreeModel::ProductionRole).toBool());
        QVERIFY(main.data(BranchTreeModel::SafeMigrationsRole).toBool());
        QCOMPARE(main.data(BranchTreeModel::KindRole).value<BranchTreeModel::Kind>(), BranchTreeModel::Kind::Branch);
        const auto badges = main.data(Ui::StateBadgeDelegate::BadgesRole).value<Ui::BadgeList>();
        QCOMPARE(badges.size(), 2);
        QCOMPARE(badges.at(0).text, u"production"_s);
        QCOMPARE(badges.at(1).text, u"safe migrations"_s);
        const QModelIndex fix = model.branchIndex(u"acme"_s, u"shop"_s, u"feature-a-fix"_s);
        QVERIFY(!fix.data(BranchTreeModel::ReadyRole).toBool());
        const auto fixBadges = fix.data(Ui::StateBadgeDelegate::BadgesRole).value<Ui::BadgeList>();
        QCOMPARE(fixBadges.size(), 1);
        QCOMPARE(fixBadges.at(0).text, u"pending"_s);
        QCOMPARE(fix.data(BranchTreeModel::DatabaseRole).toString(), u"shop"_s);
        QCOMPARE(fix.data(BranchTreeModel::OrganizationRole).toString(), u"acme"_s);
        QCOMPARE(fix.data(BranchTreeModel::ParentBranchRole).toString(), u"feature-a"_s);
    }

    void followsEveryPage()
    {
        m_fake->pageSize = 2; // four branches come in two pages
        BranchTreeModel model(m_client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex shop = fetchedDatabase(model, u"acme"_s, u"shop"_s);
        QVERIFY(shop.isValid());
        QCOMPARE(model.branches(u"acme"_s, u"shop"_s).size(), 4);
        QCOMPARE(m_fake->countRequests(u"GET"_s, u"shop/branches"_s), 2);
    }

    void reportsErrorsAsSentences()
    {
        m_fake->failNext(u"GET"_s, u"/databases"_s, 404, u"not_found"_s, u"Not Found"_s);
        BranchTreeModel model(m_client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failed(&model, &BranchTreeModel::loadFailed);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 2);
        const QModelIndex acme = model.organizationIndex(u"acme"_s);
        model.fetchMore(acme);
        QTRY_COMPARE(failed.size(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(u"databases of acme"_s), qPrintable(message));
        QVERIFY2(!message.contains(u'{'), qPrintable(message)); // never raw JSON
        QVERIFY(!model.canFetchMore(acme));
        QVERIFY(!model.hasChildren(acme));
        QCOMPARE(acme.data(BranchTreeModel::ErrorRole).toString().isEmpty(), false);
        // Reloading the whole tree starts over and succeeds.
        model.reload();
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 2);
        model.fetchMore(model.organizationIndex(u"acme"_s));
        QTRY_COMPARE(model.rowCount(model.organizationIndex(u"acme"_s)), 2);
    }

    void reloadsAndUpdatesBranches()
    {
        BranchTreeModel model(m_client);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(fetchedDatabase(model, u"acme"_s, u"shop"_s).isValid());
        m_fake->branches[u"acme/shop"_s].append(FakePlanetScale::branch(u"feature-b"_s, u"staging"_s));
        QSignalSpy loaded(&model, &BranchTreeModel::databaseLoaded);
        model.reloadDatabase(u"acme"_s, u"shop"_s);
        QTRY_COMPARE(loaded.size(), 1);
        const QModelIndex b = model.branchIndex(u"acme"_s, u"shop"_s, u"feature-b"_s);
        QVERIFY(b.isValid());
        QCOMPARE(b.parent().data().toString(), u"staging"_s);

        Core::Branch updated = *model.branch(b);
        updated.production = true;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateBranch(u"acme"_s, u"shop"_s, updated);
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.branchIndex(u"acme"_s, u"shop"_s, u"feature-b"_s).data(BranchTreeModel::ProductionRole).toBool());
    }
};

QTEST_MAIN(TestBranchTreeModel)
#include "tst_branchtreemodel.moc"

#include "fakeplanetscale.h"
#include "screenshot.h"

#include "api/apiclient.h"
#include "schema/schemacomparison.h"
#include "ui/common/sidebysidediffview.h"
#include "ui/common/statebadgedelegate.h"
#include "ui/deployrequests/createdeployrequestdialog.h"
#include "ui/deployrequests/deployactions.h"
#include "ui/deployrequests/deploymentprogressmodel.h"
#include "ui/deployrequests/deployrequestdetail.h"
#include "ui/deployrequests/deployrequestlistmodel.h"
#include "ui/deployrequests/deployrequestpanel.h"
#include "ui/deployrequests/deployrequestreviews.h"

#include <QAbstractItemModelTester>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using Ui::DeployAction;
using Ui::DeployRequestPanel;

namespace {

const QString usersV1 = u"CREATE TABLE `users` (\n"
                        "  `id` bigint NOT NULL AUTO_INCREMENT,\n"
                        "  `email` varchar(255) NOT NULL,\n"
                        "  PRIMARY KEY (`id`)\n"
                        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci"_s;
const QString usersV2 = u"CREATE TABLE `users` (\n"
                        "  `id` bigint NOT NULL AUTO_INCREMENT,\n"
                        "  `name` varchar(100) DEFAULT NULL,\n"
                        "  PRIMARY KEY (`id`)\n"
                        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci"_s;

Core::DeployRequest request(const QString &state, bool open = true, bool instantEligible = false)
{
    Core::DeployRequest dr;
    dr.number = 7;
    dr.state = open ? u"open"_s : u"closed"_s;
    dr.deploymentStateName = state;
    dr.deploymentState = Core::deploymentStateFromString(state);
    Core::Deployment d;
    d.stateName = state;
    d.state = dr.deploymentState;
    d.instantDdlEligible = instantEligible;
    d.deployable = true;
    dr.deployment = d;
    return dr;
}

} // namespace

class TestDeployRequestPanel : public QObject
{
    Q_OBJECT

private:
    FakePlanetScale *m_fake = nullptr;
    Api::ApiClient *m_client = nullptr;
    const QString m_db = u"acme/shop"_s;

    // The deploy-request document the panel asks for, wired as the window wires it (App::DocumentOpener):
    // opened on selection, its changes back into the list, the database's approval rule into it.
    std::unique_ptr<Ui::DeployRequestDetail> m_detail;
    Ui::DeployRequestDetail *detail() const { return m_detail.get(); }

    std::unique_ptr<DeployRequestPanel> makePanel()
    {
        auto panel = std::make_unique<DeployRequestPanel>(m_client);
        m_detail = std::make_unique<Ui::DeployRequestDetail>(m_client);
        Ui::DeployRequestDetail *doc = m_detail.get();
        doc->setPollIntervals(std::chrono::milliseconds(20), std::chrono::milliseconds(60));
        panel->setAutoRefreshInterval(std::chrono::milliseconds(0));
        connect(panel.get(), &DeployRequestPanel::deployRequestOpened, doc,
            [doc](const QString &org, const QString &db, const Core::DeployRequest &request) {
                doc->setDeployRequest(org, db, request);
            });
        connect(doc, &Ui::DeployRequestDetail::deployRequestChanged, panel.get(), &DeployRequestPanel::updateRequest);
        connect(panel.get(), &DeployRequestPanel::approvalRequiredChanged, doc,
            [doc](const QString &, const QString &, bool required) { doc->setApprovalRequired(required); });
        return panel;
    }
    bool openPanel(DeployRequestPanel &panel)
    {
        QSignalSpy loaded(&panel, &DeployRequestPanel::listLoaded);
        panel.setDatabase(u"acme"_s, u"shop"_s);
        return loaded.wait(5000);
    }

private Q_SLOTS:
    void init()
    {
        m_fake = new FakePlanetScale(this);
        QVERIFY(m_fake->start());
        m_fake->organizations = { FakePlanetScale::organization(u"acme"_s) };
        m_fake->databases.insert(u"acme"_s, { FakePlanetScale::database(u"shop"_s) });
        m_fake->branches.insert(m_db,
            { FakePlanetScale::branch(u"main"_s, {}, true, true), FakePlanetScale::branch(u"feature-a"_s, u"main"_s),
                FakePlanetScale::branch(u"feature-b"_s, u"main"_s) });
        m_fake->schemas.insert(m_db + u"/main"_s, QJsonArray { FakePlanetScale::table(u"users"_s, usersV1) });
        m_fake->schemas.insert(m_db + u"/feature-a"_s, QJsonArray { FakePlanetScale::table(u"users"_s, usersV2) });
        m_fake->schemas.insert(m_db + u"/feature-b"_s, QJsonArray { FakePlanetScale::table(u"users"_s, usersV1) });
        m_fake->addDeployRequest(m_db, 1, u"feature-a"_s, u"main"_s, u"ready"_s);
        m_fake->addDeployRequest(m_db, 2, u"feature-b"_s, u"main"_s, u"complete"_s, u"closed"_s)
            .insert(u"deployed_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        m_fake->addDeployRequest(m_db, 3, u"feature-b"_s, u"main"_s, u"ready"_s, u"closed"_s);
        m_fake->lintErrors.insert(m_db + u"/1"_s,
            QJsonArray { QJsonObject { { u"lint_error"_s, u"NO_UNIQUE_KEY"_s }, { u"table_name"_s, u"users"_s },
                { u"subject_type"_s, u"table"_s }, { u"error_description"_s, u"needs a unique key"_s } } });
        m_client = new Api::ApiClient(this);
        m_client->setBaseUrl(m_fake->baseUrl());
        m_client->setCredentials(Api::Credentials::serviceToken(u"tokenid"_s, u"secret"_s, u"test"_s));
    }
    void cleanup()
    {
        m_detail.reset();
        delete m_client;
        delete m_fake;
    }

    void validActionsFollowTheState_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("open");
        QTest::addColumn<bool>("instant");
        QTest::addColumn<QList<DeployAction>>("expected");
        QTest::newRow("ready") << u"ready"_s << true << false
                               << QList<DeployAction> { DeployAction::Deploy, DeployAction::Close };
        QTest::newRow("ready, instant") << u"ready"_s << true << true
                                        << QList<DeployAction> { DeployAction::Deploy, DeployAction::DeployInstantly,
                                               DeployAction::Close };
        QTest::newRow("ready but closed") << u"ready"_s << false << false << QList<DeployAction> {};
        QTest::newRow("pending") << u"pending"_s << true << false << QList<DeployAction> { DeployAction::Close };
        QTest::newRow("no_changes") << u"no_changes"_s << true << false << QList<DeployAction> { DeployAction::Close };
        QTest::newRow("queued") << u"queued"_s << true << false
                                << QList<DeployAction> { DeployAction::Cancel, DeployAction::Close };
        QTest::newRow("in_progress") << u"in_progress"_s << true << false
                                     << QList<DeployAction> { DeployAction::Cancel };
        QTest::newRow("pending_cutover") << u"pending_cutover"_s << true << false
                                         << QList<DeployAction> { DeployAction::ApplyCutover, DeployAction::Cancel };
        QTest::newRow("in_progress_cutover") << u"in_progress_cutover"_s << true << false << QList<DeployAction> {};
        QTest::newRow("complete_pending_revert")
            << u"complete_pending_revert"_s << true << false
            << QList<DeployAction> { DeployAction::Revert, DeployAction::SkipRevert };
        // A failed deployment can be tried again (after fixing what it reported), unblocked, or closed.
        QTest::newRow("complete_error") << u"complete_error"_s << true << false
                                        << QList<DeployAction> { DeployAction::Deploy, DeployAction::CompleteDeploy,
                                               DeployAction::Close };
        QTest::newRow("error") << u"error"_s << true << false
                               << QList<DeployAction> { DeployAction::Deploy, DeployAction::Close };
        QTest::newRow("complete") << u"complete"_s << false << false << QList<DeployAction> {};
        QTest::newRow("in_progress_revert") << u"in_progress_revert"_s << true << false << QList<DeployAction> {};
    }
    void aCopiedTableSaysSoWithNoEta()
    {
        Ui::DeploymentProgressModel model;
        Core::DeployOperation copied;
        copied.tableName = u"customers"_s;
        copied.state = u"in_progress"_s;
        copied.progressPercentage = 100;
        copied.etaSeconds = 0;
        Core::DeployOperation copying = copied;
        copying.tableName = u"orders"_s;
        copying.progressPercentage = 16;
        copying.etaSeconds = 15;
        model.setOperations({ copied, copying });
        QCOMPARE(model.index(0, Ui::DeploymentProgressModel::EtaColumn).data().toString(), QString());
        QCOMPARE(model.index(1, Ui::DeploymentProgressModel::EtaColumn).data().toString(), u"15 s"_s);
        QCOMPARE(model.overallProgress(), 58);
        // The copied table says so instead of "in progress" at 100 %; the one still copying does not.
        QCOMPARE(model.index(0, Ui::DeploymentProgressModel::StateColumn).data().toString(), u"copied, in sync"_s);
        QCOMPARE(model.index(1, Ui::DeploymentProgressModel::StateColumn).data().toString(), u"in progress"_s);
        QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(u"until the cutover"_s));
        copied.state = u"complete"_s;
        model.setOperations({ copied, copying });
        QCOMPARE(model.index(0, Ui::DeploymentProgressModel::StateColumn).data().toString(), u"complete"_s);
    }

    void validActionsFollowTheState()
    {
        QFETCH(QString, state);
        QFETCH(bool, open);
        QFETCH(bool, instant);
        QFETCH(QList<DeployAction>, expected);
        QCOMPARE(Ui::DeployActions::valid(request(state, open, instant)), expected);

        // The detail shows exactly those buttons.
        Ui::DeployRequestDetail detail(nullptr);
        detail.setDeployRequest(u"acme"_s, u"shop"_s, request(state, open, instant));
        QList<DeployAction> shown = detail.visibleActions();
        std::sort(shown.begin(), shown.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(shown, expected);
    }

    void instantDeployCannotBeReverted()
    {
        Core::DeployRequest dr = request(u"complete_pending_revert"_s);
        dr.deployment->instantDdl = true;
        QCOMPARE(Ui::DeployActions::valid(dr), QList<DeployAction> { DeployAction::SkipRevert });
    }

    void deployedRequestsShowTheirOwnText()
    {
        // Already deployed: both branches equal; a +/- line diff is split into both sides.
        const QList<Core::TableDdl> same { { u"users"_s, usersV1, {} } };
        const QList<Core::TableDdl> lineDiff { { u"users"_s, u" CREATE TABLE `users` (\n- `a` int,\n+ `b` int\n )"_s,
            {} } };
        const auto split = Schema::SchemaComparison::forDeployRequest(lineDiff, same, same, std::nullopt);
        QCOMPARE(split.size(), 1);
        QVERIFY(split.first().from.contains(u"`a`"_s) && !split.first().from.contains(u"`b`"_s));
        QVERIFY(split.first().to.contains(u"`b`"_s) && !split.first().to.contains(u"`a`"_s));
        // A bare statement (what the sandbox answers) goes with the DDL, the base shown on both sides.
        const QList<Core::TableDdl> statement { { u"users"_s, u"ALTER TABLE `users` ADD COLUMN `c` int"_s, {} } };
        const auto plain = Schema::SchemaComparison::forDeployRequest(statement, same, same, std::nullopt);
        QCOMPARE(plain.size(), 1);
        QCOMPARE(plain.first().statements, QStringList { u"ALTER TABLE `users` ADD COLUMN `c` int"_s });
        QCOMPARE(plain.first().from, plain.first().to);
    }

    // Counts read as English: "1 comment" / "2 comments", never "comment(s)" (no translation is loaded to
    // pick a plural form for tr()'s %n).
    void countsReadAsEnglish()
    {
        Ui::DeployRequestListModel list;
        Core::DeployRequest one = request(u"ready"_s);
        one.number = 1;
        one.numComments = 1;
        Core::DeployRequest two = request(u"ready"_s);
        two.number = 2;
        two.numComments = 2;
        list.setRequests({ one, two });
        QCOMPARE(list.index(0, Ui::DeployRequestListModel::ApprovalColumn).data().toString(), u"1 comment"_s);
        QCOMPARE(list.index(1, Ui::DeployRequestListModel::ApprovalColumn).data().toString(), u"2 comments"_s);

        // The Recommendations badge's tooltip.
        auto panel = makePanel();
        QVERIFY(openPanel(*panel));
        auto *badge = panel->findChild<QWidget *>(u"recommendationsBadge"_s);
        QVERIFY(badge);
        panel->setOpenRecommendations(u"acme"_s, u"shop"_s, 1);
        QCOMPARE(badge->toolTip(), u"1 open schema recommendation"_s);
        panel->setOpenRecommendations(u"acme"_s, u"shop"_s, 2);
        QCOMPARE(badge->toolTip(), u"2 open schema recommendations"_s);
    }

    void listFiltersByStateAndBranch()
    {
        auto panel = makePanel();
        QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(openPanel(*panel));
        Ui::DeployRequestListModel *model = panel->model();
        QCOMPARE(model->rowCount(), 1); // open by default
        QCOMPARE(model->index(0, Ui::DeployRequestListModel::NumberColumn).data().toString(), u"#1"_s);
        QCOMPARE(model->index(0, Ui::DeployRequestListModel::BranchColumn).data().toString(), u"feature-a → main"_s);
        QCOMPARE(model->index(0, Ui::DeployRequestListModel::StateColumn).data().toString(), u"ready"_s);
        QCOMPARE(model->index(0, Ui::DeployRequestListModel::ApprovalColumn).data().toString(), u"no review"_s);
        QCOMPARE(model->index(0, Ui::DeployRequestListModel::AgeColumn).data().toString(), u"3 h"_s);
        const auto badges = model->index(0, Ui::DeployRequestListModel::StateColumn)
                                .data(Ui::StateBadgeDelegate::BadgesRole)
                                .value<Ui::BadgeList>();
        QCOMPARE(badges.size(), 1);
        QCOMPARE(badges.first().tone, Ui::Badge::Tone::Success);

        QSignalSpy loaded(panel.get(), &DeployRequestPanel::listLoaded);
        panel->setStateFilter(DeployRequestPanel::StateFilter::Deployed);
        QVERIFY(loaded.wait());
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->request(0).number, 2);

        panel->setStateFilter(DeployRequestPanel::StateFilter::All);
        QVERIFY(loaded.wait());
        QCOMPARE(model->rowCount(), 3);
        QTRY_COMPARE(panel->branchFilterChoices(), (QStringList { u"main"_s, u"feature-a"_s, u"feature-b"_s }));
        panel->setBranchFilter(u"feature-b"_s);
        QVERIFY(loaded.wait());
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(m_fake->requests().last().query.queryItemValue(u"branch"_s), u"feature-b"_s);
        QCOMPARE(model->index(1, Ui::DeployRequestListModel::StateColumn).data().toString(), u"closed"_s);
    }

    void detailShowsDiffWithLintAndDataLoss()
    {
        auto panel = makePanel();
        QVERIFY(openPanel(*panel));
        QSignalSpy diff(detail(), &Ui::DeployRequestDetail::diffLoaded);
        QVERIFY(panel->selectDeployRequest(1));
        QVERIFY(diff.wait());
        QCOMPARE(diff.at(0).at(0).toInt(), 1);
        Ui::SideBySideDiffView *view = detail()->diffView();
        QCOMPARE(view->currentTable(), u"users"_s);
        QVERIFY(view->leftText().contains(u"`email`"_s));
        QVERIFY(view->rightText().contains(u"`name`"_s));
        const QString notes = view->notesText();
        QVERIFY2(notes.contains(u"NO_UNIQUE_KEY"_s), qPrintable(notes));
        QVERIFY2(notes.contains(u"Data loss"_s) && notes.contains(u"email"_s), qPrintable(notes));
        QVERIFY(detail()->headerText().contains(u"feature-a"_s));
        detail()->resize(1200, 760);
        detail()->showSection(Ui::DeployRequestDetail::Section::Changes);
        detail()->show();
        QTest::qWait(50);
        saveScreenshot(detail(), u"deploy-request-review"_s);
    }

    void approvalGatesDeploy()
    {
        auto panel = makePanel();
        QVERIFY(openPanel(*panel));
        QVERIFY(panel->selectDeployRequest(1));
        Ui::DeployRequestDetail *detail = this->detail();
        detail->setApprovalRequired(true);
        QVERIFY(!detail->actionButton(DeployAction::Deploy)->isEnabled());
        QSignalSpy reviewsLoaded(detail->reviews(), &Ui::DeployRequestReviews::reviewsLoaded);
        QVERIFY(reviewsLoaded.wait() || reviewsLoaded.size() == 1);
        QSignalSpy added(detail->reviews(), &Ui::DeployRequestReviews::reviewAdded);
        detail->reviews()->approve(u"Looks good"_s);
        QVERIFY(added.wait());
        QCOMPARE(detail->reviews()->reviewCount(), 1);
        QVERIFY(detail->reviews()->reviewText(0).contains(u"Grace approved"_s));
        QVERIFY(detail->reviews()->reviewText(0).contains(u"Looks good"_s));
        QVERIFY(detail->actionButton(DeployAction::Deploy)->isEnabled());
        QCOMPARE(panel->model()->index(0, Ui::DeployRequestListModel::ApprovalColumn).data().toString(), u"approved"_s);
    }

    void deployShowsProgressThenRevertWindow()
    {
        auto panel = makePanel();
        QVERIFY(openPanel(*panel));
        QVERIFY(panel->selectDeployRequest(1));
        Ui::DeployRequestDetail *detail = this->detail();
        QAbstractItemModelTester tester(
            detail->progressModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_fake->operations.insert(
            m_db + u"/1"_s, QJsonArray { FakePlanetScale::operation(u"users"_s, u"pending"_s, 0, 90) });

        QSignalSpy finished(detail, &Ui::DeployRequestDetail::actionFinished);
        detail->actionButton(DeployAction::Deploy)->click();
        QVERIFY(finished.wait());
        QVERIFY(finished.at(0).at(0).toBool());
        QCOMPARE(detail->deployRequest().deploymentStateName, u"queued"_s);
        QVERIFY(detail->isPolling());
        const int operationsFetched = m_fake->countRequests(u"GET"_s, u"/operations"_s);
        const int pollsBefore = m_fake->countRequests(u"GET"_s, u"/deploy-requests/1"_s);
        QCOMPARE(detail->visibleActions(), (QList<DeployAction> { DeployAction::Cancel, DeployAction::Close }));

        m_fake->setDeploymentState(m_db, 1, u"in_progress"_s);
        m_fake->operations.insert(
            m_db + u"/1"_s, QJsonArray { FakePlanetScale::operation(u"users"_s, u"in_progress"_s, 42, 75) });
        Ui::DeploymentProgressModel *progress = detail->progressModel();
        QTRY_COMPARE(progress->rowCount(), 1);
        QTRY_COMPARE(progress->index(0, 0).data(Ui::DeploymentProgressModel::ProgressRole).toInt(), 42);
        QCOMPARE(progress->index(0, Ui::DeploymentProgressModel::EtaColumn).data().toString(), u"1 min 15 s"_s);
        QTRY_COMPARE(detail->deployRequest().deploymentStateName, u"in_progress"_s);
        // The list row follows the detail.
        QTRY_COMPARE(
            panel->model()->index(0, Ui::DeployRequestListModel::StateColumn).data().toString(), u"in progress"_s);
        detail->resize(1200, 760);
        detail->show();
        QTest::qWait(50);
        saveScreenshot(detail, u"deploy-request-deploying"_s);

        m_fake->operations.insert(
            m_db + u"/1"_s, QJsonArray { FakePlanetScale::operation(u"users"_s, u"complete"_s, 100, 0) });
        m_fake->setDeploymentState(m_db, 1, u"complete_pending_revert"_s);
        QTRY_COMPARE(detail->deployRequest().deploymentStateName, u"complete_pending_revert"_s);
        QTRY_COMPARE(progress->overallProgress(), 100);
        QTRY_VERIFY(!detail->isPolling());
        // Every round read the operations from the deployment it fetched anyway: no extra /operations.
        QVERIFY(m_fake->countRequests(u"GET"_s, u"/deploy-requests/1"_s) >= pollsBefore + 2);
        QCOMPARE(m_fake->countRequests(u"GET"_s, u"/operations"_s), operationsFetched);
        QVERIFY2(detail->countdownText().startsWith(u"Revert window: 29:"_s)
                || detail->countdownText().startsWith(u"Revert window: 30:"_s),
            qPrintable(detail->countdownText()));
        QList<DeployAction> shown = detail->visibleActions();
        QCOMPARE(shown, (QList<DeployAction> { DeployAction::Revert, DeployAction::SkipRevert }));

        detail->trigger(DeployAction::Revert);
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(detail->deployRequest().deploymentStateName, u"in_progress_revert"_s);
        QVERIFY(detail->isPolling());
        QVERIFY(detail->countdownText().isEmpty());
        m_fake->setDeploymentState(m_db, 1, u"complete_revert"_s);
        QTRY_VERIFY(!detail->isPolling());
        QCOMPARE(detail->deployRequest().deploymentStateName, u"complete_revert"_s);
    }

    void revertCountdownFollowsTheServer()
    {
        // The sandbox's window is configurable and it says when it ends: that wins over the 30 minutes.
        m_fake->addDeployRequest(m_db, 4, u"feature-b"_s, u"main"_s, u"complete_pending_revert"_s)
            .insert(u"revert_expires_at"_s, QDateTime::currentDateTimeUtc().addSecs(10 * 60).toString(Qt::ISODate));
        auto panel = makePanel();
        QVERIFY(openPanel(*panel));
        QVERIFY(panel->selectDeployRequest(4));
        Ui::DeployRequestDetail *detail = this->detail();
        QTRY_VERIFY(!detail->countdownText().isEmpty());
        QVERIFY2(detail->countdownText().startsWith(u"Revert window: 9:"_s)
                || detail->countdownText().startsWith(u"Revert window: 10:"_s),
            qPrintable(detail->countdownText()));
        QCOMPARE(detail->visibleActions(), (QList<DeployAction> { DeployAction::Revert, DeployAction::SkipRevert }));
    }

    void irreversibleStepsAskFirst()
    {
        auto panel = makePanel();
        panel->show();
        QVERIFY(openPanel(*panel));
        QVERIFY(panel->selectDeployRequest(1));
        Ui::DeployRequestDetail *detail = this->detail();
        detail->show();
        QTRY_VERIFY(detail->actionButton(DeployAction::DeployInstantly)->isVisible());
        detail->actionButton(DeployAction::DeployInstantly)->click();
        auto *box = detail->findChild<QMessageBox *>(u"confirmDeployAction"_s);
        QVERIFY(box);
        QCOMPARE(m_fake->countRequests(u"POST"_s, u"/deploy"_s), 0);
        box->button(QMessageBox::No)->click();
        QTest::qWait(50);
        QCOMPARE(m_fake->countRequests(u"POST"_s, u"/deploy"_s), 0);
        detail->actionButton(DeployAction::DeployInstantly)->click();
        box = detail->findChild<QMessageBox *>(u"confirmDeployAction"_s);
        QVERIFY(box);
        QSignalSpy finished(detail, &Ui::DeployRequestDetail::actionFinished);
        box->button(QMessageBox::Yes)->click();
        QVERIFY(finished.wait());
        QCOMPARE(m_fake->countRequests(u"POST"_s, u"/deploy"_s), 1);
        bool instant = false;
        for (const FakePlanetScale::Request &r : m_fake->requests()) {
            if (r.method == u"POST"_s && r.path.endsWith(u"/deploy"_s))
                instant = r.body.value(u"instant_ddl"_s).toBool();
        }
        QVERIFY(instant);
    }

    void actionErrorsAreSentences()
    {
        auto panel = makePanel();
        QVERIFY(openPanel(*panel));
        QVERIFY(panel->selectDeployRequest(1));
        m_fake->failNext(
            u"POST"_s, u"/deploy"_s, 422, u"schema_mutation_blocked"_s, u"Wait for the active deploy to finish"_s);
        QSignalSpy finished(detail(), &Ui::DeployRequestDetail::actionFinished);
        detail()->trigger(DeployAction::Deploy);
        QVERIFY(finished.wait());
        QVERIFY(!finished.at(0).at(0).toBool());
        const QString text = detail()->statusText();
        QVERIFY2(text.startsWith(u"Deploy failed: "_s), qPrintable(text));
        QVERIFY2(!text.contains(u'{'), qPrintable(text));
        QVERIFY(detail()->actionButton(DeployAction::Deploy)->isEnabled()); // can try again
    }

    void createsADeployRequestIntoTheParent()
    {
        auto panel = makePanel();
        panel->show();
        QVERIFY(openPanel(*panel));
        panel->createDeployRequest(u"acme"_s, u"shop"_s, u"feature-b"_s);
        Ui::CreateDeployRequestDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = panel->findChild<Ui::CreateDeployRequestDialog *>(u"createDeployRequestDialog"_s)));
        QCOMPARE(dialog->branch(), u"feature-b"_s);
        QCOMPARE(dialog->intoBranch(), u"main"_s);
        dialog->setNotes(u"Adds users.name"_s);
        QSignalSpy created(dialog, &Ui::CreateDeployRequestDialog::deployRequestCreated);
        dialog->accept();
        QVERIFY(created.wait());
        const auto dr = created.at(0).at(0).value<Core::DeployRequest>();
        QCOMPARE(dr.number, 4);
        QCOMPARE(m_fake->countRequests(u"POST"_s, u"/deploy-requests"_s), 1);
        QTRY_COMPARE(detail()->deployRequest().number, 4);
        QVERIFY(panel->model()->rowOfNumber(4) >= 0);
        QCOMPARE(m_fake->findDeployRequest(m_db, 4)->value(u"notes"_s).toString(), u"Adds users.name"_s);
    }
};

QTEST_MAIN(TestDeployRequestPanel)
#include "tst_deployrequestpanel.moc"

#include "sql/connectionpool.h"
#include "store/history.h"
#include "store/tabautosave.h"
#include "testdb.h"
#include "testdboptions.h"
#include "ui/editor/completionsource.h"
#include "ui/editor/olapoffer.h"
#include "ui/editor/querytab.h"
#include "ui/editor/sqleditor.h"
#include "ui/results/resultarranger.h"
#include "ui/results/resultgrid.h"
#include "ui/results/resultpane.h"
#include "ui/results/resultsetmodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString Script = uR"(DROP TABLE IF EXISTS qt_items;
CREATE TABLE qt_items (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(10,2));
INSERT INTO qt_items VALUES (1, 'apple', 1.50), (2, NULL, 20.00), (3, 'cherry', 300.25);
DROP PROCEDURE IF EXISTS qt_count;
DELIMITER //
CREATE PROCEDURE qt_count()
BEGIN
  SELECT COUNT(*) AS n FROM qt_items;
  SELECT MAX(price) AS top FROM qt_items;
END//
DELIMITER ;
CALL qt_count();
SELECT * FROM qt_items ORDER BY id;
SELECT * FROM qt_missing;
SELECT 'never';
)"_s;

// The result pane whose tab title starts with `prefix` ("7 SELECT", "6.2 CALL").
Ui::ResultPane *pane(const Ui::QueryTab &tab, const QString &prefix)
{
    for (int i = 0; i < tab.results()->count(); ++i)
        if (tab.results()->tabText(i).startsWith(prefix))
            return tab.resultPane(i);
    return nullptr;
}

QStringList tabTitles(const Ui::QueryTab &tab)
{
    QStringList titles;
    for (int i = 0; i < tab.results()->count(); ++i)
        titles.append(tab.results()->tabText(i));
    return titles;
}

} // namespace

class TestQueryTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_db = TestDb::fromEnvironment();
        QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
        QVERIFY(m_dir.isValid());
        m_profile.id = u"profile-test"_s;
        m_profile.name = u"fixture"_s;
        m_profile.host = m_db.host;
        m_profile.port = m_db.port;
        m_profile.user = m_db.user;
        m_profile.database = m_db.database;
        m_profile.caFile = m_db.caFile;
        m_pool = std::make_unique<Sql::ConnectionPool>(testDbOptions(m_db));
        QVERIFY(m_history.open(m_dir.filePath(u"history.sqlite"_s)).ok());
        QVERIFY(m_autosave.open(m_dir.filePath(u"tabs.sqlite"_s)).ok());
    }

    void cleanupTestCase()
    {
        if (!m_pool)
            return;
        Ui::QueryTab tab(m_pool.get(), m_profile);
        tab.editor()->setText(u"DROP TABLE IF EXISTS qt_items; DROP PROCEDURE IF EXISTS qt_count;"_s);
        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
    }

    void serverSortsAndFiltersACappedResult()
    {
        // Results stop at 1,000 bytes: the grid keeps the first ~50 of 500 rows.
        Sql::ConnectionPool::Settings settings;
        settings.stream.memoryCapBytes = 1000;
        Sql::ConnectionPool capped(testDbOptions(m_db), settings);
        Ui::QueryTab tab(&capped, m_profile);
        tab.editor()->setText(u"DROP TABLE IF EXISTS qt_many; CREATE TABLE qt_many (id INT PRIMARY KEY, name "
                              "VARCHAR(20), n INT); INSERT INTO qt_many SELECT seq, CONCAT('name-', seq), seq % 7 "
                              "FROM seq_1_to_500;"_s);
        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        tab.editor()->setText(u"SELECT id, name, n FROM qt_many ORDER BY id"_s);
        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        auto *first = tab.resultPane(0);
        QVERIFY(first->isTruncated());
        QVERIFY(first->model()->rowCount() < 100);
        QVERIFY(first->statusText().contains(u"memory limit"_s));
        QVERIFY(first->serverButton()->isEnabled());
        QAbstractItemModelTester firstTester(first->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Locally, among the rows kept: id descending, n = 3, id > 480 finds nothing.
        auto *arranger = first->grid()->arranger();
        first->grid()->sortByResultColumn(0, Qt::DescendingOrder);
        arranger->addCondition({ 2, Core::FilterOp::Equal, u"3"_s });
        arranger->addCondition({ 0, Core::FilterOp::Greater, u"480"_s });
        QTRY_VERIFY(!arranger->isBusy());
        QCOMPARE(first->model()->rowCount(), 0);

        // By the server, into the same tab: every row of the table is looked at.
        QTest::mouseClick(first->serverButton(), Qt::LeftButton);
        QVERIFY(tab.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QCOMPARE(tab.results()->count(), 1);
        auto *rerun = tab.resultPane(0);
        QAbstractItemModelTester rerunTester(rerun->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!rerun->isTruncated());
        QCOMPARE(rerun->model()->rowCount(), 3);
        QCOMPARE(rerun->model()->index(0, 0).data().toString(), u"500"_s);
        QCOMPARE(rerun->model()->index(1, 0).data().toString(), u"493"_s);
        QCOMPARE(rerun->model()->index(2, 0).data().toString(), u"486"_s);
        const QString sql = tab.results()->tabToolTip(0);
        QVERIFY(sql.startsWith(u"SELECT * FROM ("_s));
        QVERIFY(sql.contains(u"ORDER BY `result`.`id` DESC"_s));
        QVERIFY(sql.contains(u"`result`.`n` = '3'"_s));
        // The editor still holds what the user wrote.
        QCOMPARE(tab.editor()->text(), u"SELECT id, name, n FROM qt_many ORDER BY id"_s);

        tab.editor()->setText(u"DROP TABLE qt_many"_s);
        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
    }

    void multiStatementScript()
    {
        Ui::QueryTab tab(m_pool.get(), m_profile);
        tab.setHistory(&m_history);
        tab.resize(1000, 700);
        tab.show();
        QVERIFY(QTest::qWaitForWindowActive(&tab));
        tab.editor()->setText(Script);
        tab.editor()->setFocus();
        QSignalSpy schemaChanged(&tab, &Ui::QueryTab::schemaChanged);

        // Ctrl+Shift+Enter runs the whole tab.
        QTest::keyClick(tab.editor(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(tab.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 30000);

        // One tab per statement, two for the CALL's two result sets; the statement after the failing
        // one did not run and has no tab.
        QCOMPARE(tabTitles(tab),
            (QStringList { u"1 DROP"_s, u"2 CREATE"_s, u"3 INSERT"_s, u"4 DROP"_s, u"5 CREATE"_s, u"6 CALL"_s,
                u"6.2 CALL"_s, u"7 SELECT"_s, u"8 SELECT"_s }));
        QVERIFY(pane(tab, u"3 INSERT"_s)->messageText().contains(u"3 rows affected"_s));
        QCOMPARE(pane(tab, u"3 INSERT"_s)->state(), Ui::ResultPane::State::Finished);

        auto *count = pane(tab, u"6 CALL"_s)->model();
        QCOMPARE(count->rowCount(), 1);
        QCOMPARE(count->index(0, 0).data().toString(), u"3"_s);
        QCOMPARE(pane(tab, u"6.2 CALL"_s)->model()->index(0, 0).data().toString(), u"300.25"_s);
        const QString one = pane(tab, u"6 CALL"_s)->statusText();
        QVERIFY2(one.startsWith(u"1 row"_s) && !one.startsWith(u"1 rows"_s), qPrintable(one));

        auto *items = pane(tab, u"7 SELECT"_s);
        QVERIFY(items->hasRows());
        QCOMPARE(items->model()->rowCount(), 3);
        QCOMPARE(items->model()->columnCount(), 3);
        QCOMPARE(items->model()->headerData(1, Qt::Horizontal).toString(), u"name"_s);
        QVERIFY(items->model()->index(1, 1).data(Ui::ResultSetModel::IsNullRole).toBool());
        QCOMPARE(items->model()->index(1, 2).data().toString(), u"20.00"_s); // DECIMAL exact
        QVERIFY(items->model()->index(1, 2).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
        QVERIFY(items->statusText().startsWith(u"3 rows"_s));

        auto *failed = pane(tab, u"8 SELECT"_s);
        QCOMPARE(failed->state(), Ui::ResultPane::State::Failed);
        QVERIFY2(failed->messageText().contains(u"ERROR 1146 (42S02)"_s), qPrintable(failed->messageText()));
        QVERIFY(failed->messageText().contains(u"qt_missing"_s));
        QCOMPARE(tab.results()->currentWidget(), failed);

        // The editor marks the failing statement, with the server's message under it.
        const int errorLine = int(Script.left(Script.indexOf(u"SELECT * FROM qt_missing"_s)).count(u'\n'));
        QCOMPARE(tab.editor()->errorCount(), 1);
        QVERIFY(tab.editor()->hasErrorMarker(errorLine));
        QVERIFY(!tab.editor()->hasErrorMarker(errorLine - 1));
        QVERIFY(tab.editor()->annotation(errorLine).contains(u"1146"_s));

        // History: every statement, written before it ran, completed afterwards.
        const auto entries = m_history.search(u"qt_"_s);
        QVERIFY(entries.ok());
        auto find = [&](const QString &text) -> const Store::HistoryEntry * {
            for (const auto &e : *entries)
                if (e.text == text)
                    return &e;
            return nullptr;
        };
        const auto *select = find(u"SELECT * FROM qt_items ORDER BY id"_s);
        QVERIFY(select);
        QCOMPARE(select->rows, 3);
        QVERIFY(select->finished());
        QCOMPARE(select->target, u"fixture"_s);
        QVERIFY(select->error.isEmpty());
        const auto *missing = find(u"SELECT * FROM qt_missing"_s);
        QVERIFY(missing);
        QVERIFY(missing->error.contains(u"1146"_s));
        QVERIFY(find(u"CREATE PROCEDURE qt_count()\nBEGIN\n  SELECT COUNT(*) AS n FROM qt_items;\n"
                     u"  SELECT MAX(price) AS top FROM qt_items;\nEND"_s));
        const auto never = m_history.search(u"never"_s);
        QCOMPARE(never->size(), 1);
        QVERIFY(never->at(0).error.startsWith(u"Not run"_s));

        // The script created a table: completion learns its name and columns in the background.
        QTRY_VERIFY_WITH_TIMEOUT(
            tab.editor()->completionSource()->completionsFor(u"qt_"_s).contains(u"qt_items"_s), 10000);
        QVERIFY(tab.editor()->completionSource()->completionsFor(u"pri"_s).contains(u"price"_s));

        // Ctrl+Enter runs only the statement under the cursor, and a new run clears the old marks.
        tab.editor()->setCursorOffset(Script.indexOf(u"SELECT * FROM qt_items"_s) + 3);
        QTest::keyClick(tab.editor(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QCOMPARE(tab.results()->count(), 1);
        QCOMPARE(tab.resultPane(0)->model()->rowCount(), 3);
        QCOMPARE(tab.editor()->errorCount(), 0);
        // The script created a table and a procedure: one signal for the run, not one per statement.
        QCOMPARE(schemaChanged.size(), 1);
    }

    void cancelLongSleep()
    {
        Ui::QueryTab tab(m_pool.get(), m_profile);
        tab.setHistory(&m_history);
        tab.show();
        QVERIFY(QTest::qWaitForWindowActive(&tab));
        tab.editor()->setText(u"SELECT SLEEP(30);\nSELECT 'after';"_s);
        tab.editor()->setFocus();
        tab.runAll();
        QVERIFY(tab.isRunning());
        QTest::qWait(500); // let it reach the server
        QVERIFY(tab.isRunning());

        QElapsedTimer clock;
        clock.start();
        QTest::keyClick(tab.editor(), Qt::Key_Escape); // Esc cancels
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 10000);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        // The statement after the cancelled one did not run.
        QVERIFY2(tab.results()->count() == 1,
            qPrintable(tabTitles(tab).join(u", "_s) + u" / "_s + tab.resultPane(0)->messageText() + u" / "_s
                + tab.resultPane(0)->statusText()));
        QCOMPARE(tab.resultPane(0)->state() == Ui::ResultPane::State::Cancelled
                || tab.resultPane(0)->messageText().contains(u"Cancelled"_s),
            true);
        const auto after = m_history.search(u"'after'"_s);
        QCOMPARE(after->size(), 1);
        QVERIFY(after->at(0).error.startsWith(u"Not run"_s));

        // The leased session still works after the cancel.
        tab.editor()->setText(u"SELECT 7 AS seven;"_s);
        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QCOMPARE(tab.resultPane(0)->model()->index(0, 0).data().toString(), u"7"_s);
    }

    void vitessRowLimitOffersOlapRerun()
    {
        // The fixture server gives the error PlanetScale's vttablet gives (errno 10001 and its wording),
        // from a procedure: the tab cannot tell it from the real one, which is the point.
        Ui::QueryTab setup(m_pool.get(), m_profile);
        setup.editor()->setText(u"DROP PROCEDURE IF EXISTS qt_vitess_big;\nDELIMITER //\nCREATE PROCEDURE "
                                "qt_vitess_big() BEGIN SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 10001, MESSAGE_TEXT "
                                "= 'vttablet: rpc error: code = Aborted desc = Row count exceeded 100000 (errno 10001) "
                                "(sqlstate HY000)'; END//\nDELIMITER ;"_s);
        setup.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!setup.isRunning(), 20000);
        QCOMPARE(setup.editor()->errorCount(), 0);

        Ui::QueryTab tab(m_pool.get(), m_profile);
        tab.setHistory(&m_history);
        tab.show();
        QVERIFY(QTest::qWaitForWindowActive(&tab));
        auto *offer = tab.findChild<Ui::OlapOffer *>(u"olapOffer"_s);
        QVERIFY(offer);
        QVERIFY(offer->isHidden());

        // Another error offers nothing.
        tab.editor()->setText(u"SELECT * FROM qt_not_there;"_s);
        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QCOMPARE(tab.editor()->errorCount(), 1);
        QVERIFY(offer->isHidden());

        // A branch tab on the primary: the offer also proposes the replica, as a new tab that starts with the
        // SET and the statement.
        tab.enableTargetChoice(false);
        QSignalSpy switches(&tab, &Ui::QueryTab::targetSwitchRequested);
        const QString script = u"SELECT 1 AS one;\nCALL qt_vitess_big();"_s;
        tab.editor()->setText(script);
        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QCOMPARE(pane(tab, u"2 CALL"_s)->state(), Ui::ResultPane::State::Failed);
        QVERIFY(!offer->isHidden());
        auto *onReplica = offer->findChild<QPushButton *>(u"olapReplica"_s);
        QVERIFY(onReplica && !onReplica->isHidden());
        QTest::mouseClick(onReplica, Qt::LeftButton);
        QCOMPARE(switches.size(), 1);
        QCOMPARE(switches.first().at(0).toBool(), true);
        QCOMPARE(switches.first().at(1).toString(), u"SET workload = olap;\nCALL qt_vitess_big();"_s);
        QVERIFY(offer->isHidden());
        QVERIFY(!tab.isRunning()); // this tab ran nothing

        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QVERIFY(!offer->isHidden());
        QVERIFY2(offer->text().contains(u"statement 2"_s), qPrintable(offer->text()));
        QVERIFY(offer->text().contains(QLocale().toString(100000)));
        QVERIFY(offer->text().contains(u"SET workload = olap"_s));

        // Accepting runs SET workload = olap and then the stopped statement (only it) in the tab's session.
        // MariaDB has no such variable, so the SET fails with 1193 naming it: what was sent is visible; with
        // "continue after errors" the statement runs again and is stopped again, and the offer comes back.
        tab.setStopOnError(false);
        auto *rerun = offer->findChild<QPushButton *>(u"olapRerun"_s);
        QVERIFY(rerun);
        QTest::mouseClick(rerun, Qt::LeftButton);
        QVERIFY(tab.isRunning());
        QVERIFY(offer->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QCOMPARE(tabTitles(tab), (QStringList { u"1 SET"_s, u"2 CALL"_s }));
        QCOMPARE(tab.results()->tabToolTip(0), u"SET workload = olap"_s);
        QVERIFY2(
            pane(tab, u"1 SET"_s)->messageText().contains(u"1193"_s), qPrintable(pane(tab, u"1 SET"_s)->messageText()));
        QVERIFY(pane(tab, u"1 SET"_s)->messageText().contains(u"workload"_s));
        QCOMPARE(tab.results()->tabToolTip(1), u"CALL qt_vitess_big()"_s);
        QVERIFY(pane(tab, u"2 CALL"_s)->messageText().contains(u"10001"_s));
        QVERIFY(!offer->isHidden());
        QCOMPARE(tab.editor()->text(), script); // the editor keeps what the user wrote
        const auto sets = m_history.search(u"workload = olap"_s);
        QVERIFY(sets.ok());
        QCOMPARE(sets->size(), 1);

        // Dismiss withdraws it; Re-run then has nothing to run.
        tab.setStopOnError(true);
        offer->take();
        QVERIFY(offer->isHidden());
        tab.rerunWithOlap();
        QVERIFY(!tab.isRunning());

        setup.editor()->setText(u"DROP PROCEDURE qt_vitess_big;"_s);
        setup.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!setup.isRunning(), 20000);
    }

    void branchTabTargetChoice()
    {
        Ui::QueryTab tab(m_pool.get(), m_profile);
        tab.resize(1400, 700); // wide enough that the toolbar keeps the choice out of its overflow menu
        tab.show();
        QVERIFY(QTest::qWaitForWindowActive(&tab));
        auto *choice = tab.findChild<QComboBox *>(u"targetChoice"_s);
        QVERIFY(choice);
        QVERIFY(!choice->isVisible()); // only branch tabs choose
        tab.enableTargetChoice(false);
        // The toolbar shows its widgets when it lays itself out again, on the next pass of the event loop.
        QTRY_VERIFY_WITH_TIMEOUT(choice->isVisible(), 5000);
        QCOMPARE(choice->currentIndex(), 0);
        tab.editor()->setText(u"SELECT COUNT(*) FROM events"_s);
        QSignalSpy switches(&tab, &Ui::QueryTab::targetSwitchRequested);
        // Choosing the replica asks for a tab there with this text; this tab stays on the primary.
        choice->setCurrentIndex(1);
        Q_EMIT choice->activated(1);
        QCOMPARE(switches.size(), 1);
        QCOMPARE(switches.first().at(0).toBool(), true);
        QCOMPARE(switches.first().at(1).toString(), u"SELECT COUNT(*) FROM events"_s);
        QCOMPARE(choice->currentIndex(), 0);
        Q_EMIT choice->activated(0); // the target it is on: nothing
        QCOMPARE(switches.size(), 1);

        Ui::QueryTab replica(m_pool.get(), m_profile);
        replica.enableTargetChoice(true);
        QCOMPARE(replica.findChild<QComboBox *>(u"targetChoice"_s)->currentIndex(), 1);
    }

    void continueAfterErrors()
    {
        Ui::QueryTab tab(m_pool.get(), m_profile);
        tab.setHistory(&m_history);
        QVERIFY(tab.stopOnError());
        tab.setStopOnError(false);
        const QString script
            = u"SELECT 1 AS one;\nSELECT * FROM qt_nope;\nSELECT 2 AS two;\nSELEC 3;\nSELECT 4 AS four;"_s;
        tab.editor()->setText(script);
        QSignalSpy schemaChanged(&tab, &Ui::QueryTab::schemaChanged);
        tab.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QCOMPARE(schemaChanged.size(), 0); // reads only
        QCOMPARE(
            tabTitles(tab), (QStringList { u"1 SELECT"_s, u"2 SELECT"_s, u"3 SELECT"_s, u"4 SELEC"_s, u"5 SELECT"_s }));
        QCOMPARE(pane(tab, u"3 SELECT"_s)->model()->index(0, 0).data().toString(), u"2"_s);
        QCOMPARE(pane(tab, u"5 SELECT"_s)->model()->index(0, 0).data().toString(), u"4"_s);
        QCOMPARE(pane(tab, u"4 SELEC"_s)->state(), Ui::ResultPane::State::Failed);
        // Both failures are marked where they are.
        QCOMPARE(tab.editor()->errorCount(), 2);
        QVERIFY(tab.editor()->hasErrorMarker(1));
        QVERIFY(tab.editor()->hasErrorMarker(3));
        QVERIFY(!tab.editor()->hasErrorMarker(4));
    }

    void productionGuard()
    {
        Store::ConnectionProfile production = m_profile;
        production.production = true;
        Ui::QueryTab tab(m_pool.get(), production);
        tab.setHistory(&m_history);
        QVERIFY(tab.titleColor().isValid());
        QStringList asked;
        bool answer = false;
        tab.setConfirmHandler([&](const QString &statement, const QString &reason) {
            asked.append(reason + u": "_s + statement);
            return answer;
        });
        const qsizetype historyBefore = m_history.search()->size();

        tab.editor()->setText(u"SELECT 1;\nDELETE FROM qt_items;"_s);
        tab.runAll();
        QCOMPARE(asked, QStringList { u"DELETE without WHERE: DELETE FROM qt_items"_s });
        QVERIFY(!tab.isRunning());
        QCOMPARE(m_history.search()->size(), historyBefore); // declined: nothing ran, nothing recorded

        tab.editor()->setText(u"DELETE FROM qt_items WHERE id = 3;"_s); // has WHERE: no question
        tab.runAll();
        QCOMPARE(asked.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QVERIFY(tab.resultPane(0)->messageText().contains(u"1 row affected"_s));

        answer = true;
        tab.editor()->setText(u"DELETE FROM qt_items;"_s);
        tab.runAll();
        QCOMPARE(asked.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isRunning(), 20000);
        QVERIFY(tab.resultPane(0)->messageText().contains(u"2 rows affected"_s));
    }

    void autosaveRestoresAfterDestruction()
    {
        QString id;
        {
            auto tab = std::make_unique<Ui::QueryTab>(m_pool.get(), m_profile);
            tab->setAutosave(&m_autosave, 200);
            QStringList messages;
            connect(
                tab.get(), &Ui::QueryTab::statusMessageChanged, this, [&](const QString &m) { messages.append(m); });
            id = tab->id();
            tab->editor()->setText(u"SELECT 'typed';\nSELECT 'more';"_s);
            tab->editor()->setCursorPosition(1, 4);
            tab->editor()->insert(u"x"_s); // typing after the cursor move
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    const auto tabs = m_autosave.load();
                    return tabs.ok() && !tabs->isEmpty() && tabs->constLast().text.contains(u"SELExCT 'more'"_s);
                }(),
                5000);
            QVERIFY2(messages.isEmpty(), qPrintable(messages.join(u'\n')));
            // Destroyed without any explicit save (as after a crash).
        }
        const auto tabs = m_autosave.load();
        QVERIFY(tabs.ok());
        const auto it
            = std::find_if(tabs->cbegin(), tabs->cend(), [&](const Store::TabState &s) { return s.id == id; });
        QVERIFY(it != tabs->cend());
        QCOMPARE(it->target, m_profile.id);

        Ui::QueryTab restored(m_pool.get(), m_profile);
        restored.restore(*it);
        QCOMPARE(restored.id(), id);
        QCOMPARE(restored.editor()->text(), u"SELECT 'typed';\nSELExCT 'more';"_s);
        int line = 0;
        int index = 0;
        restored.editor()->getCursorPosition(&line, &index);
        QCOMPARE(line, 1);
        QCOMPARE(index, 4);
    }

    void poolGoingWithTheTab()
    {
        // As App::SqlTabs does: the server's pool is dropped when its last tab is destroyed, while the tab's
        // completion fetch is still open. The fetch must end with the tab, not report into a half-destroyed
        // one (UBSan caught that in tst_workspace_e2e).
        auto pool = std::make_unique<Sql::ConnectionPool>(testDbOptions(m_db));
        auto *tab = new Ui::QueryTab(pool.get(), m_profile);
        QSignalSpy refreshed(tab, &Ui::QueryTab::completionsRefreshed);
        connect(tab, &QObject::destroyed, this, [&pool] { pool.reset(); });
        tab->refreshCompletions(); // its run is open until the event loop delivers rows: not here
        delete tab;
        QVERIFY(!pool);
        QCOMPARE(refreshed.size(), 0);
    }

private:
    TestDb m_db;
    QTemporaryDir m_dir;
    Store::ConnectionProfile m_profile;
    std::unique_ptr<Sql::ConnectionPool> m_pool;
    Store::History m_history;
    Store::TabAutosave m_autosave;
};

QTEST_MAIN(TestQueryTab)
#include "tst_querytab.moc"

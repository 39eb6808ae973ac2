// One pool per server, wired by the app: twenty SQL tabs on one server share one pool, use at most the
// per-server connection cap plus two threads while they all run, and give everything back when closed.
// A tab on another identity (another default database) gets its own pool. Runs over the fixture's TLS
// MariaDB through App::Workspace, as the window does.
#include "app/profileoptions.h"
#include "app/workspace.h"
#include "testdb.h"
#include "ui/common/documentarea.h"
#include "ui/common/mainwindow.h"
#include "ui/editor/querytab.h"
#include "ui/editor/sqleditor.h"
#include "ui/results/resultpane.h"
#include "ui/results/resultsetmodel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

int processThreads()
{
    return int(QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestWorkspacePools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // history and autosave away from the user's files
        m_db = TestDb::fromEnvironment();
        QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
        m_profile.id = u"pools-test"_s;
        m_profile.name = u"fixture"_s;
        m_profile.host = m_db.host;
        m_profile.port = m_db.port;
        m_profile.user = m_db.user;
        m_profile.database = m_db.database;
        m_profile.caFile = m_db.caFile;
        m_window = std::make_unique<Ui::MainWindow>(Ui::AboutDialog::Components {});
        m_workspace = std::make_unique<App::Workspace>(m_window.get());
        QCOMPARE(m_workspace->pools().settings().maxConnections, 8); // the default cap
    }

    void cleanupTestCase()
    {
        m_workspace.reset();
        m_window.reset();
    }

    void twentyTabsOnOneServerShareOnePool()
    {
        const int cap = m_workspace->pools().settings().maxConnections;
        QTest::qWait(200); // let the window settle, so the baseline holds Qt's own threads
        const int before = processThreads();

        QList<Ui::QueryTab *> tabs;
        for (int i = 0; i < 20; ++i)
            tabs << m_workspace->openDirect(m_profile, m_db.password);
        QCOMPARE(m_workspace->pools().livePools(), 1);
        // The tabs' pool, found again by identity.
        std::shared_ptr<Sql::ConnectionPool> shared
            = m_workspace->pools().pool(App::ProfileOptions::from(m_profile, m_db.password));
        QCOMPARE(m_workspace->pools().livePools(), 1);
        QCOMPARE(shared->maxConnections(), cap);

        for (int i = 0; i < tabs.size(); ++i) {
            tabs[i]->editor()->setText(u"SELECT SLEEP(0.1) AS pause, %1 AS tab, CONNECTION_ID() AS id;"_s.arg(i));
            tabs[i]->runAll();
            QVERIFY(tabs[i]->isRunning());
        }
        int most = processThreads();
        int mostInPool = shared->threadCount();
        QElapsedTimer clock;
        clock.start();
        while (std::any_of(tabs.cbegin(), tabs.cend(), [](const Ui::QueryTab *t) { return t->isRunning(); })
            && clock.elapsed() < 60000) {
            QTest::qWait(5);
            most = std::max(most, processThreads());
            mostInPool = std::max(mostInPool, shared->threadCount());
        }
        qInfo("threads: %d before, %d at most while 20 tabs ran (cap %d); pool threads at most %d", before, most, cap,
            mostInPool);
        QVERIFY2(most - before <= cap + 2, qPrintable(u"%1 threads more than before"_s.arg(most - before)));
        QVERIFY(mostInPool <= cap + 1); // workers and, once something is cancelled, the control thread
        QVERIFY(shared->openConnections() <= cap);

        // Every tab got its own result; the connection cap leaves one connection for background work, so
        // cap - 1 tabs hold a session of their own and the others ran on the free connection.
        int sessions = 0;
        for (int i = 0; i < tabs.size(); ++i) {
            QVERIFY(!tabs[i]->isRunning());
            QCOMPARE(tabs[i]->results()->count(), 1);
            QCOMPARE(tabs[i]->resultPane(0)->model()->index(0, 1).data().toString(), QString::number(i));
            sessions += tabs[i]->hasSession() ? 1 : 0;
        }
        QCOMPARE(sessions, cap - 1);

        // Closing the tabs returns their sessions; the pool goes with the last user.
        for (int i = tabs.size() - 1; i >= 0; --i)
            m_window->documents()->close(tabs[i]);
        QTRY_COMPARE_WITH_TIMEOUT(shared->leasesOut(), 0, 5000);
        QCOMPARE(m_workspace->pools().livePools(), 1); // still held here
        shared.reset();
        QTRY_COMPARE_WITH_TIMEOUT(m_workspace->pools().livePools(), 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(processThreads() <= before, 5000); // every thread of the pool ended
    }

    void anotherIdentityGetsAnotherPool()
    {
        Ui::QueryTab *first = m_workspace->openDirect(m_profile, m_db.password);
        Store::ConnectionProfile other = m_profile;
        other.id = u"pools-test-schema"_s;
        other.database = u"information_schema"_s; // same server, another default database
        Ui::QueryTab *second = m_workspace->openDirect(other, m_db.password);
        QCOMPARE(m_workspace->pools().livePools(), 2);
        Ui::QueryTab *third = m_workspace->openDirect(other, m_db.password);
        QCOMPARE(m_workspace->pools().livePools(), 2);
        for (auto *tab : { first, second, third })
            m_window->documents()->close(tab);
        QTRY_COMPARE_WITH_TIMEOUT(m_workspace->pools().livePools(), 0, 5000);
    }

private:
    TestDb m_db;
    Store::ConnectionProfile m_profile;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<App::Workspace> m_workspace;
};

QTEST_MAIN(TestWorkspacePools)
#include "tst_workspace_pools.moc"

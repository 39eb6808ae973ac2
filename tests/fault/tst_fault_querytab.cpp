// A SQL tab over a bad network and a dying server (the fault proxy between the tab's pool and MariaDB):
// - a query over a blackholed link: Esc gives control back within a second, the tab says what happened,
//   and the next run gets a fresh connection;
// - the server killed (SIGKILL) mid-result: a clear "connection lost" error, no hang, the rows already
//   received, the editor text and the history stay, and the pool recovers once the server is back (a
//   private server of this test, started and killed here; the shared fixture is never touched);
// - a stalled TLS handshake: the run fails within the connect timeout, saying so.

#include "faultproxy.h"
#include "sql/connectionoptions.h"
#include "sql/connectionpool.h"
#include "store/history.h"
#include "testdb.h"
#include "ui/editor/querytab.h"
#include "ui/editor/sqleditor.h"
#include "ui/results/resultpane.h"
#include "ui/results/resultsetmodel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 SlackMs = 1500; // a loaded machine (the suite runs two tests at once) on top of a deadline

// A value of DIR/env as testdb.sh wrote it.
QString envValue(const QString &dir, const QString &name)
{
    QFile file(dir + u"/env"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(name + u'='))
            return line.mid(name.size() + 1);
    }
    return {};
}

// What the engine connects with for PROFILE (the app's ProfileOptions, which this layer may not link).
Sql::ConnectionOptions optionsFor(const Store::ConnectionProfile &profile, const QString &password)
{
    Sql::ConnectionOptions o;
    o.host = profile.host;
    o.port = profile.port;
    o.user = profile.user;
    o.password = password;
    o.database = profile.database;
    o.caFile = profile.caFile;
    return o;
}

bool testdb(const QString &command, const QString &dir)
{
    const QString script
        = QProcessEnvironment::systemEnvironment().value(u"BRANCHDECK_SOURCE_DIR"_s) + u"/tests/fixtures/testdb.sh"_s;
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(u"bash"_s, { script, command, dir });
    return process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QString firstCell(const Ui::QueryTab &tab)
{
    if (tab.results()->count() == 0 || !tab.resultPane(0)->model() || tab.resultPane(0)->model()->rowCount() == 0)
        return {};
    return tab.resultPane(0)->model()->index(0, 0).data().toString();
}

} // namespace

class TestFaultQueryTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void blackholedQueryCancelled();
    void serverKilledMidResult();
    void tlsHandshakeStalled();

private:
    Store::ConnectionProfile profileFor(quint16 port, const QString &caFile) const;
    QString runAndWait(Ui::QueryTab &tab, const QString &sql, int timeoutMs = 20000);

    TestDb m_db;
    QTemporaryDir m_dir;
    Store::History m_history;
};

void TestFaultQueryTab::initTestCase()
{
    m_db = TestDb::fromEnvironment();
    QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
    QVERIFY(m_dir.isValid());
    QVERIFY(m_history.open(m_dir.filePath(u"history.sqlite"_s)).ok());
}

void TestFaultQueryTab::cleanupTestCase()
{
    testdb(u"stop"_s, m_dir.filePath(u"server"_s));
}

Store::ConnectionProfile TestFaultQueryTab::profileFor(quint16 port, const QString &caFile) const
{
    Store::ConnectionProfile profile;
    profile.id = u"fault-profile"_s;
    profile.name = u"through the fault proxy"_s;
    profile.host = u"127.0.0.1"_s;
    profile.port = port;
    profile.user = m_db.user;
    profile.database = m_db.database;
    profile.caFile = caFile;
    return profile;
}

// Runs the whole editor text and returns the first cell of the first result ("" when none).
QString TestFaultQueryTab::runAndWait(Ui::QueryTab &tab, const QString &sql, int timeoutMs)
{
    tab.editor()->setText(sql);
    tab.runAll();
    if (!QTest::qWaitFor([&] { return !tab.isRunning(); }, timeoutMs))
        return u"(still running)"_s;
    return firstCell(tab);
}

void TestFaultQueryTab::blackholedQueryCancelled()
{
    FaultProxy proxy(m_db.host, m_db.port);
    QVERIFY(proxy.start());
    const Store::ConnectionProfile profile = profileFor(proxy.port(), m_db.caFile);
    Sql::ConnectionPool pool(optionsFor(profile, m_db.password));
    Ui::QueryTab tab(&pool, profile);
    tab.setHistory(&m_history);
    tab.show();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    const QString before = runAndWait(tab, u"SELECT CONNECTION_ID();"_s);
    QVERIFY(!before.isEmpty());

    QSignalSpy messages(&tab, &Ui::QueryTab::statusMessageChanged);
    tab.editor()->setText(u"SELECT SLEEP(30);\nSELECT 'after';"_s);
    tab.editor()->setFocus();
    tab.runAll();
    QTest::qWait(400);
    QVERIFY(tab.isRunning());
    proxy.setFaults({ .blackhole = true }); // the link dies: nothing passes, the KILL QUERY neither
    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(tab.editor(), Qt::Key_Escape);
    QVERIFY(QTest::qWaitFor([&] { return !tab.isRunning(); }, 10000));
    QVERIFY2(clock.elapsed() < 1000 + SlackMs, qPrintable(QString::number(clock.elapsed())));

    // The tab says what happened: cancelled, and the connection (with its session) is gone.
    Ui::ResultPane *pane = tab.resultPane(0);
    QCOMPARE(pane->state(), Ui::ResultPane::State::Cancelled);
    QVERIFY2(pane->messageText().contains(u"Cancelled by closing the connection"_s), qPrintable(pane->messageText()));
    QVERIFY2(pane->messageText().contains(u"session"_s), qPrintable(pane->messageText()));
    QVERIFY(std::any_of(messages.cbegin(), messages.cend(),
        [](const QList<QVariant> &m) { return m.front().toString().contains(u"new session"_s); }));
    QCOMPARE(tab.editor()->text(), u"SELECT SLEEP(30);\nSELECT 'after';"_s);

    // The link is back: the next run works, on a fresh connection.
    proxy.clearFaults();
    const QString after = runAndWait(tab, u"SELECT CONNECTION_ID();"_s);
    QVERIFY(!after.isEmpty());
    QVERIFY2(after != before, qPrintable(before + u" / "_s + after));
}

void TestFaultQueryTab::serverKilledMidResult()
{
    const QString dir = m_dir.filePath(u"server"_s);
    QVERIFY2(testdb(u"start"_s, dir), "the private server did not start");
    const auto port = [&] { return envValue(dir, u"BRANCHDECK_TEST_MYSQL_PORT"_s).toUShort(); };
    FaultProxy proxy(u"127.0.0.1"_s, port());
    QVERIFY(proxy.start());
    Store::ConnectionProfile profile = profileFor(proxy.port(), envValue(dir, u"BRANCHDECK_TEST_MYSQL_CA"_s));
    const QString password = envValue(dir, u"BRANCHDECK_TEST_MYSQL_PASSWORD"_s);
    Sql::ConnectionPool pool(optionsFor(profile, password));
    Ui::QueryTab tab(&pool, profile);
    tab.setHistory(&m_history);
    tab.show();
    QVERIFY(QTest::qWaitForWindowActive(&tab));

    // Rows of 1 kB, a few a millisecond: the result streams for many seconds.
    const QString sql = u"SELECT seq, REPEAT('x', 1000) AS pad, SLEEP(0.002) FROM seq_1_to_100000;"_s;
    tab.editor()->setText(sql);
    tab.runAll();
    QVERIFY(QTest::qWaitFor(
        [&] { return tab.results()->count() > 0 && tab.resultPane(0)->model()->receivedRows() >= 100; }, 20000));
    QVERIFY(tab.isRunning());

    const qint64 pid = envValue(dir, u"BRANCHDECK_TEST_MYSQL_PIDFILE"_s).isEmpty() ? 0 : [&] {
        QFile file(envValue(dir, u"BRANCHDECK_TEST_MYSQL_PIDFILE"_s));
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
    }();
    QVERIFY(pid > 0);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QVERIFY2(QTest::qWaitFor([&] { return !tab.isRunning(); }, 15000), "the tab still runs after the server died");

    Ui::ResultPane *pane = tab.resultPane(0);
    QCOMPARE(pane->state(), Ui::ResultPane::State::Failed);
    QVERIFY2(pane->statusText().contains(u"connection was lost"_s), qPrintable(pane->statusText()));
    QVERIFY(pane->model()->receivedRows() >= 100); // what came before stays
    QCOMPARE(tab.editor()->text(), sql);
    const auto history = m_history.search(u"seq_1_to_100000"_s);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 1);
    QVERIFY2(history->front().error.contains(u"connection was lost"_s), qPrintable(history->front().error));

    // The server comes back (on whatever port it gets; the proxy follows): the pool recovers.
    QVERIFY2(testdb(u"restart"_s, dir), "the private server did not restart");
    proxy.setUpstream(u"127.0.0.1"_s, port());
    QCOMPARE(runAndWait(tab, u"SELECT 6 * 7;"_s), u"42"_s);
}

void TestFaultQueryTab::tlsHandshakeStalled()
{
    FaultProxy proxy(m_db.host, m_db.port);
    QVERIFY(proxy.start());
    proxy.setFaults({ .upstreamLimit = 36 }); // the server's greeting and the SSL request pass, then nothing
    const Store::ConnectionProfile profile = profileFor(proxy.port(), m_db.caFile);
    Sql::ConnectionOptions options = optionsFor(profile, m_db.password);
    options.connectTimeoutSeconds = 2;
    Sql::ConnectionPool pool(options);
    Ui::QueryTab tab(&pool, profile);
    QElapsedTimer clock;
    clock.start();
    runAndWait(tab, u"SELECT 1;"_s);
    QVERIFY2(clock.elapsed() < 2000 + SlackMs, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(tab.results()->count() > 0);
    QVERIFY2(tab.resultPane(0)->messageText().contains(u"TLS handshake stalled"_s),
        qPrintable(tab.resultPane(0)->messageText()));
}

QTEST_MAIN(TestFaultQueryTab)
#include "tst_fault_querytab.moc"

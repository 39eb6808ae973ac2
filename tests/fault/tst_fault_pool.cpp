// The pool over a bad network (fault proxy between the pool and the fixture's MariaDB): a cancel that cannot
// reach the server closes the socket within a second; a cancel never reaches the statement after the one it
// was meant for; shutdown ends every wait on the network (running statements, connects, the control
// connection) at once, leaves no thread behind, and a process with a blackholed connection exits in time.

#include "faultproxy.h"
#include "sql/connectionpool.h"
#include "testdb.h"
#include "testdboptions.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 SlackMs = 1500; // a loaded machine (the suite runs two tests at once) on top of a deadline

Core::SqlStatement statement(const QString &sql)
{
    Core::SqlStatement s;
    s.text = sql;
    s.end = sql.size();
    return s;
}

// Threads of this process, from /proc (the pool's workers and control thread included).
int threadCount()
{
    return int(QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

// The thread count once it has held still for 300 ms (at most 3 s): threads of an earlier test's pool may
// still be leaving, and counting them would move the baseline.
int settledThreadCount()
{
    QElapsedTimer clock;
    clock.start();
    int count = threadCount();
    QElapsedTimer still;
    still.start();
    while (still.elapsed() < 300 && clock.elapsed() < 3000) {
        QTest::qWait(20);
        const int now = threadCount();
        if (now != count) {
            count = now;
            still.restart();
        }
    }
    return count;
}

// Their names, for a failure message.
QString threadNames()
{
    QStringList names;
    for (const QString &task : QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(u"/proc/self/task/"_s + task + u"/comm"_s);
        names.append(comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll()).trimmed() : task);
    }
    return names.join(u", "_s);
}

// What one run reported.
struct Watch
{
    explicit Watch(std::unique_ptr<Sql::Run> r)
        : run(std::move(r))
    {
        QObject::connect(run.get(), &Sql::Run::rowsReceived, run.get(), [this](const Sql::RowBatch &b) {
            for (qsizetype i = 0; i < b.rows.rowCount(); ++i)
                values.append(b.rows.cellText(i, 0));
        });
        QObject::connect(run.get(), &Sql::Run::statementFailed, run.get(),
            [this](const Sql::StatementError &e) { errors.append(e); });
        QObject::connect(run.get(), &Sql::Run::finished, run.get(), [this](const Sql::JobSummary &s) {
            summary = s;
            done = true;
        });
    }
    std::unique_ptr<Sql::Run> run;
    QStringList values;
    QList<Sql::StatementError> errors;
    Sql::JobSummary summary;
    bool done = false;
};

} // namespace

class TestFaultPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cancelOverBlackholeClosesSocket();
    void cancelNeverReachesTheNextStatement();
    void cancelWhileConnecting();
    void resetMidResult_data();
    void resetMidResult();
    void shutdownEndsEveryWait();
    void processExitsWithBlackholedConnection_data();
    void processExitsWithBlackholedConnection();

private:
    Sql::ConnectionOptions viaProxy() const;
    quint64 connectionId(Sql::ConnectionPool &pool, const Sql::Lease &lease);

    TestDb m_db;
    std::unique_ptr<FaultProxy> m_proxy;
};

void TestFaultPool::initTestCase()
{
    m_db = TestDb::fromEnvironment();
    QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
}

void TestFaultPool::init()
{
    m_proxy = std::make_unique<FaultProxy>(m_db.host, m_db.port);
    QVERIFY(m_proxy->start());
}

void TestFaultPool::cleanup()
{
    m_proxy.reset();
}

Sql::ConnectionOptions TestFaultPool::viaProxy() const
{
    Sql::ConnectionOptions o = testDbOptions(m_db);
    o.port = m_proxy->port();
    return o;
}

quint64 TestFaultPool::connectionId(Sql::ConnectionPool &pool, const Sql::Lease &lease)
{
    Watch id(pool.run(lease, { statement(u"SELECT CONNECTION_ID()"_s) }));
    if (!QTest::qWaitFor([&] { return id.done; }, 20000) || id.values.size() != 1)
        return 0;
    return id.values.front().toULongLong();
}

void TestFaultPool::cancelOverBlackholeClosesSocket()
{
    Sql::ConnectionPool pool(viaProxy());
    Sql::Lease lease = pool.lease();
    const quint64 before = connectionId(pool, lease);
    QVERIFY(before != 0);
    Watch sleep(pool.run(lease, { statement(u"SELECT SLEEP(30)"_s), statement(u"SELECT 'after'"_s) }));
    QTest::qWait(300); // it reaches the server
    QVERIFY(!sleep.done);
    // Now the link swallows everything, the KILL QUERY's new control connection too.
    m_proxy->setFaults({ .blackhole = true });
    QElapsedTimer clock;
    clock.start();
    sleep.run->cancel();
    QVERIFY(QTest::qWaitFor([&] { return sleep.done; }, 10000));
    QVERIFY2(clock.elapsed() < 1000 + SlackMs, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(sleep.summary.status, Sql::JobStatus::Cancelled);
    QCOMPARE(sleep.errors.size(), 1); // the statement after it never ran
    QVERIFY(sleep.errors.front().cancelled);
    QVERIFY(sleep.errors.front().connectionLost); // its socket was shut: the session is gone
    QVERIFY(sleep.summary.sessionLost);

    // The link is back: the lease's next run opens a fresh connection.
    m_proxy->clearFaults();
    const quint64 after = connectionId(pool, lease);
    QVERIFY(after != 0);
    QVERIFY(after != before);
}

void TestFaultPool::cancelNeverReachesTheNextStatement()
{
    // The control connection is slow (its first connection through the proxy has 400 ms of latency each
    // way): the KILL QUERY for run A cannot arrive before A ends by itself and the lease's next run B has
    // begun. Before the fix, the late KILL QUERY hit B. Now the cancel gives up on A after its deadline
    // (nothing to abort: A ended) and B, held back meanwhile, runs to its end untouched.
    Sql::ConnectionPool pool(viaProxy());
    Sql::Lease lease = pool.lease();
    QVERIFY(connectionId(pool, lease) != 0); // the worker's connection exists: the next one is the control's
    m_proxy->setFaultsForNext(1, { .latencyMs = 400 });
    Watch a(pool.run(lease, { statement(u"SELECT SLEEP(0.3)"_s) }));
    QTest::qWait(100);
    a.run->cancel();
    QVERIFY(QTest::qWaitFor([&] { return a.done; }, 10000));
    Watch b(pool.run(lease, { statement(u"SELECT SLEEP(2.5), 'B'"_s) }));
    QVERIFY(QTest::qWaitFor([&] { return b.done; }, 20000));
    QCOMPARE(b.summary.status, Sql::JobStatus::Completed);
    QVERIFY2(b.errors.isEmpty(), qPrintable(b.errors.isEmpty() ? QString() : b.errors.front().message));
    QCOMPARE(b.values, QStringList { u"0"_s });
}

void TestFaultPool::cancelWhileConnecting()
{
    // A run whose connect is blackholed is cancelled: the connect stops at once and the run says cancelled.
    Sql::ConnectionOptions options = viaProxy();
    options.connectTimeoutSeconds = 60;
    Sql::ConnectionPool pool(options);
    m_proxy->setFaults({ .blackhole = true });
    Watch run(pool.run({ statement(u"SELECT 1"_s) }));
    QTRY_COMPARE(m_proxy->connectionsAccepted(), 1);
    QTest::qWait(200);
    QElapsedTimer clock;
    clock.start();
    run.run->cancel();
    QVERIFY(QTest::qWaitFor([&] { return run.done; }, 10000));
    QVERIFY2(clock.elapsed() < 1000 + SlackMs, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(run.summary.status, Sql::JobStatus::Cancelled);
}

void TestFaultPool::resetMidResult_data()
{
    QTest::addColumn<bool>("binary");
    QTest::newRow("binary protocol") << true;
    QTest::newRow("text protocol") << false;
}

void TestFaultPool::resetMidResult()
{
    // The connection is reset (RST) after 300 kB of a 10 MB result: the statement fails as a lost
    // connection with the driver's own error (never an empty one), the rows that came stay, and the lease's
    // next run opens a new connection.
    QFETCH(bool, binary);
    Sql::ConnectionPool pool(viaProxy());
    Sql::Lease lease = pool.lease();
    const quint64 before = connectionId(pool, lease);
    QVERIFY(before != 0);
    m_proxy->setFaults({ .resetAfterDownstream = m_proxy->bytesDownstream() + 300'000 });
    Sql::Run::Options options;
    options.allowBinaryProtocol = binary;
    Watch big(pool.run(lease, { statement(u"SELECT seq, REPEAT('x', 100) FROM seq_1_to_100000"_s) }, options));
    QVERIFY(QTest::qWaitFor([&] { return big.done; }, 20000));
    QCOMPARE(big.summary.status, Sql::JobStatus::Failed);
    QCOMPARE(big.errors.size(), 1);
    const Sql::StatementError &error = big.errors.front();
    QVERIFY(error.connectionLost);
    QVERIFY(!error.cancelled);
    QVERIFY2(error.errorNumber != 0 && !error.message.isEmpty(), qPrintable(QString::number(error.errorNumber)));
    QVERIFY(big.summary.sessionLost);
    QVERIFY(!big.values.isEmpty() && big.values.size() < 100000);
    m_proxy->clearFaults();
    const quint64 after = connectionId(pool, lease);
    QVERIFY(after != 0 && after != before);
}

void TestFaultPool::shutdownEndsEveryWait()
{
    const int threadsBefore = settledThreadCount();
    Sql::ConnectionOptions options = viaProxy();
    options.connectTimeoutSeconds = 60;
    auto pool = std::make_unique<Sql::ConnectionPool>(options);
    // One statement blocked in a read, one connect under way, and a cancel whose control connection is
    // stuck connecting: all into the blackhole.
    Sql::Lease lease = pool->lease();
    QVERIFY(connectionId(*pool, lease) != 0);
    Watch reading(pool->run(lease, { statement(u"SELECT SLEEP(30)"_s) }));
    QTest::qWait(200);
    m_proxy->setFaults({ .blackhole = true });
    Watch connecting(pool->run({ statement(u"SELECT 1"_s) }));
    QTRY_COMPARE(m_proxy->connectionsAccepted(), 2);
    reading.run->cancel(); // the control connection goes into the blackhole too
    QTRY_COMPARE(m_proxy->connectionsAccepted(), 3);
    QTRY_VERIFY2(threadCount() >= threadsBefore + 3, qPrintable(threadNames()));

    QElapsedTimer clock;
    clock.start();
    pool->shutdown();
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    // Every thread of the pool has ended: none is left inside the driver. (QThread::wait() returns when the
    // thread's work is over; the kernel task goes a moment later, hence the short retry.)
    QTRY_VERIFY2_WITH_TIMEOUT(threadCount() == threadsBefore, qPrintable(threadNames()), 2000);
    QVERIFY(reading.done && connecting.done);
    pool.reset();
}

void TestFaultPool::processExitsWithBlackholedConnection_data()
{
    QTest::addColumn<QString>("stage");
    QTest::newRow("statement running") << u"running"_s;
    QTest::newRow("statement cancelled, KILL connecting") << u"cancelled"_s;
    QTest::newRow("connect under way") << u"connecting"_s;
}

void TestFaultPool::processExitsWithBlackholedConnection()
{
    // The helper holds a pool through the proxy; once the link is blackholed it returns from main().
    QFETCH(QString, stage);
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const Sql::ConnectionOptions o = viaProxy();
    helper.start(QStringLiteral(BRANCHDECK_FAULT_EXIT_HELPER),
        { stage, o.host, QString::number(o.port), o.user, o.caFile, o.database });
    QVERIFY(helper.waitForStarted());
    helper.write(o.password.toUtf8() + '\n'); // never on the command line
    QVERIFY2(helper.waitForReadyRead(20000), "the helper did not get ready");
    QCOMPARE(helper.readLine().trimmed(), QByteArray("ready"));
    m_proxy->setFaults({ .blackhole = true });
    QElapsedTimer clock;
    clock.start();
    helper.write("go\n");
    QVERIFY2(helper.waitForFinished(15000), "the process did not exit");
    QVERIFY2(clock.elapsed() < 2000 + SlackMs, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(helper.exitStatus(), QProcess::NormalExit);
    QCOMPARE(helper.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestFaultPool)
#include "tst_fault_pool.moc"

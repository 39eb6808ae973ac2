#include "sql/connection.h"
#include "sql/connectionpool.h"

#include "testdb.h"
#include "testdboptions.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace {

// Everything the pool reported about one request.
struct Outcome
{
    QList<Sql::ResultHeader> headers;
    std::map<std::pair<int, int>, Core::ResultSet> results; // (statement, result) -> rows
    int batches = 0;
    QList<Sql::StatementSummary> finished;
    QList<Sql::StatementError> failed;
    bool done = false;
    Sql::JobSummary summary;

    Core::ResultSet &rs(int statement, int result = 0) { return results[std::make_pair(statement, result)]; }
};

// Owns the runs it is given and records what each reported, by request id.
class Recorder : public QObject
{
public:
    Sql::RequestId submit(std::unique_ptr<Sql::Run> run)
    {
        Sql::Run *r = run.get();
        const Sql::RequestId id = r->id();
        connect(r, &Sql::Run::columnsReceived, this, [this, id](const Sql::ResultHeader &h) {
            QCOMPARE(h.requestId, id); // a handle carries only its own run
            m_out[id].headers << h;
            m_out[id].rs(h.statementIndex, h.resultIndex) = Core::ResultSet(h.columns);
        });
        connect(r, &Sql::Run::rowsReceived, this, [this, id](const Sql::RowBatch &b) {
            QCOMPARE(b.requestId, id);
            Outcome &o = m_out[id];
            Core::ResultSet &rs = o.rs(b.statementIndex, b.resultIndex);
            QCOMPARE(b.firstRow, rs.rowCount()); // batches arrive in order, none lost
            rs.append(b.rows);
            ++o.batches;
        });
        connect(r, &Sql::Run::statementFinished, this, [this, id](const Sql::StatementSummary &s) {
            QCOMPARE(s.requestId, id);
            m_out[id].finished << s;
        });
        connect(r, &Sql::Run::statementFailed, this, [this, id](const Sql::StatementError &e) {
            QCOMPARE(e.requestId, id);
            m_out[id].failed << e;
        });
        connect(r, &Sql::Run::finished, this, [this, id](const Sql::JobSummary &s) {
            QVERIFY(!m_out[id].done); // exactly once
            m_out[id].done = true;
            m_out[id].summary = s;
        });
        m_runs[id] = std::move(run);
        return id;
    }
    void cancel(Sql::RequestId id) { m_runs.at(id)->cancel(); }
    Outcome &operator[](Sql::RequestId id) { return m_out[id]; }
    bool done(Sql::RequestId id) { return m_out[id].done; }

private:
    std::map<Sql::RequestId, Outcome> m_out;
    std::map<Sql::RequestId, std::unique_ptr<Sql::Run>> m_runs;
};

Sql::Run::Options binaryIf(bool binary)
{
    Sql::Run::Options options;
    options.allowBinaryProtocol = binary;
    return options;
}

QList<Core::SqlStatement> sql(const QString &text)
{
    return Core::SqlSplitter::split(text);
}

} // namespace

class TestConnectionPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void streamsLargeResult_data();
    void streamsLargeResult();
    void textAndBinaryAgree();
    void failingStatementInScript();
    void callReturnsSeveralResults();
    void cancelSleep();
    void cancelByClosingSocket();
    void cancelQueuedJob();
    void killedConnection();
    void healthCheckAfterIdle();
    void concurrentJobs();
    void leaseKeepsSession();
    void memoryCap();
    void connectErrorReported();
    void handshakesPerConnection();
    void continueAfterError();
    void runsDoNotSeeEachOther();
    void destroyingRunCancelsIt();
    void threadsStartLazilyAndRetire();
    void shutdownFinishesOpenRuns();
    void foreignLeaseFails();

private:
    Sql::ConnectionOptions options() const;
    QByteArray scalar(Sql::ConnectionPool &pool, Recorder &rec, const Sql::Lease &lease, const QString &query);
    TestDb m_db;
};

void TestConnectionPool::initTestCase()
{
    m_db = TestDb::fromEnvironment();
    if (!m_db.isValid())
        QFAIL(qPrintable(TestDb::missingReason()));
}

Sql::ConnectionOptions TestConnectionPool::options() const
{
    return testDbOptions(m_db);
}

QByteArray TestConnectionPool::scalar(
    Sql::ConnectionPool &pool, Recorder &rec, const Sql::Lease &lease, const QString &query)
{
    const auto id = rec.submit(pool.run(lease, sql(query)));
    if (!QTest::qWaitFor([&] { return rec.done(id); }, 10000))
        return "timeout";
    Outcome &o = rec[id];
    if (!o.failed.isEmpty())
        return "error: " + o.failed.front().message.toUtf8();
    const auto it = o.results.find(std::make_pair(0, 0));
    if (it == o.results.end() || it->second.rowCount() == 0)
        return "no rows";
    return it->second.isNull(0, 0) ? "NULL"_ba : it->second.cellBytes(0, 0);
}

void TestConnectionPool::streamsLargeResult_data()
{
    QTest::addColumn<bool>("binary");
    QTest::newRow("text protocol") << false;
    QTest::newRow("binary protocol") << true;
}

void TestConnectionPool::streamsLargeResult()
{
    QFETCH(bool, binary);
    Sql::ConnectionPool::Settings settings;
    settings.maxConnections = 2;
    settings.stream.batchBytes = 256 * 1024; // many batches
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    const int rows = 300000;
    const auto id = rec.submit(pool.run(sql(u"SELECT seq, CONCAT('row-', seq), IF(seq % 10 = 0, NULL, seq * 1.5) "
                                            "FROM seq_1_to_%1"_s.arg(rows)),
        binaryIf(binary)));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(id); }, 60000));
    Outcome &o = rec[id];
    QVERIFY2(o.failed.isEmpty(), qPrintable(o.failed.isEmpty() ? QString() : o.failed.front().message));
    QCOMPARE(o.summary.status, Sql::JobStatus::Completed);
    QCOMPARE(o.headers.size(), 1);
    QCOMPARE(o.headers.front().binaryProtocol, binary);
    QCOMPARE(o.headers.front().columns.size(), 3);
    QCOMPARE(o.headers.front().columns[0].name, u"seq"_s);
    QVERIFY2(o.batches > 5, qPrintable(QString::number(o.batches)));
    const Core::ResultSet &rs = o.rs(0, 0);
    QCOMPARE(rs.rowCount(), rows);
    QCOMPARE(o.finished.size(), 1);
    QCOMPARE(o.finished.front().rows, quint64(rows));
    for (qsizetype r : { qsizetype(0), qsizetype(9), qsizetype(12345), qsizetype(rows - 1) }) {
        QCOMPARE(rs.cellBytes(r, 0), QByteArray::number(r + 1));
        QCOMPARE(rs.cellBytes(r, 1), "row-" + QByteArray::number(r + 1));
        QCOMPARE(rs.isNull(r, 2), (r + 1) % 10 == 0);
    }
    QCOMPARE(rs.cellBytes(0, 2), "1.5"_ba);
}

void TestConnectionPool::textAndBinaryAgree()
{
    Sql::ConnectionPool pool(options());
    Recorder rec;
    Sql::Lease lease = pool.lease();
    const auto setup = rec.submit(pool.runScript(lease, uR"(DROP TABLE IF EXISTS types_t;
CREATE TABLE types_t (
  big_unsigned BIGINT UNSIGNED, big_signed BIGINT, decimal_value DECIMAL(20,2), dt6 DATETIME(6), dt DATETIME,
  d DATE, t TIME, t3 TIME(3), ts TIMESTAMP NULL, empty_text VARCHAR(10), bin VARBINARY(10), dbl DOUBLE, flt FLOAT,
  txt TEXT, tiny TINYINT, small_unsigned SMALLINT UNSIGNED, medium MEDIUMINT, i INT, zf INT(5) ZEROFILL,
  y YEAR, bits BIT(3), e ENUM('a','b'), st SET('x','y'), j JSON, blob_value LONGBLOB);
INSERT INTO types_t VALUES (18446744073709551615, -9223372036854775808, 12345678901234.56,
  '2024-02-29 13:45:07.123456', '2024-02-29 13:45:07', '2024-02-29', '-838:59:59', '12:00:01.5',
  '2024-03-01 00:00:00', '', X'00FF10', 0.25, 1.5, 'grüße', -128, 65535, -8388608, 2147483647, 7, 2024, b'101',
  'b', 'x,y', '{"k": [1, 2]}', REPEAT('z', 100000));
INSERT INTO types_t () VALUES ();)"_s));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(setup); }, 10000));
    QVERIFY2(rec[setup].failed.isEmpty(), qPrintable(rec[setup].failed.value(0).message));
    const QString query = u"SELECT * FROM types_t"_s;
    const auto text = rec.submit(pool.run(lease, sql(query), binaryIf(false)));
    const auto binary = rec.submit(pool.run(lease, sql(query), binaryIf(true)));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(text) && rec.done(binary); }, 10000));
    QVERIFY2(rec[text].failed.isEmpty(), qPrintable(rec[text].failed.value(0).message));
    QVERIFY2(rec[binary].failed.isEmpty(), qPrintable(rec[binary].failed.value(0).message));
    QVERIFY(!rec[text].headers.front().binaryProtocol);
    QVERIFY(rec[binary].headers.front().binaryProtocol);
    const Core::ResultSet &a = rec[text].rs(0, 0);
    const Core::ResultSet &b = rec[binary].rs(0, 0);
    QCOMPARE(a.rowCount(), 2);
    QCOMPARE(b.rowCount(), 2);
    QCOMPARE(a.columnCount(), b.columnCount());
    QCOMPARE(a.columns(), b.columns());
    for (int r = 0; r < 2; ++r) {
        for (int c = 0; c < a.columnCount(); ++c) {
            const QByteArray context = a.columns()[c].name.toUtf8() + ": " + a.cellBytes(r, c).left(40) + " vs "
                + b.cellBytes(r, c).left(40);
            QVERIFY2(a.isNull(r, c) == b.isNull(r, c), context.constData());
            QVERIFY2(a.cellBytes(r, c) == b.cellBytes(r, c), context.constData());
            QVERIFY(r == 0 || a.isNull(r, c)); // second row is all NULL
        }
    }
    QCOMPARE(a.cellBytes(0, 0), "18446744073709551615"_ba);
    QCOMPARE(a.cellBytes(0, 2), "12345678901234.56"_ba);
    QCOMPARE(a.cellBytes(0, 3), "2024-02-29 13:45:07.123456"_ba);
    QVERIFY(!a.isNull(0, 9));
    QVERIFY(a.cell(0, 9).isEmpty());
    QCOMPARE(a.cellBytes(0, 10), "\x00\xff\x10"_ba);
    QCOMPARE(a.cellBytes(0, 18), "00007"_ba);
    QCOMPARE(a.cell(0, 24).size(), 100000);
    QCOMPARE(a.columns()[10].kind, Core::ColumnKind::Binary);
    QCOMPARE(a.columns()[0].kind, Core::ColumnKind::UnsignedInteger);
    QCOMPARE(a.columns()[2].kind, Core::ColumnKind::Decimal);
    QCOMPARE(a.columns()[3].kind, Core::ColumnKind::DateTime);
    QCOMPARE(a.cellText(0, 13), u"grüße"_s);
}

void TestConnectionPool::failingStatementInScript()
{
    Sql::ConnectionPool pool(options());
    Recorder rec;
    Sql::Lease lease = pool.lease();
    const QString script = u"SELECT 1;\n-- the next one fails\nSELECT * FROM no_such_table;\nSELECT 3;"_s;
    const auto statements = sql(script);
    QCOMPARE(statements.size(), 3);
    const auto id = rec.submit(pool.run(lease, statements));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(id); }, 10000));
    Outcome &o = rec[id];
    QCOMPARE(o.summary.status, Sql::JobStatus::Failed);
    QCOMPARE(o.finished.size(), 1);
    QCOMPARE(o.finished.front().statementIndex, 0);
    QCOMPARE(o.failed.size(), 1);
    const Sql::StatementError &e = o.failed.front();
    QCOMPARE(e.statementIndex, 1);
    QCOMPARE(e.errorNumber, 1146u);
    QCOMPARE(e.sqlState, u"42S02"_s);
    QVERIFY(e.message.contains(u"no_such_table"_s));
    QCOMPARE(script.mid(e.begin, e.end - e.begin), u"SELECT * FROM no_such_table"_s);
    QCOMPARE(e.text, u"SELECT * FROM no_such_table"_s); // as submitted
    QCOMPARE(o.finished.front().text, u"SELECT 1"_s);
    QVERIFY(!e.connectionLost);
    QCOMPARE(o.summary.statementsRun, 2); // the third never ran
}

void TestConnectionPool::callReturnsSeveralResults()
{
    Sql::ConnectionPool pool(options());
    Recorder rec;
    Sql::Lease lease = pool.lease();
    const auto setup = rec.submit(pool.runScript(lease, uR"(DROP PROCEDURE IF EXISTS two_results;
DELIMITER //
CREATE PROCEDURE two_results()
BEGIN
  SELECT 1 AS a;
  SELECT 'x' AS b, 'y' AS c UNION ALL SELECT 'z', NULL;
END//
DELIMITER ;
CALL two_results();)"_s));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(setup); }, 10000));
    Outcome &o = rec[setup];
    QVERIFY2(o.failed.isEmpty(), qPrintable(o.failed.isEmpty() ? QString() : o.failed.front().message));
    QCOMPARE(o.finished.size(), 3);
    const Sql::StatementSummary &call = o.finished.back();
    QCOMPARE(call.resultSets, 2);
    QCOMPARE(call.rows, 3u);
    QCOMPARE(o.rs(2, 0).cellBytes(0, 0), "1"_ba);
    QCOMPARE(o.rs(2, 1).rowCount(), 2);
    QVERIFY(o.rs(2, 1).isNull(1, 1));
    // The connection is still in sync after the multi-result statement.
    QCOMPARE(scalar(pool, rec, lease, u"SELECT 7"_s), "7"_ba);
}

void TestConnectionPool::cancelSleep()
{
    Sql::ConnectionPool pool(options());
    Recorder rec;
    Sql::Lease lease = pool.lease();
    const QByteArray before = scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s);
    const auto id = rec.submit(pool.run(lease, sql(u"SELECT SLEEP(60)"_s)));
    QTest::qWait(300); // let it reach the server
    QElapsedTimer timer;
    timer.start();
    rec.cancel(id);
    QVERIFY(QTest::qWaitFor([&] { return rec.done(id); }, 1000)); // well under a second
    qInfo("cancel took %lld ms", timer.elapsed());
    QCOMPARE(rec[id].summary.status, Sql::JobStatus::Cancelled);
    // KILL QUERY leaves the session alive: same connection afterwards.
    QCOMPARE(scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s), before);

    // Cancelling at once, before or while the statement reaches the server, ends it just as fast.
    for (int i = 0; i < 5; ++i) {
        const auto quick = rec.submit(pool.run(lease, sql(u"SELECT SLEEP(60)"_s)));
        QTest::qWait(i * 5);
        rec.cancel(quick);
        QVERIFY(QTest::qWaitFor([&] { return rec.done(quick); }, 1000));
        QCOMPARE(rec[quick].summary.status, Sql::JobStatus::Cancelled);
    }
    QCOMPARE(scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s), before);
}

void TestConnectionPool::cancelByClosingSocket()
{
    Sql::ConnectionPool::Settings settings;
    settings.cancelWithKillQuery = false; // as when the server refuses KILL
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    QSignalSpy lost(&pool, &Sql::ConnectionPool::sessionLost);
    Sql::Lease lease = pool.lease();
    const QByteArray before = scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s);
    const auto id = rec.submit(pool.run(lease, sql(u"SELECT SLEEP(60)"_s)));
    QTest::qWait(300);
    rec.cancel(id);
    QVERIFY(QTest::qWaitFor([&] { return rec.done(id); }, 1000));
    QCOMPARE(rec[id].summary.status, Sql::JobStatus::Cancelled);
    QCOMPARE(rec[id].failed.size(), 1);
    QVERIFY(rec[id].failed.front().cancelled);
    QVERIFY(rec[id].failed.front().connectionLost);
    QCOMPARE(lost.size(), 1);
    // The discarded connection is replaced on the next job.
    const QByteArray after = scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s);
    QVERIFY(after.toULongLong() > 0);
    QVERIFY(after != before);
}

void TestConnectionPool::cancelQueuedJob()
{
    Sql::ConnectionPool::Settings settings;
    settings.maxConnections = 1;
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    const auto first = rec.submit(pool.run(sql(u"SELECT SLEEP(0.5)"_s)));
    const auto second = rec.submit(pool.run(sql(u"SELECT 'never'"_s)));
    rec.cancel(second);
    QVERIFY(QTest::qWaitFor([&] { return rec.done(first) && rec.done(second); }, 5000));
    QCOMPARE(rec[first].summary.status, Sql::JobStatus::Completed);
    QCOMPARE(rec[second].summary.status, Sql::JobStatus::Cancelled);
    QVERIFY(rec[second].headers.isEmpty());
}

void TestConnectionPool::killedConnection()
{
    Sql::ConnectionPool pool(options());
    Recorder rec;
    QSignalSpy lost(&pool, &Sql::ConnectionPool::sessionLost);
    Sql::Lease lease = pool.lease();
    const QByteArray connectionId = scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s);
    const auto id = rec.submit(pool.run(lease, sql(u"SELECT SLEEP(30)"_s)));
    QTest::qWait(300);
    auto killer = Sql::Connection::open(options());
    QVERIFY(killer.ok());
    QVERIFY(killer.value()->execute("KILL " + connectionId).ok()); // the server ends that session
    QVERIFY(QTest::qWaitFor([&] { return rec.done(id); }, 5000));
    QCOMPARE(rec[id].summary.status, Sql::JobStatus::Failed);
    QCOMPARE(rec[id].failed.size(), 1);
    QVERIFY2(rec[id].failed.front().connectionLost,
        qPrintable(QString::number(rec[id].failed.front().errorNumber) + u' ' + rec[id].failed.front().message));
    QCOMPARE(lost.size(), 1);
    QCOMPARE(lost.front().front().toULongLong(), lease.id());
    // The same lease continues on a fresh connection; so does a new lease.
    const QByteArray fresh = scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s);
    QVERIFY(fresh.toULongLong() > 0);
    QVERIFY(fresh != connectionId);
    Sql::Lease other = pool.lease();
    QVERIFY(scalar(pool, rec, other, u"SELECT CONNECTION_ID()"_s).toULongLong() > 0);
}

void TestConnectionPool::healthCheckAfterIdle()
{
    Sql::ConnectionPool::Settings settings;
    settings.healthCheckAfterIdleMs = 0; // ping before every job
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    Sql::Lease lease = pool.lease();
    const QByteArray connectionId = scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s);
    auto killer = Sql::Connection::open(options());
    QVERIFY(killer.ok());
    QVERIFY(killer.value()->execute("KILL " + connectionId).ok()); // dies while idle
    // The ping notices before anything is sent; the job runs once, on a new connection.
    const QByteArray after = scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s);
    QVERIFY2(after.toULongLong() > 0, after.constData());
    QVERIFY(after != connectionId);
}

void TestConnectionPool::concurrentJobs()
{
    Sql::ConnectionPool::Settings settings;
    settings.maxConnections = 8;
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    QList<Sql::RequestId> ids;
    for (int i = 0; i < 64; ++i)
        ids << rec.submit(
            pool.run(sql(u"SELECT SLEEP(0.02), %1 * 2 FROM seq_1_to_%2"_s.arg(i).arg(i + 1)), binaryIf(i % 2 == 0)));
    // A few cancellations in the middle must not wedge anything either.
    rec.cancel(ids[40]);
    rec.cancel(ids[41]);
    QVERIFY(QTest::qWaitFor(
        [&] {
            for (auto id : ids)
                if (!rec.done(id))
                    return false;
            return true;
        },
        60000));
    for (int i = 0; i < 64; ++i) {
        Outcome &o = rec[ids[i]];
        if (i == 40 || i == 41) {
            QVERIFY(o.summary.status != Sql::JobStatus::Failed || o.failed.front().cancelled);
            continue;
        }
        QCOMPARE(o.summary.status, Sql::JobStatus::Completed);
        QCOMPARE(o.rs(0, 0).rowCount(), i + 1);
        QCOMPARE(o.rs(0, 0).cellBytes(0, 1), QByteArray::number(i * 2));
    }
    QVERIFY(pool.tlsHandshakes() <= 8);
    QVERIFY(pool.openConnections() <= 8);
}

void TestConnectionPool::leaseKeepsSession()
{
    Sql::ConnectionPool::Settings settings;
    settings.maxConnections = 3;
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    Sql::Lease tab = pool.lease();
    Sql::Lease otherTab = pool.lease();
    QVERIFY(tab.isValid() && otherTab.isValid());
    QVERIFY(tab.slot() != otherTab.slot());
    const auto setup = rec.submit(pool.runScript(tab,
        u"CREATE TABLE IF NOT EXISTS lease_t (a INT) ENGINE=InnoDB;"
        "SET @x = 42; START TRANSACTION; INSERT INTO lease_t VALUES (1);"_s));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(setup); }, 10000));
    QCOMPARE(rec[setup].summary.status, Sql::JobStatus::Completed);
    // Background work and another tab run meanwhile, on other connections.
    for (int i = 0; i < 10; ++i)
        QCOMPARE(scalar(pool, rec, Sql::Lease(), u"SELECT @x"_s), "NULL"_ba);
    QCOMPARE(scalar(pool, rec, otherTab, u"SELECT @x"_s), "NULL"_ba);
    QCOMPARE(scalar(pool, rec, otherTab, u"SELECT COUNT(*) FROM lease_t"_s), "0"_ba); // not committed
    QCOMPARE(scalar(pool, rec, tab, u"SELECT @x"_s), "42"_ba);
    QCOMPARE(scalar(pool, rec, tab, u"SELECT @@in_transaction"_s), "1"_ba);
    QCOMPARE(scalar(pool, rec, tab, u"SELECT COUNT(*) FROM lease_t"_s), "1"_ba);
    QCOMPARE(scalar(pool, rec, tab, u"ROLLBACK"_s), "no rows"_ba);
    // Leases stop one short of the cap: background work always keeps a connection.
    QCOMPARE(pool.maxLeases(), 2);
    QCOMPARE(pool.leasesOut(), 2);
    QVERIFY(!pool.lease().isValid());
    QCOMPARE(scalar(pool, rec, Sql::Lease(), u"SELECT 'background'"_s), "background"_ba);
    otherTab.reset();
    QVERIFY(pool.lease().isValid());
}

void TestConnectionPool::memoryCap()
{
    Sql::ConnectionPool::Settings settings;
    settings.stream.memoryCapBytes = 1024 * 1024;
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    Sql::Lease lease = pool.lease();
    for (bool binary : { false, true }) {
        const auto id = rec.submit(
            pool.run(lease, sql(u"SELECT seq, REPEAT('m', 100) FROM seq_1_to_200000"_s), binaryIf(binary)));
        QVERIFY(QTest::qWaitFor([&] { return rec.done(id); }, 30000));
        Outcome &o = rec[id];
        QCOMPARE(o.summary.status, Sql::JobStatus::Completed);
        QCOMPARE(o.finished.size(), 1);
        QVERIFY(o.finished.front().truncated);
        const quint64 kept = o.finished.front().rows;
        QVERIFY2(kept > 1000 && kept < 200000, qPrintable(QString::number(kept)));
        QCOMPARE(quint64(o.rs(0, 0).rowCount()), kept);
        QVERIFY(o.rs(0, 0).payloadBytes() <= settings.stream.memoryCapBytes);
        // The rest was drained: the connection answers the next query normally.
        QCOMPARE(scalar(pool, rec, lease, u"SELECT 'still in sync'"_s), "still in sync"_ba);
    }
}

void TestConnectionPool::connectErrorReported()
{
    Sql::ConnectionOptions o = options();
    o.caFile = m_db.otherCaFile;
    Sql::ConnectionPool pool(o);
    Recorder rec;
    const auto id = rec.submit(pool.run(sql(u"SELECT 1"_s)));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(id); }, 10000));
    QCOMPARE(rec[id].summary.status, Sql::JobStatus::Failed);
    QCOMPARE(rec[id].summary.connectErrorCode, u"tls_unknown_ca"_s);
    QCOMPARE(pool.tlsHandshakes(), 0);
}

void TestConnectionPool::handshakesPerConnection()
{
    Sql::ConnectionPool::Settings settings;
    settings.maxConnections = 4;
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    QList<Sql::RequestId> ids;
    for (int i = 0; i < 400; ++i)
        ids << rec.submit(pool.run(sql(u"SELECT 1"_s)));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(ids.back()); }, 30000));
    QVERIFY(QTest::qWaitFor(
        [&] {
            for (auto id : ids)
                if (!rec.done(id))
                    return false;
            return true;
        },
        30000));
    QVERIFY(pool.tlsHandshakes() >= 1);
    QVERIFY(pool.tlsHandshakes() <= 4); // connections are reused, not reopened per query
}

void TestConnectionPool::continueAfterError()
{
    Sql::ConnectionPool pool(options());
    Recorder rec;
    Sql::Lease lease = pool.lease();
    const QString script = u"SET @n = 0;\nSET @n = @n + 1;\nSELECT * FROM no_such_table;\nSET @n = @n + 1;\n"
                           u"SELEC 5;\nSET @n = @n + 1;\nSELECT @n AS n, CONNECTION_ID() AS id;"_s;
    QList<Core::SqlStatement> statements = sql(script);
    QCOMPARE(statements.size(), 7);
    Sql::Run::Options continueOnError;
    continueOnError.stopOnError = false;
    std::unique_ptr<Sql::Run> run = pool.run(lease, statements, continueOnError);
    QCOMPARE(run->statements().size(), 7);
    statements[6].text = u"SELECT 'changed after submission'"_s; // the run keeps what was submitted
    Sql::Run *handle = run.get();
    const auto id = rec.submit(std::move(run));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(id); }, 10000));
    Outcome &o = rec[id];
    // One run, one job: every statement ran in order on the same connection, each failure was reported
    // where it happened and the rest still ran. Nothing was submitted again.
    QCOMPARE(o.summary.status, Sql::JobStatus::Failed);
    QCOMPARE(o.summary.statementsRun, 7);
    QCOMPARE(o.failed.size(), 2);
    QCOMPARE(o.failed[0].statementIndex, 2);
    QCOMPARE(o.failed[0].text, u"SELECT * FROM no_such_table"_s);
    QCOMPARE(o.failed[0].errorNumber, 1146u);
    QCOMPARE(o.failed[1].statementIndex, 4);
    QCOMPARE(o.failed[1].text, u"SELEC 5"_s);
    QCOMPARE(o.failed[1].errorNumber, 1064u);
    QList<int> finishedIndexes;
    for (const auto &f : std::as_const(o.finished))
        finishedIndexes << f.statementIndex;
    QCOMPARE(finishedIndexes, (QList<int> { 0, 1, 3, 5, 6 }));
    QCOMPARE(o.finished.back().text, u"SELECT @n AS n, CONNECTION_ID() AS id"_s);
    // Each SET ran exactly once in one session: a resubmission would have repeated some or lost @n.
    QCOMPARE(o.rs(6, 0).cellBytes(0, 0), "3"_ba);
    QCOMPARE(o.rs(6, 0).cellBytes(0, 1), scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s));
    QVERIFY(handle->isFinished());
    QCOMPARE(handle->summary().statementsRun, 7);

    // The default stops at the first failure.
    const auto stopped = rec.submit(pool.run(lease, sql(script)));
    QVERIFY(QTest::qWaitFor([&] { return rec.done(stopped); }, 10000));
    QCOMPARE(rec[stopped].summary.statementsRun, 3);
    QCOMPARE(rec[stopped].failed.size(), 1);
    QCOMPARE(rec[stopped].finished.size(), 2);
}

void TestConnectionPool::runsDoNotSeeEachOther()
{
    // Two tabs and a background job on one pool: each handle gets its own results only (the Recorder
    // checks every request id it sees against its handle's).
    Sql::ConnectionPool pool(options());
    Recorder rec;
    Sql::Lease a = pool.lease();
    Sql::Lease b = pool.lease();
    QList<Sql::RequestId> ids;
    for (int i = 0; i < 10; ++i) {
        ids << rec.submit(pool.run(a, sql(u"SELECT 'a', seq FROM seq_1_to_%1"_s.arg(i + 1))));
        ids << rec.submit(pool.run(b, sql(u"SELECT 'b', seq FROM seq_1_to_%1"_s.arg(i + 11))));
        ids << rec.submit(pool.run(sql(u"SELECT 'c', seq FROM seq_1_to_%1"_s.arg(i + 21))));
    }
    QVERIFY(QTest::qWaitFor(
        [&] { return std::all_of(ids.cbegin(), ids.cend(), [&](auto id) { return rec.done(id); }); }, 20000));
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(rec[ids[3 * i]].rs(0, 0).rowCount(), i + 1);
        QCOMPARE(rec[ids[3 * i]].rs(0, 0).cellBytes(0, 0), "a"_ba);
        QCOMPARE(rec[ids[3 * i + 1]].rs(0, 0).rowCount(), i + 11);
        QCOMPARE(rec[ids[3 * i + 1]].rs(0, 0).cellBytes(0, 0), "b"_ba);
        QCOMPARE(rec[ids[3 * i + 2]].rs(0, 0).rowCount(), i + 21);
        QCOMPARE(rec[ids[3 * i + 2]].rs(0, 0).cellBytes(0, 0), "c"_ba);
    }
}

void TestConnectionPool::destroyingRunCancelsIt()
{
    Sql::ConnectionPool pool(options());
    Recorder rec;
    Sql::Lease lease = pool.lease();
    const QByteArray before = scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s);
    auto run = pool.run(lease, sql(u"SELECT SLEEP(60) AS destroyed_run; SELECT 'after'"_s));
    QTest::qWait(300);
    QElapsedTimer timer;
    timer.start();
    run.reset(); // the owner went away: the statement is stopped, nothing more is delivered anywhere
    // The session is free again at once (the killed statement ends, 'after' never runs).
    QCOMPARE(scalar(pool, rec, lease, u"SELECT CONNECTION_ID()"_s), before);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(scalar(pool, rec, lease,
                 u"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE "
                 u"'%AS destroyed_run'"_s),
        "0"_ba);

    // A queued run destroyed before it starts never runs.
    Sql::ConnectionPool::Settings one;
    one.maxConnections = 1;
    Sql::ConnectionPool small(options(), one);
    const auto blocker = rec.submit(small.run(sql(u"SELECT SLEEP(0.3)"_s)));
    small.run(sql(u"CREATE TABLE never_created_t (a INT)"_s)).reset();
    QVERIFY(QTest::qWaitFor([&] { return rec.done(blocker); }, 5000));
    QCOMPARE(scalar(small, rec, Sql::Lease(),
                 u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME = "
                 u"'never_created_t'"_s),
        "0"_ba);
}

void TestConnectionPool::threadsStartLazilyAndRetire()
{
    Sql::ConnectionPool::Settings settings;
    settings.maxConnections = 4;
    settings.idleThreadMs = 300;
    Sql::ConnectionPool pool(options(), settings);
    Recorder rec;
    QCOMPARE(pool.threadCount(), 0); // nothing started before there is work
    Sql::Lease lease = pool.lease();
    QCOMPARE(pool.threadCount(), 0); // a lease alone costs nothing
    QCOMPARE(scalar(pool, rec, lease, u"SELECT 1"_s), "1"_ba);
    QCOMPARE(pool.workerThreads(), 1);
    QList<Sql::RequestId> ids;
    for (int i = 0; i < 6; ++i)
        ids << rec.submit(pool.run(sql(u"SELECT SLEEP(0.1)"_s)));
    QVERIFY(QTest::qWaitFor(
        [&] { return std::all_of(ids.cbegin(), ids.cend(), [&](auto id) { return rec.done(id); }); }, 10000));
    QCOMPARE(pool.workerThreads(), 4); // the cap, not one per job
    QCOMPARE(pool.threadCount(), 4); // no control thread: nothing was cancelled
    // Idle unleased workers end their threads (and connections); the leased one keeps its session.
    QTRY_COMPARE_WITH_TIMEOUT(pool.workerThreads(), 1, 5000);
    QCOMPARE(pool.openConnections(), 1);
    QCOMPARE(scalar(pool, rec, lease, u"SELECT 2"_s), "2"_ba);
    lease.reset();
    QTRY_COMPARE_WITH_TIMEOUT(pool.workerThreads(), 0, 5000);
    QCOMPARE(pool.openConnections(), 0);
    // Work starts them again.
    QCOMPARE(scalar(pool, rec, Sql::Lease(), u"SELECT 3"_s), "3"_ba);
    QCOMPARE(pool.workerThreads(), 1);
}

void TestConnectionPool::shutdownFinishesOpenRuns()
{
    Sql::ConnectionPool::Settings one;
    one.maxConnections = 1;
    Sql::ConnectionPool pool(options(), one);
    Recorder rec;
    const auto running = rec.submit(pool.run(sql(u"SELECT SLEEP(60)"_s)));
    const auto queued = rec.submit(pool.run(sql(u"SELECT 'queued'"_s)));
    QTest::qWait(300);
    QElapsedTimer timer;
    timer.start();
    pool.shutdown();
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(rec.done(running));
    QVERIFY(rec.done(queued));
    QCOMPARE(rec[running].summary.status, Sql::JobStatus::Cancelled);
    QCOMPARE(rec[queued].summary.status, Sql::JobStatus::Cancelled);
    QVERIFY(rec[queued].headers.isEmpty());
    // After the shutdown a run still gets a handle, which reports why it did not run.
    const auto late = rec.submit(pool.run(sql(u"SELECT 1"_s)));
    QVERIFY(!rec.done(late)); // reported on the next turn of the event loop, after the caller connected
    QTRY_VERIFY(rec.done(late));
    QCOMPARE(rec[late].summary.status, Sql::JobStatus::Failed);
    QVERIFY(!rec[late].summary.connectError.isEmpty());
}

void TestConnectionPool::foreignLeaseFails()
{
    Sql::ConnectionPool first(options());
    Sql::ConnectionPool second(options());
    Recorder rec;
    Sql::Lease lease = first.lease();
    const auto id = rec.submit(second.run(lease, sql(u"SELECT 1"_s)));
    QTRY_VERIFY(rec.done(id));
    QCOMPARE(rec[id].summary.status, Sql::JobStatus::Failed);
    QVERIFY(rec[id].headers.isEmpty());
    QCOMPARE(second.threadCount(), 0);
}

QTEST_GUILESS_MAIN(TestConnectionPool)
#include "tst_connectionpool.moc"

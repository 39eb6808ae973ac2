// One connection over a bad network: the fault proxy sits between Sql::Connection and the fixture's MariaDB.
// A stalled TLS handshake fails within the connect timeout, a connect or statement into a blackhole can be
// stopped from another thread at once, control statements keep their deadline, a dead link is closed
// without waiting, and the socket carries the keepalive settings that find a dead peer.

#include "faultproxy.h"
#include "sql/abortsignal.h"
#include "sql/connection.h"
#include "testdb.h"
#include "testdboptions.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <mysql.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Allowance for a loaded machine on top of a deadline that is behaviour (the suite runs two tests at once).
constexpr qint64 SlackMs = 1500;

int socketOption(int fd, int level, int option)
{
    int value = -1;
    socklen_t length = sizeof value;
    if (::getsockopt(fd, level, option, &value, &length) != 0)
        return -1;
    return value;
}

} // namespace

class TestFaultConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void throughTheProxy();
    void tlsHandshakeStalled_data();
    void tlsHandshakeStalled();
    void connectIntoBlackholeAborted();
    void statementDeadlineOverBlackhole();
    void abortSocketUnblocksARead();
    void brokenConnectionClosesAtOnce();
    void keepAliveFindsDeadPeers();

private:
    Sql::ConnectionOptions viaProxy() const;
    qint64 greetingBytes() const;

    TestDb m_db;
    std::unique_ptr<FaultProxy> m_proxy;
};

void TestFaultConnection::initTestCase()
{
    m_db = TestDb::fromEnvironment();
    QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
}

void TestFaultConnection::init()
{
    m_proxy = std::make_unique<FaultProxy>(m_db.host, m_db.port);
    QVERIFY(m_proxy->start());
}

void TestFaultConnection::cleanup()
{
    m_proxy.reset();
}

// The size of the server's first packet (its greeting): a 3-byte length and a sequence byte, then the body.
qint64 TestFaultConnection::greetingBytes() const
{
    QTcpSocket socket;
    socket.connectToHost(m_db.host, m_db.port);
    if (!socket.waitForConnected(5000))
        return 0;
    while (socket.bytesAvailable() < 4 && socket.waitForReadyRead(5000)) { }
    const QByteArray header = socket.read(4);
    if (header.size() < 4)
        return 0;
    const auto byte = [&](int i) { return qint64(quint8(header[i])); };
    return 4 + (byte(0) | byte(1) << 8 | byte(2) << 16);
}

Sql::ConnectionOptions TestFaultConnection::viaProxy() const
{
    Sql::ConnectionOptions o = testDbOptions(m_db);
    o.port = m_proxy->port(); // 127.0.0.1 stays the host: the certificate still matches
    return o;
}

void TestFaultConnection::throughTheProxy()
{
    // With latency and a bandwidth cap the connection still works (the proxy itself is sound).
    m_proxy->setFaults({ .latencyMs = 20, .bytesPerSecond = 200'000 });
    auto opened = Sql::Connection::open(viaProxy());
    QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
    QVERIFY(!opened.value()->info().tlsVersion.isEmpty());
    QVERIFY(opened.value()->execute("SELECT 1").ok());
    QVERIFY(opened.value()->execute("DO 1", QDeadlineTimer(5000)).ok());
    QCOMPARE(m_proxy->connectionsAccepted(), 1);
}

void TestFaultConnection::tlsHandshakeStalled_data()
{
    QTest::addColumn<bool>("clientHelloHeld");
    // The server's greeting and the client's SSL request (36 bytes) pass; the ClientHello never arrives.
    QTest::newRow("ClientHello held") << true;
    // The greeting passes, and nothing the server sends after it (its TLS ServerHello).
    QTest::newRow("ServerHello held") << false;
}

void TestFaultConnection::tlsHandshakeStalled()
{
    QFETCH(bool, clientHelloHeld);
    FaultProxy::Faults faults;
    if (clientHelloHeld)
        faults.upstreamLimit = 36;
    else
        faults.downstreamLimit = greetingBytes();
    QVERIFY(faults.downstreamLimit != 0);
    m_proxy->setFaults(faults);
    Sql::ConnectionOptions options = viaProxy();
    options.connectTimeoutSeconds = 2;
    QElapsedTimer clock;
    clock.start();
    auto opened = Sql::Connection::open(options);
    const qint64 elapsed = clock.elapsed();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, u"connect_timeout"_s);
    QVERIFY2(opened.error().message.contains(u"TLS handshake"_s), qPrintable(opened.error().message));
    QVERIFY2(elapsed >= 1900 && elapsed < 2000 + SlackMs, qPrintable(QString::number(elapsed)));
    if (faults.upstreamLimit >= 0)
        QCOMPARE(m_proxy->bytesUpstream(), faults.upstreamLimit); // it did stall in the handshake
    // The abandoned connection was closed: the proxy sees the client go.
    QTRY_COMPARE_WITH_TIMEOUT(m_proxy->openConnections(), 0, 5000);
}

void TestFaultConnection::connectIntoBlackholeAborted()
{
    m_proxy->setFaults({ .blackhole = true });
    Sql::ConnectionOptions options = viaProxy();
    options.connectTimeoutSeconds = 60;
    Sql::AbortSignal abort;
    std::atomic<qint64> returnedAt { -1 };
    QString code;
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QThread> worker(QThread::create([&] {
        auto opened = Sql::Connection::open(options, &abort);
        code = opened ? u"connected"_s : opened.error().code;
        returnedAt.store(clock.elapsed());
    }));
    worker->start();
    QTRY_COMPARE(m_proxy->connectionsAccepted(), 1); // it is inside the connect
    QTest::qWait(300);
    QCOMPARE(returnedAt.load(), -1);
    const qint64 raisedAt = clock.elapsed();
    abort.raise();
    QVERIFY(worker->wait(5000));
    QCOMPARE(code, u"aborted"_s);
    QVERIFY2(returnedAt.load() - raisedAt < 1000, qPrintable(QString::number(returnedAt.load() - raisedAt)));
}

void TestFaultConnection::statementDeadlineOverBlackhole()
{
    auto opened = Sql::Connection::open(viaProxy());
    QVERIFY(opened.ok());
    Sql::Connection &connection = *opened.value();
    m_proxy->setFaults({ .blackhole = true });
    QElapsedTimer clock;
    clock.start();
    const auto done = connection.execute("KILL QUERY 1", QDeadlineTimer(500));
    const qint64 elapsed = clock.elapsed();
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, u"timeout"_s);
    QVERIFY2(elapsed >= 450 && elapsed < 500 + SlackMs, qPrintable(QString::number(elapsed)));
    QVERIFY(connection.isBroken());

    // And one that is stopped from another thread before its deadline.
    auto second = Sql::Connection::open(testDbOptions(m_db)); // direct; blackhole only on the proxy
    QVERIFY(second.ok());
    auto third = (m_proxy->clearFaults(), Sql::Connection::open(viaProxy()));
    QVERIFY(third.ok());
    m_proxy->setFaults({ .blackhole = true });
    Sql::AbortSignal abort;
    QTimer::singleShot(200, [&abort] { abort.raise(); });
    clock.restart();
    QString code;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        const auto r = third.value()->execute("DO 1", QDeadlineTimer(30000), &abort);
        code = r ? u"ok"_s : r.error().code;
    }));
    worker->start();
    QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 5000);
    QCOMPARE(code, u"aborted"_s);
    QVERIFY2(clock.elapsed() < 200 + SlackMs, qPrintable(QString::number(clock.elapsed())));
}

void TestFaultConnection::abortSocketUnblocksARead()
{
    auto opened = Sql::Connection::open(viaProxy());
    QVERIFY(opened.ok());
    Sql::Connection &connection = *opened.value();
    m_proxy->setFaults({ .blackhole = true });
    unsigned int error = 0;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        // Blocking API, no read timeout: only abortSocket() can end this wait.
        if (mysql_query(connection.handle(), "SELECT 1") != 0)
            error = mysql_errno(connection.handle());
        else if (MYSQL_RES *res = mysql_store_result(connection.handle()))
            mysql_free_result(res);
    }));
    worker->start();
    QTest::qWait(300);
    QVERIFY(worker->isRunning());
    QElapsedTimer clock;
    clock.start();
    connection.abortSocket();
    QVERIFY(worker->wait(5000));
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(Sql::Connection::isConnectionLostError(error));
    QVERIFY(connection.isBroken());
}

void TestFaultConnection::brokenConnectionClosesAtOnce()
{
    // Fill the way to the server so that any goodbye would block, then close the broken connection.
    auto opened = Sql::Connection::open(viaProxy());
    QVERIFY(opened.ok());
    m_proxy->setFaults({ .blackhole = true });
    QVERIFY(!opened.value()->execute("DO 1", QDeadlineTimer(200)).ok());
    QElapsedTimer clock;
    clock.start();
    opened.value().reset();
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
}

void TestFaultConnection::keepAliveFindsDeadPeers()
{
    // The proxy answers TCP for a blackholed server, so keepalive cannot be watched failing here; the
    // socket must carry the settings that make the kernel find a dead peer within about a minute.
    Sql::ConnectionOptions options = viaProxy();
    auto opened = Sql::Connection::open(options);
    QVERIFY(opened.ok());
    const int fd = int(mysql_get_socket(opened.value()->handle()));
    QCOMPARE(socketOption(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
    QCOMPARE(socketOption(fd, IPPROTO_TCP, TCP_KEEPIDLE), options.keepAliveIdleSeconds);
    QCOMPARE(socketOption(fd, IPPROTO_TCP, TCP_KEEPINTVL), options.keepAliveIntervalSeconds);
    QCOMPARE(socketOption(fd, IPPROTO_TCP, TCP_KEEPCNT), options.keepAliveProbes);
    QCOMPARE(socketOption(fd, IPPROTO_TCP, TCP_USER_TIMEOUT), options.userTimeoutSeconds * 1000);
    QVERIFY(options.keepAliveIdleSeconds > 0 && options.keepAliveIdleSeconds <= 60);
    QCOMPARE(options.readTimeoutSeconds, 0); // long queries are not cut off by a read timeout

    options.keepAliveIdleSeconds = 7;
    options.userTimeoutSeconds = 0;
    auto custom = Sql::Connection::open(options);
    QVERIFY(custom.ok());
    const int customFd = int(mysql_get_socket(custom.value()->handle()));
    QCOMPARE(socketOption(customFd, IPPROTO_TCP, TCP_KEEPIDLE), 7);
    QCOMPARE(socketOption(customFd, IPPROTO_TCP, TCP_USER_TIMEOUT), 0);
}

QTEST_GUILESS_MAIN(TestFaultConnection)
#include "tst_fault_connection.moc"

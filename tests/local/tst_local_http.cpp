// The sandbox's HTTP front door under hostile clients, with raw sockets: the announced size and the token are
// checked from the head before any body byte is read (a 64 MiB announcement gets 413 at once, a missing token
// 401 before the body), slow and idle connections are closed after their time-outs, the number of connections
// is capped, every refusal is the API's {code, message}, and keep-alive/pipelining still work for the real
// client.

#include "sandboxfixture.h"

#include "api/organizationsresource.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// A raw HTTP client that reads whatever the server sends until it closes or a full answer has arrived.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_socket.connectToHost(u"127.0.0.1"_s, port);
        m_socket.waitForConnected(5000);
    }
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    // Runs the event loop until one complete answer (head + Content-Length body) is in, or the server closed.
    bool waitForAnswer(int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            m_received += m_socket.readAll();
            if (complete() || m_socket.state() == QAbstractSocket::UnconnectedState)
                return complete();
            QTest::qWait(5);
        }
        return complete();
    }
    bool waitForClose(int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            m_received += m_socket.readAll();
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                return true;
            QTest::qWait(5);
        }
        return false;
    }
    int status() const
    {
        const QList<QByteArray> first = m_received.left(m_received.indexOf("\r\n")).split(' ');
        return first.size() >= 2 ? first.at(1).toInt() : 0;
    }
    QByteArray head() const { return m_received.left(m_received.indexOf("\r\n\r\n")); }
    QJsonObject body() const
    {
        const qsizetype start = m_received.indexOf("\r\n\r\n") + 4;
        return QJsonDocument::fromJson(m_received.mid(start, answerLength() - start)).object();
    }
    // Drops the answer read so far (the next pipelined one follows).
    void consume() { m_received.remove(0, answerLength()); }
    QTcpSocket &socket() { return m_socket; }

private:
    qsizetype answerLength() const
    {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0)
            return -1;
        const QByteArray head = m_received.left(end).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const qsizetype length
            = at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        return m_received.size() >= end + 4 + length ? end + 4 + length : -1;
    }
    bool complete() const { return answerLength() >= 0 && status() != 100; }

    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace

class TstLocalHttp : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { stopSandbox(); }
    void bigBodyWithoutTokenIsRefusedAtOnce();
    void bigBodyWithTokenIsRefusedUnread();
    void malformedRequestsGetTheApiErrorShape();
    void slowHeadIsClosed();
    void slowBodyIsClosed();
    void idleConnectionIsClosed();
    void connectionsAreCapped();
    void keepAliveAndPipeliningWork();
    void realClientStillWorks();

private:
    QByteArray token() const { return (m_sandbox->serviceTokenId() + u':' + m_sandbox->serviceToken()).toUtf8(); }
    quint16 port() const { return m_sandbox->apiPort(); }
};

void TstLocalHttp::initTestCase()
{
    m_options.http.idleTimeoutMs = 1500;
    m_options.http.headTimeoutMs = 700;
    m_options.http.bodyTimeoutMs = 700;
    m_options.http.maxConnections = 16;
    QVERIFY(startSandbox());
}

void TstLocalHttp::bigBodyWithoutTokenIsRefusedAtOnce()
{
    // 64 MiB announced, 256 KiB actually sent, no token: 413 from the head alone, long before any body could
    // have been read, and the connection closed.
    RawClient client(port());
    QVERIFY(client.connected());
    QElapsedTimer timer;
    timer.start();
    client.send("POST /v1/organizations/local/databases HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/json\r\nContent-Length: 67108864\r\n\r\n"
        + QByteArray(256 * 1024, 'x'));
    QVERIFY2(client.waitForAnswer(3000), "no answer while the body was still announced");
    QCOMPARE(client.status(), 413);
    QCOMPARE(client.body().value(u"code"_s).toString(), u"payload_too_large"_s);
    QVERIFY(!client.body().value(u"message"_s).toString().isEmpty());
    QVERIFY(client.head().toLower().contains("connection: close"));
    QVERIFY2(client.waitForClose(3000), "the refused connection stayed open");
    qInfo("413 for a 64 MiB announcement after %lld ms", qint64(timer.elapsed()));

    // A body within the limit but no token: 401 from the head, without waiting for (or reading) the body.
    RawClient small(port());
    small.send("POST /v1/organizations/local/databases HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
    QVERIFY2(small.waitForAnswer(3000), "the token was not checked before the body arrived");
    QCOMPARE(small.status(), 401);
    QCOMPARE(small.body().value(u"code"_s).toString(), u"unauthorized"_s);
    QVERIFY(small.waitForClose(3000));
}

void TstLocalHttp::bigBodyWithTokenIsRefusedUnread()
{
    RawClient client(port());
    client.send("POST /v1/organizations/local/databases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(1024 * 1024 + 1)
        + "\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(client.waitForAnswer(3000));
    QCOMPARE(client.status(), 413);
    QCOMPARE(client.body().value(u"code"_s).toString(), u"payload_too_large"_s);
    QVERIFY(client.waitForClose(3000));

    // Exactly the limit is read and answered by the API (400: a JSON array is not a request object).
    RawClient limit(port());
    limit.send("POST /v1/organizations/local/databases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token()
        + "\r\nContent-Length: " + QByteArray::number(1024 * 1024) + "\r\n\r\n[" + QByteArray(1024 * 1024 - 2, ' ')
        + "]");
    QVERIFY(limit.waitForAnswer(5000));
    QCOMPARE(limit.status(), 400);
    QCOMPARE(limit.body().value(u"code"_s).toString(), u"bad_request"_s);
}

void TstLocalHttp::malformedRequestsGetTheApiErrorShape()
{
    const QList<QPair<QByteArray, int>> cases = {
        { "GARBAGE\r\n\r\n", 400 },
        { "BREW /v1/organizations HTTP/1.1\r\nAuthorization: " + token() + "\r\n\r\n", 405 },
        { "POST /v1/organizations HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 411 },
        { "GET /v1/organizations HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400 },
        { "GET /v1/organizations HTTP/1.1\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n", 431 },
        { "GET /v1/organizations HTTP/1.1\r\nAuthorization: nope:nope\r\n\r\n", 401 },
    };
    for (const auto &[request, status] : cases) {
        RawClient client(port());
        client.send(request);
        QVERIFY2(client.waitForAnswer(3000), request.left(40).constData());
        QCOMPARE(client.status(), status);
        const QJsonObject body = client.body();
        QVERIFY2(!body.value(u"code"_s).toString().isEmpty() && !body.value(u"message"_s).toString().isEmpty(),
            client.head().constData());
        QVERIFY(client.waitForClose(3000));
    }
}

void TstLocalHttp::slowHeadIsClosed()
{
    // Slowloris: a byte every 50 ms never finishes the head; the head time-out (700 ms) ends it anyway.
    RawClient client(port());
    QElapsedTimer timer;
    timer.start();
    client.send("GET /v1/organizations HTTP/1.1\r\n");
    bool closed = false;
    while (!closed && timer.elapsed() < 5000) {
        client.send("X");
        closed = client.waitForClose(50);
    }
    QVERIFY2(closed, "a slow head kept the connection open");
    QVERIFY2(timer.elapsed() >= 600, "closed before the time-out");
    QCOMPARE(client.status(), 408);
    QCOMPARE(client.body().value(u"code"_s).toString(), u"request_timeout"_s);
}

void TstLocalHttp::slowBodyIsClosed()
{
    RawClient client(port());
    client.send("POST /v1/organizations/local/databases HTTP/1.1\r\nAuthorization: " + token()
        + "\r\nContent-Length: 100\r\n\r\n{\"name\":");
    QElapsedTimer timer;
    timer.start();
    QVERIFY(client.waitForAnswer(4000));
    QCOMPARE(client.status(), 408);
    QVERIFY(timer.elapsed() >= 600);
    QVERIFY(client.waitForClose(3000));
}

void TstLocalHttp::idleConnectionIsClosed()
{
    RawClient client(port());
    QVERIFY(client.connected());
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(client.waitForClose(5000), "an idle connection stayed open");
    QVERIFY2(timer.elapsed() >= 1300, "closed before the idle time-out");
}

void TstLocalHttp::connectionsAreCapped()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->openApiConnections(), 0, 5000); // the client's idle ones have gone
    std::vector<std::unique_ptr<RawClient>> held;
    for (int i = 0; i < 16; ++i) {
        held.push_back(std::make_unique<RawClient>(port()));
        QVERIFY(held.back()->connected());
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->openApiConnections(), 16, 3000);
    RawClient extra(port());
    QVERIFY(extra.waitForAnswer(3000));
    QCOMPARE(extra.status(), 503);
    QCOMPARE(extra.body().value(u"code"_s).toString(), u"too_many_connections"_s);
    QVERIFY(extra.waitForClose(3000));
    QCOMPARE(m_sandbox->openApiConnections(), 16);
    held.clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->openApiConnections(), 0, 3000);
    RawClient after(port());
    after.send("GET /v1/organizations HTTP/1.1\r\nAuthorization: " + token() + "\r\n\r\n");
    QVERIFY(after.waitForAnswer(3000));
    QCOMPARE(after.status(), 200);
}

void TstLocalHttp::keepAliveAndPipeliningWork()
{
    // Two requests in one write on one connection: two answers, in order, and the connection stays open.
    RawClient client(port());
    const QByteArray get = "GET /v1/organizations/local HTTP/1.1\r\nAuthorization: " + token() + "\r\n\r\n";
    const QByteArray bad = "POST /v1/organizations/local/databases HTTP/1.1\r\nAuthorization: " + token()
        + "\r\nContent-Length: 2\r\n\r\n[]";
    client.send(get + bad);
    QVERIFY(client.waitForAnswer(3000));
    QCOMPARE(client.status(), 200);
    QCOMPARE(client.body().value(u"name"_s).toString(), u"local"_s);
    client.consume();
    QVERIFY(client.waitForAnswer(3000));
    QCOMPARE(client.status(), 400);
    QVERIFY(client.connected());
    QVERIFY(client.head().toLower().contains("connection: keep-alive"));
}

void TstLocalHttp::realClientStillWorks()
{
    // The real client, across the idle time-out (the server closed its kept-alive connections meanwhile).
    Api::OrganizationsResource orgs(m_client.get());
    QCOMPARE(ok(await<QList<Core::Organization>>([&](auto cb) { orgs.list(this, cb); }), "list").size(), 1);
    spin(1800);
    QCOMPARE(ok(await<QList<Core::Organization>>([&](auto cb) { orgs.list(this, cb); }), "list").size(), 1);
}

QTEST_GUILESS_MAIN(TstLocalHttp)
#include "tst_local_http.moc"

// The sandbox's request handling on arbitrary method, path, headers and body: a real Local::Sandbox runs in
// this process over the fixture's MariaDB, and each input is sent as raw HTTP over loopback to its front
// door (so request parsing, the token check, body limits, routing and the handlers all run). Every answer
// must carry a status the API documents (the OpenAPI document's, or the front door's own 401/403/404/405/
// 408/411/413/415/431); a 500 or a response that never comes is a finding.
//
// Input: one flags byte (bit 0: send the valid token; bit 1: add a correct Content-Length), then lines:
// method, path with query, header lines, an empty line, and the body.

#include "fuzzcheck.h"
#include "local/sandbox.h"
#include "testdb.h"
#include "testdboptions.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

#include <cstdint>
#include <memory>

namespace {

struct Harness
{
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<Local::Sandbox> sandbox;
    QByteArray authorization;
    quint16 port = 0;
    bool verbose = false;
};

Harness *harness = nullptr;

bool documented(int status)
{
    static const int statuses[]
        = { 200, 201, 204, 400, 401, 403, 404, 405, 408, 409, 411, 413, 415, 422, 429, 431, 503 };
    for (int s : statuses)
        if (s == status)
            return true;
    return false;
}

QByteArray buildRequest(const uint8_t *data, size_t size)
{
    if (size == 0)
        return {};
    const uint8_t flags = data[0];
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    QList<QByteArray> lines = input.split('\n');
    const QByteArray method = lines.value(0).trimmed().isEmpty() ? QByteArray("GET") : lines.value(0).trimmed();
    QByteArray path = lines.value(1).trimmed();
    if (!path.startsWith('/'))
        path.prepend('/');
    QByteArray headers;
    qsizetype line = 2;
    for (; line < lines.size() && !lines.at(line).trimmed().isEmpty(); ++line)
        headers += lines.at(line).trimmed() + "\r\n";
    QByteArray body;
    for (qsizetype i = line + 1; i < lines.size(); ++i)
        body += (i > line + 1 ? "\n" : "") + lines.at(i);
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (flags & 1)
        request += "Authorization: " + harness->authorization + "\r\n";
    if (flags & 2)
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + headers + "\r\n" + body;
}

// The status of the first final answer, 0 when the server closed without one, -1 when nothing came within
// `patienceMs` (a request whose framing the fuzzer chose may rightly leave the server waiting for more).
int exchange(const QByteArray &request, int patienceMs)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), harness->port);
    QEventLoop loop;
    QByteArray answer;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        socket.write(request);
        socket.flush();
    });
    // An interim 1xx answer (100 Continue to `Expect: 100-continue`, which RFC 9110 lets the server send
    // even for an empty body) is not the answer: a client reads past it to the final one.
    const auto dropInterim = [&] {
        while (answer.size() > 12 && answer.startsWith("HTTP/1.") && answer.at(9) == '1') {
            const qsizetype end = answer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            answer.remove(0, end + 4);
        }
    };
    const auto complete = [&] {
        dropInterim();
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = answer.left(end).toLower();
        const qsizetype at = head.indexOf("content-length:");
        if (at < 0)
            return true; // 204 and friends: the head is the answer
        const qsizetype length = head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        return answer.size() >= end + 4 + length;
    };
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        answer += socket.readAll();
        if (complete())
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        closed = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&] {
        closed = true;
        loop.quit();
    });
    QTimer::singleShot(patienceMs, &loop, &QEventLoop::quit);
    loop.exec();
    answer += socket.readAll();
    dropInterim();
    if (!answer.startsWith("HTTP/1."))
        return closed ? 0 : -1;
    return answer.mid(9, 3).toInt();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    harness = new Harness; // torn down by the atexit handler below, before Qt's own statics go
    harness->verbose = qEnvironmentVariableIsSet("BRANCHDECK_FUZZ_VERBOSE");
    static int appArgc = 1;
    static char *appArgv[] = { (*argv)[0], nullptr };
    Q_UNUSED(argc);
    harness->app = std::make_unique<QCoreApplication>(appArgc, appArgv);
    const TestDb db = TestDb::fromEnvironment();
    if (!db.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(TestDb::missingReason()));
        std::exit(1);
    }
    Local::SandboxOptions options;
    options.admin = testDbOptions(db, false);
    options.mysqlHost = db.host;
    options.mysqlPort = db.port;
    options.caFile = db.caFile;
    options.deploy.chunkRows = 100;
    harness->sandbox = std::make_unique<Local::Sandbox>();
    const auto started = harness->sandbox->start(options);
    if (!started) {
        std::fprintf(stderr, "sandbox: %s\n", qPrintable(started.error().toString()));
        std::exit(1);
    }
    harness->port = harness->sandbox->apiPort();
    harness->authorization = (harness->sandbox->serviceTokenId() + u':' + harness->sandbox->serviceToken()).toUtf8();
    std::atexit([] {
        harness->sandbox.reset();
        harness->app.reset();
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray request = buildRequest(data, size);
    if (request.isEmpty())
        return 0;
    // A request framed by the harness (no framing headers from the input; its own Content-Length when there
    // is a body) is complete and must be answered; one framed by the input may be incomplete, so silence
    // is allowed after a while.
    const qsizetype headEnd = request.indexOf("\r\n\r\n");
    const QByteArray head = request.left(headEnd).toLower();
    const bool bodyless = headEnd + 4 == request.size();
    const bool framed = head.count("content-length:") == ((data[0] & 2) ? 1 : 0) && !head.contains("transfer-encoding")
        && !head.contains("expect:") && ((data[0] & 2) || bodyless);
    const int status = exchange(request, framed ? 10000 : 1000);
    if (status == -1 && !framed)
        return 0;
    if (harness->verbose)
        std::fprintf(stderr, "  -> %d\n", status);
    FUZZ_CHECK(status != -1, "no answer within 10 s to:\n%s", request.left(2000).constData());
    FUZZ_CHECK(status == 0 || documented(status), "status %d to:\n%s", status, request.left(2000).constData());
    // Let deploy work queued by the request run a little between inputs, as it would between requests.
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return 0;
}

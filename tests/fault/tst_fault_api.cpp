// The API client over a bad network: the fault proxy sits between Api::ApiClient and a real local sandbox
// (over the fixture's MariaDB). Retries happen exactly as designed: a GET whose connection is reset is
// tried again and succeeds; a POST the server received is never sent twice, even when its answer is lost;
// a POST that never reached the server (connection refused) is retried; latency and a bandwidth cap only
// slow things down; a blackholed request ends with the transfer timeout, not a hang.

#include "api/apiclient.h"
#include "faultproxy.h"
#include "local/sandbox.h"
#include "testdb.h"
#include "testdboptions.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 SlackMs = 1500;

} // namespace

class TestFaultApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void latencyAndBandwidth();
    void getRetriedAfterReset();
    void postNotRepeatedWhenAnswerLost();
    void postRetriedWhenRefused();
    void blackholeEndsWithTimeout();

private:
    std::optional<Api::ApiResult<QJsonValue>> send(const Api::ApiRequest &request, int timeoutMs = 30000);
    QString newName();
    int databasesNamed(const QString &name); // via the sandbox directly, not through the proxy
    int recordedRequests(const QString &method, const QString &path) const;

    TestDb m_db;
    QTemporaryDir m_dir;
    QString m_record;
    std::unique_ptr<Local::Sandbox> m_sandbox;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<Api::ApiClient> m_client; // through the proxy
    std::unique_ptr<Api::ApiClient> m_direct; // to the sandbox itself
    QString m_prefix;
    int m_names = 0;
};

void TestFaultApi::initTestCase()
{
    m_db = TestDb::fromEnvironment();
    QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
    QVERIFY(m_dir.isValid());
    m_record = m_dir.filePath(u"answers.jsonl"_s);
    Local::SandboxOptions options;
    options.admin = testDbOptions(m_db, false);
    options.mysqlHost = m_db.host;
    options.mysqlPort = m_db.port;
    options.caFile = m_db.caFile;
    options.recordFile = m_record;
    m_sandbox = std::make_unique<Local::Sandbox>();
    const auto started = m_sandbox->start(options);
    QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error().toString()));
    m_prefix = u"f"_s + QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    m_direct = std::make_unique<Api::ApiClient>();
    m_direct->setBaseUrl(m_sandbox->apiUrl());
    m_direct->setCredentials(
        Api::Credentials::serviceToken(m_sandbox->serviceTokenId(), m_sandbox->serviceToken(), u"test"_s));
}

void TestFaultApi::cleanupTestCase()
{
    m_direct.reset();
    m_sandbox.reset();
}

void TestFaultApi::init()
{
    m_proxy = std::make_unique<FaultProxy>(u"127.0.0.1"_s, m_sandbox->apiPort());
    QVERIFY(m_proxy->start());
    m_client = std::make_unique<Api::ApiClient>();
    QUrl url = m_sandbox->apiUrl();
    url.setPort(m_proxy->port());
    m_client->setBaseUrl(url);
    m_client->setCredentials(m_direct->credentials());
    Api::RetryPolicy policy;
    policy.baseDelay = std::chrono::milliseconds(300);
    policy.maxDelay = std::chrono::milliseconds(600);
    m_client->setRetryPolicy(policy);
}

void TestFaultApi::cleanup()
{
    m_client.reset();
    m_proxy.reset();
}

std::optional<Api::ApiResult<QJsonValue>> TestFaultApi::send(const Api::ApiRequest &request, int timeoutMs)
{
    std::optional<Api::ApiResult<QJsonValue>> result;
    QEventLoop loop;
    m_client->send(request, this, [&](Api::ApiResult<QJsonValue> r) {
        result.emplace(std::move(r));
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

QString TestFaultApi::newName()
{
    return m_prefix + u"-"_s + QString::number(++m_names);
}

int TestFaultApi::databasesNamed(const QString &name)
{
    std::optional<Api::ApiResult<QJsonArray>> result;
    QEventLoop loop;
    m_direct->fetchAll(Api::ApiRequest::get({ u"organizations"_s, u"local"_s, u"databases"_s }), this,
        [&](Api::ApiResult<QJsonArray> r) {
            result.emplace(std::move(r));
            loop.quit();
        });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!result || !result->ok())
        return -1;
    int count = 0;
    for (const QJsonValue &item : result->value())
        count += item.toObject().value(u"name"_s).toString() == name ? 1 : 0;
    return count;
}

int TestFaultApi::recordedRequests(const QString &method, const QString &path) const
{
    QFile file(m_record);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    int count = 0;
    while (!file.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        count += line.value(u"method"_s).toString() == method && line.value(u"path"_s).toString() == path ? 1 : 0;
    }
    return count;
}

void TestFaultApi::latencyAndBandwidth()
{
    m_proxy->setFaults({ .latencyMs = 150, .bytesPerSecond = 20'000 });
    QSignalSpy retries(m_client.get(), &Api::ApiClient::retryScheduled);
    const QString name = newName();
    QElapsedTimer clock;
    clock.start();
    const auto created = send(
        Api::ApiRequest::post({ u"organizations"_s, u"local"_s, u"databases"_s }, QJsonObject { { u"name"_s, name } }));
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->ok() ? QString() : created->error().toString()));
    QVERIFY(clock.elapsed() >= 300); // the latency was there: one round trip at least
    QCOMPARE(created->value().toObject().value(u"name"_s).toString(), name);
    QCOMPARE(retries.size(), 0);
    QCOMPARE(databasesNamed(name), 1);
}

void TestFaultApi::getRetriedAfterReset()
{
    // The first connection is reset after a few bytes of the answer; later connections are clean. A GET is
    // idempotent: it is sent again (Qt's network stack resends at once on a new connection; ApiClient's own
    // backoff takes over when that fails too) and succeeds.
    m_proxy->setFaultsForNext(1, { .resetAfterDownstream = 12 });
    const QString path = u"/organizations/local"_s;
    const int before = recordedRequests(u"get"_s, path);
    const auto org = send(Api::ApiRequest::get({ u"organizations"_s, u"local"_s }));
    QVERIFY(org);
    QVERIFY2(org->ok(), qPrintable(org->ok() ? QString() : org->error().toString()));
    QCOMPARE(org->value().toObject().value(u"name"_s).toString(), u"local"_s);
    QVERIFY(m_proxy->connectionsAccepted() >= 2);
    QVERIFY(recordedRequests(u"get"_s, path) - before >= 2); // the server saw it again after the reset

    // When every connection fails, ApiClient retries with backoff up to its limit, then reports the reset.
    m_proxy->setFaults({ .resetAfterDownstream = 12 });
    QSignalSpy retries(m_client.get(), &Api::ApiClient::retryScheduled);
    const auto failed = send(Api::ApiRequest::get({ u"organizations"_s, u"local"_s }));
    QVERIFY(failed);
    QVERIFY(!failed->ok());
    QCOMPARE(retries.size(), m_client->retryPolicy().maxAttempts - 1);
}

void TestFaultApi::postNotRepeatedWhenAnswerLost()
{
    // The POST reaches the sandbox, which creates the database; its answer is cut off by a reset. The
    // request may have acted, so it must not be sent again: the user gets the error, the server one POST.
    m_proxy->setFaults({ .resetAfterDownstream = 12 });
    QSignalSpy retries(m_client.get(), &Api::ApiClient::retryScheduled);
    const QString name = newName();
    const QString path = u"/organizations/local/databases"_s;
    const int before = recordedRequests(u"post"_s, path);
    const auto created = send(
        Api::ApiRequest::post({ u"organizations"_s, u"local"_s, u"databases"_s }, QJsonObject { { u"name"_s, name } }));
    QVERIFY(created);
    QVERIFY(!created->ok());
    QVERIFY2(!created->error().userText.isEmpty(), qPrintable(created->error().toString()));
    QCOMPARE(retries.size(), 0);
    QCOMPARE(m_proxy->connectionsAccepted(), 1);
    QCOMPARE(recordedRequests(u"post"_s, path) - before, 1);
    m_proxy->clearFaults();
    QCOMPARE(databasesNamed(name), 1);
}

void TestFaultApi::postRetriedWhenRefused()
{
    // Nothing listens: the connection is refused, so the server certainly did not get the POST; it is
    // retried after the backoff and reaches the server once it listens again.
    m_proxy->stopListening();
    QSignalSpy retries(m_client.get(), &Api::ApiClient::retryScheduled);
    connect(
        m_client.get(), &Api::ApiClient::retryScheduled, this, [this] { QVERIFY(m_proxy->resumeListening()); },
        Qt::SingleShotConnection);
    const QString name = newName();
    const QString path = u"/organizations/local/databases"_s;
    const int before = recordedRequests(u"post"_s, path);
    const auto created = send(
        Api::ApiRequest::post({ u"organizations"_s, u"local"_s, u"databases"_s }, QJsonObject { { u"name"_s, name } }));
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->ok() ? QString() : created->error().toString()));
    QCOMPARE(retries.size(), 1);
    QCOMPARE(m_proxy->connectionsAccepted(), 1);
    QCOMPARE(recordedRequests(u"post"_s, path) - before, 1);
    QCOMPARE(databasesNamed(name), 1);
}

void TestFaultApi::blackholeEndsWithTimeout()
{
    m_proxy->setFaults({ .blackhole = true });
    m_client->setTransferTimeout(std::chrono::milliseconds(1000));
    QSignalSpy retries(m_client.get(), &Api::ApiClient::retryScheduled);
    QElapsedTimer clock;
    clock.start();
    const auto org = send(Api::ApiRequest::get({ u"organizations"_s, u"local"_s }), 20000);
    QVERIFY(org);
    QVERIFY(!org->ok());
    QVERIFY2(org->error().toString().contains(u"time"_s, Qt::CaseInsensitive), qPrintable(org->error().toString()));
    QVERIFY2(clock.elapsed() < 1000 + SlackMs, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(retries.size(), 0);
}

QTEST_GUILESS_MAIN(TestFaultApi)
#include "tst_fault_api.moc"

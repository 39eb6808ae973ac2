// ApiClient transport against a scripted loopback server: pagination, retries, faults, auth errors.
#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "api/latestrequest.h"
#include "scriptedhttpserver.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Response = ScriptedHttpServer::Response;
using Fault = ScriptedHttpServer::Response::Fault;

namespace {

const QString oauthSecret = u"pscale_oauth_s3cr3tTokenValue123"_s;
const QString serviceSecret = u"pscale_tkn_s3cr3tServiceToken456"_s;

template<typename T> struct Capture
{
    std::optional<Api::ApiResult<T>> result;
    int calls = 0;
};

template<typename T> std::function<void(Api::ApiResult<T>)> into(const std::shared_ptr<Capture<T>> &capture)
{
    return [capture](Api::ApiResult<T> r) {
        ++capture->calls;
        capture->result.emplace(std::move(r));
    };
}

QByteArray pageJson(int page, std::optional<int> next, int total, const QStringList &names)
{
    QJsonArray data;
    for (const QString &n : names)
        data.append(QJsonObject { { u"name"_s, n } });
    QJsonObject o { { u"type"_s, u"list"_s }, { u"current_page"_s, page }, { u"data"_s, data },
        { u"total_count"_s, total } };
    o.insert(u"next_page"_s, next ? QJsonValue(*next) : QJsonValue(QJsonValue::Null));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<Api::ApiClient> m_client;

    std::shared_ptr<Capture<QJsonValue>> get(const QString &what = u"thing"_s)
    {
        auto capture = std::make_shared<Capture<QJsonValue>>();
        m_client->send(Api::ApiRequest::get({ what }), this, into(capture));
        return capture;
    }
    std::shared_ptr<Capture<QJsonValue>> post(const QString &what = u"thing"_s)
    {
        auto capture = std::make_shared<Capture<QJsonValue>>();
        m_client->send(Api::ApiRequest::post({ what }, QJsonObject { { u"a"_s, 1 } }), this, into(capture));
        return capture;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(m_server->start());
        m_client = std::make_unique<Api::ApiClient>();
        m_client->setBaseUrl(m_server->baseUrl());
        Api::RetryPolicy policy;
        policy.maxAttempts = 3;
        policy.baseDelay = 20ms;
        policy.maxDelay = 200ms;
        policy.maxRetryAfter = 5s;
        m_client->setRetryPolicy(policy);
        m_client->setTransferTimeout(5s);
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void paginatesThreePages()
    {
        m_server->enqueue(Response::json(200, pageJson(1, 2, 7, { u"a"_s, u"b"_s, u"c"_s })));
        m_server->enqueue(Response::json(200, pageJson(2, 3, 7, { u"d"_s, u"e"_s, u"f"_s })));
        m_server->enqueue(Response::json(200, pageJson(3, std::nullopt, 7, { u"g"_s })));
        QSignalSpy progress(m_client.get(), &Api::ApiClient::listProgressed);
        QSignalSpy finished(m_client.get(), &Api::ApiClient::requestFinished);

        auto capture = std::make_shared<Capture<QJsonArray>>();
        const Api::RequestId id = m_client->fetchAll(Api::ApiRequest::get({ u"organizations"_s }), this, into(capture));
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(capture->result->ok());
        QCOMPARE(capture->result->requestId(), id);
        const QJsonArray items = capture->result->value();
        QCOMPARE(items.size(), 7);
        QCOMPARE(items.at(0).toObject().value("name"_L1).toString(), u"a"_s);
        QCOMPARE(items.at(6).toObject().value("name"_L1).toString(), u"g"_s);

        QCOMPARE(m_server->requestCount(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(m_server->requests()[i].path, u"/v1/organizations"_s);
            QCOMPARE(m_server->requests()[i].query.queryItemValue(u"page"_s), QString::number(i + 1));
            QCOMPARE(m_server->requests()[i].query.queryItemValue(u"per_page"_s), u"100"_s);
        }
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress[0].at(1).toLongLong(), 3);
        QCOMPARE(progress[1].at(1).toLongLong(), 6);
        QCOMPARE(progress[2].at(1).toLongLong(), 7);
        QCOMPARE(progress[2].at(2).toLongLong(), 7);
        QCOMPARE(finished.size(), 1); // one logical request, however many pages
        QCOMPARE(capture->calls, 1);
    }

    void paginationErrorOnLaterPage()
    {
        m_server->enqueue(Response::json(200, pageJson(1, 2, 4, { u"a"_s, u"b"_s })));
        m_server->enqueue(Response::json(200, R"({"type":"list","next_page":null,"data":"oops"})"));
        auto capture = std::make_shared<Capture<QJsonArray>>();
        m_client->fetchAll(Api::ApiRequest::get({ u"x"_s }), this, into(capture));
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().kind, Api::ApiError::Kind::Parse);
        QVERIFY(capture->result->error().detail.contains(u"page.data"_s));
    }

    void paginationStopsWhenNextPageDoesNotAdvance()
    {
        m_server->enqueue(Response::json(200, pageJson(1, 1, 2, { u"a"_s })));
        auto capture = std::make_shared<Capture<QJsonArray>>();
        m_client->fetchAll(Api::ApiRequest::get({ u"x"_s }), this, into(capture));
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(capture->result->ok());
        QCOMPARE(capture->result->value().size(), 1);
        QCOMPARE(m_server->requestCount(), 1);
    }

    void rateLimitedHonoursRetryAfter()
    {
        Response limited = Response::json(429, R"({"code":"too_many_requests","message":"Rate limit exceeded"})");
        limited.headers.append({ QByteArray("Retry-After"), QByteArray("1") });
        m_server->enqueue(limited);
        m_server->enqueue(Response::json(200, R"({"ok":true})"));
        QSignalSpy retries(m_client.get(), &Api::ApiClient::retryScheduled);
        auto capture = get();
        QTRY_VERIFY_WITH_TIMEOUT(capture->result.has_value(), 5000);
        QVERIFY(capture->result->ok());
        QCOMPARE(capture->result->value().toObject().value("ok"_L1).toBool(), true);
        QCOMPARE(m_server->requestCount(), 2);
        QVERIFY2(m_server->requests()[1].elapsedMs - m_server->requests()[0].elapsedMs >= 950,
            "the retry must wait for Retry-After");
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries[0].at(2).toLongLong(), 1000);
    }

    void rateLimitedWithoutRetryAfterBacksOff()
    {
        m_server->enqueue(Response::json(429, R"({"code":"too_many_requests"})"));
        m_server->enqueue(Response::json(429, R"({"code":"too_many_requests"})"));
        m_server->enqueue(Response::json(200, R"({"ok":true})"));
        QSignalSpy retries(m_client.get(), &Api::ApiClient::retryScheduled);
        auto capture = post(); // a 429 was rejected before the server acted, so even a POST is retried
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(capture->result->ok());
        QCOMPARE(m_server->requestCount(), 3);
        QCOMPARE(retries.size(), 2);
        // Equal jitter: attempt 1 waits 10–20 ms, attempt 2 waits 20–40 ms.
        const qint64 first = retries[0].at(2).toLongLong();
        const qint64 second = retries[1].at(2).toLongLong();
        QVERIFY2(first >= 10 && first <= 20, qPrintable(QString::number(first)));
        QVERIFY2(second >= 20 && second <= 40, qPrintable(QString::number(second)));
        QVERIFY(m_server->requests()[2].elapsedMs - m_server->requests()[1].elapsedMs >= 19);
    }

    void rateLimitedGivesUpAfterMaxAttempts()
    {
        m_server->setFallback([](const auto &) {
            return Response::json(429, R"({"code":"too_many_requests","message":"Rate limit exceeded"})");
        });
        auto capture = get();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        const Api::ApiError &error = capture->result->error();
        QCOMPARE(error.httpStatus, 429);
        QCOMPARE(error.apiCode, u"too_many_requests"_s);
        QCOMPARE(m_server->requestCount(), 3);
        QCOMPARE(capture->calls, 1);
    }

    void retryAfterTooLongIsNotWaitedFor()
    {
        Response limited = Response::json(429, R"({"code":"too_many_requests"})");
        limited.headers.append({ QByteArray("Retry-After"), QByteArray("3600") });
        m_server->enqueue(limited);
        auto capture = get();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().retryAfterSeconds, 3600);
        QVERIFY(capture->result->error().userText.contains(u"3600"_s));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void serverError500IsReportedThenNextCallSucceeds()
    {
        m_server->enqueue(Response::json(500, R"({"code":"internal","message":"Something broke"})"));
        m_server->enqueue(Response::json(200, R"({"name":"fine"})"));
        auto first = get();
        QTRY_VERIFY(first->result.has_value());
        QVERIFY(!first->result->ok());
        QCOMPARE(first->result->error().httpStatus, 500);
        QCOMPARE(first->result->error().kind, Api::ApiError::Kind::Http);
        QVERIFY(first->result->error().userText.contains(u"500"_s));
        QCOMPARE(m_server->requestCount(), 1); // 500 is not in the retry list
        auto second = get();
        QTRY_VERIFY(second->result.has_value());
        QVERIFY(second->result->ok());
        QCOMPARE(second->result->value().toObject().value("name"_L1).toString(), u"fine"_s);
    }

    void gatewayErrorsRetryGetButNotPost()
    {
        m_server->enqueue(Response::json(503, R"({"code":"unavailable"})"));
        m_server->enqueue(Response::json(200, R"({"ok":true})"));
        auto getResult = get();
        QTRY_VERIFY(getResult->result.has_value());
        QVERIFY(getResult->result->ok());
        QCOMPARE(m_server->requestCount(), 2);

        m_server->enqueue(Response::json(504, R"({"code":"timeout"})"));
        m_server->enqueue(Response::json(200, R"({"ok":true})"));
        auto postResult = post();
        QTRY_VERIFY(postResult->result.has_value());
        QVERIFY(!postResult->result->ok());
        QCOMPARE(postResult->result->error().httpStatus, 504);
        QCOMPARE(m_server->requestCount(), 3); // the POST may have reached the server: not repeated
    }

    void timeout()
    {
        m_client->setTransferTimeout(300ms);
        m_server->setFallback([](const auto &) { return Response::failing(Fault::NoAnswer); });
        QElapsedTimer clock;
        clock.start();
        auto capture = get();
        QTRY_VERIFY_WITH_TIMEOUT(capture->result.has_value(), 5000);
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().kind, Api::ApiError::Kind::Timeout);
        QCOMPARE(capture->result->error().toCoreError().code, u"timeout"_s);
        QVERIFY(clock.elapsed() >= 250);
        QVERIFY(clock.elapsed() < 3000);
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_client->activeRequestCount(), 0);
    }

    void connectionResetMidBodyRetriesGet()
    {
        m_server->enqueue(Response::failing(Fault::CloseMidBody, R"({"name":"a-rather-long-name-for-a-body"})"));
        m_server->enqueue(Response::json(200, R"({"name":"complete"})"));
        auto capture = get();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY2(
            capture->result->ok(), qPrintable(capture->result->ok() ? QString() : capture->result->error().toString()));
        QCOMPARE(capture->result->value().toObject().value("name"_L1).toString(), u"complete"_s);
        QCOMPARE(m_server->requestCount(), 2);
    }

    void connectionResetMidBodyDoesNotRepeatPost()
    {
        m_server->enqueue(Response::failing(Fault::CloseMidBody, R"({"name":"a-rather-long-name-for-a-body"})"));
        m_server->enqueue(Response::json(200, R"({"name":"must not be used"})"));
        auto capture = post();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().kind, Api::ApiError::Kind::Network);
        QCOMPARE(m_server->requestCount(), 1);
    }

    void connectionRefusedIsRetriedThenReported()
    {
        const QUrl url = m_server->baseUrl();
        m_server.reset(); // nothing listens on that port any more
        auto capture = post(); // refused: nothing was sent, so even a POST may be retried
        QSignalSpy retries(m_client.get(), &Api::ApiClient::retryScheduled);
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().kind, Api::ApiError::Kind::Network);
        QCOMPARE(retries.size(), 2);
        QVERIFY(capture->result->error().userText.contains(url.host()));
    }

    void htmlErrorPage()
    {
        Response page;
        page.status = 502;
        page.contentType = "text/html; charset=utf-8";
        page.body = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
        m_server->enqueue(page);
        auto capture = post();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        const Api::ApiError &error = capture->result->error();
        QCOMPARE(error.httpStatus, 502);
        QVERIFY2(error.detail.contains(u"text/html"_s), qPrintable(error.detail));
        QVERIFY2(error.detail.contains(u"Bad Gateway"_s), qPrintable(error.detail));
        QVERIFY(!error.detail.contains(u"<h1>"_s));
        QVERIFY(error.userText.contains(u"502"_s));

        Response okHtml = page;
        okHtml.status = 200;
        okHtml.body = "<html><body>Sign in to the captive portal</body></html>";
        m_server->enqueue(okHtml);
        auto second = get();
        QTRY_VERIFY(second->result.has_value());
        QVERIFY(!second->result->ok());
        QCOMPARE(second->result->error().kind, Api::ApiError::Kind::Parse);
        QVERIFY2(second->result->error().detail.contains(u"HTML page"_s), qPrintable(second->result->error().detail));
    }

    void truncatedJson()
    {
        m_server->enqueue(Response::json(200, "{\"data\": [{\"name\": \"main\", \"ready\": tr"));
        auto capture = get();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().kind, Api::ApiError::Kind::Parse);
        QCOMPARE(capture->result->error().toCoreError().code, u"parse_error"_s);
        QVERIFY2(
            capture->result->error().detail.contains(u"invalid JSON"_s), qPrintable(capture->result->error().detail));
    }

    void wrongContentType()
    {
        Response text = Response::json(200, R"({"name":"main"})");
        text.contentType = "text/plain";
        m_server->enqueue(text);
        auto capture = get();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().kind, Api::ApiError::Kind::Parse);
        QVERIFY2(
            capture->result->error().detail.contains(u"text/plain"_s), qPrintable(capture->result->error().detail));
    }

    void invalidTokenExplainsRenewal()
    {
        m_client->setCredentials(Api::Credentials::oauthToken(oauthSecret, u"test"_s));
        // The body echoes the token to prove it never reaches the error.
        const QByteArray body = "{\"error\":\"invalid_token\",\"error_description\":\"The access token "
            + oauthSecret.toUtf8() + " is invalid\",\"state\":\"unauthorized\"}";
        m_server->enqueue(Response::json(401, body));
        QSignalSpy authFailed(m_client.get(), &Api::ApiClient::authenticationFailed);
        auto capture = get();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        const Api::ApiError &error = capture->result->error();
        QCOMPARE(error.httpStatus, 401);
        QCOMPARE(error.apiCode, u"invalid_token"_s);
        QVERIFY(error.userText.contains(u"pscale auth login"_s));
        QVERIFY(!error.toString().contains(oauthSecret));
        QVERIFY(!error.message.contains(oauthSecret));
        QVERIFY(error.message.contains(u"[redacted]"_s));
        QVERIFY(!error.userText.contains(oauthSecret));
        QCOMPARE(authFailed.size(), 1);
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_server->requests()[0].headers.value("authorization"), QByteArray("Bearer " + oauthSecret.toUtf8()));
    }

    void serverMessagesAreRedacted()
    {
        m_client->setCredentials(Api::Credentials::serviceToken(u"abcdef123456"_s, serviceSecret, u"test"_s));
        m_server->enqueue(Response::json(
            422, "{\"code\":\"unprocessable\",\"message\":\"bad token " + serviceSecret.toUtf8() + "\"}"));
        auto capture = post();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        const Api::ApiError &error = capture->result->error();
        QCOMPARE(error.apiCode, u"unprocessable"_s);
        QVERIFY(error.userText.contains(u"bad token [redacted]"_s));
        QVERIFY(!error.userText.contains(serviceSecret));
        QVERIFY(!error.toString().contains(serviceSecret));
        QVERIFY(!error.toCoreError().detail.contains(serviceSecret));
    }

    void notFoundWithServiceTokenMentionsAccess()
    {
        m_client->setCredentials(Api::Credentials::serviceToken(u"abcdef123456"_s, serviceSecret, u"test"_s));
        m_server->enqueue(Response::json(404, R"({"code":"not_found","message":"Not Found"})"));
        Api::BranchesResource branches(m_client.get());
        auto capture = std::make_shared<Capture<Core::Branch>>();
        branches.get(u"acme"_s, u"app-db"_s, u"main"_s, this, into(capture));
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        const Api::ApiError &error = capture->result->error();
        QCOMPARE(error.httpStatus, 404);
        QCOMPARE(error.apiCode, u"not_found"_s);
        QVERIFY2(error.userText.contains(u"read_branch"_s), qPrintable(error.userText));
        QVERIFY(error.userText.contains(u"service token"_s));
        QCOMPARE(m_server->requests()[0].path, u"/v1/organizations/acme/databases/app-db/branches/main"_s);
        QCOMPARE(m_server->requests()[0].headers.value("authorization"),
            QByteArray("abcdef123456:" + serviceSecret.toUtf8()));

        // The same 404 with an OAuth token says nothing about service-token accesses.
        m_client->setCredentials(Api::Credentials::oauthToken(oauthSecret, u"test"_s));
        m_server->enqueue(Response::json(404, R"({"code":"not_found","message":"Not Found"})"));
        auto second = std::make_shared<Capture<Core::Branch>>();
        branches.get(u"acme"_s, u"app-db"_s, u"main"_s, this, into(second));
        QTRY_VERIFY(second->result.has_value());
        QVERIFY(!second->result->error().userText.contains(u"service token"_s));
    }

    void sendsHeadersAndBody()
    {
        m_server->setFallback([](const auto &) { return Response::json(200, R"({"ok":true})"); });
        auto g = get();
        QTRY_VERIFY(g->result.has_value());
        auto p = post();
        QTRY_VERIFY(p->result.has_value());
        const auto &getRequest = m_server->requests()[0];
        QCOMPARE(getRequest.method, QByteArray("GET"));
        QCOMPARE(getRequest.headers.value("accept"), QByteArray("application/json"));
        QVERIFY(getRequest.headers.value("user-agent").startsWith("Branchdeck/"));
        QVERIFY(!getRequest.headers.contains("authorization")); // no credentials set
        QVERIFY(getRequest.body.isEmpty());
        const auto &postRequest = m_server->requests()[1];
        QCOMPARE(postRequest.method, QByteArray("POST"));
        QCOMPARE(postRequest.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(postRequest.body).object().value("a"_L1).toInt(), 1);
    }

    void noContentAnswer()
    {
        Response empty;
        empty.status = 204;
        empty.contentType.clear();
        m_server->enqueue(empty);
        auto capture = std::make_shared<Capture<QJsonValue>>();
        m_client->send(Api::ApiRequest::del({ u"thing"_s }), this, into(capture));
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(capture->result->ok());
        QVERIFY(capture->result->value().isNull() || capture->result->value().isUndefined());
    }

    void requestBudgetSpacesRequests()
    {
        m_client->setRequestBudget(2, 500ms);
        m_server->setFallback([](const auto &) { return Response::json(200, R"({"ok":true})"); });
        std::vector<std::shared_ptr<Capture<QJsonValue>>> captures;
        for (int i = 0; i < 4; ++i)
            captures.push_back(get());
        QTRY_VERIFY_WITH_TIMEOUT(captures.back()->result.has_value(), 5000);
        QCOMPARE(m_server->requestCount(), 4);
        const auto &r = m_server->requests();
        QVERIFY2(r[2].elapsedMs - r[0].elapsedMs >= 350, qPrintable(QString::number(r[2].elapsedMs - r[0].elapsedMs)));
        QVERIFY(r[3].elapsedMs - r[1].elapsedMs >= 350);
    }

    void idsAndCancellation()
    {
        m_server->setFallback([](const auto &) { return Response::failing(Fault::NoAnswer); });
        QSignalSpy finished(m_client.get(), &Api::ApiClient::requestFinished);
        auto cancelled = std::make_shared<Capture<QJsonValue>>();
        const Api::RequestId first = m_client->send(Api::ApiRequest::get({ u"a"_s }), this, into(cancelled));
        auto orphan = std::make_shared<Capture<QJsonValue>>();
        auto *receiver = new QObject;
        const Api::RequestId second = m_client->send(Api::ApiRequest::get({ u"b"_s }), receiver, into(orphan));
        QVERIFY(second > first);
        QTRY_COMPARE(m_server->requestCount(), 2);

        m_client->cancel(first);
        delete receiver; // the request goes with its receiver
        QCOMPARE(m_client->activeRequestCount(), 0);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished[0].at(0).toULongLong(), first);
        QCOMPARE(finished[0].at(1).toBool(), false);
        QTest::qWait(100);
        QCOMPARE(cancelled->calls, 0);
        QCOMPARE(orphan->calls, 0);

        // The client still works afterwards, and results carry the id of their request.
        m_server->setFallback([](const auto &) { return Response::json(200, R"({"ok":true})"); });
        auto later = std::make_shared<Capture<QJsonValue>>();
        const Api::RequestId third = m_client->send(Api::ApiRequest::get({ u"c"_s }), this, into(later));
        QTRY_VERIFY(later->result.has_value());
        QCOMPARE(later->result->requestId(), third);
    }

    void staleAnswersAreRecognised()
    {
        // The first answer arrives last; the receiver keeps only the answer to its latest question.
        m_server->enqueue(Response::failing(Fault::NoAnswer));
        m_server->enqueue(Response::json(200, R"({"n":2})"));
        Api::LatestRequest latest;
        QList<int> accepted;
        int dropped = 0;
        const auto handle = [&](Api::ApiResult<QJsonValue> r) {
            if (!latest.isLatest(r.requestId())) {
                ++dropped;
                return;
            }
            accepted.append(r.ok() ? r.value().toObject().value("n"_L1).toInt() : -1);
        };
        m_client->setTransferTimeout(400ms);
        latest.track(m_client->send(Api::ApiRequest::get({ u"first"_s }), this, handle));
        QTRY_COMPARE(m_server->requestCount(), 1);
        latest.track(m_client->send(Api::ApiRequest::get({ u"second"_s }), this, handle));
        QTRY_COMPARE(accepted.size(), 1);
        QCOMPARE(accepted.first(), 2);
        QTRY_COMPARE(dropped, 1); // the first one timed out later and was ignored
        QCOMPARE(accepted.size(), 1);
    }

    void destroyingTheClientMidRequestIsSafe()
    {
        m_server->setFallback([](const auto &) { return Response::failing(Fault::NoAnswer); });
        auto inFlight = get();
        auto queued = std::make_shared<Capture<QJsonArray>>();
        m_client->fetchAll(Api::ApiRequest::get({ u"list"_s }), this, into(queued));
        QTRY_COMPARE(m_server->requestCount(), 2);
        m_client.reset();
        QTest::qWait(50);
        QCOMPARE(inFlight->calls, 0);
        QCOMPARE(queued->calls, 0);
    }

    void redirectToAnotherHostIsNotFollowed()
    {
        m_client->setCredentials(Api::Credentials::oauthToken(oauthSecret, u"test"_s));
        Response moved = Response::json(302, "{}");
        moved.headers.append({ QByteArray("Location"),
            QByteArray("http://localhost:") + QByteArray::number(m_server->port()) + "/v1/elsewhere" });
        m_server->enqueue(moved);
        m_server->setFallback([](const auto &) { return Response::json(200, R"({"followed":true})"); });
        auto capture = get();
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().kind, Api::ApiError::Kind::Network);
        QVERIFY(capture->result->error().userText.contains(u"redirected to another host"_s));
        QCOMPARE(m_server->requestCount(), 1); // credentials never went to the other host
    }

    void repliesAreDeleted()
    {
        m_client->setTransferTimeout(300ms);
        m_server->enqueue(Response::json(200, R"({"ok":true})"));
        m_server->enqueue(Response::json(503, R"({"code":"unavailable"})"));
        m_server->enqueue(Response::json(200, R"({"ok":true})"));
        m_server->setFallback([](const auto &) { return Response::failing(Fault::NoAnswer); });
        auto ok = get();
        auto retried = get();
        QTRY_VERIFY(ok->result.has_value() && retried->result.has_value());
        auto timedOut = get();
        auto cancelled = std::make_shared<Capture<QJsonValue>>();
        const Api::RequestId id = m_client->send(Api::ApiRequest::get({ u"c"_s }), this, into(cancelled));
        QTRY_COMPARE(m_server->requestCount(), 5);
        m_client->cancel(id);
        QTRY_VERIFY_WITH_TIMEOUT(timedOut->result.has_value(), 5000);
        QTRY_COMPARE(m_client->findChildren<QNetworkReply *>().size(), 0);
        QCOMPARE(m_client->activeRequestCount(), 0);
    }

    void callbackNeverRunsSynchronously()
    {
        m_server->setFallback([](const auto &) { return Response::json(200, R"({"ok":true})"); });
        auto capture = get();
        QCOMPARE(capture->calls, 0);
        QTRY_COMPARE(capture->calls, 1);
    }

    void wrongFieldTypeThroughResource()
    {
        m_server->enqueue(Response::json(200, R"({"name":"main","ready":"yes"})"));
        Api::BranchesResource branches(m_client.get());
        auto capture = std::make_shared<Capture<Core::Branch>>();
        branches.get(u"acme"_s, u"app-db"_s, u"main"_s, this, into(capture));
        QTRY_VERIFY(capture->result.has_value());
        QVERIFY(!capture->result->ok());
        QCOMPARE(capture->result->error().kind, Api::ApiError::Kind::Parse);
        QVERIFY(capture->result->error().detail.contains(u"branch.ready"_s));
        QVERIFY(capture->result->toCore().error().detail.contains(u"branch.ready"_s));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"

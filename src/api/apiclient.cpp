#include "api/apiclient.h"

#include "api/commonparsers.h"
#include "api/oneshotbody.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Api {

Q_LOGGING_CATEGORY(lcApi, "branchdeck.api", QtInfoMsg)

// One logical request, alive from send() until its callback ran or it was cancelled; survives retries.
struct ApiClient::Call
{
    RequestId id = 0;
    ApiRequest request;
    QPointer<QObject> context;
    bool hasContext = false;
    bool partOfList = false;
    JsonCallback callback;
    int attempt = 0; // tries started so far
    QPointer<QNetworkReply> reply;
    QMetaObject::Connection contextWatch;
};

struct ApiClient::ListState
{
    QJsonArray items;
    qint64 page = 1;
    int pagesFetched = 0;
    ListCallback callback;
};

namespace {

constexpr int maxPages = 10000; // a server that keeps answering next_page must not loop forever

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.toLower();
    return type.startsWith("application/json") || (type.startsWith("application/") && type.contains("+json"));
}

} // namespace

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_baseUrl(defaultBaseUrl())
    , m_userAgent("Branchdeck/" BRANCHDECK_VERSION " Qt/" QT_VERSION_STR)
{
    m_budgetTimer.setSingleShot(true);
    connect(&m_budgetTimer, &QTimer::timeout, this, &ApiClient::pumpQueue);
}

ApiClient::~ApiClient()
{
    // Replies are children of the access manager; drop the calls first so no callback runs during teardown.
    const auto calls = m_calls;
    m_calls.clear();
    for (const auto &call : calls) {
        QObject::disconnect(call->contextWatch);
        if (call->reply) {
            call->reply->disconnect(this);
            call->reply->abort();
            call->reply->deleteLater();
        }
    }
}

QUrl ApiClient::defaultBaseUrl()
{
    return QUrl(u"https://api.planetscale.com/v1"_s);
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
}

void ApiClient::setCredentials(const Credentials &credentials)
{
    m_credentials = credentials;
}

void ApiClient::setTransferTimeout(std::chrono::milliseconds timeout)
{
    m_transferTimeout = timeout;
}

void ApiClient::setRetryPolicy(const RetryPolicy &policy)
{
    m_retryPolicy = policy;
}

void ApiClient::setRequestBudget(int requests, std::chrono::milliseconds window)
{
    m_budget.setLimit(requests, window);
}

void ApiClient::setUserAgent(const QByteArray &userAgent)
{
    m_userAgent = userAgent;
}

void ApiClient::setPageSize(int perPage)
{
    m_pageSize = qBound(1, perPage, 100);
}

QString ApiClient::hostName() const
{
    return m_baseUrl.port() > 0 ? m_baseUrl.host() + u':' + QString::number(m_baseUrl.port()) : m_baseUrl.host();
}

RequestId ApiClient::send(const ApiRequest &request, QObject *context, JsonCallback callback)
{
    const RequestId id = ++m_lastId;
    Q_EMIT requestStarted(id);
    return startCall(id, request, context, false, std::move(callback));
}

RequestId ApiClient::startCall(
    RequestId id, const ApiRequest &request, QObject *context, bool partOfList, JsonCallback callback)
{
    auto call = std::make_shared<Call>();
    call->id = id;
    call->request = request;
    call->context = context;
    call->hasContext = context != nullptr;
    call->partOfList = partOfList;
    call->callback = std::move(callback);
    if (context)
        call->contextWatch = connect(context, &QObject::destroyed, this, [this, id] { cancel(id); });
    m_calls.insert(id, call);
    enqueue(id);
    return id;
}

void ApiClient::enqueue(RequestId id)
{
    m_queue.push_back(id);
    // Start from the event loop: callers get their id before anything can happen.
    if (!m_budgetTimer.isActive())
        m_budgetTimer.start(0);
}

void ApiClient::pumpQueue()
{
    while (!m_queue.empty()) {
        const RequestId id = m_queue.front();
        const auto it = m_calls.constFind(id);
        if (it == m_calls.cend()) { // cancelled while waiting
            m_queue.pop_front();
            continue;
        }
        const auto now = RequestBudget::Clock::now();
        const auto wait = m_budget.delayBeforeNext(now);
        if (wait.count() > 0) {
            qCDebug(lcApi) << "request budget exhausted; next request in" << wait.count() << "ms";
            m_budgetTimer.start(wait);
            return;
        }
        m_queue.pop_front();
        m_budget.recordStart(now);
        dispatch(*it.value());
    }
}

void ApiClient::dispatch(Call &call)
{
    ++call.attempt;
    QUrl url = m_baseUrl;
    QString path = url.path(QUrl::FullyEncoded);
    if (!path.endsWith(u'/'))
        path += u'/';
    url.setPath(path + call.request.encodedPath(), QUrl::TolerantMode);
    if (!call.request.query.isEmpty())
        url.setQuery(call.request.query);

    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, m_userAgent);
    if (m_credentials.isValid())
        request.setRawHeader("Authorization", m_credentials.authorizationHeader());
    request.setTransferTimeout(int(m_transferTimeout.count()));
    // Credentials must not follow a redirect to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);

    QNetworkReply *reply = nullptr;
    if (call.request.method == "GET") {
        reply = m_nam->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        const QByteArray body
            = call.request.body ? QJsonDocument(*call.request.body).toJson(QJsonDocument::Compact) : QByteArray();
        if (call.request.isIdempotent()) {
            reply = m_nam->sendCustomRequest(request, call.request.method, body);
        } else {
            // Sent once by the network stack: a POST is never repeated behind our back (see OneShotBody).
            request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
            request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
            auto *device = new OneShotBody(body);
            reply = m_nam->sendCustomRequest(request, call.request.method, device);
            device->setParent(reply);
        }
    }
    call.reply = reply;
    qCDebug(lcApi).noquote() << "→" << call.request.method << url.path() << "attempt" << call.attempt;
    const RequestId id = call.id;
    connect(reply, &QNetworkReply::finished, this, [this, id, reply] { handleReplyFinished(id, reply); });
}

void ApiClient::handleReplyFinished(RequestId id, QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_calls.find(id);
    if (it == m_calls.end() || it.value()->reply != reply)
        return; // cancelled, or an older attempt
    Call &call = *it.value();
    call.reply = nullptr;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    qCDebug(lcApi).noquote() << "←" << call.request.method << reply->url().path() << status << netError;

    // Below HTTP: no status, or the connection broke while the body was arriving.
    if (status == 0 || (netError != QNetworkReply::NoError && status < 400)) {
        if (netError == QNetworkReply::OperationCanceledError) {
            finish(id, ApiResult<QJsonValue>(timeoutError(int(m_transferTimeout.count())), id));
            return;
        }
        if (scheduleRetry(call, 0, netError, std::nullopt))
            return;
        ApiError error = networkError(netError, reply->errorString(), hostName());
        error.detail = QString::fromLatin1(call.request.method) + u' ' + reply->url().path();
        finish(id, ApiResult<QJsonValue>(std::move(error), id));
        return;
    }

    const QByteArray body = reply->readAll();
    if (status >= 400) {
        const auto retryAfter
            = RetryPolicy::parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        if (scheduleRetry(call, status, netError, retryAfter))
            return;
        ApiError error = httpError(status, contentType, body, m_credentials.scheme(), call.request.requiredAccess);
        if (retryAfter) {
            error.retryAfterSeconds = int(retryAfter->count() / 1000);
            if (status == 429)
                error.userText += u' ' + tr("The server asks to wait %n second(s).", nullptr, error.retryAfterSeconds);
        }
        // A server (or a proxy) may echo the request; the secret must not travel on in the error.
        error.detail = m_credentials.redact(error.detail);
        error.message = m_credentials.redact(error.message);
        error.userText = m_credentials.redact(error.userText);
        const QString requestLine = QString::fromLatin1(call.request.method) + u' ' + reply->url().path();
        error.detail = error.detail.isEmpty() ? requestLine : requestLine + u": "_s + error.detail;
        if (status == 401)
            Q_EMIT authenticationFailed(error);
        finish(id, ApiResult<QJsonValue>(std::move(error), id));
        return;
    }

    if (status == 204 || body.trimmed().isEmpty()) {
        finish(id, ApiResult<QJsonValue>(QJsonValue(), id));
        return;
    }
    if (!isJsonContentType(contentType)) {
        const QString type = contentType.isEmpty() ? u"no content type"_s : QString::fromLatin1(contentType);
        const bool html = contentType.toLower().contains("html") || body.trimmed().startsWith('<');
        ApiError error = ApiError::fromCoreError(
            JsonReader::parseError((html ? u"expected JSON, got an HTML page ("_s : u"expected JSON, got "_s) + type
                + (html ? u")"_s : QString()) + u" from "_s + reply->url().path()));
        error.httpStatus = status;
        finish(id, ApiResult<QJsonValue>(std::move(error), id));
        return;
    }
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        ApiError error = ApiError::fromCoreError(
            JsonReader::parseError(u"invalid JSON at byte %1 of %2: %3"_s.arg(parseError.offset)
                                       .arg(body.size())
                                       .arg(parseError.errorString())));
        error.httpStatus = status;
        finish(id, ApiResult<QJsonValue>(std::move(error), id));
        return;
    }
    const QJsonValue value = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    finish(id, ApiResult<QJsonValue>(value, id));
}

bool ApiClient::scheduleRetry(
    Call &call, int httpStatus, int networkError, std::optional<std::chrono::milliseconds> retryAfter)
{
    if (call.attempt >= m_retryPolicy.maxAttempts)
        return false;
    if (!RetryPolicy::isRetryable(call.request.isIdempotent(), httpStatus, networkError))
        return false;
    if (retryAfter && *retryAfter > m_retryPolicy.maxRetryAfter)
        return false;
    const auto delay = m_retryPolicy.delayFor(call.attempt, retryAfter, QRandomGenerator::global()->generateDouble());
    const RequestId id = call.id;
    const int attempt = call.attempt;
    qCDebug(lcApi) << "retrying request" << id << "in" << delay.count() << "ms after" << httpStatus << networkError;
    Q_EMIT retryScheduled(id, attempt, qint64(delay.count()));
    QTimer::singleShot(delay, this, [this, id, attempt] {
        const auto it = m_calls.constFind(id);
        if (it != m_calls.cend() && it.value()->attempt == attempt && !it.value()->reply)
            enqueue(id);
    });
    return true;
}

void ApiClient::finish(RequestId id, ApiResult<QJsonValue> result)
{
    const std::shared_ptr<Call> call = m_calls.take(id);
    if (!call)
        return;
    QObject::disconnect(call->contextWatch);
    if (!call->partOfList)
        Q_EMIT requestFinished(id, result.ok());
    if (call->hasContext && !call->context)
        return; // the receiver went away
    if (call->callback)
        call->callback(std::move(result));
}

void ApiClient::cancel(RequestId id)
{
    const std::shared_ptr<Call> call = m_calls.take(id);
    if (!call)
        return;
    QObject::disconnect(call->contextWatch);
    if (call->reply)
        call->reply->abort(); // finished() fires, finds no call, and deletes the reply
    Q_EMIT requestFinished(id, false);
}

RequestId ApiClient::fetchAll(const ApiRequest &request, QObject *context, ListCallback callback)
{
    const RequestId id = ++m_lastId;
    auto state = std::make_shared<ListState>();
    state->callback = std::move(callback);
    Q_EMIT requestStarted(id);
    fetchPage(id, request, context, std::move(state));
    return id;
}

void ApiClient::fetchPage(RequestId id, const ApiRequest &request, QObject *context, std::shared_ptr<ListState> state)
{
    ApiRequest pageRequest = request;
    pageRequest.query.removeAllQueryItems(u"page"_s);
    pageRequest.query.removeAllQueryItems(u"per_page"_s);
    pageRequest.query.addQueryItem(u"page"_s, QString::number(state->page));
    pageRequest.query.addQueryItem(u"per_page"_s, QString::number(m_pageSize));

    const QPointer<QObject> guard(context);
    startCall(id, pageRequest, context, true, [this, id, request, guard, state](ApiResult<QJsonValue> result) {
        const auto fail = [&](ApiError error) {
            Q_EMIT requestFinished(id, false);
            state->callback(ApiResult<QJsonArray>(std::move(error), id));
        };
        if (!result)
            return fail(result.error());
        Core::Result<Page> page = Parsers::parsePage(result.value());
        if (!page)
            return fail(ApiError::fromCoreError(page.error()));
        for (const QJsonValue &item : std::as_const(page->data))
            state->items.append(item);
        ++state->pagesFetched;
        Q_EMIT listProgressed(id, state->items.size(), page->totalCount.value_or(-1));

        const bool more = page->nextPage && *page->nextPage > state->page;
        if (more && state->pagesFetched < maxPages) {
            state->page = *page->nextPage;
            fetchPage(id, request, guard.data(), state);
            return;
        }
        Q_EMIT requestFinished(id, true);
        state->callback(ApiResult<QJsonArray>(std::move(state->items), id));
    });
}

} // namespace Api

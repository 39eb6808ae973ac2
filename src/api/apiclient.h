#pragma once

#include "api/apierror.h"
#include "api/apirequest.h"
#include "api/apiresult.h"
#include "api/credentials.h"
#include "api/requestbudget.h"
#include "api/retrypolicy.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace Api {

// The transport of the management API: one QNetworkAccessManager on the GUI thread, base URL, headers,
// credentials, transfer timeout, retries with backoff, a request budget, and pagination to the end.
// Everything is asynchronous: callbacks run later from the event loop, never inside the call that
// started the request, and never after `context` was destroyed (the request is then cancelled).
class ApiClient : public QObject
{
    Q_OBJECT

public:
    using JsonCallback = std::function<void(ApiResult<QJsonValue>)>;
    using ListCallback = std::function<void(ApiResult<QJsonArray>)>;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    static QUrl defaultBaseUrl(); // https://api.planetscale.com/v1

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    void setCredentials(const Credentials &credentials);
    const Credentials &credentials() const { return m_credentials; }
    void setTransferTimeout(std::chrono::milliseconds timeout); // no bytes for this long → Timeout error
    std::chrono::milliseconds transferTimeout() const { return m_transferTimeout; }
    void setRetryPolicy(const RetryPolicy &policy);
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    void setRequestBudget(int requests, std::chrono::milliseconds window);
    void setUserAgent(const QByteArray &userAgent);
    void setPageSize(int perPage); // default 100, the API's maximum

    // One request; the callback gets the JSON body (null for 204 or an empty body) or an ApiError.
    RequestId send(const ApiRequest &request, QObject *context, JsonCallback callback);
    // A page-paginated list: follows next_page until null and hands over the items of all pages.
    RequestId fetchAll(const ApiRequest &request, QObject *context, ListCallback callback);
    // Drops the request: its callback will not run. Harmless for finished or unknown ids.
    void cancel(RequestId id);
    int activeRequestCount() const { return int(m_calls.size()); }

Q_SIGNALS:
    void requestStarted(Api::RequestId id);
    void requestFinished(Api::RequestId id, bool ok);
    // After each page of a list; total is -1 when the API does not say.
    void listProgressed(Api::RequestId id, qint64 loaded, qint64 total);
    void retryScheduled(Api::RequestId id, int attempt, qint64 delayMs);
    // A 401: the UI offers to sign in again.
    void authenticationFailed(const Api::ApiError &error);

private:
    struct Call;
    struct ListState;

    RequestId startCall(
        RequestId id, const ApiRequest &request, QObject *context, bool partOfList, JsonCallback callback);
    void fetchPage(RequestId id, const ApiRequest &request, QObject *context, std::shared_ptr<ListState> state);
    void enqueue(RequestId id);
    void pumpQueue();
    void dispatch(Call &call);
    void handleReplyFinished(RequestId id, QNetworkReply *reply);
    bool scheduleRetry(
        Call &call, int httpStatus, int networkError, std::optional<std::chrono::milliseconds> retryAfter);
    void finish(RequestId id, ApiResult<QJsonValue> result);
    QString hostName() const;

    QNetworkAccessManager *m_nam;
    QUrl m_baseUrl;
    Credentials m_credentials;
    QByteArray m_userAgent;
    std::chrono::milliseconds m_transferTimeout { 30000 };
    RetryPolicy m_retryPolicy;
    RequestBudget m_budget;
    int m_pageSize = 100;
    RequestId m_lastId = 0;
    QHash<RequestId, std::shared_ptr<Call>> m_calls;
    std::deque<RequestId> m_queue; // waiting for the budget
    QTimer m_budgetTimer;
};

} // namespace Api

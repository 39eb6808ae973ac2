// Retry decisions, backoff with jitter, Retry-After parsing, and the request budget.
#include "api/apirequest.h"
#include "api/requestbudget.h"
#include "api/retrypolicy.h"

#include <QNetworkReply>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestApiRetry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryable_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("networkError");
        QTest::addColumn<bool>("expected");
        const int none = QNetworkReply::NoError;
        for (const QByteArray &method : { QByteArray("GET"), QByteArray("PUT"), QByteArray("DELETE") }) {
            for (int status : { 429, 502, 503, 504 })
                QTest::addRow("%s %d", method.constData(), status) << method << status << none << true;
            for (int status : { 400, 401, 403, 404, 422, 500 })
                QTest::addRow("%s %d", method.constData(), status) << method << status << none << false;
            QTest::addRow("%s reset", method.constData())
                << method << 0 << int(QNetworkReply::RemoteHostClosedError) << true;
            QTest::addRow("%s refused", method.constData())
                << method << 0 << int(QNetworkReply::ConnectionRefusedError) << true;
            QTest::addRow("%s tls", method.constData())
                << method << 0 << int(QNetworkReply::SslHandshakeFailedError) << false;
        }
        for (const QByteArray &method : { QByteArray("POST"), QByteArray("PATCH") }) {
            QTest::addRow("%s 429", method.constData()) << method << 429 << none << true;
            for (int status : { 500, 502, 503, 504 })
                QTest::addRow("%s %d", method.constData(), status) << method << status << none << false;
            QTest::addRow("%s reset", method.constData())
                << method << 0 << int(QNetworkReply::RemoteHostClosedError) << false;
            QTest::addRow("%s refused", method.constData())
                << method << 0 << int(QNetworkReply::ConnectionRefusedError) << true;
        }
    }

    void retryable()
    {
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        QFETCH(int, networkError);
        QFETCH(bool, expected);
        Api::ApiRequest request;
        request.method = method;
        QCOMPARE(Api::RetryPolicy::isRetryable(request.isIdempotent(), status, networkError), expected);
    }

    void backoffGrowsAndIsCapped()
    {
        Api::RetryPolicy p;
        p.baseDelay = 100ms;
        p.maxDelay = 1000ms;
        QCOMPARE(p.delayFor(1, std::nullopt, 0.0), 50ms);
        QCOMPARE(p.delayFor(1, std::nullopt, 1.0), 100ms);
        QCOMPARE(p.delayFor(2, std::nullopt, 0.0), 100ms);
        QCOMPARE(p.delayFor(3, std::nullopt, 1.0), 400ms);
        QCOMPARE(p.delayFor(10, std::nullopt, 1.0), 1000ms);
        QCOMPARE(p.delayFor(10, std::nullopt, 0.0), 500ms);
        QCOMPARE(p.delayFor(1, std::optional(7000ms), 0.5), 7000ms); // Retry-After wins
        // Jitter spreads the delay.
        QVERIFY(p.delayFor(2, std::nullopt, 0.3) != p.delayFor(2, std::nullopt, 0.7));
    }

    void retryAfter()
    {
        const QDateTime now(QDate(2026, 8, 21), QTime(7, 28, 0), QTimeZone::utc());
        QCOMPARE(Api::RetryPolicy::parseRetryAfter("120", now).value(), 120000ms);
        QCOMPARE(Api::RetryPolicy::parseRetryAfter(" 0 ", now).value(), 0ms);
        QCOMPARE(Api::RetryPolicy::parseRetryAfter("Fri, 21 Aug 2026 07:28:30 GMT", now).value(), 30000ms);
        QCOMPARE(Api::RetryPolicy::parseRetryAfter("Fri, 21 Aug 2026 07:27:00 GMT", now).value(), 0ms);
        QVERIFY(!Api::RetryPolicy::parseRetryAfter("", now).has_value());
        QVERIFY(!Api::RetryPolicy::parseRetryAfter("soon", now).has_value());
        QVERIFY(!Api::RetryPolicy::parseRetryAfter("-5", now).has_value());
    }

    void budget()
    {
        using Clock = Api::RequestBudget::Clock;
        Api::RequestBudget budget(3, 1000ms);
        const Clock::time_point t0 = Clock::now();
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(budget.delayBeforeNext(t0 + std::chrono::milliseconds(i * 100)), 0ms);
            budget.recordStart(t0 + std::chrono::milliseconds(i * 100));
        }
        // Fourth request at 300 ms must wait until the first one leaves the window at 1000 ms.
        QCOMPARE(budget.delayBeforeNext(t0 + 300ms), 700ms);
        QCOMPARE(budget.delayBeforeNext(t0 + 1001ms), 0ms);
        budget.recordStart(t0 + 1001ms);
        QCOMPARE(budget.delayBeforeNext(t0 + 1050ms), 50ms); // the one from 100 ms leaves at 1100 ms
    }

    void defaultBudgetStaysUnderDocumentedLimit()
    {
        Api::RequestBudget budget;
        QVERIFY(budget.limit() < 600);
        QVERIFY(budget.limit() >= 300);
    }
};

QTEST_GUILESS_MAIN(TestApiRetry)
#include "tst_apiretry.moc"

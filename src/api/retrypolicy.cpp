#include "api/retrypolicy.h"

#include <QLocale>
#include <QNetworkReply>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Api {

std::chrono::milliseconds RetryPolicy::delayFor(
    int attempt, std::optional<std::chrono::milliseconds> retryAfter, double jitter) const
{
    if (retryAfter)
        return std::max(*retryAfter, std::chrono::milliseconds(0));
    const int exponent = std::clamp(attempt - 1, 0, 20);
    const double step = std::min(double(baseDelay.count()) * double(1LL << exponent), double(maxDelay.count()));
    const double delay = step / 2.0 + step / 2.0 * std::clamp(jitter, 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<qint64>(delay));
}

bool RetryPolicy::isRetryable(bool idempotent, int httpStatus, int qnetworkError)
{
    if (httpStatus == 429)
        return true;
    if (httpStatus == 502 || httpStatus == 503 || httpStatus == 504)
        return idempotent;
    if (httpStatus > 0)
        return false;
    switch (static_cast<QNetworkReply::NetworkError>(qnetworkError)) {
    case QNetworkReply::ConnectionRefusedError:
        return true; // nothing was sent
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
        return idempotent; // the request may have been received
    default:
        return false;
    }
}

std::optional<std::chrono::milliseconds> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional(std::chrono::milliseconds(seconds * 1000)) : std::nullopt;
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QDateTime parsed = QLocale::c().toDateTime(QString::fromLatin1(text), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!parsed.isValid())
        return std::nullopt;
    const QDateTime when(parsed.date(), parsed.time(), QTimeZone::utc());
    return std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(when)));
}

} // namespace Api

#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace Local {

// What the sandbox's HTTP front accepts, and how long it waits. Everything is checked from the request head
// (the request line and headers) before a byte of the body is read.
struct HttpLimits
{
    qsizetype maxHeadBytes = 16 * 1024; // request line + headers; more: 431
    qint64 maxBodyBytes = 1024 * 1024; // announced Content-Length above this: 413, body never read
    int idleTimeoutMs = 30000; // an open connection with no request started: closed
    int headTimeoutMs = 10000; // from a request's first byte to the end of its head: 408 and closed
    int bodyTimeoutMs = 30000; // from the end of the head to the end of the body: 408 and closed
    int lingerMs = 1000; // after a refusal, unread input is discarded for at most this long
    int maxConnections = 64; // more at once: 503 and closed
};

// The head of one HTTP/1.x request.
struct HttpHead
{
    QByteArray method;
    QByteArray target; // origin-form: /v1/…?…
    int minorVersion = 1; // HTTP/1.<minorVersion>
    QList<QPair<QByteArray, QByteArray>> headers; // names lower case, values trimmed
    qint64 contentLength = 0;
    bool keepAlive = true;

    QByteArray header(const QByteArray &lowerName) const;
    QString path() const; // percent-decoded
    QUrlQuery query() const;

    // Parses the head (without the blank line that ends it); nullopt when it is not valid HTTP/1.x.
    // `error` says what was wrong (never echoes header values).
    static std::optional<HttpHead> parse(const QByteArray &head, QString *error);
};

} // namespace Local

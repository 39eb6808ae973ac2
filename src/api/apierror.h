#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace Api {

// What went wrong with an API call, with enough to act on: HTTP status, the API's own code and message,
// and a sentence for the user. Never contains a token or a password.
struct ApiError
{
    enum class Kind {
        Network, // no HTTP answer: DNS, refused, reset, TLS
        Timeout, // no bytes moved for the transfer timeout
        Cancelled, // the caller cancelled, or its receiver went away
        Http, // the server answered with a status >= 400
        Parse, // the answer was not the JSON we expected
        NotSignedIn,
    };

    Kind kind = Kind::Network;
    int httpStatus = 0; // 0 when there was no HTTP answer
    QString apiCode; // e.g. "not_found", "invalid_token", "schema_mutation_blocked"
    QString message; // the server's (or Qt's) own text
    QString userText; // one sentence a user can act on
    QString detail; // technical context: request line, body snippet, parse path
    int networkError = 0; // QNetworkReply::NetworkError when kind is Network or Timeout
    int retryAfterSeconds = -1; // from a 429's Retry-After, when given

    // code: the API code, else "http_<status>", else the kind ("network", "timeout", "parse_error", ...).
    Core::Error toCoreError() const;
    QString toString() const { return toCoreError().toString(); }

    static ApiError fromCoreError(const Core::Error &error, Kind kind = Kind::Parse);
};

// Which credential a request carried; changes how a 401 or 404 is explained.
enum class AuthScheme { None, ServiceToken, OAuthToken };

// Builds the error for an HTTP answer >= 400 from its status, content type and body.
// requiredAccess names the service-token access the endpoint needs (for the 404 hint); may be empty.
ApiError httpError(int status, const QByteArray &contentType, const QByteArray &body, AuthScheme scheme,
    const QString &requiredAccess);

// Builds the error for a reply that failed below HTTP (QNetworkReply::NetworkError value).
ApiError networkError(int qnetworkError, const QString &qtMessage, const QString &host);
ApiError timeoutError(int timeoutMs);
ApiError cancelledError();

} // namespace Api

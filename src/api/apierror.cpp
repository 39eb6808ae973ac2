#include "api/apierror.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Api {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Api::ApiError", text);
}

// A short, single-line, tag-free excerpt of a body for the technical detail.
QString snippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(600));
    static const QRegularExpression tags(u"<[^>]*>"_s);
    static const QRegularExpression spaces(u"\\s+"_s);
    text.replace(tags, u" "_s);
    text.replace(spaces, u" "_s);
    text = text.trimmed();
    if (text.size() > 300)
        text = text.left(300) + u'…';
    return text;
}

QString kindCode(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::Network:
        return u"network"_s;
    case ApiError::Kind::Timeout:
        return u"timeout"_s;
    case ApiError::Kind::Cancelled:
        return u"cancelled"_s;
    case ApiError::Kind::Http:
        return u"http"_s;
    case ApiError::Kind::Parse:
        return u"parse_error"_s;
    case ApiError::Kind::NotSignedIn:
        return u"not_signed_in"_s;
    }
    return u"error"_s;
}

// Reads the three error shapes PlanetScale uses: {code, message}, {error, error_description} from the
// auth layer, and {errors:[{namespace, name, errors:[...]}]} from parameter validation.
void readErrorBody(const QJsonObject &object, ApiError &error)
{
    error.apiCode = object.value("code"_L1).toString();
    error.message = object.value("message"_L1).toString();
    if (error.apiCode.isEmpty() && object.value("error"_L1).isString()) {
        error.apiCode = object.value("error"_L1).toString();
        error.message = object.value("error_description"_L1).toString();
    }
    if (error.message.isEmpty() && object.value("errors"_L1).isArray()) {
        QStringList parts;
        const QJsonArray items = object.value("errors"_L1).toArray();
        for (const QJsonValue &item : items) {
            const QJsonObject o = item.toObject();
            QStringList messages;
            const QJsonArray texts = o.value("errors"_L1).toArray();
            for (const QJsonValue &t : texts)
                messages.append(t.toString());
            QString field = o.value("name"_L1).toString();
            if (!o.value("namespace"_L1).toString().isEmpty())
                field = o.value("namespace"_L1).toString() + u'.' + field;
            parts.append(field + u": "_s + messages.join(u", "_s));
        }
        error.message = parts.join(u"; "_s);
        if (error.apiCode.isEmpty())
            error.apiCode = u"invalid_params"_s;
    }
}

} // namespace

Core::Error ApiError::toCoreError() const
{
    QString code = apiCode;
    if (code.isEmpty())
        code = kind == Kind::Http ? u"http_"_s + QString::number(httpStatus) : kindCode(kind);
    QString technical = detail;
    if (!message.isEmpty() && message != userText)
        technical = technical.isEmpty() ? message : message + u"; "_s + technical;
    return Core::Error { code, userText.isEmpty() ? message : userText, technical };
}

ApiError ApiError::fromCoreError(const Core::Error &error, Kind kind)
{
    ApiError result;
    result.kind = kind;
    result.apiCode = kind == Kind::Parse ? QString() : error.code;
    result.message = error.message;
    result.userText = error.detail.isEmpty() ? error.message : error.message + u' ' + error.detail;
    result.detail = error.detail;
    return result;
}

ApiError httpError(
    int status, const QByteArray &contentType, const QByteArray &body, AuthScheme scheme, const QString &requiredAccess)
{
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.httpStatus = status;

    const bool isJson = contentType.toLower().contains("json");
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        readErrorBody(doc.object(), error);
    } else if (!body.trimmed().isEmpty()) {
        const QString type = contentType.isEmpty() ? u"no content type"_s : QString::fromLatin1(contentType);
        const QString what = (isJson ? tr("a malformed JSON body") : tr("a non-JSON body")) + u" ("_s + type + u')';
        error.detail = tr("HTTP %1 with %2: %3").arg(status).arg(what, snippet(body));
    }

    const bool serviceToken = scheme == AuthScheme::ServiceToken;
    switch (status) {
    case 401:
        if (error.apiCode == "invalid_token"_L1 && scheme == AuthScheme::OAuthToken) {
            error.userText = tr("Your PlanetScale sign-in has expired or was revoked. Run 'pscale auth login' "
                                "(or sign in again) to get a new access token.");
        } else if (serviceToken) {
            error.userText = tr("PlanetScale refused the service token: it is wrong, expired or deleted. Check "
                                "the token ID and token (PLANETSCALE_SERVICE_TOKEN_ID / "
                                "PLANETSCALE_SERVICE_TOKEN), or create a new service token.");
        } else if (error.apiCode == "invalid_token"_L1) {
            error.userText = tr("The access token has expired or is invalid. Run 'pscale auth login' to renew it.");
        } else {
            error.userText = tr("PlanetScale needs you to sign in (HTTP 401). Sign in, or run 'pscale auth login'.");
        }
        break;
    case 403:
        error.userText = tr("PlanetScale does not allow this for your account or token (HTTP 403).");
        break;
    case 404:
        error.userText = tr("Not found: the organization, database, branch or deploy request does not exist "
                            "(or no longer exists).");
        if (serviceToken) {
            error.userText += u' '
                + (requiredAccess.isEmpty()
                        ? tr("With a service token this can also mean the token lacks the access needed here.")
                        : tr("With a service token this can also mean the token lacks the '%1' access "
                             "for this database.")
                              .arg(requiredAccess));
        }
        break;
    case 429:
        error.userText = tr("PlanetScale is limiting the request rate (HTTP 429). Wait a moment and try again.");
        break;
    default:
        if (status >= 500) {
            error.userText = tr("PlanetScale had a problem answering (HTTP %1). Try again shortly.").arg(status);
        } else if (!error.message.isEmpty()) {
            error.userText = error.message; // 400/409/422: the server's text is the best explanation
        } else {
            error.userText = tr("PlanetScale rejected the request (HTTP %1).").arg(status);
        }
        break;
    }
    if (!error.message.isEmpty() && status != 401 && error.userText != error.message && status < 500)
        error.userText += u' ' + tr("The server said: %1").arg(error.message);
    if (error.detail.isEmpty() && error.message.isEmpty() && !contentType.isEmpty() && !isJson)
        error.detail = tr("HTTP %1 with content type %2").arg(status).arg(QString::fromLatin1(contentType));
    return error;
}

ApiError networkError(int qnetworkError, const QString &qtMessage, const QString &host)
{
    ApiError error;
    error.kind = ApiError::Kind::Network;
    error.networkError = qnetworkError;
    error.message = qtMessage;
    switch (static_cast<QNetworkReply::NetworkError>(qnetworkError)) {
    case QNetworkReply::HostNotFoundError:
        error.userText = tr("Cannot find %1: check the network connection and the API address.").arg(host);
        break;
    case QNetworkReply::ConnectionRefusedError:
        error.userText = tr("%1 refused the connection: is the API address right and the server running?").arg(host);
        break;
    case QNetworkReply::RemoteHostClosedError:
        error.userText = tr("The connection to %1 was closed before the answer was complete.").arg(host);
        break;
    case QNetworkReply::ContentReSendError:
        error.userText = tr("The connection to %1 broke after the request was sent. It was not sent again, since "
                            "the server may have carried it out: check before trying again.")
                             .arg(host);
        break;
    case QNetworkReply::InsecureRedirectError:
        error.userText = tr("%1 redirected to another host; the redirect was not followed so that credentials "
                            "stay with the API host. Check the API address.")
                             .arg(host);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        error.userText = tr("A secure connection to %1 could not be established.").arg(host);
        break;
    case QNetworkReply::TooManyRedirectsError:
        error.userText = tr("%1 redirected too many times.").arg(host);
        break;
    default:
        error.userText = tr("The request to %1 failed: %2").arg(host, qtMessage);
        break;
    }
    return error;
}

ApiError timeoutError(int timeoutMs)
{
    ApiError error;
    error.kind = ApiError::Kind::Timeout;
    error.networkError = QNetworkReply::OperationCanceledError;
    error.userText = tr("The server did not answer within %1 seconds.").arg(qMax(1, timeoutMs / 1000));
    error.message = u"transfer timeout after %1 ms"_s.arg(timeoutMs);
    return error;
}

ApiError cancelledError()
{
    ApiError error;
    error.kind = ApiError::Kind::Cancelled;
    error.networkError = QNetworkReply::OperationCanceledError;
    error.userText = tr("The request was cancelled.");
    return error;
}

} // namespace Api

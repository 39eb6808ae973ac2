#include "api/apirequest.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Api {

ApiRequest ApiRequest::get(QStringList segments, QString access)
{
    ApiRequest r;
    r.pathSegments = std::move(segments);
    r.requiredAccess = std::move(access);
    return r;
}

ApiRequest ApiRequest::post(QStringList segments, std::optional<QJsonObject> body, QString access)
{
    ApiRequest r = get(std::move(segments), std::move(access));
    r.method = "POST";
    r.body = std::move(body);
    return r;
}

ApiRequest ApiRequest::put(QStringList segments, QJsonObject body, QString access)
{
    ApiRequest r = post(std::move(segments), std::move(body), std::move(access));
    r.method = "PUT";
    return r;
}

ApiRequest ApiRequest::patch(QStringList segments, QJsonObject body, QString access)
{
    ApiRequest r = post(std::move(segments), std::move(body), std::move(access));
    r.method = "PATCH";
    return r;
}

ApiRequest ApiRequest::del(QStringList segments, QString access)
{
    ApiRequest r = get(std::move(segments), std::move(access));
    r.method = "DELETE";
    return r;
}

QString ApiRequest::encodedPath() const
{
    QStringList encoded;
    encoded.reserve(pathSegments.size());
    for (const QString &segment : pathSegments)
        encoded.append(QString::fromLatin1(QUrl::toPercentEncoding(segment)));
    return encoded.join(u'/');
}

bool ApiRequest::isIdempotent() const
{
    return method == "GET" || method == "PUT" || method == "DELETE" || method == "HEAD";
}

} // namespace Api

#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace Api {

// One API call as the resource classes describe it; ApiClient turns it into a QNetworkRequest.
// (Plays the part of Qt 6.7's QNetworkRequestFactory, which the Qt 6.4 floor does not have.)
struct ApiRequest
{
    QByteArray method = "GET";
    QStringList pathSegments; // unencoded, e.g. {"organizations", org, "databases"}
    QUrlQuery query;
    std::optional<QJsonObject> body; // sent as JSON; non-GET requests get a Content-Type either way
    QString requiredAccess; // service-token access the endpoint needs, for the 404 hint

    static ApiRequest get(QStringList segments, QString access = {});
    static ApiRequest post(QStringList segments, std::optional<QJsonObject> body, QString access = {});
    static ApiRequest put(QStringList segments, QJsonObject body, QString access = {});
    static ApiRequest patch(QStringList segments, QJsonObject body, QString access = {});
    static ApiRequest del(QStringList segments, QString access = {});

    // Percent-encoded path relative to the base URL ("organizations/acme/databases").
    QString encodedPath() const;
    // GET, PUT, DELETE, HEAD: the same request twice has the same effect, so a retry is always safe.
    bool isIdempotent() const;
};

} // namespace Api

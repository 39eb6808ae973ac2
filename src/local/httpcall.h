#pragma once

#include "core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

namespace Local {

// One API request as the handlers see it: method, path segments below /v1, query, JSON body.
struct HttpCall
{
    QString method; // GET, POST, PUT, PATCH, DELETE
    QStringList segments;
    QUrlQuery query;
    QJsonObject body;
    bool bodyIsValid = true;
};

// The answer: HTTP status and a JSON body (an undefined body is sent as 204 No Content).
struct HttpAnswer
{
    int status = 200;
    QJsonValue body;
    QString route; // the OpenAPI path template that matched, e.g. /organizations/{organization}

    static HttpAnswer json(QJsonObject object, int status = 200) { return { status, std::move(object), {} }; }
    static HttpAnswer noContent() { return { 204, QJsonValue(QJsonValue::Undefined), {} }; }
    // The API's error shape {code, message}.
    static HttpAnswer error(int status, const QString &code, const QString &message)
    {
        return { status, QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } }, {} };
    }
    static HttpAnswer notFound() { return error(404, QStringLiteral("not_found"), QStringLiteral("Not Found")); }
    static HttpAnswer unprocessable(const QString &message)
    {
        return error(422, QStringLiteral("unprocessable"), message);
    }
    static HttpAnswer badRequest(const QString &message) { return error(400, QStringLiteral("bad_request"), message); }
    static HttpAnswer internal(const QString &message) { return error(500, QStringLiteral("internal"), message); }
    // An error from below: 503 (try again) while the database server is away, 500 otherwise.
    static HttpAnswer failure(const Core::Error &e)
    {
        if (e.code == QStringLiteral("unavailable"))
            return error(503, QStringLiteral("unavailable"),
                QStringLiteral("The sandbox's database server is not reachable right now; try again shortly."));
        return internal(e.message);
    }
};

// The API's page envelope: {type:"list", current_page, next_page, prev_page, …, data:[…]}. `items` is the
// whole filtered list; page and per_page come from the query (default 1 and 25, at most 100).
QJsonObject listEnvelope(const QJsonArray &items, const QUrlQuery &query);

} // namespace Local

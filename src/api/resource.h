#pragma once

#include "api/apiclient.h"
#include "api/commonparsers.h"
#include "api/jsonreader.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <utility>

namespace Api {

// Base of the endpoint-family classes: turns raw JSON answers into typed values with the pure parsers.
// A resource is a light handle over a shared ApiClient; create one where it is needed.
class Resource
{
public:
    template<typename T> using Callback = std::function<void(ApiResult<T>)>;

    explicit Resource(ApiClient *client)
        : m_client(client)
    { }
    ApiClient *client() const { return m_client; }

protected:
    template<typename T> using Reader = T (*)(JsonReader &);

    static QStringList databasePath(const QString &org, const QString &db)
    {
        return { QStringLiteral("organizations"), org, QStringLiteral("databases"), db };
    }
    static QStringList branchPath(const QString &org, const QString &db, const QString &branch)
    {
        return databasePath(org, db) << QStringLiteral("branches") << branch;
    }

    template<typename T>
    RequestId object(const ApiRequest &request, QObject *context, Reader<T> read, const QString &rootName,
        Callback<T> callback) const
    {
        return m_client->send(
            request, context, [read, rootName, callback = std::move(callback)](ApiResult<QJsonValue> r) {
                if (!r)
                    return callback(ApiResult<T>(r.error(), r.requestId()));
                Core::Result<T> parsed = readObject<T>(r.value(), rootName, read);
                if (!parsed)
                    return callback(ApiResult<T>(ApiError::fromCoreError(parsed.error()), r.requestId()));
                callback(ApiResult<T>(std::move(parsed).value(), r.requestId()));
            });
    }

    // All pages of a list endpoint.
    template<typename T>
    RequestId list(const ApiRequest &request, QObject *context, Reader<T> read, const QString &rootName,
        Callback<QList<T>> callback) const
    {
        return m_client->fetchAll(
            request, context, [read, rootName, callback = std::move(callback)](ApiResult<QJsonArray> r) {
                if (!r)
                    return callback(ApiResult<QList<T>>(r.error(), r.requestId()));
                Core::Result<QList<T>> parsed = Parsers::parseItems<T>(r.value(), rootName, read);
                if (!parsed)
                    return callback(ApiResult<QList<T>>(ApiError::fromCoreError(parsed.error()), r.requestId()));
                callback(ApiResult<QList<T>>(std::move(parsed).value(), r.requestId()));
            });
    }

    // {data:[{name, raw, html}]} answers (schema and diffs): one object, not paginated.
    RequestId tableDdl(const ApiRequest &request, QObject *context, Callback<QList<Core::TableDdl>> callback) const
    {
        return m_client->send(request, context, [callback = std::move(callback)](ApiResult<QJsonValue> r) {
            if (!r)
                return callback(ApiResult<QList<Core::TableDdl>>(r.error(), r.requestId()));
            auto parsed = Parsers::parseTableDdlList(r.value());
            if (!parsed)
                return callback(
                    ApiResult<QList<Core::TableDdl>>(ApiError::fromCoreError(parsed.error()), r.requestId()));
            callback(ApiResult<QList<Core::TableDdl>>(std::move(parsed).value(), r.requestId()));
        });
    }

    // Actions whose answer body does not matter (204, or a body the caller has no use for).
    RequestId noContent(const ApiRequest &request, QObject *context, Callback<NoContent> callback) const
    {
        return m_client->send(request, context, [callback = std::move(callback)](ApiResult<QJsonValue> r) {
            if (!r)
                return callback(ApiResult<NoContent>(r.error(), r.requestId()));
            callback(ApiResult<NoContent>(NoContent {}, r.requestId()));
        });
    }

private:
    ApiClient *m_client;
};

} // namespace Api

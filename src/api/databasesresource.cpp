#include "api/databasesresource.h"

#include "api/databaseparser.h"

using namespace Qt::StringLiterals;

namespace Api {

RequestId DatabasesResource::list(
    const QString &org, QObject *context, Callback<QList<Core::Database>> callback, const QString &search) const
{
    ApiRequest request = ApiRequest::get({ u"organizations"_s, org, u"databases"_s }, u"read_database"_s);
    if (!search.isEmpty())
        request.query.addQueryItem(u"q"_s, search);
    return Resource::list<Core::Database>(request, context, Parsers::readDatabase, u"databases"_s, std::move(callback));
}

RequestId DatabasesResource::get(
    const QString &org, const QString &db, QObject *context, Callback<Core::Database> callback) const
{
    return object<Core::Database>(ApiRequest::get(databasePath(org, db), u"read_database"_s), context,
        Parsers::readDatabase, u"database"_s, std::move(callback));
}

} // namespace Api

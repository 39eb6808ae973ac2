#include "api/insightsresource.h"

#include "api/queryerrorparser.h"
#include "api/querypatternparser.h"

using namespace Qt::StringLiterals;

namespace Api {

ApiRequest InsightsResource::request(const QStringList &segments, const InsightsQuery &query, bool withType)
{
    ApiRequest request = ApiRequest::get(segments, u"read_database"_s);
    const std::pair<QString, const QString *> filters[] = { { u"period"_s, &query.period }, { u"from"_s, &query.from },
        { u"to"_s, &query.to }, { u"sort"_s, &query.sort }, { u"dir"_s, &query.dir }, { u"q"_s, &query.q },
        { u"tablet_type"_s, &query.tabletType }, { u"type"_s, &query.type } };
    for (const auto &[name, value] : filters) {
        if (!value->isEmpty() && (withType || name != u"type"_s))
            request.query.addQueryItem(name, *value);
    }
    return request;
}

RequestId InsightsResource::listQueries(const QString &org, const QString &db, const QString &branch,
    const InsightsQuery &query, QObject *context, Callback<QList<Core::QueryPattern>> callback) const
{
    return Resource::list<Core::QueryPattern>(request(branchPath(org, db, branch) << u"insights"_s, query, true),
        context, Parsers::readQueryPattern, u"query patterns"_s, std::move(callback));
}

RequestId InsightsResource::listErrors(const QString &org, const QString &db, const QString &branch,
    const InsightsQuery &query, QObject *context, Callback<QList<Core::QueryError>> callback) const
{
    return Resource::list<Core::QueryError>(
        request(branchPath(org, db, branch) << u"insights"_s << u"errors"_s, query, false), context,
        Parsers::readQueryError, u"query errors"_s, std::move(callback));
}

} // namespace Api

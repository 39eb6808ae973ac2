#include "api/insightsresource.h"

#include "api/querypatternparser.h"

using namespace Qt::StringLiterals;

namespace Api {

RequestId InsightsResource::listQueries(const QString &org, const QString &db, const QString &branch,
    const InsightsQuery &query, QObject *context, Callback<QList<Core::QueryPattern>> callback) const
{
    ApiRequest request = ApiRequest::get(branchPath(org, db, branch) << u"insights"_s, u"read_database"_s);
    const std::pair<QString, const QString *> filters[] = { { u"period"_s, &query.period }, { u"from"_s, &query.from },
        { u"to"_s, &query.to }, { u"sort"_s, &query.sort }, { u"dir"_s, &query.dir }, { u"q"_s, &query.q },
        { u"tablet_type"_s, &query.tabletType }, { u"type"_s, &query.type } };
    for (const auto &[name, value] : filters) {
        if (!value->isEmpty())
            request.query.addQueryItem(name, *value);
    }
    return Resource::list<Core::QueryPattern>(
        request, context, Parsers::readQueryPattern, u"query patterns"_s, std::move(callback));
}

} // namespace Api

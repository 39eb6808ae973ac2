#include "local/organizationshandler.h"

#include "local/jsonviews.h"
#include "local/metastore.h"

using namespace Qt::StringLiterals;

namespace Local {

HttpAnswer OrganizationsHandler::handle(const HttpCall &call)
{
    if (call.method != u"GET"_s)
        return HttpAnswer::notFound();
    SqlSession &s = *m_services.session;
    auto row = s.queryRow(
        u"SELECT COUNT(*) AS n, MIN(created_at) AS first FROM "_s + m_services.meta->table(u"databases"_s));
    if (!row)
        return HttpAnswer::internal(row.error().message);
    QString created = row->value(u"first"_s);
    if (created.isNull())
        created = u"2024-01-01 00:00:00.000"_s;
    const QJsonObject org = m_services.views->organization(row->value(u"n"_s).toLongLong(), created);
    HttpAnswer answer;
    if (call.segments.size() == 1) {
        answer = HttpAnswer::json(listEnvelope(QJsonArray { org }, call.query));
        answer.route = u"/organizations"_s;
    } else if (call.segments.at(1) == JsonViews::organizationName()) {
        answer = HttpAnswer::json(org);
        answer.route = u"/organizations/{organization}"_s;
    } else {
        answer = HttpAnswer::notFound();
    }
    return answer;
}

} // namespace Local

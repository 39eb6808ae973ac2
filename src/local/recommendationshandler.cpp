#include "local/recommendationshandler.h"

#include "local/jsonviews.h"
#include "local/metastore.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

const QString route = u"/organizations/{organization}/databases/{database}/schema-recommendations"_s;

} // namespace

HttpAnswer RecommendationsHandler::handle(const HttpCall &call)
{
    const QStringList &s = call.segments; // organizations/local/databases/{db}/schema-recommendations/...
    auto database = m_services.meta->database(s[3]);
    if (!database)
        return HttpAnswer::failure(database.error());
    if (!*database || s.size() > 7)
        return HttpAnswer::notFound();
    // Every look sees the default branch as it is now: new findings open, deployed ones close.
    if (auto refreshed = m_store.refresh(**database); !refreshed)
        return HttpAnswer::failure(refreshed.error());
    HttpAnswer answer = HttpAnswer::notFound();
    if (s.size() == 5) {
        if (call.method == u"GET"_s)
            answer = list(call, s[3]);
        answer.route = route;
        return answer;
    }
    bool isNumber = false;
    const qint64 number = s[5].toLongLong(&isNumber);
    if (!isNumber)
        return answer;
    auto row = m_store.row(s[3], number);
    if (!row)
        return HttpAnswer::failure(row.error());
    if (!*row)
        return answer;
    if (s.size() == 6 && call.method == u"GET"_s) {
        answer = HttpAnswer::json(json(**row));
        answer.route = route + u"/{number}"_s;
    } else if (s.size() == 7 && s[6] == u"dismiss"_s && call.method == u"POST"_s) {
        answer = dismiss(call, **row);
        answer.route = route + u"/{number}/dismiss"_s;
    }
    return answer;
}

HttpAnswer RecommendationsHandler::list(const HttpCall &call, const QString &database)
{
    // state=open: the open ones; state=closed: every other (applied, dismissed, stale).
    const QString state = call.query.queryItemValue(u"state"_s);
    QString where;
    if (state == u"open"_s)
        where = u"state = 'open'"_s;
    else if (state == u"closed"_s)
        where = u"state <> 'open'"_s;
    else if (!state.isEmpty())
        return HttpAnswer::unprocessable(u"\"state\" must be open or closed."_s);
    auto rows = m_store.rows(database, where);
    if (!rows)
        return HttpAnswer::failure(rows.error());
    QJsonArray items;
    for (const Row &row : *rows)
        items.append(json(row));
    return HttpAnswer::json(listEnvelope(items, call.query));
}

HttpAnswer RecommendationsHandler::dismiss(const HttpCall &call, const Row &recommendation)
{
    const QJsonValue reason = call.body.value(u"reason"_s);
    if (!reason.isUndefined() && !reason.isNull() && !reason.isString())
        return HttpAnswer::unprocessable(u"\"reason\" must be a string."_s);
    if (reason.toString().size() > 500)
        return HttpAnswer::unprocessable(u"\"reason\" is longer than 500 characters."_s);
    if (recommendation.value(u"state"_s) != u"open"_s)
        return HttpAnswer::unprocessable(u"Recommendation #"_s + recommendation.value(u"number"_s) + u" is "_s
            + recommendation.value(u"state"_s) + u"; only an open one can be dismissed."_s);
    if (auto done = m_store.dismiss(recommendation, reason.toString()); !done)
        return HttpAnswer::failure(done.error());
    auto fresh = m_store.row(recommendation.value(u"database_name"_s), recommendation.value(u"number"_s).toLongLong());
    if (!fresh || !*fresh)
        return fresh ? HttpAnswer::notFound() : HttpAnswer::failure(fresh.error());
    return HttpAnswer::json(json(**fresh));
}

QJsonObject RecommendationsHandler::json(const Row &row) const
{
    const QString closedBy = row.value(u"closed_by_request_id"_s);
    const QJsonValue closing = closedBy.isEmpty()
        ? QJsonValue()
        : QJsonObject { { u"id"_s, closedBy }, { u"branch_id"_s, row.value(u"closed_by_branch_id"_s) },
              { u"number"_s, row.value(u"closed_by_number"_s).toLongLong() } };
    const bool dismissed = row.value(u"state"_s) == u"dismissed"_s;
    return { { u"id"_s, row.value(u"id"_s) },
        { u"html_url"_s,
            QString(m_services.views->databaseUrl(row.value(u"database_name"_s)) + u"/schema-recommendations/"_s
                + row.value(u"number"_s)) },
        { u"title"_s, row.value(u"title"_s) }, { u"table_name"_s, row.value(u"table_name"_s) },
        // One unsharded keyspace per database, named after it.
        { u"keyspace"_s, row.value(u"database_name"_s) }, { u"ddl_statement"_s, row.value(u"ddl_statement"_s) },
        { u"number"_s, row.value(u"number"_s).toLongLong() }, { u"state"_s, row.value(u"state"_s) },
        { u"recommendation_type"_s, row.value(u"recommendation_type"_s) },
        { u"created_at"_s, JsonViews::timestamp(row.value(u"created_at"_s)) },
        { u"updated_at"_s, JsonViews::timestamp(row.value(u"updated_at"_s)) },
        { u"applied_at"_s, JsonViews::timestamp(row.value(u"applied_at"_s)) },
        { u"dismissed_at"_s, JsonViews::timestamp(row.value(u"dismissed_at"_s)) },
        { u"closed_by_deploy_request"_s, closing },
        { u"dismissed_by"_s, dismissed ? QJsonValue(JsonViews::actor()) : QJsonValue() } };
}

} // namespace Local

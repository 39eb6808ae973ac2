#include "local/httpcall.h"

using namespace Qt::StringLiterals;

namespace Local {

QJsonObject listEnvelope(const QJsonArray &items, const QUrlQuery &query)
{
    bool ok = false;
    qsizetype page = query.queryItemValue(u"page"_s).toLongLong(&ok);
    if (!ok || page < 1)
        page = 1;
    qsizetype perPage = query.queryItemValue(u"per_page"_s).toLongLong(&ok);
    if (!ok || perPage < 1)
        perPage = 25;
    perPage = qMin<qsizetype>(perPage, 100);
    QJsonArray data;
    const qsizetype first = (page - 1) * perPage;
    for (qsizetype i = first; i < items.size() && i < first + perPage; ++i)
        data.append(items.at(i));
    const bool hasNext = first + perPage < items.size();
    return QJsonObject {
        { u"type"_s, u"list"_s },
        { u"current_page"_s, page },
        { u"per_page"_s, perPage },
        { u"next_page"_s, hasNext ? QJsonValue(page + 1) : QJsonValue() },
        { u"next_page_url"_s, QJsonValue() },
        { u"prev_page"_s, page > 1 ? QJsonValue(page - 1) : QJsonValue() },
        { u"prev_page_url"_s, QJsonValue() },
        // Only some endpoints (passwords) declare these; sending them everywhere is harmless.
        { u"total_count"_s, items.size() },
        { u"total_pages"_s, qMax<qsizetype>(1, (items.size() + perPage - 1) / perPage) },
        { u"data"_s, data },
    };
}

} // namespace Local

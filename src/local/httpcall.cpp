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
    // A page past the end is empty; (page - 1) * per_page is never computed for it, so a huge page number
    // cannot overflow.
    const qsizetype pages = (items.size() + perPage - 1) / perPage;
    const qsizetype first = page - 1 < pages ? (page - 1) * perPage : items.size();
    for (qsizetype i = first; i < items.size() && i - first < perPage; ++i)
        data.append(items.at(i));
    const bool hasNext = items.size() - first > perPage;
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

#pragma once

#include "api/jsonreader.h"
#include "core/actor.h"
#include "core/linterror.h"
#include "core/region.h"
#include "core/result.h"
#include "core/tableddl.h"

#include <QJsonArray>
#include <QList>

#include <functional>
#include <optional>

namespace Api {

// The envelope of a page-paginated list: {type, current_page, next_page, total_count, data: [...]}.
struct Page
{
    qint64 currentPage = 1;
    std::optional<qint64> nextPage; // null on the last page
    std::optional<qint64> totalCount;
    std::optional<qint64> totalPages;
    QJsonArray data;
};

namespace Parsers {

Core::Actor readActor(JsonReader &r);
Core::Region readRegion(JsonReader &r);
Core::TableDdl readTableDdl(JsonReader &r);
Core::LintError readLintError(JsonReader &r);

Core::Result<Page> parsePage(const QJsonValue &json);

// {data:[{name, raw, html}]}: branch schema, branch diff and deploy-request diff.
Core::Result<QList<Core::TableDdl>> parseTableDdlList(const QJsonValue &json);

// Parses the items of a list (already collected from all pages); rootName names them in errors.
template<typename T>
Core::Result<QList<T>> parseItems(
    const QJsonArray &items, const QString &rootName, const std::function<T(JsonReader &)> &read)
{
    QList<T> result;
    result.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        Core::Result<T> item = readObject<T>(items.at(i), rootName + u'[' + QString::number(i) + u']', read);
        if (!item)
            return item.error();
        result.append(std::move(item).value());
    }
    return result;
}

} // namespace Parsers
} // namespace Api

#pragma once

#include "core/result.h"
#include "core/resultfilter.h"
#include "core/resultsorter.h"

namespace Core {

// Sorting and filtering done by the server instead: the statement becomes a derived table with the grid's
// conditions as WHERE and its sort keys as ORDER BY, for a result the memory cap cut short (the server sees
// every row) or on request. Values are spelled by SqlLiteral (safe under any sql_mode), names quoted; NULL
// placement is explicit (IS NULL first or last), text by bytes is CAST(… AS BINARY), ignoring case LOWER(…).
class ServerQuery
{
public:
    // The statement must be a query (SELECT, WITH, VALUES, TABLE or a parenthesised one).
    static Result<QString> wrap(const QString &statement, const QList<ColumnInfo> &columns, const QList<SortKey> &keys,
        const FilterSpec &filter);
};

} // namespace Core

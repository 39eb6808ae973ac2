#pragma once

#include "core/cancelflag.h"
#include "core/result.h"
#include "core/resultchunks.h"

#include <memory>
#include <vector>

namespace Core {

// Summary of the selected cells of one column. Minimum and maximum follow the column's type and collation;
// sum and average are exact for integers and decimals (average with four more decimals, as MySQL's AVG),
// double precision for floating point, absent for other types.
struct ColumnStats
{
    int column = 0;
    qsizetype count = 0; // selected cells, NULLs included
    qsizetype nulls = 0;
    qsizetype distinct = 0; // distinct non-NULL values
    QByteArray minimum; // null when every cell is NULL
    QByteArray maximum;
    QString sum; // empty when the column is not numeric or every cell is NULL
    QString average;
};

// The cells of one column in a selection: ranges of view rows, mapped through the view's order.
struct ColumnSelection
{
    int column = 0;
    std::vector<std::pair<quint32, quint32>> viewRows; // inclusive ranges
};

class ColumnStatistics
{
public:
    using Order = std::shared_ptr<const std::vector<quint32>>; // view row -> source row; null: identity

    static Result<QList<ColumnStats>> compute(const ResultChunks &rows, const Order &order,
        const QList<ColumnSelection> &selection, const CancelFlag &cancel);
};

} // namespace Core

#pragma once

#include "core/cancelflag.h"
#include "core/result.h"
#include "core/resultchunks.h"

#include <vector>

namespace Core {

enum class FilterOp : quint8 {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
    NotContains,
    IsNull,
    IsNotNull,
    Matches, // regular expression (PCRE, case-insensitive)
};

// A condition on one column. Comparisons follow the column's type (numbers as numbers, dates as dates,
// text by the column's collation); as in SQL, NULL satisfies only IS NULL (and NOT CONTAINS never).
struct ColumnCondition
{
    int column = 0;
    FilterOp op = FilterOp::Equal;
    QString value;

    bool operator==(const ColumnCondition &other) const = default;
};

// What rows to keep: those with `text` in any column (case-insensitive; empty keeps all) that satisfy
// every condition.
struct FilterSpec
{
    QString text;
    QList<ColumnCondition> conditions;

    bool isEmpty() const { return text.isEmpty() && conditions.isEmpty(); }
    // Whether every row this spec keeps is also kept by `previous`, so only its matches need a look.
    bool refines(const FilterSpec &previous) const;
    bool operator==(const FilterSpec &other) const = default;
};

// Finds the rows of a result that pass a filter, on a worker thread, in parallel over batches: substring
// search scans each column's byte arena at once instead of cell by cell.
class ResultFilter
{
public:
    using Rows = std::vector<quint32>; // source rows, ascending

    // The rows that pass. With `candidates`, rows below `candidatesEnd` are looked at only if they are in
    // it (the matches of a spec this one refines); rows from `candidatesEnd` on are all looked at.
    static Result<Rows> filter(const ResultChunks &rows, const FilterSpec &spec, const CancelFlag &cancel,
        const Rows *candidates = nullptr, qsizetype candidatesEnd = 0);

    // Checks a spec against the columns (valid column, parsable operand, valid regular expression).
    static Result<void> validate(const FilterSpec &spec, const QList<ColumnInfo> &columns);
    static QString operatorText(FilterOp op);
};

} // namespace Core

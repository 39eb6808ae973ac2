#pragma once

#include "core/cancelflag.h"
#include "core/cellcomparator.h"
#include "core/result.h"
#include "core/resultchunks.h"

#include <vector>

namespace Core {

// Where NULLs go: as the smallest value (first ascending, last descending; MySQL's ORDER BY), or always
// first, or always last.
enum class NullOrder : quint8 { Smallest, First, Last };

struct SortKey
{
    int column = 0;
    Qt::SortOrder order = Qt::AscendingOrder;
    NullOrder nulls = NullOrder::Smallest;
    TextOrder text = TextOrder::Column;

    bool operator==(const SortKey &other) const = default;
};

// Orders the rows of a result by one or more columns (the first key most significant), stably, by each
// column's type (CellComparator). Runs on a worker thread: it reads an immutable snapshot, never copies a
// cell, polls the cancel flag, and returns a permutation (view row -> source row). Keys are extracted in
// parallel; exact 64-bit keys (numbers, dates, times) are radix-sorted, text by an 8-byte prefix after the
// column's common prefix, with ties settled by a full comparison.
class ResultSorter
{
public:
    using Permutation = std::vector<quint32>;

    // All rows of `rows`.
    static Result<Permutation> sort(const ResultChunks &rows, const QList<SortKey> &keys, const CancelFlag &cancel);
    // Only the rows in `order`; rows that compare equal keep their order in it.
    static Result<Permutation> sort(
        const ResultChunks &rows, Permutation order, const QList<SortKey> &keys, const CancelFlag &cancel);

    static Error cancelledError();
};

} // namespace Core

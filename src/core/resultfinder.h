#pragma once

#include "core/cancelflag.h"
#include "core/result.h"
#include "core/resultchunks.h"

#include <memory>
#include <vector>

namespace Core {

// A cell found by ResultFinder: its row in the view and its column (logical index).
struct CellRef
{
    quint32 row = 0;
    quint32 column = 0;
    bool operator==(const CellRef &other) const = default;
};

// Finds every cell that contains a text, in the order the grid shows them (view rows top to bottom, columns
// in their visual order), for Ctrl+F's next/previous and its match count. Scans each column's arena once.
class ResultFinder
{
public:
    using Order = std::shared_ptr<const std::vector<quint32>>; // view row -> source row; null: identity
    static constexpr qsizetype MatchLimit = 1'000'000;

    // Stops after MatchLimit matches. Binary columns are not searched (they show as hex).
    static Result<std::vector<CellRef>> find(const ResultChunks &rows, const Order &order, const QList<int> &columns,
        const QString &text, Qt::CaseSensitivity cs, const CancelFlag &cancel);
};

} // namespace Core

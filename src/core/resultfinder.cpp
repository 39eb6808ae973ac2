#include "core/resultfinder.h"

#include "core/backgroundjobs.h"
#include "core/resultsorter.h"
#include "core/textsearcher.h"

#include <atomic>

namespace Core {

namespace {

// One bit per source row: whether the column's cell contains the text.
using Bits = std::vector<quint64>;

void markMatches(const ResultChunks &rows, int column, const TextSearcher &searcher, Bits &bits, size_t first,
    size_t last, const CancelFlag &cancel)
{
    for (size_t c = first; c < last && !cancel.isCancelled(); ++c) {
        const ResultSet &chunk = rows.chunk(c);
        const auto base = size_t(rows.chunkStart(c));
        auto mark = [&](qsizetype row) {
            const size_t r = base + size_t(row);
            // Chunks on other threads may share a word at their edges.
            std::atomic_ref<quint64>(bits[r >> 6]).fetch_or(quint64(1) << (r & 63), std::memory_order_relaxed);
        };
        if (!searcher.isBytewise()) {
            for (qsizetype r = 0; r < chunk.rowCount(); ++r)
                if (!chunk.isNull(r, column) && searcher.contains(chunk.cell(r, column)))
                    mark(r);
            continue;
        }
        const QByteArrayView arena = chunk.columnBytes(column);
        qsizetype pos = 0;
        while ((pos = searcher.indexIn(arena, pos)) >= 0) {
            const qsizetype row = chunk.rowAtOffset(column, pos);
            const QByteArrayView cell = chunk.cell(row, column);
            const qsizetype cellEnd = (cell.data() - arena.data()) + cell.size();
            if (pos + searcher.length() <= cellEnd) {
                mark(row);
                pos = cellEnd;
            } else {
                ++pos;
            }
        }
    }
}

} // namespace

Result<std::vector<CellRef>> ResultFinder::find(const ResultChunks &rows, const Order &order, const QList<int> &columns,
    const QString &text, Qt::CaseSensitivity cs, const CancelFlag &cancel)
{
    std::vector<CellRef> out;
    if (text.isEmpty())
        return out;
    const TextSearcher searcher(text, cs);
    std::vector<int> searched;
    for (const int c : columns) {
        if (c < 0 || c >= rows.columnCount())
            continue;
        const auto kind = rows.columns().at(c).kind;
        if (kind != ColumnKind::Binary && kind != ColumnKind::Bit)
            searched.push_back(c);
    }
    std::vector<Bits> bits(searched.size(), Bits((size_t(rows.rowCount()) + 63) / 64, 0));
    BackgroundJobs::parallelFor(rows.chunkCount(), [&](size_t first, size_t last) {
        for (size_t i = 0; i < searched.size(); ++i)
            markMatches(rows, searched[i], searcher, bits[i], first, last, cancel);
    });
    if (cancel.isCancelled())
        return ResultSorter::cancelledError();
    const size_t viewRows = order ? order->size() : size_t(rows.rowCount());
    for (size_t v = 0; v < viewRows && qsizetype(out.size()) < MatchLimit; ++v) {
        const size_t row = order ? (*order)[v] : v;
        for (size_t i = 0; i < searched.size(); ++i) {
            if ((bits[i][row >> 6] >> (row & 63)) & 1)
                out.push_back(CellRef { quint32(v), quint32(searched[i]) });
        }
        if ((v & 0xffff) == 0 && cancel.isCancelled())
            return ResultSorter::cancelledError();
    }
    return out;
}

} // namespace Core

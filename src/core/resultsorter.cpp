#include "core/resultsorter.h"

#include "core/backgroundjobs.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

struct Entry
{
    quint64 key;
    quint32 row;
};

// LSD radix sort by key, 8 bits at a time, skipping digits every key shares. Stable.
bool radixSort(std::vector<Entry> &entries, const CancelFlag &cancel)
{
    const size_t n = entries.size();
    if (n < 2)
        return true;
    std::vector<std::array<quint32, 256>> counts(8);
    for (auto &c : counts)
        c.fill(0);
    for (const Entry &e : entries)
        for (int d = 0; d < 8; ++d)
            ++counts[size_t(d)][(e.key >> (8 * d)) & 0xff];
    std::vector<Entry> buffer(n);
    for (int d = 0; d < 8; ++d) {
        auto &count = counts[size_t(d)];
        if (std::any_of(count.begin(), count.end(), [n](quint32 c) { return c == n; }))
            continue;
        if (cancel.isCancelled())
            return false;
        quint32 sum = 0;
        for (auto &c : count)
            sum += std::exchange(c, sum);
        for (const Entry &e : entries)
            buffer[count[(e.key >> (8 * d)) & 0xff]++] = e;
        entries.swap(buffer);
    }
    return true;
}

class ColumnPass
{
public:
    ColumnPass(const ResultChunks &rows, const SortKey &key, const CancelFlag &cancel)
        : m_rows(rows)
        , m_key(key)
        , m_cancel(cancel)
        , m_compare(rows.columns().at(key.column), key.text)
    { }

    bool run(ResultSorter::Permutation &order)
    {
        if (!extractKeys())
            return false;
        std::vector<Entry> entries;
        std::vector<quint32> nulls;
        entries.reserve(order.size());
        const bool descending = m_key.order == Qt::DescendingOrder;
        for (const quint32 row : order) {
            if (m_null[row])
                nulls.push_back(row);
            else
                entries.push_back(Entry { descending ? ~m_keys[row] : m_keys[row], row });
        }
        m_keys = {};
        if (!radixSort(entries, m_cancel))
            return false;
        if (!m_exact && !settleTies(entries))
            return false;
        const bool nullsFirst = m_key.nulls == NullOrder::First || (m_key.nulls == NullOrder::Smallest && !descending);
        auto out = order.begin();
        if (nullsFirst)
            out = std::copy(nulls.begin(), nulls.end(), out);
        for (const Entry &e : entries)
            *out++ = e.row;
        if (!nullsFirst)
            std::copy(nulls.begin(), nulls.end(), out);
        return true;
    }

private:
    bool extractKeys()
    {
        const size_t n = size_t(m_rows.rowCount());
        m_keys.assign(n, 0);
        m_null.assign(n, 0);
        m_exact = !m_compare.isText();
        if (m_exact && fill(Mode::Exact))
            return true;
        if (m_cancel.isCancelled())
            return false;
        m_exact = false;
        if (m_compare.isText())
            m_skip = commonPrefix();
        return fill(Mode::Approximate);
    }

    enum class Mode { Exact, Approximate };

    // Fills m_keys and m_null for every row; false when an exact key could not be made (or cancelled).
    bool fill(Mode mode)
    {
        std::atomic<bool> failed = false;
        const int column = m_key.column;
        BackgroundJobs::parallelFor(m_rows.chunkCount(), [&](size_t first, size_t last) {
            for (size_t c = first; c < last && !failed; ++c) {
                const ResultSet &chunk = m_rows.chunk(c);
                const size_t base = size_t(m_rows.chunkStart(c));
                if (m_cancel.isCancelled()) {
                    failed = true;
                    return;
                }
                for (qsizetype r = 0; r < chunk.rowCount(); ++r) {
                    if (chunk.isNull(r, column)) {
                        m_null[base + size_t(r)] = 1;
                        continue;
                    }
                    const QByteArrayView cell = chunk.cell(r, column);
                    quint64 &key = m_keys[base + size_t(r)];
                    if (mode == Mode::Exact) {
                        if (!m_compare.key(cell, &key)) {
                            failed = true;
                            return;
                        }
                    } else if (m_compare.isText()) {
                        key = m_compare.textPrefix(cell, m_skip);
                    } else {
                        key = m_compare.approximateKey(cell);
                    }
                }
            }
        });
        return !failed && !m_cancel.isCancelled();
    }

    // Bytes every non-NULL cell of the column starts with (ASCII only when case is ignored, so that the
    // rest folds on its own).
    qsizetype commonPrefix() const
    {
        QByteArrayView first;
        bool have = false;
        qsizetype common = 0;
        for (size_t c = 0; c < m_rows.chunkCount() && (!have || common > 0); ++c) {
            const ResultSet &chunk = m_rows.chunk(c);
            for (qsizetype r = 0; r < chunk.rowCount(); ++r) {
                if (chunk.isNull(r, m_key.column))
                    continue;
                const QByteArrayView cell = chunk.cell(r, m_key.column);
                if (!have) {
                    first = cell;
                    common = cell.size();
                    have = true;
                    continue;
                }
                common = std::min(common, cell.size());
                qsizetype i = 0;
                while (i < common && cell[i] == first[i])
                    ++i;
                common = i;
                if (common == 0)
                    break;
            }
        }
        if (m_compare.type() == CellComparator::Type::FoldedText) {
            qsizetype i = 0;
            while (i < common && uchar(first[i]) < 0x80)
                ++i;
            common = i;
        }
        return common;
    }

    // Orders each run of equal prefix keys by a full comparison.
    bool settleTies(std::vector<Entry> &entries)
    {
        const bool descending = m_key.order == Qt::DescendingOrder;
        const int column = m_key.column;
        size_t hint = 0;
        auto cell = [&](quint32 row) {
            hint = m_rows.chunkOf(row, hint);
            return m_rows.chunk(hint).cell(row - m_rows.chunkStart(hint), column);
        };
        size_t begin = 0;
        while (begin < entries.size()) {
            size_t end = begin + 1;
            while (end < entries.size() && entries[end].key == entries[begin].key)
                ++end;
            if (end - begin > 1) {
                if (m_cancel.isCancelled())
                    return false;
                std::stable_sort(entries.begin() + qsizetype(begin), entries.begin() + qsizetype(end),
                    [&](const Entry &a, const Entry &b) {
                        const int c = m_compare.compare(cell(a.row), cell(b.row));
                        return descending ? c > 0 : c < 0;
                    });
            }
            begin = end;
        }
        return true;
    }

    const ResultChunks &m_rows;
    const SortKey m_key;
    const CancelFlag &m_cancel;
    const CellComparator m_compare;
    std::vector<quint64> m_keys; // by source row
    std::vector<quint8> m_null;
    qsizetype m_skip = 0;
    bool m_exact = false;
};

} // namespace

Error ResultSorter::cancelledError()
{
    return makeError(u"cancelled"_s, u"Cancelled."_s);
}

Result<ResultSorter::Permutation> ResultSorter::sort(
    const ResultChunks &rows, const QList<SortKey> &keys, const CancelFlag &cancel)
{
    Permutation order(size_t(rows.rowCount()));
    std::iota(order.begin(), order.end(), quint32(0));
    return sort(rows, std::move(order), keys, cancel);
}

Result<ResultSorter::Permutation> ResultSorter::sort(
    const ResultChunks &rows, Permutation order, const QList<SortKey> &keys, const CancelFlag &cancel)
{
    for (const SortKey &key : keys) {
        if (key.column < 0 || key.column >= rows.columnCount())
            return makeError(u"sort_column"_s, u"The result has no such column."_s, QString::number(key.column));
    }
    // Least significant key first: each pass is stable, so earlier keys decide between equal later ones.
    for (qsizetype i = keys.size() - 1; i >= 0; --i) {
        ColumnPass pass(rows, keys[i], cancel);
        if (!pass.run(order))
            return cancelledError();
    }
    if (cancel.isCancelled())
        return cancelledError();
    return order;
}

} // namespace Core

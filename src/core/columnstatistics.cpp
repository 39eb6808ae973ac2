#include "core/columnstatistics.h"

#include "core/cellcomparator.h"
#include "core/resultsorter.h"

#include <QString>

#include <charconv>
#include <cmath>
#include <string_view>
#include <unordered_set>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

// GCC and Clang extensions (-pedantic would warn without __extension__): exact sums of 64-bit values.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

QString int128Text(Int128 v)
{
    if (v == 0)
        return u"0"_s;
    const bool negative = v < 0;
    UInt128 u = negative ? UInt128(-(v + 1)) + 1 : UInt128(v);
    char buffer[48];
    int i = int(sizeof buffer);
    while (u > 0) {
        buffer[--i] = char('0' + int(u % 10));
        u /= 10;
    }
    if (negative)
        buffer[--i] = '-';
    return QString::fromLatin1(buffer + i, int(sizeof buffer) - i);
}

// A scaled integer as a decimal with `scale` digits after the point.
QString scaledText(Int128 v, int scale)
{
    QString digits = int128Text(v < 0 ? -v : v);
    if (scale > 0) {
        if (digits.size() <= scale)
            digits = QString(scale + 1 - digits.size(), u'0') + digits;
        digits.insert(digits.size() - scale, u'.');
    }
    return v < 0 ? u'-' + digits : digits;
}

// Integer division rounding half away from zero.
Int128 roundedDivide(Int128 value, Int128 divisor)
{
    const Int128 q = value / divisor;
    const Int128 r = value % divisor;
    if (2 * (r < 0 ? -r : r) >= divisor)
        return value < 0 ? q - 1 : q + 1;
    return q;
}

class Accumulator
{
public:
    Accumulator(const ColumnInfo &info)
        : m_info(info)
        , m_compare(info)
    { }

    void add(const ResultSet &chunk, qsizetype row, int column)
    {
        ++m_stats.count;
        if (chunk.isNull(row, column)) {
            ++m_stats.nulls;
            return;
        }
        const QByteArrayView cell = chunk.cell(row, column);
        const bool folded = m_compare.type() == CellComparator::Type::FoldedText;
        if (folded) {
            const QByteArray f = QString::fromUtf8(cell).toCaseFolded().toUtf8();
            if (m_foldedSeen.insert(std::string(f.constData(), size_t(f.size()))).second)
                ++m_stats.distinct;
        } else if (m_seen.insert(std::string_view(cell.data(), size_t(cell.size()))).second) {
            ++m_stats.distinct;
        }
        if (!m_haveRange) {
            m_min = m_max = cell;
            m_haveRange = true;
        } else {
            if (m_compare.compare(cell, m_min) < 0)
                m_min = cell;
            if (m_compare.compare(cell, m_max) > 0)
                m_max = cell;
        }
        addToSum(cell);
    }

    ColumnStats finish(int column)
    {
        m_stats.column = column;
        if (m_haveRange) {
            m_stats.minimum = m_min.toByteArray();
            m_stats.maximum = m_max.toByteArray();
        }
        const qsizetype values = m_stats.count - m_stats.nulls;
        if (!m_compare.isNumber() || values == 0)
            return m_stats;
        if (m_exact) {
            m_stats.sum = scaledText(m_sum, m_scale);
            // AVG keeps four more decimals than its argument.
            Int128 scaled = m_sum;
            for (int i = 0; i < 4; ++i)
                scaled *= 10;
            m_stats.average = scaledText(roundedDivide(scaled, Int128(values)), m_scale + 4);
        } else {
            m_stats.sum = QString::number(double(m_floatSum), 'g', 17);
            m_stats.average = QString::number(double(m_floatSum / values), 'g', 17);
        }
        return m_stats;
    }

private:
    void addToSum(QByteArrayView cell)
    {
        if (!m_compare.isNumber())
            return;
        double d = 0;
        if (m_compare.toDouble(cell, &d))
            m_floatSum += d;
        if (!m_exact)
            return;
        if (m_compare.type() == CellComparator::Type::Float) {
            m_exact = false;
            return;
        }
        if (m_compare.type() == CellComparator::Type::Unsigned) {
            quint64 v = 0;
            const auto r = std::from_chars(cell.data(), cell.data() + cell.size(), v);
            m_exact = r.ec == std::errc() && r.ptr == cell.data() + cell.size();
            m_sum += Int128(v);
            return;
        }
        // Signed integers have scale 0; decimals the column's (keys are the value times 10^scale).
        m_scale = m_compare.type() == CellComparator::Type::Decimal ? int(m_info.decimals) : 0;
        quint64 key = 0;
        m_exact = m_compare.key(cell, &key);
        m_sum += Int128(qint64(key ^ (quint64(1) << 63)));
    }

    const ColumnInfo &m_info;
    CellComparator m_compare;
    ColumnStats m_stats;
    std::unordered_set<std::string_view> m_seen;
    std::unordered_set<std::string> m_foldedSeen;
    QByteArrayView m_min, m_max;
    bool m_haveRange = false;
    bool m_exact = true;
    int m_scale = 0;
    Int128 m_sum = 0;
    long double m_floatSum = 0;
};

} // namespace

Result<QList<ColumnStats>> ColumnStatistics::compute(
    const ResultChunks &rows, const Order &order, const QList<ColumnSelection> &selection, const CancelFlag &cancel)
{
    QList<ColumnStats> out;
    const qsizetype viewRows = order ? qsizetype(order->size()) : rows.rowCount();
    for (const auto &part : selection) {
        if (part.column < 0 || part.column >= rows.columnCount())
            return makeError(u"stats_column"_s, u"The result has no such column."_s);
        Accumulator acc(rows.columns().at(part.column));
        size_t hint = 0;
        quint64 visited = 0;
        for (const auto &[top, bottom] : part.viewRows) {
            for (quint64 v = top; v <= bottom && qsizetype(v) < viewRows; ++v) {
                if ((++visited & 0xffff) == 0 && cancel.isCancelled())
                    return ResultSorter::cancelledError();
                const qsizetype row = order ? qsizetype((*order)[size_t(v)]) : qsizetype(v);
                hint = rows.chunkOf(row, hint);
                acc.add(rows.chunk(hint), row - rows.chunkStart(hint), part.column);
            }
        }
        out.append(acc.finish(part.column));
    }
    return out;
}

} // namespace Core

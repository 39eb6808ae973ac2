#include "core/resultchunks.h"

#include <algorithm>

namespace Core {

ResultChunks::ResultChunks(QList<ColumnInfo> columns)
    : m_columns(std::move(columns))
{ }

bool ResultChunks::append(const ResultSet &batch)
{
    if (batch.columnCount() != columnCount() || batch.isEmpty())
        return false;
    m_chunks.push_back(batch);
    m_starts.push_back(m_rows);
    m_rows += batch.rowCount();
    return true;
}

size_t ResultChunks::chunkOf(qsizetype row, size_t hint) const
{
    Q_ASSERT(row >= 0 && row < m_rows);
    if (hint < m_chunks.size() && row >= m_starts[hint] && row < m_starts[hint] + m_chunks[hint].rowCount())
        return hint;
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), row);
    return size_t(it - m_starts.cbegin()) - 1;
}

bool ResultChunks::isNull(qsizetype row, int column) const
{
    const size_t i = chunkOf(row);
    return m_chunks[i].isNull(row - m_starts[i], column);
}

QByteArrayView ResultChunks::cell(qsizetype row, int column) const
{
    const size_t i = chunkOf(row);
    return m_chunks[i].cell(row - m_starts[i], column);
}

qsizetype ResultChunks::payloadBytes() const
{
    qsizetype total = 0;
    for (const auto &chunk : m_chunks)
        total += chunk.payloadBytes();
    return total;
}

qsizetype ResultChunks::memoryUsage() const
{
    qsizetype total
        = qsizetype(sizeof(*this) + m_chunks.capacity() * sizeof(ResultSet) + m_starts.capacity() * sizeof(qsizetype));
    for (const auto &chunk : m_chunks)
        total += chunk.memoryUsage();
    return total;
}

} // namespace Core

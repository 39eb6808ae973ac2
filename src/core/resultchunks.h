#pragma once

#include "core/resultset.h"

#include <vector>

namespace Core {

// One result as the batches it arrived in: ResultSets appended as they are (implicitly shared, never copied)
// behind one row numbering. Copying it is cheap (one reference per batch), so a worker thread can take a
// snapshot to sort, filter or export while the GUI keeps appending to its own copy: batches, once appended,
// never change.
class ResultChunks
{
public:
    ResultChunks() = default;
    explicit ResultChunks(QList<ColumnInfo> columns);

    const QList<ColumnInfo> &columns() const { return m_columns; }
    int columnCount() const { return int(m_columns.size()); }
    qsizetype rowCount() const { return m_rows; }

    // Appends a batch with the same column count (others are ignored); returns whether it was appended.
    bool append(const ResultSet &batch);

    size_t chunkCount() const { return m_chunks.size(); }
    const ResultSet &chunk(size_t index) const { return m_chunks[index]; }
    qsizetype chunkStart(size_t index) const { return m_starts[index]; }
    // The index of the chunk holding `row` (0 <= row < rowCount()); `hint` is tried first.
    size_t chunkOf(qsizetype row, size_t hint = 0) const;

    bool isNull(qsizetype row, int column) const;
    QByteArrayView cell(qsizetype row, int column) const;

    qsizetype payloadBytes() const;
    qsizetype memoryUsage() const;

private:
    QList<ColumnInfo> m_columns;
    std::vector<ResultSet> m_chunks;
    std::vector<qsizetype> m_starts; // first row of each chunk
    qsizetype m_rows = 0;
};

} // namespace Core

#pragma once

#include "sql/resultsink.h"

#include <QElapsedTimer>

namespace Sql {

// Collects rows of one result into batches and hands them to the sink by bytes and by time, and
// enforces the per-result memory cap. Used by both the text and the binary protocol paths.
class RowStream
{
public:
    RowStream(ResultSink &sink, const StreamSettings &settings, const ResultHeader &header);

    // Appends one row; returns false once the memory cap is reached (the row is not kept).
    bool append(const char *const *values, const unsigned long *lengths)
    {
        if (m_capped)
            return false;
        if (m_keptBytes + m_rowOverhead > m_settings.memoryCapBytes) {
            m_capped = true;
            return false;
        }
        const qsizetype before = m_batchPayload;
        unsigned long total = 0;
        for (int c = 0; c < m_columns; ++c)
            total += lengths[c];
        if (m_keptBytes + m_rowOverhead + qint64(total) > m_settings.memoryCapBytes
            || !m_batch.appendRow(values, lengths)) {
            m_capped = true;
            return false;
        }
        m_batchPayload = before + qsizetype(total);
        m_keptBytes += m_rowOverhead + qint64(total);
        ++m_rows;
        if (m_batchPayload >= m_limitBytes || (++m_sinceClockCheck & 63) == 0)
            maybeFlush();
        return true;
    }
    void finish(); // flushes the last batch

    quint64 rows() const { return m_rows; }
    bool capped() const { return m_capped; }

private:
    void maybeFlush();
    void flush();

    ResultSink &m_sink;
    const StreamSettings &m_settings;
    RowBatch m_template;
    Core::ResultSet m_batch;
    QElapsedTimer m_sinceFlush;
    qsizetype m_batchPayload = 0;
    qsizetype m_limitBytes = 0;
    qint64 m_limitMs = 0;
    qint64 m_keptBytes = 0;
    qint64 m_rowOverhead = 0;
    quint64 m_rows = 0;
    quint64 m_flushedRows = 0;
    unsigned m_sinceClockCheck = 0;
    int m_columns = 0;
    bool m_capped = false;
};

} // namespace Sql

#include "sql/rowstream.h"

namespace Sql {

RowStream::RowStream(ResultSink &sink, const StreamSettings &settings, const ResultHeader &header)
    : m_sink(sink)
    , m_settings(settings)
    , m_batch(header.columns)
    , m_columns(int(header.columns.size()))
{
    m_template.requestId = header.requestId;
    m_template.statementIndex = header.statementIndex;
    m_template.resultIndex = header.resultIndex;
    m_limitBytes = settings.firstBatchBytes;
    m_limitMs = settings.firstBatchMs;
    // A 16-bit offset per cell and a 16-byte block header per 64 cells (Core::ResultSet), rounded up.
    m_rowOverhead = (qint64(m_columns) * 9 + 3) / 4;
    m_sinceFlush.start();
}

void RowStream::maybeFlush()
{
    if (m_batchPayload >= m_limitBytes || m_sinceFlush.elapsed() >= m_limitMs)
        flush();
}

void RowStream::flush()
{
    if (m_batch.rowCount() == 0)
        return;
    RowBatch batch = m_template;
    batch.firstRow = qsizetype(m_flushedRows);
    m_flushedRows = m_rows;
    m_batch.squeeze(); // hand over no spare capacity: the receiver keeps batches as they are
    batch.rows = std::move(m_batch);
    m_batch = Core::ResultSet(batch.rows.columns());
    m_sink.batchReady(batch);
    m_batchPayload = 0;
    m_limitBytes = m_settings.batchBytes;
    m_limitMs = m_settings.batchMs;
    m_sinceFlush.restart();
}

void RowStream::finish()
{
    flush();
}

} // namespace Sql

#pragma once

#include "core/resultset.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace Ui {

// A table model over columnar Core::ResultSet batches that grows while the query streams. Batches are kept
// as they arrive (implicitly shared, never copied into one big arena: growing a 40 MB arena means a
// reallocation and a copy that would stall the GUI thread) and announced to views (beginInsertRows) at
// most every flushInterval(), so a million rows arriving in hundreds of batches cost a few dozen view
// updates. The first batch is announced immediately so the first rows show up without waiting.
class ResultSetModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        IsNullRole = Qt::UserRole + 1, // bool
        RawBytesRole, // QByteArray: the cell exactly as received
        FullTextRole, // QString: untruncated text (binary as hex)
        ColumnKindRole, // int(Core::ColumnKind)
        SortRole, // double for numeric columns, text otherwise
        ByteSizeRole, // qsizetype: cell size in bytes
    };

    explicit ResultSetModel(QObject *parent = nullptr);

    // Starts a new result: resets the model.
    void setColumns(const QList<Core::ColumnInfo> &columns);
    // Replaces everything (columns and rows) at once, e.g. for a finished result or tests.
    void setResultSet(const Core::ResultSet &rows);
    void appendBatch(const Core::ResultSet &batch);
    // Announces pending rows now (call when the statement finished).
    void flush();
    void clear();

    const QList<Core::ColumnInfo> &columns() const { return m_columns; }
    qsizetype receivedRows() const { return m_received; }
    // The batch holding a row, and the row's index inside it (rows < receivedRows()).
    const Core::ResultSet &chunkFor(qsizetype row, qsizetype *localRow) const;

    // A new ResultSet with the given rows and columns (in the given order), for copying a selection.
    Core::ResultSet extract(const QList<int> &rows, const QList<int> &columns) const;

    void setFlushInterval(int ms) { m_flushInterval = ms; }
    int flushInterval() const { return m_flushInterval; }
    // Cells are cut to this many characters for display; the full text is in FullTextRole.
    static constexpr int DisplayLimit = 500;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString typeName(const Core::ColumnInfo &column);

Q_SIGNALS:
    // Emitted after views learned about new rows (at the flush rate), with the number now visible.
    void rowsFlushed(qsizetype visibleRows);

private:
    QString displayText(const Core::ResultSet &chunk, qsizetype row, int column) const;

    QList<Core::ColumnInfo> m_columns;
    std::vector<Core::ResultSet> m_chunks;
    std::vector<qsizetype> m_chunkStart; // first row of each chunk
    qsizetype m_received = 0;
    mutable size_t m_lastChunk = 0; // views read neighbouring rows: start the lookup where the last ended
    int m_visibleRows = 0;
    int m_flushInterval = 33; // ~30 view updates per second
    QTimer m_flushTimer;
    QElapsedTimer m_sinceFlush;
};

} // namespace Ui

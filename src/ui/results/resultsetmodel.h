#pragma once

#include "core/resultchunks.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>
#include <vector>

namespace Ui {

// A table model over a columnar result that grows while the query streams. Batches are kept as they
// arrive (Core::ResultChunks: implicitly shared, never copied into one big arena) and announced to views
// (beginInsertRows) at most every flushInterval(), so a million rows arriving in hundreds of batches cost a
// few dozen view updates. The first batch is announced immediately so the first rows show up at once.
//
// Sorting and filtering happen elsewhere (ResultArranger, on worker threads); the model only maps view
// rows through the order it is given (view row -> source row), without copying a cell.
class ResultSetModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        IsNullRole = Qt::UserRole + 1, // bool
        RawBytesRole, // QByteArray: the cell exactly as received
        FullTextRole, // QString: untruncated text (binary as hex)
        ColumnKindRole, // int(Core::ColumnKind)
        SortRole, // double for numeric columns, text otherwise (for a QSortFilterProxyModel)
        ByteSizeRole, // qsizetype: cell size in bytes
        SourceRowRole, // int: the row in the result as received
    };
    using Order = std::shared_ptr<const std::vector<quint32>>;
    // How a new order relates to the current one, so views keep what they can: Reorder keeps the same rows
    // (selection and current cell follow their rows), Grow adds rows (scroll position stays), Reset is
    // anything else.
    enum class OrderChange { Reset, Reorder, Grow };

    explicit ResultSetModel(QObject *parent = nullptr);

    // Starts a new result: resets the model (and drops any order).
    void setColumns(const QList<Core::ColumnInfo> &columns);
    // Replaces everything (columns and rows) at once, e.g. for a finished result or tests.
    void setResultSet(const Core::ResultSet &rows);
    void appendBatch(const Core::ResultSet &batch);
    // Announces pending rows now (call when the statement finished).
    void flush();
    void clear();

    const QList<Core::ColumnInfo> &columns() const { return m_rows.columns(); }
    qsizetype receivedRows() const { return m_rows.rowCount(); }
    // Every received row, for a worker thread (cheap to copy; batches never change once received).
    const Core::ResultChunks &rows() const { return m_rows; }
    // The batch holding a source row, and the row's index inside it (row < receivedRows()).
    const Core::ResultSet &chunkFor(qsizetype row, qsizetype *localRow) const;

    // View order: null shows the received rows as they came.
    void setOrder(Order order, OrderChange change);
    const Order &order() const { return m_order; }
    int sourceRow(int viewRow) const;
    // The view row showing a source row, or -1 (linear in the rows shown).
    int viewRow(qsizetype sourceRow) const;

    // A new ResultSet with the given source rows and columns (in the given order), for copying a selection.
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
    // A new result begins (setColumns): any order and its inputs are obsolete.
    void resultStarted();
    // Emitted when received rows were announced (at the flush rate), with the number received so far. While
    // an order is set the view does not grow by itself: the arranger folds new rows in.
    void rowsFlushed(qsizetype receivedRows);

private:
    QString displayText(const Core::ResultSet &chunk, qsizetype row, int column) const;
    void remapPersistentIndexes(const Order &next);
    void growTo(Order order);

    Core::ResultChunks m_rows;
    mutable size_t m_lastChunk = 0; // views read neighbouring rows: start the lookup where the last ended
    int m_visibleRows = 0; // received rows announced to views (without an order)
    Order m_order;
    int m_flushInterval = 33; // ~30 view updates per second
    QTimer m_flushTimer;
    QElapsedTimer m_sinceFlush;
};

} // namespace Ui

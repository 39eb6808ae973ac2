#pragma once

#include "core/columninfo.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QSharedDataPointer>
#include <QString>

namespace Core {

class ResultSetData;

// Columnar, append-only table of cells. Each column keeps one contiguous byte arena plus, per block of 64
// rows, the block's start and a NULL mask, and per row a 16-bit end offset inside its block (32-bit for the
// rare block whose cells span 64 KiB or more): about 2.3 bytes of bookkeeping per cell, NULL distinct from
// an empty value, any cell reached in O(1). Implicitly shared: copying (e.g. a batch through a queued
// signal, or a snapshot for a worker thread) is cheap; the first write after a copy detaches.
// Limits: at most 2 GiB of cell bytes per column (well above any memory cap).
class ResultSet
{
public:
    ResultSet();
    explicit ResultSet(QList<ColumnInfo> columns);
    ResultSet(const ResultSet &other);
    ResultSet(ResultSet &&other) noexcept;
    ResultSet &operator=(const ResultSet &other);
    ResultSet &operator=(ResultSet &&other) noexcept;
    ~ResultSet();

    const QList<ColumnInfo> &columns() const;
    int columnCount() const;
    qsizetype rowCount() const;
    bool isEmpty() const { return rowCount() == 0; }

    bool isNull(qsizetype row, int column) const;
    // A view into the arena; valid until the next append/clear/squeeze on this object. Empty for NULL.
    QByteArrayView cell(qsizetype row, int column) const;
    QByteArray cellBytes(qsizetype row, int column) const { return cell(row, column).toByteArray(); }
    QString cellText(qsizetype row, int column) const; // UTF-8 decoded; null QString for NULL

    // For scans over a whole column (search, filter): all its cell bytes back to back, in row order, and
    // the row whose cell holds the byte at `offset` in them (-1 when out of range).
    QByteArrayView columnBytes(int column) const;
    qsizetype rowAtOffset(int column, qsizetype offset) const;

    // Appends one row; values[c] == nullptr means NULL. Returns false (and appends nothing) when a column
    // arena would pass its 2 GiB limit.
    bool appendRow(const char *const *values, const unsigned long *lengths);
    bool appendRow(const QList<QByteArray> &values); // convenience; null QByteArray means NULL

    // Appends all rows of a batch with the same column count: one memcpy per column plus offset shifts.
    bool append(const ResultSet &batch);

    void reserve(qsizetype rows, qsizetype bytesPerRow);
    void squeeze(); // gives back spare capacity
    void clear(); // removes rows, keeps columns
    void releaseRows(); // like clear() but also frees memory

    qsizetype payloadBytes() const; // sum of cell bytes
    qsizetype memoryUsage() const; // bytes allocated for cells, offsets and bookkeeping

private:
    QSharedDataPointer<ResultSetData> d;
};

} // namespace Core

Q_DECLARE_METATYPE(Core::ResultSet)

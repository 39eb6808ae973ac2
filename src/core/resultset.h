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

// Columnar, append-only table of cells. Each column keeps one contiguous byte arena plus one 32-bit end
// offset per row; the offset's top bit marks NULL, so NULL is distinct from an empty value at no extra
// memory cost and any cell is reached in O(1). Implicitly shared: copying (e.g. a batch through a queued
// signal) is cheap; the first write after a copy detaches.
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

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Sql {

// A stored result read synchronously: the column names and the rows of the first result set as raw cells
// (SQL NULL is a null QByteArray, distinct from an empty value; binary values stay bytes), and the sums
// over every result of the statement.
struct QueryResult
{
    QList<QByteArray> columns;
    QList<QList<QByteArray>> rows;
    quint64 affectedRows = 0;
    quint64 insertId = 0;
    unsigned int warnings = 0;

    // The index of a column by name, -1 when there is none.
    int column(QByteArrayView name) const
    {
        for (int i = 0; i < columns.size(); ++i) {
            if (columns[i] == name)
                return i;
        }
        return -1;
    }
    bool isEmpty() const { return rows.isEmpty(); }
};

} // namespace Sql

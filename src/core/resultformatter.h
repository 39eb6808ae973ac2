#pragma once

#include "core/columninfo.h"
#include "core/resultset.h"

#include <QString>

namespace Core {

enum class ResultFormat { Tsv, Csv, Json, Markdown, SqlInsert };

// Turns rows of a ResultSet into text: for "copy as" (a small ResultSet of the selection) and for export
// (the whole result, row by row, so progress can be shown and cancelled). Pure: no widgets, no I/O.
// NULL stays distinct where the format can say so (JSON null, SQL NULL, Markdown NULL; empty in TSV/CSV),
// numbers stay exact (the server's text), binary cells become hex (0x… / X'…').
class ResultFormatter
{
public:
    ResultFormatter(ResultFormat format, QList<Core::ColumnInfo> columns, QString tableName = {});

    void setIncludeHeader(bool include) { m_includeHeader = include; } // TSV, CSV
    // Text before the first row, one row, and text after the last row. row() must be called in order.
    QString header() const;
    QString row(const Core::ResultSet &rows, qsizetype index);
    QString footer() const;

    // The whole set at once.
    static QString format(ResultFormat format, const Core::ResultSet &rows, const QString &tableName = {});
    static QString fileSuffix(ResultFormat format);
    static QString displayName(ResultFormat format);

    // The table an INSERT should name: the explicit one, else the columns' common source table, else "result".
    QString tableName() const;

private:
    QString cell(const Core::ResultSet &rows, qsizetype row, int column) const;

    ResultFormat m_format;
    QList<Core::ColumnInfo> m_columns;
    QString m_tableName;
    bool m_includeHeader = true;
    qsizetype m_rowsWritten = 0;
};

} // namespace Core

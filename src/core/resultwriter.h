#pragma once

#include "core/cancelflag.h"
#include "core/result.h"
#include "core/resultchunks.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace Core {

// Writes a result to a file on a worker thread, as fast as the disk takes it: CSV, TSV and JSON are
// produced straight from the cells' bytes (no QString per cell), in the order the grid shows the rows,
// into a temporary file next to the target that replaces it only when everything was written (a cancelled
// or failed export leaves no partial file and an existing file untouched). Other formats come from a row
// callback. Progress is a counter the GUI can poll; cancellation is a CancelFlag.
class ResultWriter
{
public:
    enum class Format { Csv, Tsv, Json, Custom };
    // Appends one row in a custom format (UTF-8) to `out`.
    using RowFormatter = std::function<void(const ResultSet &chunk, qsizetype row, std::string &out)>;
    using Order = std::shared_ptr<const std::vector<quint32>>; // view row -> source row; null: all in order

    struct Job
    {
        ResultChunks rows;
        Order order;
        QString path;
        Format format = Format::Csv;
        bool header = true; // CSV/TSV column names
        QByteArray prefix; // Custom: written before the first row
        RowFormatter formatRow; // Custom
        QByteArray suffix; // Custom: written after the last row
    };

    // Rows written so far (updated while writing).
    using Progress = std::shared_ptr<std::atomic<qint64>>;

    static Result<qint64> write(const Job &job, const CancelFlag &cancel, const Progress &progress = {});
    // One row in CSV/TSV/JSON as write() produces it (for tests and small copies).
    static void appendRow(Format format, const QList<ColumnInfo> &columns, const ResultSet &chunk, qsizetype row,
        bool first, std::string &out);
    static QByteArray header(Format format, const QList<ColumnInfo> &columns, bool names);
    static QByteArray footer(Format format, qint64 rows);
};

} // namespace Core

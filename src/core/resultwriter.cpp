#include "core/resultwriter.h"

#include "core/jsontext.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

constexpr size_t FlushBytes = size_t(1) << 20;

bool isBinary(const ColumnInfo &c)
{
    return c.kind == ColumnKind::Binary || c.kind == ColumnKind::Bit;
}

void appendHex(std::string &out, QByteArrayView bytes)
{
    static const char digits[] = "0123456789ABCDEF";
    out += "0x";
    for (const char b : bytes) {
        out += digits[uchar(b) >> 4];
        out += digits[uchar(b) & 15];
    }
}

// CSV/TSV field: quoted when it holds the separator, a quote or a line break (quotes doubled).
void appendDelimited(std::string &out, QByteArrayView text, char separator)
{
    bool quote = false;
    for (const char c : text) {
        if (c == separator || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(text.data(), size_t(text.size()));
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void appendJsonString(std::string &out, QByteArrayView text)
{
    static const char digits[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (uchar(c) < 0x20) {
                out += "\\u00";
                out += digits[uchar(c) >> 4];
                out += digits[uchar(c) & 15];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendJsonValue(std::string &out, const ColumnInfo &info, const ResultSet &chunk, qsizetype row, int column)
{
    if (chunk.isNull(row, column)) {
        out += "null";
        return;
    }
    const QByteArrayView cell = chunk.cell(row, column);
    if (isBinary(info)) {
        std::string hex;
        appendHex(hex, cell);
        appendJsonString(out, QByteArrayView(hex.data(), qsizetype(hex.size())));
        return;
    }
    if (info.isNumeric() && JsonText::isNumber(cell)) {
        out.append(cell.data(), size_t(cell.size())); // exact: DECIMAL and BIGINT UNSIGNED as sent
        return;
    }
    if (info.kind == ColumnKind::Json && JsonText::isValid(cell)) {
        out.append(cell.data(), size_t(cell.size())); // as stored: key order, duplicates and big numbers kept
        return;
    }
    appendJsonString(out, cell);
}

// A file written under a temporary name next to its target and renamed over it at the end.
class PartFile
{
public:
    explicit PartFile(const QString &path)
        : m_target(QFile::encodeName(path))
        , m_temporary(m_target + ".part-XXXXXX")
    { }
    ~PartFile() { discard(); }

    Result<void> open()
    {
        const int fd = ::mkstemp(m_temporary.data());
        if (fd < 0)
            return failure(u"export_open"_s, u"Cannot write the export file."_s);
        struct stat existing;
        ::fchmod(fd, ::stat(m_target.constData(), &existing) == 0 ? existing.st_mode & 07777 : 0644);
        m_file = ::fdopen(fd, "wb");
        if (!m_file) {
            ::close(fd);
            return failure(u"export_open"_s, u"Cannot write the export file."_s);
        }
        return {};
    }
    Result<void> write(std::string &bytes)
    {
        if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size())
            return failure(u"export_write"_s, u"Writing the export file failed."_s);
        bytes.clear();
        return {};
    }
    Result<void> commit()
    {
        if (std::fflush(m_file) != 0 || ::fsync(::fileno(m_file)) != 0)
            return failure(u"export_write"_s, u"Writing the export file failed."_s);
        std::FILE *file = std::exchange(m_file, nullptr);
        if (std::fclose(file) != 0 || std::rename(m_temporary.constData(), m_target.constData()) != 0)
            return failure(u"export_write"_s, u"Writing the export file failed."_s);
        m_temporary.clear();
        return {};
    }
    void discard()
    {
        if (m_file)
            std::fclose(std::exchange(m_file, nullptr));
        if (!m_temporary.isEmpty() && !m_temporary.endsWith("XXXXXX"))
            ::unlink(m_temporary.constData());
        m_temporary.clear();
    }

private:
    Error failure(const QString &code, const QString &message) const
    {
        return makeError(
            code, message, QFile::decodeName(m_target) + u": "_s + QString::fromLocal8Bit(std::strerror(errno)));
    }

    QByteArray m_target;
    QByteArray m_temporary;
    std::FILE *m_file = nullptr;
};

} // namespace

QByteArray ResultWriter::header(Format format, const QList<ColumnInfo> &columns, bool names)
{
    if (format == Format::Json)
        return "[";
    if (format == Format::Custom || !names)
        return {};
    const char separator = format == Format::Tsv ? '\t' : ',';
    std::string out;
    for (qsizetype c = 0; c < columns.size(); ++c) {
        if (c > 0)
            out += separator;
        const QByteArray name = columns.at(c).name.toUtf8();
        appendDelimited(out, name, separator);
    }
    out += format == Format::Csv ? "\r\n" : "\n";
    return QByteArray(out.data(), qsizetype(out.size()));
}

QByteArray ResultWriter::footer(Format format, qint64 rows)
{
    if (format == Format::Json)
        return rows > 0 ? "\n]\n" : "]\n";
    return {};
}

namespace {

// Writes rows in CSV, TSV or JSON; the JSON keys are encoded once.
class RowWriter
{
public:
    RowWriter(ResultWriter::Format format, const QList<ColumnInfo> &columns)
        : m_format(format)
        , m_columns(columns)
    {
        if (format != ResultWriter::Format::Json)
            return;
        for (const auto &c : columns) {
            std::string key;
            appendJsonString(key, c.name.toUtf8());
            key += ": ";
            m_keys.push_back(std::move(key));
        }
    }

    void append(const ResultSet &chunk, qsizetype row, bool first, std::string &out) const
    {
        const int count = int(m_columns.size());
        if (m_format == ResultWriter::Format::Json) {
            out += first ? "\n  {" : ",\n  {";
            for (int c = 0; c < count; ++c) {
                if (c > 0)
                    out += ", ";
                out += m_keys[size_t(c)];
                appendJsonValue(out, m_columns.at(c), chunk, row, c);
            }
            out += '}';
            return;
        }
        const char separator = m_format == ResultWriter::Format::Tsv ? '\t' : ',';
        for (int c = 0; c < count; ++c) {
            if (c > 0)
                out += separator;
            if (chunk.isNull(row, c))
                continue;
            if (isBinary(m_columns.at(c))) {
                appendHex(out, chunk.cell(row, c)); // hex never needs quoting
                continue;
            }
            appendDelimited(out, chunk.cell(row, c), separator);
        }
        out += m_format == ResultWriter::Format::Csv ? "\r\n" : "\n";
    }

private:
    ResultWriter::Format m_format;
    const QList<ColumnInfo> &m_columns;
    std::vector<std::string> m_keys;
};

} // namespace

void ResultWriter::appendRow(Format format, const QList<ColumnInfo> &columns, const ResultSet &chunk, qsizetype row,
    bool first, std::string &out)
{
    RowWriter(format, columns).append(chunk, row, first, out);
}

Result<qint64> ResultWriter::write(const Job &job, const CancelFlag &cancel, const Progress &progress)
{
    PartFile file(job.path);
    if (auto opened = file.open(); !opened.ok())
        return opened.error();
    const QList<ColumnInfo> &columns = job.rows.columns();
    std::string out;
    out.reserve(FlushBytes + 65536);
    if (job.format == Format::Custom) {
        out.append(job.prefix.constData(), size_t(job.prefix.size()));
    } else {
        const QByteArray head = header(job.format, columns, job.header);
        out.append(head.constData(), size_t(head.size()));
    }
    const qint64 total = job.order ? qint64(job.order->size()) : qint64(job.rows.rowCount());
    const RowWriter writer(job.format == Format::Custom ? Format::Csv : job.format, columns);
    size_t hint = 0;
    for (qint64 i = 0; i < total; ++i) {
        const qsizetype row = job.order ? qsizetype((*job.order)[size_t(i)]) : qsizetype(i);
        hint = job.rows.chunkOf(row, hint);
        const ResultSet &chunk = job.rows.chunk(hint);
        const qsizetype local = row - job.rows.chunkStart(hint);
        if (job.format == Format::Custom)
            job.formatRow(chunk, local, out);
        else
            writer.append(chunk, local, i == 0, out);
        if (out.size() >= FlushBytes) {
            if (cancel.isCancelled())
                return makeError(u"export_cancelled"_s, u"The export was cancelled; no file was written."_s);
            if (auto written = file.write(out); !written.ok())
                return written.error();
            if (progress)
                progress->store(i + 1, std::memory_order_relaxed);
        }
    }
    const QByteArray tail = job.format == Format::Custom ? job.suffix : footer(job.format, total);
    out.append(tail.constData(), size_t(tail.size()));
    if (cancel.isCancelled())
        return makeError(u"export_cancelled"_s, u"The export was cancelled; no file was written."_s);
    if (auto written = file.write(out); !written.ok())
        return written.error();
    if (auto committed = file.commit(); !committed.ok())
        return committed.error();
    if (progress)
        progress->store(total, std::memory_order_relaxed);
    return total;
}

} // namespace Core

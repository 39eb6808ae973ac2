#include "core/resultformatter.h"

#include "core/jsontext.h"
#include "core/sqlliteral.h"

using namespace Qt::StringLiterals;

namespace Core {

namespace {

bool isBinary(const Core::ColumnInfo &c)
{
    return c.kind == Core::ColumnKind::Binary || c.kind == Core::ColumnKind::Bit;
}

QString hex(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex().toUpper());
}

QString quoteCsv(const QString &value, QChar separator)
{
    if (!value.contains(separator) && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString jsonString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += u'"';
    for (const QChar ch : value) {
        switch (ch.unicode()) {
        case '"':
            out += u"\\\""_s;
            break;
        case '\\':
            out += u"\\\\"_s;
            break;
        case '\n':
            out += u"\\n"_s;
            break;
        case '\r':
            out += u"\\r"_s;
            break;
        case '\t':
            out += u"\\t"_s;
            break;
        case '\b':
            out += u"\\b"_s;
            break;
        case '\f':
            out += u"\\f"_s;
            break;
        default:
            if (ch.unicode() < 0x20)
                out += u"\\u"_s + QString::number(ch.unicode(), 16).rightJustified(4, u'0');
            else
                out += ch;
        }
    }
    out += u'"';
    return out;
}

// A JSON number literal: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
bool isJsonNumber(QStringView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    auto digits = [&] {
        const qsizetype start = i;
        while (i < n && s[i] >= u'0' && s[i] <= u'9') // ASCII only: QChar::isDigit() takes any script's digits
            ++i;
        return i > start;
    };
    if (i < n && s[i] == u'-')
        ++i;
    if (i < n && s[i] == u'0')
        ++i;
    else if (!digits())
        return false;
    if (i < n && s[i] == u'.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        ++i;
        if (i < n && (s[i] == u'+' || s[i] == u'-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == n;
}

QString markdownCell(QString value)
{
    value.replace(u'\\', u"\\\\"_s).replace(u'|', u"\\|"_s).replace(u"\r\n"_s, u"<br>"_s).replace(u'\n', u"<br>"_s);
    return value;
}

} // namespace

ResultFormatter::ResultFormatter(ResultFormat format, QList<Core::ColumnInfo> columns, QString tableName)
    : m_format(format)
    , m_columns(std::move(columns))
    , m_tableName(std::move(tableName))
{ }

QString ResultFormatter::tableName() const
{
    if (!m_tableName.isEmpty())
        return m_tableName;
    QString common;
    for (const auto &c : m_columns) {
        if (c.table.isEmpty() || (!common.isEmpty() && c.table != common))
            return u"result"_s;
        common = c.table;
    }
    return common.isEmpty() ? u"result"_s : common;
}

QString ResultFormatter::header() const
{
    QStringList names;
    names.reserve(m_columns.size());
    for (const auto &c : m_columns)
        names.append(c.name);
    switch (m_format) {
    case ResultFormat::Tsv:
    case ResultFormat::Csv: {
        if (!m_includeHeader)
            return {};
        const QChar sep = m_format == ResultFormat::Tsv ? u'\t' : u',';
        QStringList quoted;
        for (const auto &name : names)
            quoted.append(quoteCsv(name, sep));
        return quoted.join(sep) + (m_format == ResultFormat::Csv ? u"\r\n"_s : u"\n"_s);
    }
    case ResultFormat::Json:
        return u"["_s;
    case ResultFormat::Markdown: {
        QStringList escaped;
        QStringList rule;
        for (const auto &c : m_columns) {
            escaped.append(markdownCell(c.name));
            rule.append(c.isNumeric() ? u"---:"_s : u"---"_s);
        }
        return u"| "_s + escaped.join(u" | "_s) + u" |\n| "_s + rule.join(u" | "_s) + u" |\n"_s;
    }
    case ResultFormat::SqlInsert:
        return {};
    }
    return {};
}

QString ResultFormatter::cell(const Core::ResultSet &rows, qsizetype row, int column) const
{
    const auto &info = m_columns.at(column);
    const bool null = rows.isNull(row, column);
    switch (m_format) {
    case ResultFormat::Tsv:
    case ResultFormat::Csv:
        if (null)
            return {};
        return quoteCsv(isBinary(info) ? u"0x"_s + hex(rows.cell(row, column)) : rows.cellText(row, column),
            m_format == ResultFormat::Tsv ? u'\t' : u',');
    case ResultFormat::Json: {
        if (null)
            return u"null"_s;
        if (isBinary(info))
            return jsonString(u"0x"_s + hex(rows.cell(row, column)));
        const QString text = rows.cellText(row, column);
        if (info.isNumeric() && isJsonNumber(text))
            return text; // exact: DECIMAL and BIGINT UNSIGNED are not squeezed through double
        if (info.kind == Core::ColumnKind::Json && Core::JsonText::isValid(rows.cell(row, column)))
            return text; // as stored: key order, duplicate keys and big numbers kept
        return jsonString(text);
    }
    case ResultFormat::Markdown:
        if (null)
            return u"NULL"_s;
        return markdownCell(isBinary(info) ? u"0x"_s + hex(rows.cell(row, column)) : rows.cellText(row, column));
    case ResultFormat::SqlInsert: {
        if (null)
            return u"NULL"_s;
        if (isBinary(info))
            return Core::SqlLiteral::binary(rows.cell(row, column));
        const QString text = rows.cellText(row, column);
        if (info.isNumeric() && isJsonNumber(text))
            return text;
        return Core::SqlLiteral::text(rows.cell(row, column)); // the bytes, even when they are not UTF-8
    }
    }
    return {};
}

QString ResultFormatter::row(const Core::ResultSet &rows, qsizetype index)
{
    const int columns = int(m_columns.size());
    QStringList cells;
    cells.reserve(columns);
    for (int c = 0; c < columns; ++c)
        cells.append(cell(rows, index, c));
    const bool first = m_rowsWritten++ == 0;
    switch (m_format) {
    case ResultFormat::Tsv:
        return cells.join(u'\t') + u'\n';
    case ResultFormat::Csv:
        return cells.join(u',') + u"\r\n"_s;
    case ResultFormat::Json: {
        QString object = first ? u"\n  {"_s : u",\n  {"_s;
        for (int c = 0; c < columns; ++c) {
            if (c > 0)
                object += u", "_s;
            object += jsonString(m_columns.at(c).name) + u": "_s + cells.at(c);
        }
        return object + u'}';
    }
    case ResultFormat::Markdown:
        return u"| "_s + cells.join(u" | "_s) + u" |\n"_s;
    case ResultFormat::SqlInsert: {
        QStringList names;
        for (const auto &c : m_columns)
            names.append(Core::SqlLiteral::identifier(c.name));
        return u"INSERT INTO "_s + Core::SqlLiteral::identifier(tableName()) + u" ("_s + names.join(u", "_s)
            + u") VALUES ("_s + cells.join(u", "_s) + u");\n"_s;
    }
    }
    return {};
}

QString ResultFormatter::footer() const
{
    if (m_format == ResultFormat::Json)
        return m_rowsWritten > 0 ? u"\n]\n"_s : u"]\n"_s;
    return {};
}

QString ResultFormatter::format(ResultFormat format, const Core::ResultSet &rows, const QString &tableName)
{
    ResultFormatter formatter(format, rows.columns(), tableName);
    QString out = formatter.header();
    for (qsizetype r = 0; r < rows.rowCount(); ++r)
        out += formatter.row(rows, r);
    return out + formatter.footer();
}

QString ResultFormatter::fileSuffix(ResultFormat format)
{
    switch (format) {
    case ResultFormat::Tsv:
        return u"tsv"_s;
    case ResultFormat::Csv:
        return u"csv"_s;
    case ResultFormat::Json:
        return u"json"_s;
    case ResultFormat::Markdown:
        return u"md"_s;
    case ResultFormat::SqlInsert:
        return u"sql"_s;
    }
    return u"txt"_s;
}

QString ResultFormatter::displayName(ResultFormat format)
{
    switch (format) {
    case ResultFormat::Tsv:
        return u"TSV"_s;
    case ResultFormat::Csv:
        return u"CSV"_s;
    case ResultFormat::Json:
        return u"JSON"_s;
    case ResultFormat::Markdown:
        return u"Markdown"_s;
    case ResultFormat::SqlInsert:
        return u"SQL INSERT"_s;
    }
    return {};
}

} // namespace Core

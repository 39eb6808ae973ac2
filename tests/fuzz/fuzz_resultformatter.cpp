// The result formatter on arbitrary cells (any bytes, NULLs, odd column names and kinds): CSV and TSV read
// back to the same cells, JSON is valid RFC 8259 text with one object per row, Markdown keeps one line per
// row, and SQL INSERT splits into one statement per row whose literals decode to exactly the cell bytes.

#include "core/jsontext.h"
#include "core/resultformatter.h"
#include "core/sqlsplitter.h"
#include "fuzzcheck.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>

using namespace Qt::StringLiterals;

namespace {

using Core::ResultFormat;

// Reads the fuzzer's bytes as a small table description.
struct Input
{
    const uint8_t *data;
    size_t size;
    size_t at = 0;
    bool done() const { return at >= size; }
    uint8_t byte() { return at < size ? data[at++] : 0; }
    QByteArray bytes(size_t n)
    {
        n = std::min(n, size - std::min(size, at));
        QByteArray out(reinterpret_cast<const char *>(data + at), qsizetype(n));
        at += n;
        return out;
    }
};

bool isBinary(const Core::ColumnInfo &c)
{
    return c.kind == Core::ColumnKind::Binary || c.kind == Core::ColumnKind::Bit;
}

// What CSV/TSV/JSON show for a cell (NULL aside).
QString shown(const Core::ResultSet &rs, qsizetype row, int column)
{
    if (isBinary(rs.columns().at(column)))
        return QStringLiteral("0x") + QString::fromLatin1(rs.cell(row, column).toByteArray().toHex().toUpper());
    return rs.cellText(row, column);
}

// RFC 4180 reader (separator and record end given): the records and their fields.
QList<QStringList> readDelimited(const QString &text, QChar separator, const QString &recordEnd)
{
    QList<QStringList> records;
    QStringList fields;
    QString field;
    qsizetype i = 0;
    bool fieldStarted = false;
    while (i < text.size()) {
        if (!fieldStarted && text[i] == u'"') {
            ++i;
            for (;;) {
                FUZZ_CHECK(i < text.size(), "an unterminated quoted field");
                if (text[i] == u'"') {
                    if (i + 1 < text.size() && text[i + 1] == u'"') {
                        field += u'"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            fieldStarted = true;
            continue;
        }
        if (text[i] == separator) {
            fields.append(field);
            field.clear();
            fieldStarted = false;
            ++i;
        } else if (QStringView(text).mid(i).startsWith(recordEnd)) {
            fields.append(field);
            records.append(fields);
            fields.clear();
            field.clear();
            fieldStarted = false;
            i += recordEnd.size();
        } else {
            FUZZ_CHECK(text[i] != u'"', "a quote inside an unquoted field");
            field += text[i++];
            fieldStarted = true;
        }
    }
    FUZZ_CHECK(fields.isEmpty() && field.isEmpty() && !fieldStarted, "text after the last record end");
    return records;
}

// RFC 8259 grammar check (the formatter's numbers may be out of double range, which Qt's parser refuses).
struct JsonChecker
{
    QStringView s;
    qsizetype i = 0;
    void space()
    {
        while (i < s.size() && (s[i] == u' ' || s[i] == u'\n' || s[i] == u'\r' || s[i] == u'\t'))
            ++i;
    }
    bool literal(QStringView word)
    {
        if (!s.mid(i).startsWith(word))
            return false;
        i += word.size();
        return true;
    }
    bool string()
    {
        if (i >= s.size() || s[i] != u'"')
            return false;
        for (++i; i < s.size(); ++i) {
            if (s[i] == u'"') {
                ++i;
                return true;
            }
            if (s[i].unicode() < 0x20)
                return false;
            if (s[i] == u'\\') {
                if (++i >= s.size())
                    return false;
                if (s[i] == u'u') {
                    for (int k = 0; k < 4; ++k)
                        if (++i >= s.size() || !isxdigit(s[i].toLatin1()))
                            return false;
                } else if (!QStringView(u"\"\\/bfnrt").contains(s[i])) {
                    return false;
                }
            }
        }
        return false;
    }
    bool digits()
    {
        const qsizetype start = i;
        while (i < s.size() && s[i] >= u'0' && s[i] <= u'9')
            ++i;
        return i > start;
    }
    bool number()
    {
        if (i < s.size() && s[i] == u'-')
            ++i;
        if (i < s.size() && s[i] == u'0')
            ++i;
        else if (!digits())
            return false;
        if (i < s.size() && s[i] == u'.' && (++i, !digits()))
            return false;
        if (i < s.size() && (s[i] == u'e' || s[i] == u'E')) {
            ++i;
            if (i < s.size() && (s[i] == u'+' || s[i] == u'-'))
                ++i;
            if (!digits())
                return false;
        }
        return true;
    }
    bool value(int depth = 0)
    {
        if (depth > 64)
            return false;
        space();
        if (i >= s.size())
            return false;
        bool ok = false;
        if (s[i] == u'{' || s[i] == u'[') {
            const bool object = s[i] == u'{';
            ++i;
            space();
            if (i < s.size() && s[i] == (object ? u'}' : u']')) {
                ++i;
                return true;
            }
            for (;;) {
                space();
                if (object && (!string() || (space(), i >= s.size() || s[i++] != u':')))
                    return false;
                if (!value(depth + 1))
                    return false;
                space();
                if (i < s.size() && s[i] == u',') {
                    ++i;
                    continue;
                }
                return i < s.size() && s[i++] == (object ? u'}' : u']');
            }
        }
        if (s[i] == u'"')
            ok = string();
        else if (literal(u"null") || literal(u"true") || literal(u"false"))
            ok = true;
        else
            ok = number();
        return ok;
    }
    bool document()
    {
        if (!value())
            return false;
        space();
        return i == s.size();
    }
};

// One SQL literal as the formatter writes it (and no other form), decoded to bytes; null for NULL.
QByteArray readLiteral(QStringView sql, qsizetype &i, bool *ok)
{
    *ok = true;
    const auto startsWith = [&](QStringView w) { return sql.mid(i).startsWith(w); };
    if (startsWith(u"NULL")) {
        i += 4;
        return QByteArray();
    }
    const bool introduced = startsWith(u"_utf8mb4 X'");
    if (introduced || startsWith(u"X'")) {
        i += introduced ? 11 : 2;
        const qsizetype end = sql.indexOf(u'\'', i);
        if (end < 0 || (end - i) % 2 != 0) {
            *ok = false;
            return {};
        }
        const QByteArray hex = sql.mid(i, end - i).toLatin1();
        i = end + 1;
        QByteArray bytes = QByteArray::fromHex(hex);
        return bytes.isNull() ? QByteArray("") : bytes;
    }
    if (startsWith(u"'")) {
        QString text;
        for (++i; i < sql.size(); ++i) {
            if (sql[i] == u'\\') {
                *ok = false; // never written: it would read differently under NO_BACKSLASH_ESCAPES
                return {};
            }
            if (sql[i] == u'\'') {
                if (i + 1 < sql.size() && sql[i + 1] == u'\'') {
                    text += u'\'';
                    ++i;
                    continue;
                }
                ++i;
                QByteArray bytes = text.toUtf8();
                return bytes.isNull() ? QByteArray("") : bytes;
            }
            text += sql[i];
        }
        *ok = false;
        return {};
    }
    const qsizetype start = i;
    while (i < sql.size() && sql[i] != u',' && sql[i] != u')')
        ++i;
    return sql.mid(start, i - start).toLatin1();
}

void checkSql(const Core::ResultSet &rs, const QString &sql)
{
    const auto statements = Core::SqlSplitter::split(sql);
    FUZZ_CHECK(statements.size() == rs.rowCount(), "%lld statements for %lld rows",
        static_cast<long long>(statements.size()), static_cast<long long>(rs.rowCount()));
    for (qsizetype r = 0; r < rs.rowCount(); ++r) {
        const QString &text = statements.at(r).text;
        qsizetype i = text.indexOf(u") VALUES ("_s);
        FUZZ_CHECK(
            text.startsWith(u"INSERT INTO `"_s) && i > 0, "row %lld: %s", static_cast<long long>(r), qPrintable(text));
        i += 10;
        for (int c = 0; c < rs.columnCount(); ++c) {
            bool ok = false;
            const QByteArray value = readLiteral(text, i, &ok);
            FUZZ_CHECK(ok, "row %lld column %d: a literal that does not read back: %s", static_cast<long long>(r), c,
                qPrintable(text));
            const Core::ColumnInfo &info = rs.columns().at(c);
            // NULL is told by the result set, not by the bytes: an empty cell's bytes may be a null array.
            const bool wantNull = rs.isNull(r, c);
            const QByteArray want = wantNull ? QByteArray() : rs.cellBytes(r, c);
            const bool same = wantNull == value.isNull() && want == value;
            // A numeric column's number is written as the server's text, which is the same bytes.
            FUZZ_CHECK(same, "row %lld column %d (kind %d): %s became %s in %s", static_cast<long long>(r), c,
                int(info.kind), want.toHex().constData(), value.toHex().constData(), qPrintable(text));
            const QStringView rest = QStringView(text).mid(i);
            const QStringView separator = c + 1 < rs.columnCount() ? u", " : u")";
            FUZZ_CHECK(rest.startsWith(separator), "row %lld column %d: no separator after the literal: %s",
                static_cast<long long>(r), c, qPrintable(text));
            i += separator.size();
        }
        FUZZ_CHECK(
            i == text.size(), "row %lld: text after the values: %s", static_cast<long long>(r), qPrintable(text));
    }
}

void checkDelimited(const Core::ResultSet &rs, Core::ResultFormat format)
{
    const bool csv = format == Core::ResultFormat::Csv;
    const QString out = Core::ResultFormatter::format(format, rs);
    const QList<QStringList> records = readDelimited(out, csv ? u',' : u'\t', csv ? u"\r\n"_s : u"\n"_s);
    FUZZ_CHECK(records.size() == rs.rowCount() + 1, "%lld records for %lld rows",
        static_cast<long long>(records.size()), static_cast<long long>(rs.rowCount()));
    for (int c = 0; c < rs.columnCount(); ++c)
        FUZZ_CHECK(
            records[0].size() == rs.columnCount() && records[0][c] == rs.columns().at(c).name, "header column %d", c);
    for (qsizetype r = 0; r < rs.rowCount(); ++r) {
        FUZZ_CHECK(records[r + 1].size() == rs.columnCount(), "row %lld has %lld fields", static_cast<long long>(r),
            static_cast<long long>(records[r + 1].size()));
        for (int c = 0; c < rs.columnCount(); ++c) {
            const QString want = rs.isNull(r, c) ? QString() : shown(rs, r, c);
            FUZZ_CHECK(
                records[r + 1][c] == want, "row %lld column %d reads back differently", static_cast<long long>(r), c);
        }
    }
}

void checkJson(const Core::ResultSet &rs)
{
    const QString out = Core::ResultFormatter::format(Core::ResultFormat::Json, rs);
    JsonChecker checker { out };
    FUZZ_CHECK(checker.document(), "invalid JSON at %lld:\n%s", static_cast<long long>(checker.i), qPrintable(out));
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(out.toUtf8(), &error);
    if (error.error == QJsonParseError::IllegalNumber)
        return; // valid JSON, a number beyond double range: Qt's reader refuses it
    FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isArray(), "Qt cannot read it: %s",
        qPrintable(error.errorString()));
    const QJsonArray rows = document.array();
    FUZZ_CHECK(rows.size() == rs.rowCount(), "%lld objects for %lld rows", static_cast<long long>(rows.size()),
        static_cast<long long>(rs.rowCount()));
    for (qsizetype r = 0; r < rs.rowCount(); ++r) {
        // The object's members by name, read by walking it: Qt 6.4's QJsonObject::value() can miss a key that
        // is there (the parser sorts keys by code point, the lookup searches them by UTF-16 unit, which
        // disagree for a key with a character above U+E000 next to one beyond U+FFFF).
        const QJsonObject object = rows.at(r).toObject();
        QHash<QString, QJsonValue> members;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            members.insert(it.key(), it.value());
        for (int c = 0; c < rs.columnCount(); ++c) {
            const Core::ColumnInfo &info = rs.columns().at(c);
            bool unique = true;
            for (int other = c + 1; other < rs.columnCount(); ++other)
                unique = unique && rs.columns().at(other).name != info.name;
            if (!unique)
                continue; // a later column of the same name wins the key
            const QJsonValue value = members.value(info.name, QJsonValue(QJsonValue::Undefined));
            FUZZ_CHECK(!value.isUndefined(), "row %lld column %d: no member named after the column",
                static_cast<long long>(r), c);
            if (rs.isNull(r, c)) {
                FUZZ_CHECK(value.isNull(), "row %lld column %d: NULL is not null", static_cast<long long>(r), c);
            } else if (info.kind == Core::ColumnKind::Json && Core::JsonText::isValid(rs.cell(r, c))) {
                // Valid JSON is written as stored (a JSON string stays a string). Compared as Qt writes both
                // back, not with QJsonObject's ==, which looks keys up (see above).
                const QJsonDocument cell = QJsonDocument::fromJson(QByteArray("[" + rs.cellBytes(r, c) + "]"));
                FUZZ_CHECK(cell.isNull() || cell.toJson() == QJsonDocument(QJsonArray { value }).toJson(),
                    "row %lld column %d: the JSON differs", static_cast<long long>(r), c);
            } else if (value.isString()) {
                FUZZ_CHECK(value.toString() == shown(rs, r, c), "row %lld column %d: the string differs",
                    static_cast<long long>(r), c);
            } else {
                FUZZ_CHECK(info.isNumeric() || info.kind == Core::ColumnKind::Json,
                    "row %lld column %d: a non-string value for a text column", static_cast<long long>(r), c);
            }
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Input in { data, size };
    const int columnCount = 1 + in.byte() % 6;
    QList<Core::ColumnInfo> columns;
    for (int c = 0; c < columnCount; ++c) {
        Core::ColumnInfo info;
        info.kind = static_cast<Core::ColumnKind>(in.byte() % 12);
        info.name = QString::fromUtf8(in.bytes(in.byte() % 8));
        info.table = c == 0 ? QString::fromUtf8(in.bytes(in.byte() % 6)) : columns.front().table;
        columns.append(info);
    }
    Core::ResultSet rs(columns);
    while (!in.done() && rs.rowCount() < 64) {
        QList<QByteArray> row;
        for (int c = 0; c < columnCount; ++c) {
            const uint8_t length = in.byte();
            QByteArray cell = length == 255 ? QByteArray() : in.bytes(length % 40);
            if (length != 255 && cell.isNull())
                cell = QByteArray(""); // empty, not NULL
            row.append(cell);
        }
        rs.appendRow(row);
    }
    checkDelimited(rs, Core::ResultFormat::Csv);
    checkDelimited(rs, Core::ResultFormat::Tsv);
    checkJson(rs);
    checkSql(rs, Core::ResultFormatter::format(Core::ResultFormat::SqlInsert, rs));
    const QString markdown = Core::ResultFormatter::format(Core::ResultFormat::Markdown, rs);
    FUZZ_CHECK(markdown.count(u'\n') == rs.rowCount() + 2, "Markdown: %lld lines for %lld rows",
        static_cast<long long>(markdown.count(u'\n')), static_cast<long long>(rs.rowCount()));
    return 0;
}

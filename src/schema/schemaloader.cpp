#include "schema/schemaloader.h"

#include "schema/ddlcursor.h"
#include "schema/tableparser.h"
#include "schema/viewparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

// Index of the closing quote of the quoted text starting at `i`.
qsizetype skipQuoted(QStringView s, qsizetype i)
{
    const QChar quote = s[i];
    for (++i; i < s.size(); ++i) {
        if (s[i] == u'\\' && quote != u'`') {
            ++i;
        } else if (s[i] == quote) {
            if (i + 1 < s.size() && s[i + 1] == quote)
                ++i;
            else
                return i;
        }
    }
    return s.size();
}

template<typename T>
void removeNamed(QList<T> &items, const QString &name)
{
    items.removeIf([&name](const T &item) { return item.name == name; });
}

template<typename T>
void replaceNamed(QList<T> &items, T item)
{
    for (T &existing : items) {
        if (existing.name == item.name) {
            existing = std::move(item);
            return;
        }
    }
    items.append(std::move(item));
}

// Turns an error of a statement at `offset` into one that names the file, line and column.
Core::Error locate(Core::Error error, QStringView script, qsizetype offset, const QString &origin)
{
    qsizetype within = 0;
    if (error.detail.startsWith(u"offset "))
        within = QStringView(error.detail).sliced(7).toLongLong();
    const qsizetype absolute = qMin(offset + within, script.size());
    const QStringView before = script.first(absolute);
    const qsizetype line = before.count(u'\n') + 1;
    const qsizetype column = absolute - (before.lastIndexOf(u'\n') + 1) + 1;
    const QString where = (origin.isEmpty() ? u"<input>"_s : origin) + u':' + QString::number(line) + u':'
                          + QString::number(column);
    static const QRegularExpression inStatement(u" at line \\d+, column \\d+:"_s);
    error.message = where + u": "_s + error.message.replace(inStatement, u":"_s);
    error.detail = where;
    return error;
}

enum class StatementKind { Table, View, DropTable, DropView, Ignored, Unknown };

StatementKind classify(DdlCursor &c)
{
    if (c.atEnd() || c.isWord("set"_L1) || c.isWord("use"_L1) || c.isWord("lock"_L1) || c.isWord("unlock"_L1))
        return StatementKind::Ignored;
    if (c.acceptWord("drop"_L1)) {
        if (c.acceptWord("table"_L1))
            return StatementKind::DropTable;
        return c.acceptWord("view"_L1) ? StatementKind::DropView : StatementKind::Unknown;
    }
    if (!c.acceptWord("create"_L1))
        return StatementKind::Unknown;
    if (c.isWord("table"_L1) || c.isWord("table"_L1, 1) || c.isWord("table"_L1, 2))
        return StatementKind::Table;
    for (int i = 0; i < 12 && !c.atEnd(); ++i, c.advance()) {
        if (c.isWord("view"_L1))
            return StatementKind::View;
    }
    return StatementKind::Unknown;
}

} // namespace

QList<SchemaLoader::Statement> SchemaLoader::split(QStringView script)
{
    QList<Statement> out;
    qsizetype start = 0;
    const qsizetype n = script.size();
    auto flush = [&](qsizetype end) {
        while (start < end && script[start].isSpace())
            ++start;
        const QStringView text = script.sliced(start, end - start);
        if (!text.trimmed().isEmpty())
            out.append({start, text});
        start = end + 1;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = script[i];
        if (c == u'\'' || c == u'"' || c == u'`') {
            i = skipQuoted(script, i);
        } else if (c == u'#' || (c == u'-' && i + 2 < n && script[i + 1] == u'-' && script[i + 2].isSpace())) {
            while (i < n && script[i] != u'\n')
                ++i;
        } else if (c == u'/' && i + 2 < n && script[i + 1] == u'*' && script[i + 2] != u'!' && script[i + 2] != u'M') {
            const qsizetype close = script.indexOf(u"*/", i + 2);
            i = close < 0 ? n : close + 1;
        } else if (c == u';') {
            flush(i);
        }
    }
    if (start < n)
        flush(n);
    return out;
}

Core::Result<void> SchemaLoader::addScript(SchemaModel &model, QStringView script, const QString &origin)
{
    for (const Statement &statement : split(script)) {
        auto cursor = makeCursor(statement.text, {});
        if (!cursor)
            return locate(cursor.error(), script, statement.offset, origin);
        DdlCursor &c = cursor.value();
        const StatementKind kind = classify(c);
        if (kind == StatementKind::Table) {
            c.setIndex(0);
            auto table = TableParser::parse(statement.text, c);
            if (!table)
                return locate(table.error(), script, statement.offset, origin);
            removeNamed(model.views, table->name);
            replaceNamed(model.tables, std::move(table).value());
        } else if (kind == StatementKind::View) {
            c.setIndex(0);
            auto view = ViewParser::parse(statement.text, c);
            if (!view)
                return locate(view.error(), script, statement.offset, origin);
            removeNamed(model.tables, view->name); // mysqldump's stand-in table for a view
            replaceNamed(model.views, std::move(view).value());
        } else if (kind == StatementKind::DropTable || kind == StatementKind::DropView) {
            c.acceptWords({"if"_L1, "exists"_L1});
            QString name;
            while (c.readIdentifier(name)) {
                if (c.acceptPunct('.'))
                    continue;
                kind == StatementKind::DropTable ? removeNamed(model.tables, name) : removeNamed(model.views, name);
                if (!c.acceptPunct(','))
                    break;
            }
        } else if (kind == StatementKind::Unknown) {
            c.setIndex(0);
            c.setObjectName({});
            return locate(c.error(u"CREATE TABLE or CREATE VIEW"_s), script, statement.offset, origin);
        }
    }
    return {};
}

Core::Result<SchemaModel> SchemaLoader::fromScript(QStringView script, const QString &origin)
{
    SchemaModel model;
    if (auto added = addScript(model, script, origin); !added)
        return added.error();
    return model;
}

Core::Result<SchemaModel> SchemaLoader::fromPath(const QString &path)
{
    const QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        const QDir dir(path);
        for (const QString &name : dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name))
            files.append(dir.filePath(name));
    } else if (info.isFile()) {
        files.append(path);
    } else {
        return Core::makeError(u"not_found"_s, u"No such file or directory: "_s + path);
    }
    SchemaModel model;
    for (const QString &file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Core::makeError(u"read_error"_s, u"Cannot read "_s + file, f.errorString());
        const QString text = QString::fromUtf8(f.readAll());
        if (auto added = addScript(model, text, file); !added)
            return added.error();
    }
    return model;
}

} // namespace Schema

#include "schema/schemaloader.h"

#include "schema/ddlcursor.h"
#include "schema/tableparser.h"
#include "schema/viewparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QScopeGuard>

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

template<typename T> void removeNamed(QList<T> &items, const QString &name)
{
    items.removeIf([&name](const T &item) { return item.name == name; });
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
    const QString where
        = (origin.isEmpty() ? u"<input>"_s : origin) + u':' + QString::number(line) + u':' + QString::number(column);
    static const QRegularExpression inStatement(u" at line \\d+, column \\d+:"_s);
    error.message = where + u": "_s + error.message.replace(inStatement, u":"_s);
    error.detail = where;
    return error;
}

} // namespace

// Name → position of the model's tables and views while scripts are added, so that a later
// CREATE of the same name replaces the earlier one without a linear search.
class ModelIndex
{
public:
    ModelIndex(SchemaModel &model, qsizetype expected)
        : m_model(model)
    {
        m_tables.reserve(model.tables.size() + expected);
        rebuild();
    }

    void put(Table table) { put(m_model.tables, m_tables, std::move(table)); }
    void put(View view) { put(m_model.views, m_views, std::move(view)); }
    void removeTable(const QString &name) { remove(m_model.tables, m_tables, name); }
    void removeView(const QString &name) { remove(m_model.views, m_views, name); }

private:
    template<typename T> static void put(QList<T> &items, QHash<QString, qsizetype> &index, T item)
    {
        if (const auto it = index.constFind(item.name); it != index.cend()) {
            items[it.value()] = std::move(item);
            return;
        }
        index.insert(item.name, items.size());
        items.append(std::move(item));
    }

    template<typename T> void remove(QList<T> &items, const QHash<QString, qsizetype> &index, const QString &name)
    {
        if (!index.contains(name))
            return;
        removeNamed(items, name);
        rebuild(); // drops are rare (mysqldump's view stand-ins)
    }

    void rebuild()
    {
        m_tables.clear();
        m_views.clear();
        for (qsizetype i = 0; i < m_model.tables.size(); ++i)
            m_tables.insert(m_model.tables[i].name, i);
        for (qsizetype i = 0; i < m_model.views.size(); ++i)
            m_views.insert(m_model.views[i].name, i);
    }

    SchemaModel &m_model;
    QHash<QString, qsizetype> m_tables;
    QHash<QString, qsizetype> m_views;
};

namespace {

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
            out.append({ start, text });
        start = end + 1;
    };
    const char16_t *data = script.utf16();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = data[i];
        // Fast path: only these characters can start a quote, a comment or end a statement.
        if (c > u'`' || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u' ' || c == u'\n' || c == u',')
            continue;
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
    ModelIndex index(model, script.size() / 1024);
    std::vector<DdlToken> tokens; // reused: one buffer for all statements
    for (qsizetype pos = 0; pos < script.size();) {
        DdlLexer lexer(script.sliced(pos));
        if (!lexer.runStatement(tokens)) {
            DdlCursor empty(script, { DdlToken {} });
            return locate(
                empty.errorAt(pos + lexer.errorOffset(), u"unterminated quote or comment"_s), script, 0, origin);
        }
        const qsizetype statementPos = pos;
        pos += lexer.position();
        if (tokens.size() == 1)
            continue; // only whitespace and comments
        // Tokens are made relative to the statement, which starts at its first token.
        const qsizetype first = tokens.front().start;
        for (DdlToken &t : tokens) {
            t.start -= first;
            t.end -= first;
        }
        const qsizetype offset = statementPos + first;
        const QStringView text = script.sliced(offset, tokens.back().end);
        DdlCursor c(text, std::move(tokens));
        const auto keepBuffer = qScopeGuard([&tokens, &c] { tokens = c.takeTokens(); });
        if (auto added = addStatement(index, c, text); !added)
            return locate(added.error(), script, offset, origin);
    }
    return {};
}

Core::Result<void> SchemaLoader::addStatement(ModelIndex &index, DdlCursor &c, QStringView text)
{
    const StatementKind kind = classify(c);
    if (kind == StatementKind::Table) {
        c.setIndex(0);
        auto table = TableParser::parse(text, c);
        if (!table)
            return table.error();
        index.removeView(table->name);
        index.put(std::move(table).value());
    } else if (kind == StatementKind::View) {
        c.setIndex(0);
        auto view = ViewParser::parse(text, c);
        if (!view)
            return view.error();
        index.removeTable(view->name); // mysqldump's stand-in table for a view
        index.put(std::move(view).value());
    } else if (kind == StatementKind::DropTable || kind == StatementKind::DropView) {
        c.acceptWords({ "if"_L1, "exists"_L1 });
        QString name;
        while (c.readIdentifier(name)) {
            if (c.acceptPunct('.'))
                continue;
            kind == StatementKind::DropTable ? index.removeTable(name) : index.removeView(name);
            if (!c.acceptPunct(','))
                break;
        }
    } else if (kind == StatementKind::Unknown) {
        c.setIndex(0);
        c.setObjectName({});
        return c.error(u"CREATE TABLE or CREATE VIEW"_s);
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
        for (const QString &name : dir.entryList({ u"*.sql"_s }, QDir::Files, QDir::Name))
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

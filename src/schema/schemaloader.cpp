#include "schema/schemaloader.h"

#include "schema/ddlcursor.h"
#include "schema/programparser.h"
#include "schema/sharedtext.h"
#include "schema/tablememo.h"
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

// Turns an error at an offset of `script` into one that names the file, line and column.
Core::Error locate(Core::Error error, QStringView script, const QString &origin)
{
    qsizetype offset = 0;
    if (error.detail.startsWith(u"offset "))
        offset = QStringView(error.detail).sliced(7).toLongLong();
    const qsizetype absolute = qMin(offset, script.size());
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

// True when the statement at `i` starts with a word that can change how the script splits: DELIMITER,
// or CREATE not followed by TABLE (a stored program may follow, with ';' inside its body).
bool needsLexer(QStringView s, qsizetype i)
{
    auto wordAt = [&s](qsizetype at, QLatin1StringView word) {
        return at + word.size() < s.size() && s.sliced(at, word.size()).compare(word, Qt::CaseInsensitive) == 0
            && s[at + word.size()].isSpace();
    };
    if (wordAt(i, "delimiter"_L1))
        return true;
    if (!wordAt(i, "create"_L1))
        return false;
    qsizetype j = i + 6;
    while (j < s.size() && s[j].isSpace())
        ++j;
    return !wordAt(j, "table"_L1);
}

} // namespace

// Name → position of the model's objects while scripts are added, so that a later CREATE of the same
// name replaces the earlier one without a linear search.
class ModelIndex
{
public:
    ModelIndex(SchemaModel &model, qsizetype expected)
        : m_model(model)
    {
        m_tables.reserve(model.tables.size() + expected);
        model.tables.reserve(model.tables.size() + expected);
        rebuild();
    }

    void put(Table table) { put(m_model.tables, m_tables, std::move(table)); }
    void put(View view) { put(m_model.views, m_views, std::move(view)); }
    void put(StoredProgram program) { put(m_model.programs, m_programs, std::move(program)); }
    void removeTable(const QString &name) { remove(m_model.tables, m_tables, name); }
    void removeView(const QString &name) { remove(m_model.views, m_views, name); }
    void removeProgram(StoredProgram::Kind kind, const QString &name)
    {
        StoredProgram key;
        key.kind = kind;
        key.name = name;
        remove(m_model.programs, m_programs, programKey(key));
    }

private:
    static QString programKey(const StoredProgram &p) { return QString::number(int(p.kind)) + u':' + p.name; }
    static QString keyOf(const Table &t) { return t.name; }
    static QString keyOf(const View &v) { return v.name; }
    static QString keyOf(const StoredProgram &p) { return programKey(p); }

    template<typename T> static void put(QList<T> &items, QHash<QString, qsizetype> &index, T item)
    {
        QString key = keyOf(item);
        if (const auto it = index.constFind(key); it != index.cend()) {
            items[it.value()] = std::move(item);
            return;
        }
        index.insert(std::move(key), items.size());
        items.append(std::move(item));
    }

    template<typename T> void remove(QList<T> &items, const QHash<QString, qsizetype> &index, const QString &key)
    {
        if (!index.contains(key))
            return;
        items.removeIf([&key](const T &item) { return keyOf(item) == key; });
        rebuild(); // drops are rare (mysqldump's view stand-ins)
    }

    template<typename T> static void fill(QHash<QString, qsizetype> &index, const QList<T> &items)
    {
        index.clear();
        for (qsizetype i = 0; i < items.size(); ++i)
            index.insert(keyOf(items[i]), i);
    }

    void rebuild()
    {
        fill(m_tables, m_model.tables);
        fill(m_views, m_model.views);
        fill(m_programs, m_model.programs);
    }

    SchemaModel &m_model;
    QHash<QString, qsizetype> m_tables;
    QHash<QString, qsizetype> m_views;
    QHash<QString, qsizetype> m_programs;
};

namespace {

enum class StatementKind { Table, View, Program, Drop, Ignored, Unknown };

StatementKind classify(DdlCursor &c)
{
    switch (c.peek().keyword) {
    case Keyword::Set:
    case Keyword::Use:
    case Keyword::Lock:
    case Keyword::Unlock:
        return StatementKind::Ignored;
    case Keyword::Drop:
        return StatementKind::Drop;
    case Keyword::Alter: // mysqldump switches the database's collation around stored programs
        return c.isWord(Keyword::Database, 1) || c.isWord(Keyword::Schema, 1) ? StatementKind::Ignored
                                                                              : StatementKind::Unknown;
    case Keyword::Create:
        break;
    default:
        return c.atEnd() ? StatementKind::Ignored : StatementKind::Unknown;
    }
    if (c.isWord(Keyword::Table, 1) || c.isWord(Keyword::Table, 2) || c.isWord(Keyword::Table, 3))
        return StatementKind::Table;
    for (qsizetype i = 1; i < 16 && c.peek(i).kind != DdlToken::End; ++i) {
        switch (c.peek(i).keyword) {
        case Keyword::View:
            return StatementKind::View;
        case Keyword::Procedure:
        case Keyword::Function:
        case Keyword::Trigger:
        case Keyword::Event:
            return StatementKind::Program;
        case Keyword::Database:
        case Keyword::Schema:
            return i == 1 || c.isWord(Keyword::Or, 1) ? StatementKind::Ignored : StatementKind::Unknown;
        default:
            break;
        }
    }
    return StatementKind::Unknown;
}

void applyDrop(ModelIndex &index, DdlCursor &c)
{
    c.advance();
    const Keyword what = c.peek().keyword;
    c.advance();
    c.acceptWords({ Keyword::If, Keyword::Exists });
    QString name;
    while (c.readIdentifier(name)) {
        if (c.acceptPunct('.'))
            continue;
        switch (what) {
        case Keyword::Table:
            index.removeTable(name);
            break;
        case Keyword::View:
            index.removeView(name);
            break;
        case Keyword::Procedure:
            index.removeProgram(StoredProgram::Kind::Procedure, name);
            break;
        case Keyword::Function:
            index.removeProgram(StoredProgram::Kind::Function, name);
            break;
        case Keyword::Trigger:
            index.removeProgram(StoredProgram::Kind::Trigger, name);
            break;
        case Keyword::Event:
            index.removeProgram(StoredProgram::Kind::Event, name);
            break;
        default:
            return;
        }
        if (!c.acceptPunct(','))
            break;
    }
}

} // namespace

QList<SchemaLoader::Statement> SchemaLoader::split(QStringView script)
{
    QList<Statement> out;
    qsizetype start = 0;
    const qsizetype n = script.size();
    auto flush = [&](qsizetype end) {
        const QStringView text = script.sliced(start, end - start);
        if (!text.trimmed().isEmpty())
            out.append({ start, text });
        start = end + 1;
    };
    auto skipSpace = [&] {
        while (start < n && script[start].isSpace())
            ++start;
    };
    const char16_t *data = script.utf16();
    skipSpace();
    bool lexed = start < n && needsLexer(script, start);
    for (qsizetype i = start; i < n && !lexed; ++i) {
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
            skipSpace();
            lexed = start < n && needsLexer(script, start);
            i = start - 1;
        }
    }
    if (!lexed) {
        if (start < n)
            flush(n);
        return out;
    }
    // From a DELIMITER line or a stored program on, the lexer finds where statements end.
    DdlLexer lexer(script.sliced(start));
    DdlTokens tokens;
    while (lexer.runStatement(tokens)) {
        if (tokens.size() > 1) {
            const qsizetype from = tokens.front().start;
            out.append({ start + from, script.sliced(start + from, tokens.back().end - from) });
        }
        if (lexer.atEnd())
            return out;
    }
    out.append({ start + lexer.errorOffset(), script.sliced(start + lexer.errorOffset()) }); // unterminated
    return out;
}

Core::Result<void> SchemaLoader::addScript(SchemaModel &model, QStringView script, const QString &origin)
{
    return addScript(model, script.toString(), origin);
}

Core::Result<void> SchemaLoader::addScript(
    SchemaModel &model, const QString &scriptText, const QString &origin, TableMemo *memo)
{
    SharedText shared(scriptText);
    const QString &script = shared.text();
    ModelIndex index(model, script.size() / 1024);
    DdlTokens tokens; // reused: one buffer for all statements
    DdlLexer lexer(script);
    while (!lexer.atEnd()) {
        if (memo && lexer.atPlainStatementStart() && reuseTable(index, *memo, lexer, script))
            continue;
        if (!lexer.runStatement(tokens)) {
            const DdlCursor empty(script, DdlTokens::endOnly());
            return locate(empty.errorAt(lexer.errorOffset(), u"unterminated quote or comment"_s), script, origin);
        }
        if (tokens.size() == 1)
            continue; // only whitespace and comments
        DdlCursor c(script, std::move(tokens), &shared);
        const auto keepBuffer = qScopeGuard([&tokens, &c] { tokens = c.takeTokens(); });
        if (auto added = addStatement(index, c, memo); !added)
            return locate(added.error(), script, origin);
    }
    return {};
}

// A table whose text the memo holds, read from where the lexer stands without lexing it again.
bool SchemaLoader::reuseTable(ModelIndex &index, TableMemo &memo, DdlLexer &lexer, QStringView script)
{
    qsizetype next = 0;
    const Table *known = memo.findAt(script, lexer.position(), &next);
    if (!known)
        return false;
    putReused(index, memo, *known);
    lexer.skipTo(next);
    return true;
}

void SchemaLoader::putReused(ModelIndex &index, TableMemo &memo, const Table &known)
{
    memo.countReuse();
    index.removeView(known.name);
    index.put(Table(known));
}

Core::Result<void> SchemaLoader::addTable(ModelIndex &index, DdlCursor &c, TableMemo *memo)
{
    if (memo) {
        if (const Table *known = memo->find(c.statementText())) {
            putReused(index, *memo, *known);
            return {};
        }
    }
    auto table = TableParser::parse(c);
    if (!table)
        return table.error();
    if (memo)
        memo->remember(*table);
    index.removeView(table->name);
    index.put(std::move(table).value());
    return {};
}

Core::Result<void> SchemaLoader::addStatement(ModelIndex &index, DdlCursor &c, TableMemo *memo)
{
    switch (classify(c)) {
    case StatementKind::Table:
        return addTable(index, c, memo);
    case StatementKind::View: {
        auto view = ViewParser::parse(c);
        if (!view)
            return view.error();
        index.removeTable(view->name); // mysqldump's stand-in table for a view
        index.put(std::move(view).value());
        return {};
    }
    case StatementKind::Program: {
        auto program = ProgramParser::parse(c);
        if (!program)
            return program.error();
        index.put(std::move(program).value());
        return {};
    }
    case StatementKind::Drop:
        applyDrop(index, c);
        return {};
    case StatementKind::Ignored:
        return {};
    case StatementKind::Unknown:
        break;
    }
    c.setObjectName({});
    return c.error(u"CREATE TABLE, CREATE VIEW or a CREATE of a stored program"_s);
}

Core::Result<SchemaModel> SchemaLoader::fromScript(QStringView script, const QString &origin)
{
    return fromScript(script.toString(), origin);
}

Core::Result<SchemaModel> SchemaLoader::fromScript(const QString &script, const QString &origin, TableMemo *memo)
{
    SchemaModel model;
    if (auto added = addScript(model, script, origin, memo); !added)
        return added.error();
    return model;
}

Core::Result<SchemaModel> SchemaLoader::fromPath(const QString &path, TableMemo *memo)
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
        if (auto added = addScript(model, text, file, memo); !added)
            return added.error();
    }
    return model;
}

} // namespace Schema

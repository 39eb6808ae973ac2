#include "core/patternsql.h"

#include "core/sqllexer.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace Core::PatternSql {

namespace {

// The code tokens of `sql` as text: quoted identifiers unquoted, literals as "?".
struct Token
{
    SqlTokenKind kind;
    QString text;
};

QList<Token> codeTokens(QStringView sql)
{
    QList<Token> tokens;
    SqlLexer lexer(sql);
    while (!lexer.atEnd()) {
        const SqlToken t = lexer.next();
        if (!t.isCode())
            continue;
        QString text = lexer.text(t).toString();
        if (t.kind == SqlTokenKind::QuotedIdentifier)
            text = text.mid(1, text.size() - 2).replace(u"``"_s, u"`"_s);
        else if (t.kind == SqlTokenKind::String || t.kind == SqlTokenKind::Number)
            text = u"?"_s;
        tokens.append({ t.kind, text });
    }
    return tokens;
}

bool isPlaceholder(const Token &t)
{
    return t.text == u"?"_s;
}

// Collapses "( ? , ? … )" and "( . . . )" into "( ? )"; returns the index after the list, or -1.
qsizetype listEnd(const QList<Token> &tokens, qsizetype open)
{
    if (tokens[open].text != u"("_s)
        return -1;
    qsizetype i = open + 1;
    bool any = false;
    while (i < tokens.size() && tokens[i].text != u")"_s) {
        const QString &t = tokens[i].text;
        if (t != u"?"_s && t != u","_s && t != u"."_s)
            return -1;
        any = any || t == u"?"_s || t == u"."_s;
        ++i;
    }
    return (any && i < tokens.size()) ? i + 1 : -1;
}

bool isWord(const Token &t, const char *keyword)
{
    return t.kind == SqlTokenKind::Word && t.text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

bool isIdentifier(const Token &t)
{
    static const QStringList keywords { u"AND"_s, u"OR"_s, u"NOT"_s, u"NULL"_s, u"IS"_s, u"WHERE"_s, u"IN"_s, u"LIKE"_s,
        u"BETWEEN"_s, u"EXISTS"_s, u"TRUE"_s, u"FALSE"_s };
    return t.kind == SqlTokenKind::QuotedIdentifier
        || (t.kind == SqlTokenKind::Word && !keywords.contains(t.text, Qt::CaseInsensitive));
}

} // namespace

QString readable(QStringView sql)
{
    QString out;
    out.reserve(sql.size());
    SqlLexer lexer(sql);
    QStringView previous;
    bool lineComment = false; // a line comment needs its line break, or the code after it would join it
    bool spaced = false;
    while (!lexer.atEnd()) {
        const SqlToken t = lexer.next();
        if (t.kind == SqlTokenKind::Whitespace) {
            spaced = !out.isEmpty();
            continue;
        }
        const QStringView text = lexer.text(t);
        if (lineComment)
            out += u'\n';
        else if (spaced && previous != u"(" && previous != u"." && text != u"," && text != u")" && text != u".")
            out += u' ';
        out += text;
        previous = text;
        lineComment = t.kind == SqlTokenKind::Comment && !text.startsWith(u"/*");
        spaced = false;
    }
    return out;
}

QString canonical(QStringView sql)
{
    const QList<Token> tokens = codeTokens(sql);
    QStringList out;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (const qsizetype end = listEnd(tokens, i); end > 0) {
            out << u"("_s << u"?"_s << u")"_s;
            i = end - 1;
            continue;
        }
        // A signed literal is one value ("- ?" in the digest, "-5" typed).
        if (tokens[i].text == u"-"_s && i + 1 < tokens.size() && isPlaceholder(tokens[i + 1])
            && (out.isEmpty() || out.last() == u"="_s || out.last() == u"("_s || out.last() == u","_s))
            continue;
        out << tokens[i].text.toUpper();
    }
    return out.join(u' ');
}

QString withSampleValues(QStringView sql)
{
    QString out;
    SqlLexer lexer(sql);
    while (!lexer.atEnd()) {
        const SqlToken t = lexer.next();
        const QStringView text = lexer.text(t);
        if (t.kind == SqlTokenKind::Punctuation && text == u"?")
            out += u'1';
        else
            out += text;
    }
    return out.replace(u"(...)"_s, u"(1)"_s).replace(u"( ... )"_s, u"(1)"_s);
}

QString IndexSuggestion::indexName() const
{
    QString name = u"idx"_s;
    for (const QString &c : columns)
        name += u'_' + c;
    return name.left(64);
}

QString IndexSuggestion::ddl() const
{
    const auto quote = [](const QString &name) {
        QString quoted = name;
        quoted.replace(u'`', u"``"_s);
        quoted.prepend(u'`');
        quoted.append(u'`');
        return quoted;
    };
    QStringList quoted;
    for (const QString &c : columns)
        quoted.append(quote(c));
    return QStringLiteral("ALTER TABLE %1 ADD INDEX %2 (%3)")
        .arg(quote(table), quote(indexName()), quoted.join(u", "_s));
}

IndexSuggestion suggestIndex(QStringView sql)
{
    const QList<Token> t = codeTokens(sql);
    IndexSuggestion s;
    qsizetype where = -1;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (isWord(t[i], "JOIN") || (t[i].text == u","_s && where < 0 && !s.table.isEmpty()))
            return {}; // more than one table: the join order decides, not one index
        if ((isWord(t[i], "FROM") || isWord(t[i], "UPDATE")) && s.table.isEmpty() && i + 1 < t.size()
            && isIdentifier(t[i + 1])) {
            qsizetype k = i + 1;
            if (k + 2 < t.size() && t[k + 1].text == u"."_s && isIdentifier(t[k + 2]))
                k += 2; // schema.table
            // As for columns below: a name the digest upper-cased as a keyword (EVENTS) is written in lower case.
            s.table = t[k].kind == SqlTokenKind::Word ? t[k].text.toLower() : t[k].text;
        }
        if (isWord(t[i], "WHERE")) {
            where = i;
            break;
        }
    }
    if (where < 0 || s.table.isEmpty())
        return {};
    QStringList equal;
    QString range;
    for (qsizetype i = where + 1; i < t.size(); ++i) {
        if (isWord(t[i], "GROUP") || isWord(t[i], "ORDER") || isWord(t[i], "LIMIT") || isWord(t[i], "HAVING"))
            break;
        if (!isIdentifier(t[i]) || i + 1 >= t.size())
            continue;
        qsizetype c = i;
        if (i + 2 < t.size() && t[i + 1].text == u"."_s && isIdentifier(t[i + 2]))
            c = i + 2; // alias.column
        if (c + 1 >= t.size() || (i > 0 && (t[i - 1].text == u"."_s)))
            continue;
        const Token &op = t[c + 1];
        // The server's digest upper-cases names it also knows as keywords (NAME, ID): column names are
        // case-insensitive, so an unquoted one is suggested in lower case.
        const QString column = t[c].kind == SqlTokenKind::Word ? t[c].text.toLower() : t[c].text;
        if (op.text == u"="_s || isWord(op, "IN")) {
            if (!equal.contains(column, Qt::CaseInsensitive))
                equal << column;
        } else if ((op.text == u"<"_s || op.text == u">"_s || isWord(op, "BETWEEN") || isWord(op, "LIKE"))
            && range.isEmpty()) {
            range = column;
        }
        i = c;
    }
    s.columns = equal;
    if (!range.isEmpty() && !equal.contains(range, Qt::CaseInsensitive))
        s.columns << range;
    return s.columns.isEmpty() ? IndexSuggestion {} : s;
}

IndexSuggestion indexAdvice(const QueryPattern &pattern, double from)
{
    const bool wasteful = pattern.rowsReadPerReturned >= from
        || (pattern.rowsReturned == 0
            && double(pattern.rowsRead) >= from * double(qMax<qint64>(1, pattern.queryCount)));
    return wasteful ? suggestIndex(pattern.normalizedSql) : IndexSuggestion {};
}

} // namespace Core::PatternSql

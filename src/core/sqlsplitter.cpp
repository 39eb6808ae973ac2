#include "core/sqlsplitter.h"

using namespace Qt::StringLiterals;

namespace Core {

namespace {

bool isSpace(QChar c)
{
    return c.isSpace();
}

// "-- " starts a comment only when the dashes are followed by whitespace, a control character or the end.
bool isDashComment(QStringView s, qsizetype i)
{
    if (i + 1 >= s.size() || s[i] != u'-' || s[i + 1] != u'-')
        return false;
    return i + 2 >= s.size() || s[i + 2].isSpace() || s[i + 2].unicode() < 32;
}

// Executable comments are statement content: /*! (MySQL versioned), /*M! (MariaDB), /*+ (optimizer hint)
// and /*vt+ (Vitess directive).
bool isExecutableComment(QStringView s, qsizetype i)
{
    const QStringView rest = s.mid(i);
    return rest.startsWith(u"/*!") || rest.startsWith(u"/*M!") || rest.startsWith(u"/*+")
        || rest.startsWith(u"/*vt+", Qt::CaseInsensitive);
}

// Index just past the comment starting at i, or i when there is no (plain) comment there.
qsizetype skipComment(QStringView s, qsizetype i, bool includeExecutable)
{
    if (s[i] == u'#' || isDashComment(s, i)) {
        while (i < s.size() && s[i] != u'\n')
            ++i;
        return i;
    }
    if (s.mid(i).startsWith(u"/*") && (includeExecutable || !isExecutableComment(s, i))) {
        const qsizetype close = s.indexOf(u"*/", i + 2);
        return close < 0 ? s.size() : close + 2;
    }
    return i;
}

qsizetype skipSpaceAndComments(QStringView s, qsizetype i)
{
    while (i < s.size()) {
        if (isSpace(s[i])) {
            ++i;
            continue;
        }
        const qsizetype next = skipComment(s, i, false);
        if (next == i)
            break;
        i = next;
    }
    return i;
}

// Index just past the quoted run starting at i (quote char at s[i]); an unterminated quote runs to the end.
qsizetype skipQuoted(QStringView s, qsizetype i)
{
    const QChar quote = s[i];
    const bool backslashEscapes = quote != u'`';
    ++i;
    while (i < s.size()) {
        const QChar c = s[i];
        if (backslashEscapes && c == u'\\') {
            i += 2;
            continue;
        }
        if (c == quote) {
            if (i + 1 < s.size() && s[i + 1] == quote) { // doubled quote is an escaped quote
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return s.size();
}

bool matchesDelimiter(QStringView s, qsizetype i, const QString &delimiter)
{
    return s.mid(i).startsWith(delimiter, Qt::CaseInsensitive);
}

// At statement start: "DELIMITER <token>" up to the end of the line. Returns the index after the line and
// sets newDelimiter, or returns -1 when this is not a DELIMITER command.
qsizetype parseDelimiterCommand(QStringView s, qsizetype i, QString *newDelimiter)
{
    static constexpr QStringView keyword = u"delimiter";
    if (!s.mid(i).startsWith(keyword, Qt::CaseInsensitive))
        return -1;
    qsizetype j = i + keyword.size();
    if (j >= s.size() || !(s[j] == u' ' || s[j] == u'\t'))
        return -1;
    qsizetype lineEnd = s.indexOf(u'\n', j);
    if (lineEnd < 0)
        lineEnd = s.size();
    const QStringView args = s.mid(j, lineEnd - j).trimmed();
    qsizetype tokenEnd = 0;
    while (tokenEnd < args.size() && !args[tokenEnd].isSpace())
        ++tokenEnd;
    QString token = args.left(tokenEnd).toString();
    if (token.size() >= 2 && (token.front() == u'\'' || token.front() == u'"' || token.front() == u'`')
        && token.back() == token.front())
        token = token.mid(1, token.size() - 2);
    if (token.isEmpty())
        return -1;
    *newDelimiter = token;
    return lineEnd;
}

} // namespace

QList<SqlStatement> SqlSplitter::split(QStringView sql)
{
    QList<SqlStatement> out;
    QString delimiter = u";"_s;
    qsizetype i = 0;
    const qsizetype n = sql.size();

    while (i < n) {
        const qsizetype begin = skipSpaceAndComments(sql, i);
        if (begin >= n)
            break;
        QString newDelimiter;
        const qsizetype afterCommand = parseDelimiterCommand(sql, begin, &newDelimiter);
        if (afterCommand >= 0) {
            delimiter = newDelimiter;
            i = afterCommand;
            continue;
        }
        // Scan to the delimiter at top level, remembering the end of the last significant character.
        qsizetype j = begin;
        qsizetype lastSignificant = begin;
        bool foundDelimiter = false;
        while (j < n) {
            const QChar c = sql[j];
            if (matchesDelimiter(sql, j, delimiter)) {
                foundDelimiter = true;
                break;
            }
            if (c == u'\'' || c == u'"' || c == u'`') {
                j = skipQuoted(sql, j);
                lastSignificant = j;
                continue;
            }
            if (c == u'#' || c == u'-' || c == u'/') {
                const bool executable = c == u'/' && isExecutableComment(sql, j);
                const qsizetype next = skipComment(sql, j, true);
                if (next != j) {
                    if (executable)
                        lastSignificant = next;
                    j = next;
                    continue;
                }
            }
            ++j;
            if (!isSpace(c))
                lastSignificant = j;
        }
        if (lastSignificant > begin) {
            SqlStatement statement;
            statement.begin = begin;
            statement.end = lastSignificant;
            statement.text = sql.mid(begin, lastSignificant - begin).toString();
            statement.delimiter = delimiter;
            out.append(std::move(statement));
        }
        i = foundDelimiter ? j + delimiter.size() : j;
    }
    return out;
}

qsizetype SqlSplitter::statementAt(const QList<SqlStatement> &statements, qsizetype position)
{
    qsizetype best = -1;
    for (qsizetype k = 0; k < statements.size(); ++k) {
        if (statements[k].begin <= position)
            best = k;
        else
            break;
    }
    if (best < 0 && !statements.isEmpty())
        best = 0;
    return best;
}

bool SqlSplitter::startsWithKeyword(QStringView statement, QStringView keyword)
{
    qsizetype i = 0;
    for (;;) {
        i = skipSpaceAndComments(statement, i);
        if (i < statement.size() && statement[i] == u'(') {
            ++i;
            continue;
        }
        break;
    }
    if (!statement.mid(i).startsWith(keyword, Qt::CaseInsensitive))
        return false;
    const qsizetype after = i + keyword.size();
    return after >= statement.size() || !(statement[after].isLetterOrNumber() || statement[after] == u'_');
}

} // namespace Core

#include "core/sqlsplitter.h"

#include "core/sqllexer.h"

using namespace Qt::StringLiterals;

namespace Core {

namespace {

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
    SqlLexer lexer(sql);
    auto flush = [&](qsizetype begin, qsizetype end, const QString &delimiter) {
        if (begin >= 0 && end > begin)
            out.append(SqlStatement { sql.mid(begin, end - begin).toString(), begin, end, delimiter });
    };
    qsizetype begin = -1; // first significant character of the statement being read, -1 between statements
    qsizetype end = -1; // just past its last significant token
    while (!lexer.atEnd()) {
        if (begin < 0) {
            lexer.skipInsignificant();
            QString newDelimiter;
            const qsizetype afterCommand = parseDelimiterCommand(sql, lexer.position(), &newDelimiter);
            if (afterCommand >= 0) {
                lexer.setDelimiter(newDelimiter);
                lexer.setPosition(afterCommand);
                continue;
            }
            if (lexer.atEnd())
                break;
        }
        const SqlToken token = lexer.next();
        if (token.kind == SqlTokenKind::Delimiter) {
            flush(begin, end, lexer.delimiter());
            begin = end = -1;
            continue;
        }
        if (!token.isSignificant())
            continue;
        if (begin < 0)
            begin = token.begin;
        end = token.end;
    }
    flush(begin, end, lexer.delimiter());
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
    SqlLexer lexer(statement);
    while (!lexer.atEnd()) {
        const SqlToken token = lexer.next();
        if (!token.isCode() || (token.kind == SqlTokenKind::Punctuation && statement[token.begin] == u'('))
            continue;
        return SqlLexer::isWord(statement, token, keyword);
    }
    return false;
}

} // namespace Core

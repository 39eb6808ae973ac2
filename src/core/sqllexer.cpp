#include "core/sqllexer.h"

namespace Core {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || (c.unicode() >= 0x80 && !c.isSpace());
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

SqlLexer::SqlLexer(QStringView text, const QString &delimiter)
    : m_text(text)
    , m_delimiter(delimiter)
{ }

void SqlLexer::setPosition(qsizetype position)
{
    m_pos = qBound(qsizetype(0), position, m_text.size());
    m_executableEnd = -1;
}

bool SqlLexer::isWord(QStringView text, const SqlToken &token, QStringView keyword)
{
    return token.kind == SqlTokenKind::Word && token.length() == keyword.size()
        && text.mid(token.begin, token.length()).compare(keyword, Qt::CaseInsensitive) == 0;
}

bool SqlLexer::delimiterAt(qsizetype i) const
{
    if (m_executableEnd >= 0 || m_delimiter.isEmpty() || i >= m_text.size())
        return false;
    if (m_text[i].toCaseFolded() != m_delimiter.front().toCaseFolded())
        return false;
    return m_text.mid(i).startsWith(m_delimiter, Qt::CaseInsensitive);
}

SqlToken SqlLexer::make(SqlTokenKind kind, qsizetype end)
{
    SqlToken token { kind, m_pos, end };
    m_pos = end;
    return token;
}

SqlToken SqlLexer::next()
{
    const bool inExecutable = m_executableEnd >= 0;
    const qsizetype limit = inExecutable ? m_executableEnd : m_text.size();
    if (inExecutable && m_pos >= m_executableEnd) {
        m_executableEnd = -1;
        return make(SqlTokenKind::ExecutableClose, qMin(m_pos + 2, m_text.size()));
    }
    if (delimiterAt(m_pos))
        return make(SqlTokenKind::Delimiter, m_pos + m_delimiter.size());
    const QChar c = m_text[m_pos];
    const QChar c1 = m_pos + 1 < limit ? m_text[m_pos + 1] : QChar();
    if (c.isSpace())
        return whitespace(limit);
    if (c == u'\'' || c == u'"' || c == u'`')
        return quoted(limit);
    if (c == u'#' || (c == u'/' && c1 == u'*'))
        return comment(limit);
    // "--" starts a comment only when followed by whitespace, a control character or the end.
    if (c == u'-' && c1 == u'-') {
        const qsizetype k = m_pos + 2;
        if (k >= limit || m_text[k].isSpace() || m_text[k].unicode() < 32)
            return comment(limit);
    }
    if (c == u'@')
        return variable(limit);
    if (isDigit(c) || (c == u'.' && isDigit(c1)))
        return number(limit);
    if (isWordChar(c))
        return word(limit);
    return make(SqlTokenKind::Punctuation, m_pos + 1);
}

void SqlLexer::skipInsignificant()
{
    while (!atEnd()) {
        const qsizetype pos = m_pos;
        const qsizetype executableEnd = m_executableEnd;
        const SqlToken token = next();
        if (token.kind != SqlTokenKind::Whitespace && token.kind != SqlTokenKind::Comment) {
            m_pos = pos;
            m_executableEnd = executableEnd;
            return;
        }
    }
}

SqlToken SqlLexer::whitespace(qsizetype limit)
{
    qsizetype i = m_pos + 1;
    while (i < limit && m_text[i].isSpace() && !delimiterAt(i))
        ++i;
    return make(SqlTokenKind::Whitespace, i);
}

SqlToken SqlLexer::quoted(qsizetype limit)
{
    const QChar quote = m_text[m_pos];
    const bool backslashEscapes = quote != u'`';
    qsizetype i = m_pos + 1;
    while (i < limit) {
        const QChar c = m_text[i];
        if (backslashEscapes && c == u'\\') {
            i += 2;
            continue;
        }
        if (c == quote) {
            if (i + 1 < limit && m_text[i + 1] == quote) { // a doubled quote is an escaped quote
                i += 2;
                continue;
            }
            ++i;
            break;
        }
        ++i;
    }
    return make(quote == u'`' ? SqlTokenKind::QuotedIdentifier : SqlTokenKind::String, qMin(i, limit));
}

SqlToken SqlLexer::comment(qsizetype limit)
{
    if (m_text[m_pos] != u'/') { // # and -- run to the end of the line
        qsizetype i = m_pos;
        while (i < limit && m_text[i] != u'\n')
            ++i;
        return make(SqlTokenKind::Comment, i);
    }
    const QStringView rest = m_text.mid(m_pos, limit - m_pos);
    qsizetype close = m_text.indexOf(u"*/", m_pos + 2);
    if (close < 0 || close >= limit)
        close = -1;
    const bool executable = m_executableEnd < 0 && (rest.startsWith(u"/*!") || rest.startsWith(u"/*M!"));
    if (executable) {
        qsizetype i = m_pos + (rest.startsWith(u"/*!") ? 3 : 4);
        const qsizetype contentEnd = close < 0 ? m_text.size() : close;
        while (i < contentEnd && isDigit(m_text[i]))
            ++i;
        m_executableEnd = contentEnd;
        return make(SqlTokenKind::ExecutableOpen, i);
    }
    const bool hint = rest.startsWith(u"/*+") || rest.startsWith(u"/*vt+", Qt::CaseInsensitive);
    return make(hint ? SqlTokenKind::Hint : SqlTokenKind::Comment, close < 0 ? limit : close + 2);
}

SqlToken SqlLexer::word(qsizetype limit)
{
    qsizetype i = m_pos + 1;
    while (i < limit && isWordChar(m_text[i]) && !delimiterAt(i))
        ++i;
    return make(SqlTokenKind::Word, i);
}

SqlToken SqlLexer::number(qsizetype limit)
{
    auto digitsFrom = [&](qsizetype i) {
        while (i < limit && isDigit(m_text[i]) && !delimiterAt(i))
            ++i;
        return i;
    };
    qsizetype i = m_pos;
    const QChar c1 = i + 1 < limit ? m_text[i + 1].toLower() : QChar();
    if (m_text[i] == u'0' && (c1 == u'x' || c1 == u'b')) {
        i += 2;
        while (i < limit && m_text[i].isLetterOrNumber() && !delimiterAt(i))
            ++i;
    } else {
        i = digitsFrom(i);
        if (i < limit && m_text[i] == u'.' && !delimiterAt(i))
            i = digitsFrom(i + 1);
        if (i + 1 < limit && (m_text[i] == u'e' || m_text[i] == u'E') && !delimiterAt(i)) {
            qsizetype k = i + 1;
            if ((m_text[k] == u'+' || m_text[k] == u'-') && k + 1 < limit)
                ++k;
            if (isDigit(m_text[k]))
                i = digitsFrom(k);
        }
    }
    // Digits followed by letters are an identifier (MySQL allows names such as 1st_quarter).
    if (i < limit && isWordChar(m_text[i]) && !delimiterAt(i) && m_text[m_pos] != u'.')
        return word(limit);
    return make(SqlTokenKind::Number, i);
}

SqlToken SqlLexer::variable(qsizetype limit)
{
    qsizetype i = m_pos + 1;
    if (i < limit && m_text[i] == u'@')
        ++i;
    if (i < limit && (m_text[i] == u'\'' || m_text[i] == u'"' || m_text[i] == u'`')) {
        const qsizetype at = m_pos;
        m_pos = i;
        const SqlToken quotedPart = quoted(limit);
        m_pos = at;
        return make(SqlTokenKind::Variable, quotedPart.end);
    }
    while (i < limit && (isWordChar(m_text[i]) || m_text[i] == u'.') && !delimiterAt(i))
        ++i;
    return make(SqlTokenKind::Variable, i);
}

} // namespace Core

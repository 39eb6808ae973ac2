#include "schema/ddlcursor.h"

using namespace Qt::StringLiterals;

namespace Schema {

DdlCursor::DdlCursor(QStringView source, std::vector<DdlToken> tokens)
    : m_src(source)
    , m_tokens(std::move(tokens))
{ }

bool DdlCursor::acceptWord(QLatin1StringView keyword)
{
    if (!isWord(keyword))
        return false;
    advance();
    return true;
}

bool DdlCursor::acceptWords(std::initializer_list<QLatin1StringView> keywords)
{
    qsizetype ahead = 0;
    for (QLatin1StringView k : keywords) {
        if (!isWord(k, ahead++))
            return false;
    }
    m_index += ahead;
    return true;
}

bool DdlCursor::acceptPunct(char c)
{
    if (!isPunct(c))
        return false;
    advance();
    return true;
}

QStringView DdlCursor::text(const DdlToken &token) const
{
    return m_src.sliced(token.start, token.end - token.start);
}

bool DdlCursor::readIdentifier(QString &out)
{
    const DdlToken &t = peek();
    if (t.kind != DdlToken::Quoted && t.kind != DdlToken::Word)
        return false;
    out = DdlLexer::unquote(m_src, t);
    advance();
    return true;
}

bool DdlCursor::readString(QString &out)
{
    const DdlToken &t = peek();
    if (t.kind != DdlToken::String)
        return false;
    out = DdlLexer::unquote(m_src, t);
    advance();
    return true;
}

bool DdlCursor::skipParenGroup()
{
    if (!isPunct('('))
        return false;
    int depth = 0;
    for (size_t i = size_t(m_index); i < m_tokens.size(); ++i) {
        const DdlToken &t = m_tokens[i];
        if (t.kind == DdlToken::End)
            return false;
        if (t.kind != DdlToken::Punct)
            continue;
        const QChar c = m_src[t.start];
        if (c == u'(') {
            ++depth;
        } else if (c == u')' && --depth == 0) {
            m_index = qsizetype(i) + 1;
            return true;
        }
    }
    return false;
}

QString DdlCursor::span(qsizetype from, qsizetype to) const
{
    if (to <= from)
        return {};
    const qsizetype start = m_tokens[size_t(from)].start;
    return m_src.sliced(start, m_tokens[size_t(to - 1)].end - start).toString();
}

QString DdlCursor::normalizedSpan(qsizetype from, qsizetype to) const
{
    QString out;
    for (qsizetype i = from; i < to; ++i) {
        const DdlToken &t = m_tokens[size_t(i)];
        if (i > from && t.start > m_tokens[size_t(i - 1)].end)
            out += u' ';
        out += text(t);
    }
    return out;
}

Core::Error DdlCursor::error(const QString &expected) const
{
    const DdlToken &t = peek();
    const QString found
        = t.kind == DdlToken::End ? u"the end of the statement"_s : u'\'' + text(t).left(40).toString() + u'\'';
    return errorAt(t.start, u"expected "_s + expected + u", found "_s + found);
}

Core::Error DdlCursor::errorAt(qsizetype offset, const QString &what) const
{
    const QStringView before = m_src.first(qMin(offset, m_src.size()));
    const qsizetype line = before.count(u'\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf(u'\n') + 1) + 1;
    const QString object = m_objectName.isEmpty() ? u"statement"_s : u'`' + m_objectName + u'`';
    return Core::makeError(u"schema_parse_error"_s,
        u"Cannot parse "_s + object + u" at line "_s + QString::number(line) + u", column "_s + QString::number(column)
            + u": "_s + what,
        u"offset "_s + QString::number(offset));
}

Core::Result<DdlCursor> makeCursor(QStringView source, const QString &objectName, std::vector<DdlToken> tokens)
{
    DdlLexer lexer(source);
    if (!lexer.run(tokens)) {
        DdlCursor cursor(source, { DdlToken {} });
        cursor.setObjectName(objectName);
        return cursor.errorAt(lexer.errorOffset(), u"unterminated quote or comment"_s);
    }
    DdlCursor cursor(source, std::move(tokens));
    cursor.setObjectName(objectName);
    return cursor;
}

} // namespace Schema

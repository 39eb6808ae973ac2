#include "schema/ddlcursor.h"

using namespace Qt::StringLiterals;

namespace Schema {

DdlCursor::DdlCursor(QStringView source, DdlTokens tokens, SharedText *text, qsizetype textOffset)
    : m_src(source)
    , m_tokens(std::move(tokens))
    , m_text(text)
    , m_textOffset(textOffset)
{ }

DdlCursor::DdlCursor(SharedText text, DdlTokens tokens)
    : m_src(text.text())
    , m_tokens(std::move(tokens))
    , m_ownText(std::move(text))
    , m_text(&m_ownText)
{ }

DdlCursor::DdlCursor(DdlCursor &&other) noexcept
    : m_src(other.m_src)
    , m_tokens(std::move(other.m_tokens))
    , m_index(other.m_index)
    , m_ownText(std::move(other.m_ownText))
    , m_text(other.m_text == &other.m_ownText ? &m_ownText : other.m_text)
    , m_textOffset(other.m_textOffset)
    , m_objectName(std::move(other.m_objectName))
    , m_lastError(std::move(other.m_lastError))
{ }

bool DdlCursor::acceptWords(std::initializer_list<Keyword> keywords)
{
    qsizetype ahead = 0;
    for (Keyword k : keywords) {
        if (!isWord(k, ahead++))
            return false;
    }
    m_index += ahead;
    return true;
}

bool DdlCursor::readOtherIdentifier(QString &out)
{
    const DdlToken &t = peek();
    if (t.kind == DdlToken::Word) {
        out = slice(t.start, t.end - t.start);
    } else if (t.kind == DdlToken::Quoted) {
        out = t.escaped ? DdlLexer::unquote(m_src, t) : slice(t.start + 1, t.end - t.start - 2);
    } else {
        return false;
    }
    advance();
    return true;
}

bool DdlCursor::readString(QString &out)
{
    const DdlToken &t = peek();
    if (t.kind != DdlToken::String)
        return false;
    out = t.escaped ? DdlLexer::unquote(m_src, t) : slice(t.start + 1, t.end - t.start - 2);
    advance();
    return true;
}

bool DdlCursor::skipParenGroup()
{
    if (!isPunct('('))
        return false;
    int depth = 0;
    for (size_t i = size_t(m_index); i < m_tokens.count; ++i) {
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
    const DdlToken &first = m_tokens[size_t(from)];
    const DdlToken &last = m_tokens[size_t(to - 1)];
    // Ending inside a version comment opened within the span (MySQL's `/*!80023 INVISIBLE */`): the
    // text is closed, so that it is valid DDL on its own.
    if (Q_UNLIKELY(last.versioned && !first.versioned))
        return slice(first.start, last.end - first.start) + u" */"_s;
    return slice(first.start, last.end - first.start);
}

QString DdlCursor::normalizedSpan(qsizetype from, qsizetype to) const
{
    QString out;
    for (qsizetype i = from; i < to; ++i) {
        const DdlToken &t = m_tokens[size_t(i)];
        // A gap becomes one space, except after "--", where a space would start a comment. That gap held a
        // comment (whitespace right after "--" would have been one): `(a--/* x */1)` becomes `(a--1)`.
        if (i > from && t.start > m_tokens[size_t(i - 1)].end && !out.endsWith(u"--"))
            out += u' ';
        out += text(t);
    }
    return out;
}

QString DdlCursor::statementText() const
{
    qsizetype last = qsizetype(m_tokens.count) - 2; // before End
    if (last >= 0 && m_tokens[size_t(last)].kind == DdlToken::Punct && m_src[m_tokens[size_t(last)].start] == u';')
        --last;
    if (last < 0)
        return {};
    return span(0, last + 1);
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

Core::Result<DdlCursor> makeCursor(QStringView source, const QString &objectName, DdlTokens tokens)
{
    DdlLexer lexer(source);
    if (!lexer.run(tokens)) {
        DdlCursor cursor(source, DdlTokens::endOnly());
        cursor.setObjectName(objectName);
        return cursor.errorAt(lexer.errorOffset(), u"unterminated quote or comment"_s);
    }
    DdlCursor cursor(source, std::move(tokens));
    cursor.setObjectName(objectName);
    return cursor;
}

Core::Result<DdlCursor> makeCursor(const QString &source, const QString &objectName)
{
    SharedText text(source);
    auto cursor = makeCursor(QStringView(text.text()), objectName);
    if (!cursor)
        return cursor.error();
    DdlCursor shared(std::move(text), cursor->takeTokens());
    shared.setObjectName(objectName);
    return shared;
}

} // namespace Schema

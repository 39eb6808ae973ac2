#pragma once

#include "core/result.h"
#include "schema/ddllexer.h"
#include "schema/sharedtext.h"

#include <QLatin1StringView>

#include <initializer_list>
#include <utility>

namespace Schema {

// A read position over the tokens of one statement, with the small vocabulary the DDL parsers share.
// Keywords are compared by the lexer's classification; errors name the object and the line and column.
// Strings taken from the text share its buffer when the cursor has a SharedText over it.
class DdlCursor
{
public:
    // `source` is a view into `text` (when given) starting at `textOffset`.
    DdlCursor(QStringView source, DdlTokens tokens, SharedText *text = nullptr, qsizetype textOffset = 0);
    // Over the whole of `text`, which the cursor keeps.
    DdlCursor(SharedText text, DdlTokens tokens);
    DdlCursor(DdlCursor &&other) noexcept;
    DdlCursor &operator=(DdlCursor &&) = delete;

    const DdlToken &peek(qsizetype ahead = 0) const
    {
        const size_t i = size_t(m_index + ahead);
        return m_tokens.buffer[i < m_tokens.count ? i : m_tokens.count - 1];
    }
    bool atEnd() const { return peek().kind == DdlToken::End; }
    qsizetype index() const { return m_index; }
    void setIndex(qsizetype index) { m_index = index; }
    void advance()
    {
        if (!atEnd())
            ++m_index;
    }

    bool isWord(Keyword keyword, qsizetype ahead = 0) const { return peek(ahead).keyword == keyword; }
    bool acceptWord(Keyword keyword)
    {
        if (!isWord(keyword))
            return false;
        ++m_index;
        return true;
    }
    bool acceptWords(std::initializer_list<Keyword> keywords); // the whole sequence or nothing
    bool isPunct(char c, qsizetype ahead = 0) const
    {
        const DdlToken &t = peek(ahead);
        return t.kind == DdlToken::Punct && m_src[t.start].unicode() == char16_t(c);
    }
    bool acceptPunct(char c)
    {
        if (!isPunct(c))
            return false;
        advance();
        return true;
    }

    QStringView text(const DdlToken &token) const { return m_src.sliced(token.start, token.end - token.start); }
    QStringView currentText() const { return text(peek()); }
    QString currentUpper() const { return currentText().toString().toUpper(); }
    // The token's text as a QString (shared with the owner when there is one).
    QString string(const DdlToken &token) const { return slice(token.start, token.end - token.start); }

    // A name: a backtick-quoted or bare identifier. False (position unchanged) otherwise.
    bool readIdentifier(QString &out)
    {
        const DdlToken &t = peek();
        if (t.kind != DdlToken::Quoted || t.escaped)
            return readOtherIdentifier(out);
        out = slice(t.start + 1, t.end - t.start - 2);
        ++m_index;
        return true;
    }
    // A string literal's unescaped value.
    bool readString(QString &out);
    // At '(' moves past the matching ')'; false when not at '(' or unbalanced.
    bool skipParenGroup();
    // Source text from the start of token `from` to the end of token `to - 1`.
    QString span(qsizetype from, qsizetype to) const;
    // Like span(), with every run of whitespace and comments between tokens collapsed to one space (none
    // after "--", where a space would start a comment).
    QString normalizedSpan(qsizetype from, qsizetype to) const;
    // The statement's text: its first token to its last, a final ';' left out.
    QString statementText() const;
    QStringView source() const { return m_src; }

    void setObjectName(const QString &name) { m_objectName = name; }
    // Hands the token buffer back for reuse; the cursor is empty afterwards.
    DdlTokens takeTokens() { return std::exchange(m_tokens, DdlTokens::endOnly()); }
    Core::Error error(const QString &expected) const;
    Core::Error errorAt(qsizetype offset, const QString &what) const;
    // For parsers that return bool: record the error (what was expected at the current token, or what is
    // wrong at `offset`) and return false. lastError() gives it back.
    bool fail(const QString &expected)
    {
        m_lastError = error(expected);
        return false;
    }
    bool failAt(qsizetype offset, const QString &what)
    {
        m_lastError = errorAt(offset, what);
        return false;
    }
    const Core::Error &lastError() const { return m_lastError; }

private:
    bool readOtherIdentifier(QString &out);
    QString slice(qsizetype start, qsizetype length) const
    {
        if (!m_text)
            return m_src.sliced(start, length).toString();
        return m_text->slice(m_textOffset + start, length);
    }

    QStringView m_src;
    DdlTokens m_tokens;
    qsizetype m_index = 0;
    SharedText m_ownText;
    SharedText *m_text = nullptr;
    qsizetype m_textOffset = 0;
    QString m_objectName;
    Core::Error m_lastError;
};

// Tokenizes `source` into a cursor; a lexer failure comes back as an error.
// `tokens` may pass in a buffer (see DdlCursor::takeTokens) whose capacity is reused.
Core::Result<DdlCursor> makeCursor(QStringView source, const QString &objectName, DdlTokens tokens = {});
// The same over a whole QString, whose buffer the parsed strings then share.
Core::Result<DdlCursor> makeCursor(const QString &source, const QString &objectName);

} // namespace Schema

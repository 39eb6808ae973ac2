#pragma once

#include "core/result.h"
#include "schema/ddllexer.h"

#include <QLatin1StringView>

#include <utility>

namespace Schema {

// A read position over the tokens of one statement, with the small vocabulary the DDL parsers share.
// Keywords compare case-insensitively; errors name the object and the line and column in the statement.
class DdlCursor
{
public:
    DdlCursor(QStringView source, std::vector<DdlToken> tokens);

    const DdlToken &peek(qsizetype ahead = 0) const
    {
        const size_t i = size_t(m_index + ahead);
        return m_tokens[i < m_tokens.size() ? i : m_tokens.size() - 1];
    }
    bool atEnd() const { return peek().kind == DdlToken::End; }
    qsizetype index() const { return m_index; }
    void setIndex(qsizetype index) { m_index = index; }
    void advance()
    {
        if (!atEnd())
            ++m_index;
    }

    // `keyword` is lower case ASCII; the token may be in any case.
    bool isWord(QLatin1StringView keyword, qsizetype ahead = 0) const
    {
        const DdlToken &t = peek(ahead);
        if (t.kind != DdlToken::Word || t.end - t.start != keyword.size())
            return false;
        const QChar *p = m_src.data() + t.start;
        for (qsizetype i = 0; i < keyword.size(); ++i) {
            const char16_t c = p[i].unicode();
            if (c > 127 || char16_t(c | 0x20) != char16_t(keyword[i].unicode() | 0x20))
                return false;
        }
        return true;
    }
    bool isPunct(char c, qsizetype ahead = 0) const
    {
        const DdlToken &t = peek(ahead);
        return t.kind == DdlToken::Punct && m_src[t.start].unicode() == char16_t(c);
    }
    bool acceptWord(QLatin1StringView keyword);
    bool acceptWords(std::initializer_list<QLatin1StringView> keywords); // the whole sequence or nothing
    bool acceptPunct(char c);

    QStringView text(const DdlToken &token) const;
    QStringView currentText() const { return text(peek()); }
    QString currentUpper() const { return currentText().toString().toUpper(); }

    // A name: a backtick-quoted or bare identifier. False (position unchanged) otherwise.
    bool readIdentifier(QString &out);
    // A string literal's unescaped value.
    bool readString(QString &out);
    // At '(' moves past the matching ')'; false when not at '(' or unbalanced.
    bool skipParenGroup();
    // Source text from the start of token `from` to the end of token `to - 1`.
    QString span(qsizetype from, qsizetype to) const;
    // Like span(), with every run of whitespace outside quotes collapsed to one space.
    QString normalizedSpan(qsizetype from, qsizetype to) const;

    void setObjectName(const QString &name) { m_objectName = name; }
    // Hands the token buffer back for reuse; the cursor is empty afterwards.
    std::vector<DdlToken> takeTokens() { return std::exchange(m_tokens, { DdlToken {} }); }
    Core::Error error(const QString &expected) const;
    Core::Error errorAt(qsizetype offset, const QString &what) const;

private:
    QStringView m_src;
    std::vector<DdlToken> m_tokens;
    qsizetype m_index = 0;
    QString m_objectName;
};

// Tokenizes `source` into a cursor; a lexer failure comes back as an error.
// `tokens` may pass in a buffer (see DdlCursor::takeTokens) whose capacity is reused.
Core::Result<DdlCursor> makeCursor(QStringView source, const QString &objectName, std::vector<DdlToken> tokens = {});

} // namespace Schema

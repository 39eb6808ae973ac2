#pragma once

#include "core/result.h"
#include "schema/ddllexer.h"

#include <QLatin1StringView>

namespace Schema {

// A read position over the tokens of one statement, with the small vocabulary the DDL parsers share.
// Keywords compare case-insensitively; errors name the object and the line and column in the statement.
class DdlCursor
{
public:
    DdlCursor(QStringView source, QList<DdlToken> tokens);

    const DdlToken &peek(qsizetype ahead = 0) const;
    bool atEnd() const { return peek().kind == DdlToken::End; }
    qsizetype index() const { return m_index; }
    void setIndex(qsizetype index) { m_index = index; }
    void advance() { if (!atEnd()) ++m_index; }

    bool isWord(QLatin1StringView keyword, qsizetype ahead = 0) const;
    bool isPunct(char c, qsizetype ahead = 0) const;
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
    Core::Error error(const QString &expected) const;
    Core::Error errorAt(qsizetype offset, const QString &what) const;

private:
    QStringView m_src;
    QList<DdlToken> m_tokens;
    qsizetype m_index = 0;
    QString m_objectName;
};

// Tokenizes `source` into a cursor; a lexer failure comes back as an error.
Core::Result<DdlCursor> makeCursor(QStringView source, const QString &objectName);

} // namespace Schema

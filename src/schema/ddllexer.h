#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

namespace Schema {

// Tokens of one DDL statement. Comments are skipped; MySQL version comments (/*!50100 ... */,
// /*M!100301 ... */) are transparent, so their content is read as ordinary text, as the server does.
struct DdlToken
{
    enum Kind : quint8 { Word, Number, Quoted, String, Punct, End };
    Kind kind = End;
    qsizetype start = 0; // offset in the source
    qsizetype end = 0; // one past the last character
};

class DdlLexer
{
public:
    explicit DdlLexer(QStringView source)
        : m_src(source)
    { }

    // Tokenizes the whole source; the last token is always End. Returns false on an unterminated
    // quote or comment, with errorOffset() set.
    bool run(std::vector<DdlToken> &tokens);
    // Like run(), but stops after a ';' outside quotes and comments: the tokens of one statement of a
    // script, the ';' left out. position() is then where the next statement starts.
    bool runStatement(std::vector<DdlToken> &tokens);
    qsizetype position() const { return m_pos; }
    qsizetype errorOffset() const { return m_errorOffset; }

    // Unquoted value of a Quoted identifier or a String literal token; the token text otherwise.
    static QString unquote(QStringView source, const DdlToken &token);

private:
    bool lex(std::vector<DdlToken> &tokens, bool stopAtSemicolon);
    bool skipSpaceAndComments();
    bool readQuoted(QChar quote, DdlToken &token);
    void readNumber(DdlToken &token);
    void readWord(DdlToken &token);

    QStringView m_src;
    qsizetype m_pos = 0;
    int m_versionDepth = 0;
    qsizetype m_errorOffset = -1;
};

} // namespace Schema

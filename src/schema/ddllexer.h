#pragma once

#include "schema/ddlkeyword.h"

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
    bool escaped = false; // a Quoted or String token with a doubled quote or a backslash inside
    Keyword keyword = Keyword::None; // for a Word: which keyword it is, if any
    bool versioned = false; // inside a version comment (/*!80023 INVISIBLE */)
    qsizetype start = 0; // offset in the source
    qsizetype end = 0; // one past the last character
};

// A token buffer reused from statement to statement: `count` tokens are valid, the last one End.
struct DdlTokens
{
    std::vector<DdlToken> buffer;
    size_t count = 0;

    size_t size() const { return count; }
    bool empty() const { return count == 0; }
    const DdlToken &operator[](size_t i) const { return buffer[i]; }
    const DdlToken &front() const { return buffer[0]; }
    const DdlToken &back() const { return buffer[count - 1]; }
    static DdlTokens endOnly()
    {
        DdlTokens t;
        t.buffer.resize(1);
        t.count = 1;
        return t;
    }
};

class DdlLexer
{
public:
    explicit DdlLexer(QStringView source)
        : m_src(source)
        , m_data(source.utf16())
        , m_size(source.size())
    { }

    // Tokenizes the whole source; the last token is always End. Returns false on an unterminated
    // quote or comment, with errorOffset() set.
    bool run(DdlTokens &tokens);
    // Like run(), but stops after the delimiter (';' unless a DELIMITER line changed it) outside quotes,
    // comments and the BEGIN ... END body of a stored program: the tokens of one statement of a script,
    // the delimiter left out. position() is then where the next statement starts. DELIMITER lines are
    // consumed here, as the mariadb client does, and never returned as statements.
    bool runStatement(DdlTokens &tokens);
    qsizetype position() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_size; }
    // Between statements with ';' as the delimiter and no version comment open: a statement read from
    // `position()` ends at the first ';' outside quotes and comments.
    bool atPlainStatementStart() const { return m_versionDepth == 0 && m_delimiter == u";"; }
    // Goes on from `pos`, the start of the next statement (a statement known without lexing it).
    void skipTo(qsizetype pos) { m_pos = pos; }
    qsizetype errorOffset() const { return m_errorOffset; }

    // Unquoted value of a Quoted identifier or a String literal token; the token text otherwise.
    static QString unquote(QStringView source, const DdlToken &token);

private:
    // What the statement being read is, as far as its end goes.
    enum class Program : quint8 { Unknown, No, Yes };

    bool lex(DdlTokens &tokens, bool stopAtDelimiter);
    qsizetype skipComment(qsizetype pos);
    bool readDelimiterLine(qsizetype pos);
    bool atDelimiter(qsizetype pos) const;
    qsizetype readQuoted(qsizetype pos, DdlToken &token);
    qsizetype readNumber(qsizetype pos, DdlToken &token) const;
    bool endsStatement();
    void trackProgram(size_t count, const DdlToken &token);

    QStringView m_src;
    const char16_t *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    int m_versionDepth = 0;
    qsizetype m_versionOpen = -1; // where the outermost open version comment starts
    qsizetype m_errorOffset = -1;
    QString m_delimiter = QStringLiteral(";");
    Program m_program = Program::Unknown;
    int m_blockDepth = 0; // BEGIN/CASE ... END nesting inside a stored program
    bool m_pendingEnd = false; // an END whose kind (END IF, END CASE, END label) is not read yet
};

} // namespace Schema

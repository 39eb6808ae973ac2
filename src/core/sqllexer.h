#pragma once

#include <QString>
#include <QStringView>

namespace Core {

enum class SqlTokenKind : quint8 {
    Whitespace,
    Comment, // -- …, # … and /* … */: not part of the statement's code
    Hint, // /*+ … */ optimizer hint, /*vt+ … */ Vitess directive: kept with the statement, not code
    ExecutableOpen, // "/*!" or "/*M!" and its version digits: what follows up to ExecutableClose is code
    ExecutableClose, // the "*/" that ends an executable comment
    Word, // keyword or unquoted identifier
    QuotedIdentifier, // `…`
    String, // '…' or "…"
    Number,
    Variable, // @name, @@name, @'…', @`…` (also the host part of 'user'@'host')
    Punctuation, // one character: ( ) , . = + …
    Delimiter, // the statement delimiter in force
};

struct SqlToken
{
    SqlTokenKind kind = SqlTokenKind::Whitespace;
    qsizetype begin = 0;
    qsizetype end = 0;

    qsizetype length() const { return end - begin; }
    // Part of the statement (everything except whitespace, plain comments and delimiters).
    bool isSignificant() const
    {
        return kind != SqlTokenKind::Whitespace && kind != SqlTokenKind::Comment && kind != SqlTokenKind::Delimiter;
    }
    // What the server executes: significant tokens other than hints and executable-comment markers.
    bool isCode() const
    {
        return isSignificant() && kind != SqlTokenKind::Hint && kind != SqlTokenKind::ExecutableOpen
            && kind != SqlTokenKind::ExecutableClose;
    }
    bool operator==(const SqlToken &other) const = default;
};

// The one SQL lexer of the project (splitter, classifier, guards). Reads MySQL/MariaDB text the way the
// mysql command-line client does: quotes with backslash and doubled-quote escapes, backticks, comments
// (--, #, /* */), executable comments whose content is code, and the delimiter in force. Tokens tile the
// text: concatenated, they give it back exactly. Inside an executable comment (which ends at its first
// "*/") the delimiter is not recognised, as in mysqldump's trigger bodies.
class SqlLexer
{
public:
    explicit SqlLexer(QStringView text, const QString &delimiter = QStringLiteral(";"));

    bool atEnd() const { return m_pos >= m_text.size(); }
    // The token at the current position; advances past it. Must not be called at the end.
    SqlToken next();

    qsizetype position() const { return m_pos; }
    // Moves to a position outside any executable comment (e.g. after a DELIMITER command line).
    void setPosition(qsizetype position);
    const QString &delimiter() const { return m_delimiter; }
    void setDelimiter(const QString &delimiter) { m_delimiter = delimiter; }

    // Advances over whitespace and plain comments (not hints, executable comments or delimiters).
    void skipInsignificant();

    QStringView text() const { return m_text; }
    QStringView text(const SqlToken &token) const { return m_text.mid(token.begin, token.length()); }

    // True for a Word token equal to the keyword (case-insensitive).
    static bool isWord(QStringView text, const SqlToken &token, QStringView keyword);

private:
    bool delimiterAt(qsizetype i) const;
    SqlToken make(SqlTokenKind kind, qsizetype end);
    SqlToken comment(qsizetype limit);
    SqlToken quoted(qsizetype limit);
    SqlToken word(qsizetype limit);
    SqlToken number(qsizetype limit);
    SqlToken variable(qsizetype limit);
    SqlToken whitespace(qsizetype limit);

    QStringView m_text;
    QString m_delimiter;
    qsizetype m_pos = 0;
    qsizetype m_executableEnd = -1; // index of the "*/" closing the executable comment we are in, or -1
};

} // namespace Core

#include "core/sqlredactor.h"

#include "core/sqllexer.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

// Reads one statement's code tokens and says which string literals are secrets.
class SecretScanner
{
public:
    explicit SecretScanner(QStringView text)
        : m_text(text)
    { }

    // Feeds the next code token; true when it is a string literal to mask.
    bool isSecret(const SqlToken &token)
    {
        const QStringView t = m_text.mid(token.begin, token.length());
        ++m_position;
        if (token.kind == SqlTokenKind::Word)
            return word(t);
        if (token.kind == SqlTokenKind::String)
            return string();
        if (token.kind == SqlTokenKind::Punctuation)
            return punctuation(t);
        endPending();
        return false;
    }

    void reset() { *this = SecretScanner(m_text); }

private:
    static bool equals(QStringView t, QStringView keyword) { return t.compare(keyword, Qt::CaseInsensitive) == 0; }
    static bool endsWithPassword(QStringView t) { return t.endsWith(u"password"_s, Qt::CaseInsensitive); }
    // A character set introducer (_utf8mb4'…') or a hexadecimal / bit / national literal prefix (X'…').
    static bool isPrefix(QStringView t)
    {
        return t.startsWith(u'_') || equals(t, u"X") || equals(t, u"B") || equals(t, u"N");
    }

    bool word(QStringView t)
    {
        if (m_position == 1)
            m_set = equals(t, u"SET");
        else if (m_position == 2 && m_set && equals(t, u"PASSWORD"))
            m_setPassword = true;
        if (equals(t, u"IDENTIFIED"))
            m_identified = true;
        if (m_depth > 0)
            return false;
        if (endsWithPassword(t)) {
            m_pending = true;
            return false;
        }
        if (m_identified && (equals(t, u"BY") || equals(t, u"AS") || equals(t, u"USING") || equals(t, u"REPLACE"))) {
            m_pending = true;
            return false;
        }
        if (!(m_pending && isPrefix(t)))
            endPending();
        return false;
    }

    bool string()
    {
        // Adjacent literals are one string ('a' 'b'): the whole of it stays masked.
        return m_depth > 0 || m_pending;
    }

    bool punctuation(QStringView t)
    {
        if (t == u"(") {
            if (m_pending || m_depth > 0)
                ++m_depth;
            return false;
        }
        if (t == u")") {
            if (m_depth > 0 && --m_depth == 0)
                m_pending = false;
            return false;
        }
        if (t == u"=") { // MASTER_PASSWORD = '…', SET PASSWORD FOR x = '…'
            if (m_setPassword)
                m_pending = true;
            return false;
        }
        endPending();
        return false;
    }

    void endPending()
    {
        if (m_depth == 0)
            m_pending = false;
    }

    QStringView m_text;
    int m_position = 0; // code tokens read in this statement
    int m_depth = 0; // inside PASSWORD( … ): every literal is masked
    bool m_set = false;
    bool m_setPassword = false; // SET PASSWORD …: the value after '=' is the secret
    bool m_identified = false; // the statement has an IDENTIFIED clause
    bool m_pending = false; // the next string literal is a secret
};

// The text inside a comment's markers, and where it starts: "-- x" → " x", "/* x */" → " x ".
QStringView commentBody(QStringView comment, qsizetype *offset)
{
    if (comment.startsWith(u"/*")) {
        *offset = 2;
        const qsizetype end = comment.endsWith(u"*/") && comment.size() >= 4 ? comment.size() - 2 : comment.size();
        return comment.mid(2, end - 2);
    }
    *offset = comment.startsWith(u"#") ? 1 : 2;
    return comment.mid(*offset);
}

} // namespace

QString SqlRedactor::redact(QStringView sql, QStringList *secrets)
{
    SqlLexer lexer(sql);
    SecretScanner scanner(sql);
    QString out;
    out.reserve(sql.size());
    while (!lexer.atEnd()) {
        const SqlToken token = lexer.next();
        const QStringView text = lexer.text(token);
        if (token.kind == SqlTokenKind::Delimiter) {
            scanner.reset();
            out += text;
        } else if (token.kind == SqlTokenKind::Comment) {
            qsizetype offset = 0;
            const QStringView body = commentBody(text, &offset);
            out += text.left(offset);
            out += redact(body, secrets);
            out += text.mid(offset + body.size());
        } else if (token.isCode() && scanner.isSecret(token)) {
            out += mask();
            if (secrets)
                secrets->append(text.toString());
        } else {
            out += text;
        }
    }
    return out;
}

QStringList SqlRedactor::secrets(QStringView sql)
{
    QStringList found;
    (void)redact(sql, &found);
    found.removeDuplicates();
    return found;
}

QString SqlRedactor::redactMessage(QStringView message, const QStringList &secrets)
{
    QString out = message.toString();
    for (const QString &literal : secrets) {
        // The literal as written ('…' or "…"); its contents alone when they cannot be mistaken for other words.
        out.replace(literal, mask());
        const QChar quote = literal.isEmpty() ? QChar() : literal.front();
        const qsizetype open = (quote == u'\'' || quote == u'"') ? 1 : literal.indexOf(u'\'') + 1;
        const QString contents = literal.mid(open, literal.size() - open - 1);
        if (contents.size() >= 3)
            out.replace(contents, mask());
        // A syntax error quotes the statement from where it failed, cut after 80 characters: the cut may fall
        // inside the secret, leaving its start at the very end of the excerpt ("near '… BY 'hunt' at line 1").
        for (qsizetype keep = literal.size() - 1; keep > open; --keep) {
            const QString start = literal.left(keep);
            for (const QString &end : { u"' at line"_s, u"...' at line"_s }) {
                qsizetype at = out.indexOf(start + end);
                while (at >= 0) {
                    out.replace(at, start.size(), mask());
                    at = out.indexOf(start + end, at + mask().size());
                }
            }
        }
    }
    return out;
}

} // namespace Core

#include "schema/ddllexer.h"

namespace Schema {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c.unicode() >= 0x80;
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

bool DdlLexer::run(std::vector<DdlToken> &tokens)
{
    tokens.reserve(size_t(m_src.size() / 3 + 8));
    return lex(tokens, false);
}

bool DdlLexer::runStatement(std::vector<DdlToken> &tokens)
{
    return lex(tokens, true);
}

bool DdlLexer::lex(std::vector<DdlToken> &tokens, bool stopAtSemicolon)
{
    tokens.clear();
    while (true) {
        if (!skipSpaceAndComments())
            return false;
        DdlToken token;
        token.start = m_pos;
        if (m_pos >= m_src.size()) {
            if (stopAtSemicolon && !tokens.empty()) // the statement ends with its last token
                token.start = tokens.back().end;
            token.end = token.start;
            tokens.push_back(token);
            return true;
        }
        const QChar c = m_src[m_pos];
        if (c == u'`' || c == u'\'' || c == u'"') {
            if (!readQuoted(c, token))
                return false;
        } else if (isDigit(c) || (c == u'.' && m_pos + 1 < m_src.size() && isDigit(m_src[m_pos + 1]))) {
            readNumber(token);
        } else if (isWordChar(c)) {
            readWord(token);
        } else {
            token.kind = DdlToken::Punct;
            token.end = ++m_pos;
            if (stopAtSemicolon && c == u';' && m_versionDepth == 0) {
                const qsizetype end = tokens.empty() ? token.start : tokens.back().end;
                tokens.push_back(DdlToken { DdlToken::End, end, end });
                return true;
            }
        }
        tokens.push_back(token);
    }
}

bool DdlLexer::skipSpaceAndComments()
{
    const qsizetype n = m_src.size();
    while (m_pos < n) {
        const QChar c = m_src[m_pos];
        if (c.isSpace()) {
            ++m_pos;
        } else if (c == u'/' && m_pos + 1 < n && m_src[m_pos + 1] == u'*') {
            const qsizetype open = m_pos;
            const bool version = m_pos + 2 < n
                && (m_src[m_pos + 2] == u'!'
                    || (m_src[m_pos + 2] == u'M' && m_pos + 3 < n && m_src[m_pos + 3] == u'!'));
            if (version) {
                qsizetype i = m_pos + (m_src[m_pos + 2] == u'M' ? 4 : 3);
                const qsizetype digits = i;
                while (i < n && isDigit(m_src[i]))
                    ++i;
                // A version no server has (mariadb-dump's /*M!999999 sandbox marker) is a comment.
                if (m_src.sliced(digits, i - digits).toLongLong() < 200000) {
                    m_pos = i;
                    ++m_versionDepth;
                    continue;
                }
            }
            const qsizetype close = m_src.indexOf(u"*/", m_pos + 2);
            if (close < 0) {
                m_errorOffset = open;
                return false;
            }
            m_pos = close + 2;
        } else if (c == u'*' && m_versionDepth > 0 && m_pos + 1 < n && m_src[m_pos + 1] == u'/') {
            m_pos += 2;
            --m_versionDepth;
        } else if (c == u'#'
            || (c == u'-' && m_pos + 2 < n && m_src[m_pos + 1] == u'-' && m_src[m_pos + 2].isSpace())) {
            while (m_pos < n && m_src[m_pos] != u'\n')
                ++m_pos;
        } else {
            return true;
        }
    }
    return true;
}

bool DdlLexer::readQuoted(QChar quote, DdlToken &token)
{
    token.kind = quote == u'`' ? DdlToken::Quoted : DdlToken::String;
    const qsizetype n = m_src.size();
    qsizetype i = m_pos + 1;
    while (i < n) {
        const QChar c = m_src[i];
        if (c == u'\\' && quote != u'`') {
            i += 2;
        } else if (c == quote) {
            if (i + 1 < n && m_src[i + 1] == quote) {
                i += 2;
            } else {
                m_pos = i + 1;
                token.end = m_pos;
                return true;
            }
        } else {
            ++i;
        }
    }
    m_errorOffset = m_pos;
    return false;
}

void DdlLexer::readNumber(DdlToken &token)
{
    token.kind = DdlToken::Number;
    const qsizetype n = m_src.size();
    if (m_src[m_pos] == u'0' && m_pos + 1 < n && (m_src[m_pos + 1] == u'x' || m_src[m_pos + 1] == u'b')) {
        readWord(token); // 0x4142 / 0b101: a literal, read as one word
        token.kind = DdlToken::Number;
        return;
    }
    while (m_pos < n && (isDigit(m_src[m_pos]) || m_src[m_pos] == u'.'))
        ++m_pos;
    if (m_pos < n && (m_src[m_pos] == u'e' || m_src[m_pos] == u'E')) {
        qsizetype i = m_pos + 1;
        if (i < n && (m_src[i] == u'+' || m_src[i] == u'-'))
            ++i;
        if (i < n && isDigit(m_src[i])) {
            m_pos = i;
            while (m_pos < n && isDigit(m_src[m_pos]))
                ++m_pos;
        }
    }
    token.end = m_pos;
}

void DdlLexer::readWord(DdlToken &token)
{
    token.kind = DdlToken::Word;
    const qsizetype n = m_src.size();
    while (m_pos < n && isWordChar(m_src[m_pos]))
        ++m_pos;
    token.end = m_pos;
}

QString DdlLexer::unquote(QStringView source, const DdlToken &token)
{
    const QStringView text = source.sliced(token.start, token.end - token.start);
    if (token.kind != DdlToken::Quoted && token.kind != DdlToken::String)
        return text.toString();
    const QChar quote = text.front();
    const QStringView inner = text.sliced(1, text.size() - 2);
    if (!inner.contains(quote) && (quote == u'`' || !inner.contains(u'\\')))
        return inner.toString();
    QString out;
    out.reserve(inner.size());
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const QChar c = inner[i];
        if (c == quote && i + 1 < inner.size() && inner[i + 1] == quote) {
            out += c;
            ++i;
        } else if (c == u'\\' && quote != u'`' && i + 1 < inner.size()) {
            const QChar e = inner[++i];
            switch (e.unicode()) {
            case 'n':
                out += u'\n';
                break;
            case 't':
                out += u'\t';
                break;
            case 'r':
                out += u'\r';
                break;
            case '0':
                out += QChar(0);
                break;
            case 'Z':
                out += QChar(26);
                break;
            case 'b':
                out += u'\b';
                break;
            default:
                out += e;
                break;
            }
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace Schema

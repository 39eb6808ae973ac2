#include "schema/ddllexer.h"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace Schema {

namespace {

// What a character can start; Word and Digit also continue a word.
enum CharClass : quint8 { Word, Digit, Space, Quote, CommentStart, Dot, Semicolon, Other };

constexpr std::array<quint8, 128> buildClasses()
{
    std::array<quint8, 128> c {};
    c.fill(Other);
    for (char16_t x : { u' ', u'\t', u'\n', u'\r', u'\v', u'\f' })
        c[x] = Space;
    for (char16_t x = u'a'; x <= u'z'; ++x)
        c[x] = Word;
    for (char16_t x = u'A'; x <= u'Z'; ++x)
        c[x] = Word;
    for (char16_t x = u'0'; x <= u'9'; ++x)
        c[x] = Digit;
    c[u'_'] = Word;
    c[u'$'] = Word;
    for (char16_t x : { u'`', u'\'', u'"' })
        c[x] = Quote;
    for (char16_t x : { u'/', u'#', u'-', u'*' })
        c[x] = CommentStart;
    c[u'.'] = Dot;
    c[u';'] = Semicolon;
    return c;
}

constexpr std::array<quint8, 128> classes = buildClasses();

inline bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

inline bool isSpace(char16_t c)
{
    return c < 128 ? classes[c] == Space : QChar::isSpace(char32_t(c));
}

// Characters beyond ASCII belong to words (as in the server's lexer).
inline bool isWordChar(char16_t c)
{
    return c >= 128 || classes[c] <= Digit;
}

// The end of the word starting at `i`; `ascii` is cleared when it holds a character beyond ASCII.
// Eight characters at a time where SSE2 is there: this loop is where parsing spends most of its time.
inline qsizetype scanWord(const char16_t *s, qsizetype i, qsizetype n, bool &ascii)
{
#if defined(__SSE2__)
    while (n - i >= 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
        const __m128i lower = _mm_or_si128(v, _mm_set1_epi16(0x20));
        const __m128i letter = _mm_and_si128(
            _mm_cmpgt_epi16(lower, _mm_set1_epi16('a' - 1)), _mm_cmplt_epi16(lower, _mm_set1_epi16('z' + 1)));
        const __m128i digit
            = _mm_and_si128(_mm_cmpgt_epi16(v, _mm_set1_epi16('0' - 1)), _mm_cmplt_epi16(v, _mm_set1_epi16('9' + 1)));
        const __m128i sign
            = _mm_or_si128(_mm_cmpeq_epi16(v, _mm_set1_epi16('_')), _mm_cmpeq_epi16(v, _mm_set1_epi16('$')));
        const __m128i high
            = _mm_or_si128(_mm_cmpgt_epi16(v, _mm_set1_epi16(127)), _mm_cmplt_epi16(v, _mm_setzero_si128()));
        const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), _mm_or_si128(sign, high));
        const unsigned wordMask = unsigned(_mm_movemask_epi8(word));
        const unsigned highMask = unsigned(_mm_movemask_epi8(high));
        if (wordMask == 0xffff) {
            ascii = ascii && highMask == 0;
            i += 8;
            continue;
        }
        const int bits = __builtin_ctz(~wordMask);
        ascii = ascii && (highMask & ((1u << bits) - 1)) == 0;
        return i + bits / 2;
    }
#endif
    while (i < n && isWordChar(s[i])) {
        ascii = ascii && s[i] < 128;
        ++i;
    }
    return i;
}

// The first position from `i` holding `quote` or (when `backslash`) a backslash; `n` when none does.
inline qsizetype findQuoteEnd(const char16_t *s, qsizetype i, qsizetype n, char16_t quote, bool backslash)
{
#if defined(__SSE2__)
    const __m128i q = _mm_set1_epi16(short(quote));
    const __m128i b = _mm_set1_epi16(backslash ? short(u'\\') : short(quote));
    while (n - i >= 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
        const unsigned mask = unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi16(v, q), _mm_cmpeq_epi16(v, b))));
        if (mask != 0)
            return i + __builtin_ctz(mask) / 2;
        i += 8;
    }
#endif
    while (i < n && s[i] != quote && !(backslash && s[i] == u'\\'))
        ++i;
    return i;
}

} // namespace

bool DdlLexer::run(DdlTokens &tokens)
{
    if (tokens.buffer.size() < size_t(m_size / 3 + 8))
        tokens.buffer.resize(size_t(m_size / 3 + 8));
    return lex(tokens, false);
}

bool DdlLexer::runStatement(DdlTokens &tokens)
{
    return lex(tokens, true);
}

// The hot loop of parsing: positions and the output are kept in locals so that the compiler can keep
// them in registers (stores through the token's byte-sized fields may alias any member).
bool DdlLexer::lex(DdlTokens &tokens, bool stopAtDelimiter)
{
    m_program = stopAtDelimiter ? Program::Unknown : Program::No;
    m_blockDepth = 0;
    m_pendingEnd = false;
    bool semicolon = m_delimiter.size() == 1 && m_delimiter.front() == u';';
    std::vector<DdlToken> &buffer = tokens.buffer;
    if (buffer.size() < 64)
        buffer.resize(64);
    DdlToken *out = buffer.data();
    size_t capacity = buffer.size();
    size_t n = 0;
    const char16_t *s = m_data;
    const qsizetype size = m_size;
    qsizetype pos = m_pos;
    auto finish = [&](qsizetype at) {
        out[n++] = DdlToken { DdlToken::End, false, Keyword::None, false, at, at };
        tokens.count = n;
        m_pos = pos;
        return true;
    };
    while (true) {
        if (pos >= size) { // the statement ends with its last token
            // ...unless a version comment is still open: the server rejects that, and a definition cut
            // from it could not be closed the same way twice (parse → render → parse; found by fuzzing).
            if (Q_UNLIKELY(m_versionDepth > 0)) {
                m_errorOffset = m_pos = m_versionOpen;
                return false;
            }
            return finish(stopAtDelimiter && n > 0 ? out[n - 1].end : pos);
        }
        const char16_t c = s[pos];
        if (c == u' ') {
            ++pos;
            continue;
        }
        const quint8 cls = c < 128 ? classes[c] : (QChar::isSpace(char32_t(c)) ? quint8(Space) : quint8(Word));
        if (cls == Space) {
            ++pos;
            continue;
        }
        if (Q_UNLIKELY(n + 2 > capacity)) {
            buffer.resize(capacity * 2);
            out = buffer.data();
            capacity = buffer.size();
        }
        if (Q_UNLIKELY(stopAtDelimiter && (n == 0 || !semicolon))) {
            if (n == 0 && (c | 0x20) == u'd' && readDelimiterLine(pos)) {
                pos = m_pos;
                semicolon = m_delimiter.size() == 1 && m_delimiter.front() == u';';
                continue;
            }
            if (!semicolon && m_versionDepth == 0 && atDelimiter(pos)) {
                pos += m_delimiter.size();
                return finish(n > 0 ? out[n - 1].end : pos - m_delimiter.size());
            }
        }
        DdlToken &token = out[n];
        token.start = pos;
        token.escaped = false;
        token.versioned = m_versionDepth > 0;
        token.keyword = Keyword::None;
        switch (cls) {
        case Word: {
            bool ascii = true;
            qsizetype end = scanWord(s, pos + 1, size, ascii);
            if (Q_UNLIKELY(stopAtDelimiter && !semicolon)) { // a delimiter such as $$ may end the word
                const qsizetype at = m_src.sliced(pos, end - pos).indexOf(m_delimiter);
                if (at > 0)
                    end = pos + at;
            }
            token.kind = DdlToken::Word;
            token.end = end;
            if (ascii && c < 128)
                token.keyword = DdlKeywords::lookup(s + pos, end - pos, size - pos);
            pos = end;
            break;
        }
        case Digit:
            pos = readNumber(pos, token);
            break;
        case Quote:
            pos = readQuoted(pos, token);
            if (pos < 0) {
                m_pos = token.start;
                return false;
            }
            break;
        case CommentStart: {
            const qsizetype next = skipComment(pos);
            if (next < 0) {
                m_pos = pos;
                return false;
            }
            if (next != pos) {
                pos = next;
                continue;
            }
            token.kind = DdlToken::Punct;
            token.end = ++pos;
            break;
        }
        case Dot:
            if (pos + 1 < size && isDigit(s[pos + 1])) {
                pos = readNumber(pos, token);
                break;
            }
            token.kind = DdlToken::Punct;
            token.end = ++pos;
            break;
        case Semicolon:
            token.kind = DdlToken::Punct;
            token.end = ++pos;
            if (stopAtDelimiter && semicolon && m_versionDepth == 0 && endsStatement())
                return finish(n > 0 ? out[n - 1].end : token.start);
            break;
        default:
            token.kind = DdlToken::Punct;
            token.end = ++pos;
            break;
        }
        ++n;
        if (m_program != Program::No)
            trackProgram(n, token);
    }
}

// A statement ends at ';' unless it is a stored program inside its BEGIN ... END body.
bool DdlLexer::endsStatement()
{
    if (m_program != Program::Yes)
        return true;
    if (m_pendingEnd) {
        m_pendingEnd = false;
        --m_blockDepth;
    }
    return m_blockDepth <= 0;
}

// Decides from its first words whether the statement is a stored program (CREATE [OR REPLACE]
// [DEFINER=...] [AGGREGATE] PROCEDURE/FUNCTION/TRIGGER/EVENT/PACKAGE), then follows its block nesting:
// BEGIN and CASE open a block, END closes one; END IF/LOOP/WHILE/REPEAT close blocks never counted.
void DdlLexer::trackProgram(size_t count, const DdlToken &token)
{
    const Keyword k = token.kind == DdlToken::Word ? token.keyword : Keyword::None;
    if (m_program == Program::Unknown) {
        if (count == 1) {
            m_program = k == Keyword::Create ? Program::Unknown : Program::No;
            return;
        }
        switch (k) {
        case Keyword::Procedure:
        case Keyword::Function:
        case Keyword::Trigger:
        case Keyword::Event:
        case Keyword::Package:
            m_program = Program::Yes;
            break;
        case Keyword::Table:
        case Keyword::View:
        case Keyword::Index:
        case Keyword::Database:
        case Keyword::Schema:
        case Keyword::Sequence:
        case Keyword::User:
        case Keyword::As:
        case Keyword::Select:
            m_program = Program::No;
            break;
        default:
            if (count > 16)
                m_program = Program::No;
            break;
        }
        return;
    }
    if (m_pendingEnd) {
        m_pendingEnd = false;
        if (k == Keyword::Case) {
            --m_blockDepth;
            return;
        }
        if (k == Keyword::If || k == Keyword::Loop || k == Keyword::While || k == Keyword::Repeat)
            return;
        --m_blockDepth; // END or END label
    }
    if (k == Keyword::Begin || k == Keyword::Case)
        ++m_blockDepth;
    else if (k == Keyword::End)
        m_pendingEnd = true;
}

bool DdlLexer::atDelimiter(qsizetype pos) const
{
    return m_src.sliced(pos).startsWith(m_delimiter);
}

// A client-side "DELIMITER x" line at the start of a statement: takes x as the new delimiter and moves
// past the line.
bool DdlLexer::readDelimiterLine(qsizetype pos)
{
    constexpr qsizetype n = 9; // "delimiter"
    if (pos + n >= m_size || !isSpace(m_data[pos + n])
        || m_src.sliced(pos, n).compare(u"delimiter", Qt::CaseInsensitive) != 0)
        return false;
    qsizetype i = pos + n;
    while (i < m_size && (m_data[i] == u' ' || m_data[i] == u'\t'))
        ++i;
    const qsizetype start = i;
    while (i < m_size && !isSpace(m_data[i]))
        ++i;
    if (i == start)
        return false;
    m_delimiter = m_src.sliced(start, i - start).toString();
    while (i < m_size && m_data[i] != u'\n')
        ++i;
    m_pos = i;
    return true;
}

// At '/', '#', '-' or '*': the position after the comment (or the end of a version comment) starting
// there, `pos` itself when none starts there, -1 (with errorOffset() set) when it is unterminated.
qsizetype DdlLexer::skipComment(qsizetype pos)
{
    const char16_t c = m_data[pos];
    const qsizetype n = m_size;
    if (c == u'/' && pos + 1 < n && m_data[pos + 1] == u'*') {
        const bool version = pos + 2 < n
            && (m_data[pos + 2] == u'!' || (m_data[pos + 2] == u'M' && pos + 3 < n && m_data[pos + 3] == u'!'));
        if (version) {
            qsizetype i = pos + (m_data[pos + 2] == u'M' ? 4 : 3);
            const qsizetype digits = i;
            qint64 number = 0;
            while (i < n && isDigit(m_data[i]) && i - digits < 8)
                number = number * 10 + (m_data[i++] - u'0');
            // A version no server has (mariadb-dump's /*M!999999 sandbox marker) is a comment.
            if (number < 200000) {
                if (m_versionDepth++ == 0)
                    m_versionOpen = pos;
                return i;
            }
        }
        const qsizetype close = m_src.indexOf(u"*/", pos + 2);
        if (close < 0) {
            m_errorOffset = pos;
            return -1;
        }
        return close + 2;
    }
    if (c == u'*' && m_versionDepth > 0 && pos + 1 < n && m_data[pos + 1] == u'/') {
        --m_versionDepth;
        return pos + 2;
    }
    if (c == u'#' || (c == u'-' && pos + 2 < n && m_data[pos + 1] == u'-' && isSpace(m_data[pos + 2]))) {
        while (pos < n && m_data[pos] != u'\n')
            ++pos;
        return pos;
    }
    return pos;
}

qsizetype DdlLexer::readQuoted(qsizetype pos, DdlToken &token)
{
    const char16_t quote = m_data[pos];
    token.kind = quote == u'`' ? DdlToken::Quoted : DdlToken::String;
    const bool backslash = quote != u'`';
    const char16_t *s = m_data;
    const qsizetype n = m_size;
    qsizetype i = pos + 1;
    while ((i = findQuoteEnd(s, i, n, quote, backslash)) < n) {
        if (s[i] == quote) {
            if (i + 1 < n && s[i + 1] == quote) {
                token.escaped = true;
                i += 2;
                continue;
            }
            token.end = i + 1;
            return i + 1;
        }
        token.escaped = true; // a backslash
        i += 2;
    }
    m_errorOffset = pos;
    return -1;
}

qsizetype DdlLexer::readNumber(qsizetype pos, DdlToken &token) const
{
    const char16_t *s = m_data;
    const qsizetype n = m_size;
    if (s[pos] == u'0' && pos + 1 < n && (s[pos + 1] == u'x' || s[pos + 1] == u'b')) {
        bool ascii = true; // 0x4142 / 0b101: a literal, read as one word
        token.kind = DdlToken::Number;
        token.end = scanWord(s, pos, n, ascii);
        return token.end;
    }
    token.kind = DdlToken::Number;
    while (pos < n && (isDigit(s[pos]) || s[pos] == u'.'))
        ++pos;
    if (pos < n && (s[pos] == u'e' || s[pos] == u'E')) {
        qsizetype i = pos + 1;
        if (i < n && (s[i] == u'+' || s[i] == u'-'))
            ++i;
        if (i < n && isDigit(s[i])) {
            pos = i;
            while (pos < n && isDigit(s[pos]))
                ++pos;
        }
    }
    token.end = pos;
    return pos;
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

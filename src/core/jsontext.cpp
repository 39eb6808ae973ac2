#include "core/jsontext.h"

#include "core/sqlliteral.h"

#include <vector>

namespace Core {

namespace {

// A scanner over the text; every step returns false at the first byte that does not fit the grammar.
// Containers are tracked on an explicit stack, so deep nesting cannot exhaust the thread's stack.
struct Scanner
{
    QByteArrayView s;
    qsizetype i = 0;

    bool atEnd() const { return i >= s.size(); }
    char peek() const { return atEnd() ? '\0' : s[i]; }

    void space()
    {
        while (!atEnd() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
            ++i;
    }

    bool digits()
    {
        const qsizetype start = i;
        while (!atEnd() && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i > start;
    }

    bool number()
    {
        if (peek() == '-')
            ++i;
        if (peek() == '0')
            ++i;
        else if (!digits())
            return false;
        if (peek() == '.') {
            ++i;
            if (!digits())
                return false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++i;
            if (peek() == '+' || peek() == '-')
                ++i;
            if (!digits())
                return false;
        }
        return true;
    }

    static bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

    // Bytes of 0x80 and above pass here; the whole text's UTF-8 is checked once at the end.
    bool string()
    {
        if (peek() != '"')
            return false;
        for (++i; !atEnd(); ++i) {
            const char c = s[i];
            if (c == '"') {
                ++i;
                return true;
            }
            if (uchar(c) < 0x20)
                return false;
            if (c != '\\')
                continue;
            if (++i >= s.size())
                return false;
            if (s[i] == 'u') {
                for (int k = 0; k < 4; ++k)
                    if (++i >= s.size() || !isHex(s[i]))
                        return false;
            } else if (!QByteArrayView("\"\\/bfnrt").contains(s[i])) {
                return false;
            }
        }
        return false;
    }

    bool word(QByteArrayView w)
    {
        if (!s.sliced(i).startsWith(w))
            return false;
        i += w.size();
        return true;
    }

    bool scalar()
    {
        switch (peek()) {
        case '"':
            return string();
        case 't':
            return word("true");
        case 'f':
            return word("false");
        case 'n':
            return word("null");
        default:
            return number();
        }
    }

    // An object member's key and colon.
    bool key()
    {
        space();
        if (!string())
            return false;
        space();
        if (peek() != ':')
            return false;
        ++i;
        return true;
    }

    bool value()
    {
        std::vector<char> open; // the closing bracket each open container waits for
        for (;;) {
            // A value is expected here.
            space();
            const char c = peek();
            if (c == '{' || c == '[') {
                ++i;
                space();
                const char close = c == '{' ? '}' : ']';
                if (peek() == close) {
                    ++i;
                } else {
                    open.push_back(close);
                    if (close == '}' && !key())
                        return false;
                    continue;
                }
            } else if (!scalar()) {
                return false;
            }
            // After a value: a comma for the next one, or the end of containers.
            for (;;) {
                space();
                if (open.empty())
                    return true;
                if (peek() == ',') {
                    ++i;
                    if (open.back() == '}' && !key())
                        return false;
                    break;
                }
                if (peek() != open.back())
                    return false;
                ++i;
                open.pop_back();
            }
        }
    }
};

} // namespace

bool JsonText::isValid(QByteArrayView utf8)
{
    Scanner scanner { utf8 };
    if (!scanner.value())
        return false;
    scanner.space();
    return scanner.atEnd() && SqlLiteral::isValidUtf8(utf8);
}

bool JsonText::isNumber(QByteArrayView text)
{
    Scanner scanner { text };
    return scanner.number() && scanner.atEnd();
}

} // namespace Core

#include "core/cellcomparator.h"

#include "core/collationids.h"

#include <QString>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace Core {

namespace {

constexpr quint64 SignBit = quint64(1) << 63;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool parseSigned(QByteArrayView s, qint64 *out)
{
    const char *begin = s.data();
    const char *end = begin + s.size();
    if (begin != end && *begin == '+')
        ++begin;
    const auto r = std::from_chars(begin, end, *out);
    return r.ec == std::errc() && r.ptr == end && begin != end;
}

bool parseUnsigned(QByteArrayView s, quint64 *out)
{
    const char *begin = s.data();
    const char *end = begin + s.size();
    if (begin != end && *begin == '+')
        ++begin;
    const auto r = std::from_chars(begin, end, *out);
    return r.ec == std::errc() && r.ptr == end && begin != end;
}

bool parseDouble(QByteArrayView s, double *out)
{
    const char *begin = s.data();
    const char *end = begin + s.size();
    if (begin != end && *begin == '+')
        ++begin;
    const auto r = std::from_chars(begin, end, *out);
    return r.ec == std::errc() && r.ptr == end && begin != end;
}

// Reads an unsigned run of digits at s[*i]; false when there is none or it is too long.
bool readNumber(QByteArrayView s, qsizetype *i, int maxDigits, quint64 *out)
{
    quint64 v = 0;
    const qsizetype start = *i;
    while (*i < s.size() && isDigit(s[*i]) && *i - start < maxDigits)
        v = v * 10 + quint64(s[(*i)++] - '0');
    *out = v;
    return *i > start && (*i == s.size() || !isDigit(s[*i]));
}

bool expect(QByteArrayView s, qsizetype *i, char c)
{
    if (*i >= s.size() || s[*i] != c)
        return false;
    ++*i;
    return true;
}

// "YYYY-MM-DD" as YYYYMMDD.
bool parseDate(QByteArrayView s, qsizetype *i, quint64 *out)
{
    quint64 y = 0, m = 0, d = 0;
    if (!readNumber(s, i, 4, &y) || !expect(s, i, '-') || !readNumber(s, i, 2, &m) || !expect(s, i, '-')
        || !readNumber(s, i, 2, &d))
        return false;
    *out = (y * 100 + m) * 100 + d;
    return true;
}

// ".ffffff" (optional) as microseconds.
bool parseFraction(QByteArrayView s, qsizetype *i, quint64 *micros)
{
    *micros = 0;
    if (*i == s.size())
        return true;
    if (!expect(s, i, '.'))
        return false;
    const qsizetype start = *i;
    quint64 v = 0;
    if (!readNumber(s, i, 6, &v))
        return false;
    for (qsizetype digits = *i - start; digits < 6; ++digits)
        v *= 10;
    *micros = v;
    return *i == s.size();
}

// "HH:MM:SS" (hours up to 3 digits) as seconds.
bool parseClock(QByteArrayView s, qsizetype *i, quint64 *seconds)
{
    quint64 h = 0, m = 0, sec = 0;
    if (!readNumber(s, i, 3, &h) || !expect(s, i, ':') || !readNumber(s, i, 2, &m) || !expect(s, i, ':')
        || !readNumber(s, i, 2, &sec))
        return false;
    *seconds = (h * 60 + m) * 60 + sec;
    return true;
}

// A double's bits, reordered so that unsigned order is numeric order (-0 counts as 0).
quint64 orderedDouble(double v)
{
    if (v == 0)
        v = 0;
    quint64 bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return (bits & SignBit) ? ~bits : bits | SignBit;
}

// Parts of a decimal literal: sign, integer digits without leading zeros, fraction digits without trailing
// zeros. Zero is never negative.
struct DecimalParts
{
    bool negative = false;
    QByteArrayView integer;
    QByteArrayView fraction;
};

bool splitDecimal(QByteArrayView s, DecimalParts *out)
{
    qsizetype i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        out->negative = s[i++] == '-';
    qsizetype start = i;
    while (i < s.size() && isDigit(s[i]))
        ++i;
    qsizetype intEnd = i;
    qsizetype fracBegin = i, fracEnd = i;
    if (i < s.size() && s[i] == '.') {
        fracBegin = ++i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        fracEnd = i;
    }
    if (i != s.size() || (intEnd == start && fracEnd == fracBegin))
        return false;
    while (start < intEnd && s[start] == '0')
        ++start;
    while (fracEnd > fracBegin && s[fracEnd - 1] == '0')
        --fracEnd;
    out->integer = s.sliced(start, intEnd - start);
    out->fraction = s.sliced(fracBegin, fracEnd - fracBegin);
    if (out->integer.isEmpty() && out->fraction.isEmpty())
        out->negative = false;
    return true;
}

int compareMagnitude(const DecimalParts &a, const DecimalParts &b)
{
    if (a.integer.size() != b.integer.size())
        return a.integer.size() < b.integer.size() ? -1 : 1;
    if (const int c = CellComparator::compareBytes(a.integer, b.integer))
        return c;
    return CellComparator::compareBytes(a.fraction, b.fraction);
}

bool isFoldingNeeded(QByteArrayView s)
{
    for (const char c : s)
        if (uchar(c) >= 0x80)
            return true;
    return false;
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

QByteArray folded(QByteArrayView s)
{
    return QString::fromUtf8(s).toCaseFolded().toUtf8();
}

quint64 bigEndianPrefix(QByteArrayView s)
{
    quint64 key = 0;
    const qsizetype n = std::min<qsizetype>(8, s.size());
    for (qsizetype i = 0; i < n; ++i)
        key |= quint64(uchar(s[i])) << (56 - 8 * i);
    return key;
}

} // namespace

CellComparator::CellComparator(const ColumnInfo &column, TextOrder text)
{
    switch (column.kind) {
    case ColumnKind::Integer:
        m_type = Type::Signed;
        return;
    case ColumnKind::UnsignedInteger:
        m_type = Type::Unsigned;
        return;
    case ColumnKind::Decimal:
        m_type = Type::Decimal;
        m_scale = int(column.decimals);
        return;
    case ColumnKind::Float:
        m_type = Type::Float;
        return;
    case ColumnKind::Date:
        m_type = Type::Date;
        return;
    case ColumnKind::Time:
        m_type = Type::Time;
        return;
    case ColumnKind::DateTime:
        m_type = Type::DateTime;
        return;
    case ColumnKind::Bit:
        m_type = Type::Bit;
        return;
    case ColumnKind::Binary:
        m_type = Type::Bytes;
        return;
    case ColumnKind::Text:
    case ColumnKind::Json:
    case ColumnKind::Other:
        break;
    }
    if (text == TextOrder::Column)
        text = collationOrder(column.charset);
    m_type = text == TextOrder::CaseInsensitive ? Type::FoldedText : Type::Bytes;
}

bool CellComparator::isNumber() const
{
    return m_type == Type::Signed || m_type == Type::Unsigned || m_type == Type::Float || m_type == Type::Decimal;
}

TextOrder CellComparator::collationOrder(quint32 collationId)
{
    return CollationIds::isCaseSensitive(collationId) ? TextOrder::Binary : TextOrder::CaseInsensitive;
}

bool CellComparator::key(QByteArrayView cell, quint64 *key) const
{
    qsizetype i = 0;
    switch (m_type) {
    case Type::Signed: {
        qint64 v = 0;
        if (!parseSigned(cell, &v))
            return false;
        *key = quint64(v) ^ SignBit;
        return true;
    }
    case Type::Unsigned:
        return parseUnsigned(cell, key);
    case Type::Float: {
        double v = 0;
        if (!parseDouble(cell, &v) || std::isnan(v))
            return false;
        *key = orderedDouble(v);
        return true;
    }
    case Type::Decimal: {
        DecimalParts parts;
        if (m_scale > 18 || !splitDecimal(cell, &parts) || parts.fraction.size() > m_scale)
            return false;
        qint64 value = 0;
        for (const char c : parts.integer)
            if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, c - '0', &value))
                return false;
        for (int d = 0; d < m_scale; ++d) {
            const int digit = d < parts.fraction.size() ? parts.fraction[d] - '0' : 0;
            if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, digit, &value))
                return false;
        }
        *key = quint64(parts.negative ? -value : value) ^ SignBit;
        return true;
    }
    case Type::Date: {
        quint64 date = 0;
        if (!parseDate(cell, &i, &date) || i != cell.size())
            return false;
        *key = date;
        return true;
    }
    case Type::DateTime: {
        quint64 date = 0, seconds = 0, micros = 0;
        if (!parseDate(cell, &i, &date))
            return false;
        if (i < cell.size() && !expect(cell, &i, ' ') && !expect(cell, &i, 'T'))
            return false;
        if (i < cell.size() && (!parseClock(cell, &i, &seconds) || !parseFraction(cell, &i, &micros)))
            return false;
        if (i != cell.size() || seconds >= 86400)
            return false;
        *key = (date << 37) | (seconds << 20) | micros; // 27 + 17 + 20 bits
        return true;
    }
    case Type::Time: {
        const bool negative = expect(cell, &i, '-');
        quint64 seconds = 0, micros = 0;
        if (!parseClock(cell, &i, &seconds) || !parseFraction(cell, &i, &micros))
            return false;
        const qint64 total = qint64(seconds * 1'000'000 + micros);
        *key = quint64(negative ? -total : total) ^ SignBit;
        return true;
    }
    case Type::Bit: {
        if (cell.size() > 8)
            return false;
        quint64 v = 0;
        for (const char c : cell)
            v = (v << 8) | uchar(c);
        *key = v;
        return true;
    }
    case Type::Bytes:
    case Type::FoldedText:
        break;
    }
    return false;
}

quint64 CellComparator::textPrefix(QByteArrayView cell, qsizetype skip) const
{
    const QByteArrayView rest = cell.sliced(std::min(skip, cell.size()));
    if (m_type != Type::FoldedText)
        return bigEndianPrefix(rest);
    const QByteArrayView head = rest.first(std::min<qsizetype>(8, rest.size()));
    if (isFoldingNeeded(head))
        return bigEndianPrefix(folded(rest));
    quint64 key = 0;
    for (qsizetype i = 0; i < head.size(); ++i)
        key |= quint64(uchar(asciiLower(head[i]))) << (56 - 8 * i);
    return key;
}

quint64 CellComparator::approximateKey(QByteArrayView cell) const
{
    if (isText())
        return textPrefix(cell, 0);
    if (m_type == Type::Decimal) {
        DecimalParts parts;
        double v = 0;
        return splitDecimal(cell, &parts) && parseDouble(cell, &v) ? orderedDouble(v) : ~quint64(0);
    }
    quint64 k = 0;
    return key(cell, &k) ? k : ~quint64(0); // not in the type's form: after every well-formed value
}

bool CellComparator::isWellFormed(QByteArrayView cell) const
{
    if (isText())
        return true;
    if (m_type == Type::Decimal) {
        DecimalParts parts;
        return splitDecimal(cell, &parts);
    }
    quint64 k = 0;
    return key(cell, &k);
}

bool CellComparator::toDouble(QByteArrayView cell, double *value) const
{
    return isNumber() && parseDouble(cell, value) && !std::isnan(*value);
}

int CellComparator::compare(QByteArrayView a, QByteArrayView b) const
{
    switch (m_type) {
    case Type::Bytes:
        return compareBytes(a, b);
    case Type::FoldedText:
        return compareFolded(a, b);
    case Type::Decimal: {
        DecimalParts pa, pb;
        const bool okA = splitDecimal(a, &pa), okB = splitDecimal(b, &pb);
        if (okA != okB)
            return okA ? -1 : 1;
        if (!okA)
            return compareBytes(a, b);
        if (pa.negative != pb.negative)
            return pa.negative ? -1 : 1;
        const int c = compareMagnitude(pa, pb);
        return pa.negative ? -c : c;
    }
    default:
        break;
    }
    quint64 ka = 0, kb = 0;
    const bool okA = key(a, &ka), okB = key(b, &kb);
    if (okA != okB)
        return okA ? -1 : 1;
    if (!okA)
        return compareBytes(a, b);
    return ka < kb ? -1 : (ka > kb ? 1 : 0);
}

int CellComparator::compareBytes(QByteArrayView a, QByteArrayView b)
{
    const qsizetype n = std::min(a.size(), b.size());
    if (n > 0) {
        if (const int c = std::memcmp(a.data(), b.data(), size_t(n)))
            return c < 0 ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int CellComparator::compareFolded(QByteArrayView a, QByteArrayView b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char ca = a[i], cb = b[i];
        if (uchar(ca) >= 0x80 || uchar(cb) >= 0x80) // every earlier byte was ASCII: i is a character boundary
            return compareBytes(folded(a.sliced(i)), folded(b.sliced(i)));
        const char la = asciiLower(ca), lb = asciiLower(cb);
        if (la != lb)
            return uchar(la) < uchar(lb) ? -1 : 1;
    }
    if (a.size() == b.size())
        return 0;
    // One is a prefix of the other: the rest of the longer may fold to nothing only in theory; compare sizes.
    return a.size() < b.size() ? -1 : 1;
}

int CellComparator::compareDecimal(QByteArrayView a, QByteArrayView b)
{
    ColumnInfo info;
    info.kind = ColumnKind::Decimal;
    return CellComparator(info).compare(a, b);
}

} // namespace Core

#include "core/textsearcher.h"

#include <cstring>

namespace Core {

TextSearcher::TextSearcher(const QString &needle, Qt::CaseSensitivity cs)
    : m_needle(needle)
    , m_cs(cs)
{
    for (int b = 0; b < 256; ++b)
        m_fold[size_t(b)] = quint8((cs == Qt::CaseInsensitive && b >= 'A' && b <= 'Z') ? b + 32 : b);
    if (cs == Qt::CaseInsensitive) {
        // Bytes can stand for the needle only when its non-ASCII characters have no case.
        for (const QChar ch : needle) {
            if (ch.unicode() >= 0x80 && (ch.toLower() != ch || ch.toUpper() != ch || ch.toCaseFolded() != ch))
                m_bytewise = false;
        }
    }
    m_pattern = needle.toUtf8();
    for (char &c : m_pattern)
        c = char(m_fold[uchar(c)]);
    const qsizetype m = m_pattern.size();
    m_shift.fill(quint32(m));
    for (qsizetype i = 0; i + 1 < m; ++i) {
        for (int b = 0; b < 256; ++b) {
            if (m_fold[size_t(b)] == uchar(m_pattern[i]))
                m_shift[size_t(b)] = quint32(m - 1 - i);
        }
    }
}

qsizetype TextSearcher::indexIn(QByteArrayView haystack, qsizetype from) const
{
    const qsizetype m = m_pattern.size();
    const qsizetype n = haystack.size();
    if (m == 0)
        return from <= n ? from : -1;
    const auto *h = reinterpret_cast<const uchar *>(haystack.data());
    const auto *p = reinterpret_cast<const uchar *>(m_pattern.constData());
    const uchar last = p[m - 1];
    qsizetype pos = from;
    while (pos + m <= n) {
        const uchar tail = h[pos + m - 1];
        if (m_fold[tail] == last) {
            qsizetype j = m - 2;
            while (j >= 0 && m_fold[h[pos + j]] == p[j])
                --j;
            if (j < 0)
                return pos;
        }
        pos += m_shift[tail];
    }
    return -1;
}

bool TextSearcher::contains(QByteArrayView cell) const
{
    if (m_bytewise)
        return indexIn(cell) >= 0;
    return QString::fromUtf8(cell).contains(m_needle, m_cs);
}

} // namespace Core

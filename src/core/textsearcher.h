#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>

namespace Core {

// Finds a piece of text in UTF-8 cells, ignoring case unless asked not to: Horspool's algorithm over
// bytes with a case-folded shift table, so a whole column arena is scanned at memory speed. Letters outside
// ASCII that have case (é/É) cannot be matched bytewise; then each candidate cell is decoded and compared
// with Unicode case folding (slow path, still correct).
class TextSearcher
{
public:
    TextSearcher() = default;
    explicit TextSearcher(const QString &needle, Qt::CaseSensitivity cs = Qt::CaseInsensitive);

    bool isEmpty() const { return m_pattern.isEmpty(); }
    // Whether indexIn() may be used on bytes (else contains() decodes each cell).
    bool isBytewise() const { return m_bytewise; }
    qsizetype length() const { return m_pattern.size(); }

    // First match at or after `from` in `haystack`, or -1 (bytewise searchers only).
    qsizetype indexIn(QByteArrayView haystack, qsizetype from = 0) const;
    bool contains(QByteArrayView cell) const;

private:
    QByteArray m_pattern; // UTF-8; ASCII letters lowered when case is ignored
    QString m_needle;
    std::array<quint8, 256> m_fold {}; // byte -> byte compared (ASCII letters lowered when case is ignored)
    std::array<quint32, 256> m_shift {};
    Qt::CaseSensitivity m_cs = Qt::CaseInsensitive;
    bool m_bytewise = true;
};

} // namespace Core

#pragma once

#include <QString>

#include <utility>

namespace Schema {

// Substrings of one text as QStrings that share its buffer instead of copying it, as a parsed script's
// names and definitions all point into the script: no allocation per string, the model keeps the text
// alive. A slice writes like any QString (it detaches first), but unlike a copy it is not followed by a
// '\0' inside its own length, so it must not be given to code reading past size() (utf16() as a C
// string); the parsers only store and compare.
//
// Each slice owns one reference to the buffer. Taking them one atomic increment at a time costs more
// than the rest of parsing a name, so they are taken from the buffer's count in batches and what is
// left of a batch is given back when the SharedText goes.
class SharedText
{
public:
    SharedText() = default;
    // Shares `text` (a copy only when it has no buffer of its own: literals, QString::fromRawData).
    explicit SharedText(const QString &text);
    SharedText(SharedText &&other) noexcept
        : m_text(std::move(other.m_text))
        , m_refsLeft(std::exchange(other.m_refsLeft, 0))
    { }
    SharedText &operator=(SharedText &&other) noexcept
    {
        release();
        m_text = std::move(other.m_text);
        m_refsLeft = std::exchange(other.m_refsLeft, 0);
        return *this;
    }
    SharedText(const SharedText &) = delete;
    SharedText &operator=(const SharedText &) = delete;
    ~SharedText() { release(); }

    bool isNull() const { return m_text.isNull(); }
    const QString &text() const { return m_text; }

    QString slice(qsizetype from, qsizetype length)
    {
        if (length <= 0)
            return QString();
        if (m_refsLeft == 0)
            takeRefs();
        --m_refsLeft;
        QString::DataPointer &d = m_text.data_ptr();
        return QString(QString::DataPointer(d.d_ptr(), d.data() + from, length));
    }

private:
    void takeRefs();
    void release();

    QString m_text;
    int m_refsLeft = 0;
};

} // namespace Schema

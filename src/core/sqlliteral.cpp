#include "core/sqlliteral.h"

#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

// Characters that read the same inside '…' with and without NO_BACKSLASH_ESCAPES and survive a clipboard.
bool isPlain(QChar ch)
{
    const char16_t c = ch.unicode();
    if (c == u'\\')
        return false;
    if (c < 0x20)
        return c == u'\t' || c == u'\n' || c == u'\r';
    return c != 0x7f;
}

bool hasLoneSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (ch.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            ++i;
            continue;
        }
        if (ch.isSurrogate())
            return true;
    }
    return false;
}

QString hexLiteral(QByteArrayView bytes)
{
    return u"X'"_s + QString::fromLatin1(bytes.toByteArray().toHex().toUpper()) + u'\'';
}

} // namespace

QString SqlLiteral::string(QStringView text)
{
    bool plain = !hasLoneSurrogate(text);
    for (qsizetype i = 0; plain && i < text.size(); ++i)
        plain = isPlain(text[i]);
    if (!plain)
        return u"_utf8mb4 "_s + hexLiteral(text.toUtf8());
    QString out;
    out.reserve(text.size() + 2);
    out += u'\'';
    for (const QChar ch : text) {
        if (ch == u'\'')
            out += u'\'';
        out += ch;
    }
    out += u'\'';
    return out;
}

QString SqlLiteral::text(QByteArrayView utf8)
{
    if (!isValidUtf8(utf8))
        return binary(utf8);
    return string(QString::fromUtf8(utf8));
}

QString SqlLiteral::binary(QByteArrayView bytes)
{
    return hexLiteral(bytes);
}

QString SqlLiteral::identifier(QStringView name)
{
    QString out;
    out.reserve(name.size() + 2);
    out += u'`';
    for (const QChar ch : name) {
        if (ch == u'`')
            out += u'`';
        out += ch;
    }
    out += u'`';
    return out;
}

bool SqlLiteral::isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

} // namespace Core

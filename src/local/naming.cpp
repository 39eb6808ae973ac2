#include "local/naming.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Local::Naming {

bool isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > maxNameLength)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (!alnum && !(c == u'-' && i > 0))
            return false;
    }
    return true;
}

QString branchSchema(const QString &database, const QString &branch)
{
    return database + u"__" + branch;
}

QString metaSchema()
{
    return u"branchdeck_sandbox"_s;
}

QString copierLock()
{
    return u"branchdeck_sandbox.deployer"_s;
}

QString copierClaimLock()
{
    return u"branchdeck_sandbox.deployer_claim"_s;
}

bool isInternalTable(const QString &table)
{
    return table.startsWith(u"_bd_");
}

QString randomId(int length)
{
    static const char16_t alphabet[] = u"abcdefghijklmnopqrstuvwxyz0123456789";
    QString id;
    id.reserve(length);
    for (int i = 0; i < length; ++i)
        id += QChar(alphabet[QRandomGenerator::system()->bounded(36)]);
    return id;
}

QString randomSecret(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString isoTimestamp(const QString &sqlDateTime)
{
    if (sqlDateTime.isNull())
        return {};
    QDateTime parsed = QDateTime::fromString(sqlDateTime, u"yyyy-MM-dd HH:mm:ss.zzz"_s);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(sqlDateTime, u"yyyy-MM-dd HH:mm:ss"_s);
    parsed.setTimeSpec(Qt::UTC);
    return isoTimestamp(parsed);
}

QString isoTimestamp(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    return dateTime.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

QString sqlTimestamp(const QDateTime &dateTime)
{
    return dateTime.toUTC().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
}

} // namespace Local::Naming

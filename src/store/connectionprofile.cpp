#include "store/connectionprofile.h"

using namespace Qt::StringLiterals;

namespace Store {

QString tlsModeName(TlsMode mode)
{
    switch (mode) {
    case TlsMode::Disabled:
        return u"DISABLED"_s;
    case TlsMode::VerifyIdentity:
        break;
    }
    return u"VERIFY_IDENTITY"_s;
}

TlsMode tlsModeFromName(const QString &name)
{
    return name.compare(u"DISABLED"_s, Qt::CaseInsensitive) == 0 ? TlsMode::Disabled : TlsMode::VerifyIdentity;
}

QString ConnectionProfile::displayName() const
{
    if (!name.isEmpty())
        return name;
    QString where = socket.isEmpty() ? host + u':' + QString::number(port) : socket;
    if (!user.isEmpty())
        where = user + u'@' + where;
    if (!database.isEmpty())
        where += u'/' + database;
    return where;
}

} // namespace Store

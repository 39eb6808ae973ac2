#include "app/profileoptions.h"

namespace App {

Sql::ConnectionOptions ProfileOptions::from(const Store::ConnectionProfile &profile, const QString &password)
{
    Sql::ConnectionOptions o;
    o.host = profile.host;
    o.port = profile.port;
    o.socket = profile.socket;
    o.user = profile.user;
    o.password = password;
    o.database = profile.database;
    o.caFile = profile.caFile;
    o.allowPlaintext = profile.tlsMode == Store::TlsMode::Disabled;
    return o;
}

} // namespace App

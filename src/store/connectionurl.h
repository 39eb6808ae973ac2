#pragma once

#include "core/result.h"
#include "store/connectionprofile.h"

#include <QString>
#include <QStringList>

namespace Store {

// What a pasted connection URL says. The password is returned separately so it can go straight to the
// keychain and never into a profile.
struct ParsedConnectionUrl
{
    ConnectionProfile profile;
    QString password;
    QStringList notes; // things the user should know, e.g. "ssl-mode=REQUIRED was raised to VERIFY_IDENTITY"
};

// Parses mysql://user:pass@host:port/db?ssl-mode=VERIFY_IDENTITY (also mariadb://, and the parameters
// sslmode, ssl-ca / sslca, sslaccept=strict and ssl={"rejectUnauthorized":true} that PlanetScale's
// connection strings for various drivers use).
class ConnectionUrl
{
public:
    static Core::Result<ParsedConnectionUrl> parse(const QString &text);
    // The reverse, without the password (for "copy as URL").
    static QString toUrl(const ConnectionProfile &profile);
};

} // namespace Store

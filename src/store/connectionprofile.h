#pragma once

#include <QMetaType>
#include <QString>

namespace Store {

enum class TlsMode : quint8 {
    VerifyIdentity, // CA chain and host name checked (the default, and the only TLS mode we offer)
    Disabled, // plaintext; the query engine allows it only to loopback or a unix socket
};

QString tlsModeName(TlsMode mode); // "VERIFY_IDENTITY", "DISABLED"
TlsMode tlsModeFromName(const QString &name); // unknown names give VerifyIdentity (never weaker)

// A saved connection. No secret lives here: the password is in the keychain (SecretStore), keyed by id.
struct ConnectionProfile
{
    QString id; // stable key (UUID), also the keychain key
    QString name; // shown in tab titles
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 3306;
    QString socket;
    QString user;
    QString database;
    TlsMode tlsMode = TlsMode::VerifyIdentity;
    QString caFile; // empty: the system CA bundle
    bool production = false; // destructive statements need confirmation
    QString role; // a branch tab's password role (reader, writer, readwriter, admin); empty for saved profiles
    QString color; // optional tab colour (#rrggbb)

    QString displayName() const;
    bool operator==(const ConnectionProfile &other) const = default;
};

} // namespace Store

Q_DECLARE_METATYPE(Store::ConnectionProfile)

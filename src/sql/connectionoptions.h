#pragma once

#include <QString>

namespace Sql {

// Where and how to connect. TLS is verified by default (CA chain and host name); plaintext is possible
// only when allowPlaintext is set and the target is a unix socket or a loopback address.
struct ConnectionOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 3306;
    QString socket; // unix socket path; used instead of host/port when set
    QString user;
    QString password; // never logged, never put into errors
    QString database;

    QString caFile; // PEM bundle to trust; empty = the system CA bundle
    bool allowPlaintext = false;

    int connectTimeoutSeconds = 10;
    int readTimeoutSeconds = 0; // 0 = no limit (long queries are cancelled explicitly instead)
    int writeTimeoutSeconds = 60;

    // The system CA bundle used when caFile is empty.
    static QString systemCaBundle();
    // True for a unix socket or a host that is 127.0.0.0/8, ::1 or "localhost".
    bool isLocal() const;
};

} // namespace Sql

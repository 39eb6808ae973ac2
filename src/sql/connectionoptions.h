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

    // Interactive defaults: a query may run as long as it likes, a dead peer is still found.
    int connectTimeoutSeconds = 10; // TCP connect, TLS handshake and login together
    int readTimeoutSeconds = 0; // 0 = no limit (long queries are cancelled explicitly instead)
    int writeTimeoutSeconds = 60;
    // Dead-peer detection while waiting (TCP keepalive and TCP_USER_TIMEOUT; 0 turns one off): probes after
    // keepAliveIdleSeconds of silence, every keepAliveIntervalSeconds, keepAliveProbes of them; data or
    // probes unacknowledged for userTimeoutSeconds end the connection. A dead server is so noticed within
    // about a minute, however long the query it runs.
    int keepAliveIdleSeconds = 30;
    int keepAliveIntervalSeconds = 10;
    int keepAliveProbes = 3;
    int userTimeoutSeconds = 60;

    // The system CA bundle used when caFile is empty.
    static QString systemCaBundle();
    // True for a unix socket or a host that is 127.0.0.0/8, ::1 or "localhost".
    bool isLocal() const;
};

} // namespace Sql

#pragma once

#include "core/result.h"

#include <QString>

namespace Local {

// A private MariaDB server with TLS under DIR/mysql, started — or reused when it already runs — for the
// sandbox: a per-directory CA and server certificate (SAN localhost, 127.0.0.1) made with the openssl CLI,
// mariadb-install-db --no-defaults, and mariadbd --no-defaults on a free 127.0.0.1 port with
// require_secure_transport. The sandbox itself talks to it as root over the unix socket.
class MariadbInstance
{
public:
    struct Endpoint
    {
        QString socket;
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0;
        QString caFile;
        qint64 pid = 0;
    };

    static Core::Result<Endpoint> startOrReuse(const QString &dir);
    static Core::Result<Endpoint> running(const QString &dir); // error when not running
    static Core::Result<void> stop(const QString &dir);

    static bool processAlive(qint64 pid);
    static quint16 freeLoopbackPort();

private:
    static Core::Result<void> makeCertificates(const QString &tlsDir);
    static Core::Result<void> initialise(const QString &mysqlDir);
    static QString findTool(const QStringList &names);
};

} // namespace Local

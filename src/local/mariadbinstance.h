#pragma once

#include "core/result.h"

#include <QString>

namespace Local {

// A private MariaDB server with TLS under DIR/mysql, started — or reused when it already runs — for the
// sandbox: a per-directory CA and server certificate (SAN localhost, 127.0.0.1) made with the openssl CLI,
// mariadb-install-db --no-defaults (root by unix_socket only), and mariadbd --no-defaults on a free
// 127.0.0.1 port with require_secure_transport, secure_file_priv=DIR/mysql/files, local_infile=0 and no
// name resolution. Every start locks its accounts down (MariadbAccounts); the sandbox talks to it over the
// unix socket as its own minimal account. The server process is recognised by its command line (its data
// directory), so a reused pid is never taken for it or signalled.
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
        QString user; // the sandbox's own account (socket only) and its fresh password
        QString password;
    };

    static Core::Result<Endpoint> startOrReuse(const QString &dir);
    static Core::Result<Endpoint> running(const QString &dir); // error when not running
    static Core::Result<void> stop(const QString &dir);

    // True when `pid` names a live process (not a zombie).
    static bool processAlive(qint64 pid);
    static quint16 freeLoopbackPort();

private:
    static bool isOurServer(const QString &mysqlDir, qint64 pid, bool *hardened = nullptr);
    static Core::Result<Endpoint> start(const QString &dir);
    static Core::Result<void> makeCertificates(const QString &tlsDir);
    static Core::Result<void> initialise(const QString &mysqlDir);
    static QString findTool(const QStringList &names);
};

} // namespace Local

#pragma once

#include "core/result.h"

#include <QString>

namespace Local {

// The accounts of the sandbox's private MariaDB. At every start, over the unix socket as the operating-system
// user (unix_socket authentication; a data directory made by an older version: as root without a password):
//   - root exists only as root@localhost IDENTIFIED VIA unix_socket (the OS root user);
//   - the OS user gets <user>@localhost IDENTIFIED VIA unix_socket with all privileges (the operator, e.g.
//     `mariadb --socket=DIR/mysql/mysqld.sock`), reachable through the socket only;
//   - anonymous accounts, root on any other host and every account without a password are dropped;
//   - the sandbox's own account branchdeck_sandbox@localhost (socket only: the server skips name resolution,
//     so 'localhost' never matches TCP) gets a fresh random password, kept in memory only, and exactly
//     ServerPrivileges::needed().
class MariadbAccounts
{
public:
    static QString sandboxUser() { return QStringLiteral("branchdeck_sandbox"); }
    static QString operatingSystemUser();

    // Returns the sandbox account's new password.
    static Core::Result<QString> lockDown(const QString &socket);
};

} // namespace Local

#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace Local {

class SqlSession;

// The global privileges the sandbox's own server account uses, and what an account has beyond them.
// The sandbox creates schemas, copies and alters tables (triggers, LOCK TABLES, views, routines), creates
// accounts and grants them privileges on one schema each (so WITH GRANT OPTION), and kills the sessions
// of revoked accounts (PROCESS to see them, CONNECTION ADMIN to end them); copying a view or trigger made by
// a branch password keeps its DEFINER, and the copy triggers run as TriggerDefiner's account (SET USER). It needs no
// FILE, SUPER, SHUTDOWN, RELOAD, replication or binary-log privileges. src/local/README.md lists the same.
class ServerPrivileges
{
public:
    enum class Flavor { MariaDb, MySql };

    struct Report
    {
        QStringList extra; // granted on *.* but not needed (e.g. "ALL PRIVILEGES", "FILE")
        QStringList missing; // needed but not granted
        bool grantOption = false;
        bool fine() const { return extra.isEmpty() && missing.isEmpty() && grantOption; }
    };

    static Flavor flavorOf(const QString &version); // SELECT VERSION(): "10.11.6-MariaDB-…" or "8.0.36"
    // Needed on *.* WITH GRANT OPTION, spelled as the flavor's GRANT wants them.
    static QStringList needed(Flavor flavor);
    // Accepted on *.* without a warning: needed() and, on MySQL, the privileges to name another definer.
    static QStringList allowed(Flavor flavor);
    // The privileges granted on *.* by SHOW GRANTS lines, upper case with spaces ("CONNECTION ADMIN").
    static QStringList granted(const QStringList &showGrants, bool *grantOption);
    static Report compare(Flavor flavor, const QStringList &granted, bool grantOption);
    // Reads the session's own grants.
    static Core::Result<Report> check(SqlSession &session);
    // One line for the operator; empty when the account is exactly right.
    static QString warning(const Report &report);
};

} // namespace Local

#include "local/mariadbaccounts.h"

#include "local/naming.h"
#include "local/serverprivileges.h"
#include "local/sqlsession.h"

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

Core::Result<std::unique_ptr<SqlSession>> overSocket(const QString &socket, const QString &user)
{
    Sql::ConnectionOptions options;
    options.socket = socket;
    options.user = user;
    options.allowPlaintext = true; // a unix socket: nothing crosses a network
    return SqlSession::open(options);
}

QString localAccount(SqlSession &s, const QString &user)
{
    return s.quote(user) + u"@'localhost'"_s;
}

Core::Result<void> execAll(SqlSession &s, const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (auto done = s.exec(sql); !done)
            return done;
    }
    return {};
}

// Drops anonymous accounts, root anywhere but localhost, and every account that has no password.
Core::Result<void> dropOpenAccounts(SqlSession &s)
{
    // mysql.global_priv holds each account's authentication as JSON (the first method at the top level, also
    // when auth_or lists alternatives); roles and locked accounts (mariadb.sys, the definer of the mysql.user
    // view) cannot log in. JSON_VALUE gives a JSON true as '1'.
    auto rows = s.query(u"SELECT User, Host FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> "
                        u"'localhost') OR (IFNULL(JSON_VALUE(Priv, '$.is_role'), '0') NOT IN ('1', 'true') AND "
                        u"IFNULL(JSON_VALUE(Priv, '$.account_locked'), '0') NOT IN ('1', 'true') AND "
                        u"IFNULL(JSON_VALUE(Priv, '$.plugin'), '') IN ('', 'mysql_native_password', "
                        u"'mysql_old_password') AND IFNULL(JSON_VALUE(Priv, '$.authentication_string'), '') = '')"_s);
    if (!rows)
        return rows.error();
    for (const Row &row : *rows) {
        if (auto done = s.exec(u"DROP USER "_s + s.quote(row.value(u"User"_s)) + u'@' + s.quote(row.value(u"Host"_s)));
            !done)
            return done;
    }
    return {};
}

} // namespace

QString MariadbAccounts::operatingSystemUser()
{
    const passwd *entry = ::getpwuid(::geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

Core::Result<QString> MariadbAccounts::lockDown(const QString &socket)
{
    const QString osUser = operatingSystemUser();
    if (osUser.isEmpty())
        return Core::makeError(u"mysql_start_failed"_s, u"The operating-system user has no name."_s);
    auto session = overSocket(socket, osUser);
    if (!session)
        session = overSocket(socket, u"root"_s); // a data directory from before the lock-down
    if (!session)
        return Core::makeError(u"mysql_start_failed"_s,
            u"The sandbox's MariaDB does not let this operating-system user in over its socket."_s,
            session.error().message);
    SqlSession &s = **session;
    const QString password = Naming::randomSecret(30);
    QStringList statements;
    if (osUser != u"root"_s)
        statements << u"CREATE USER IF NOT EXISTS "_s + localAccount(s, osUser) + u" IDENTIFIED VIA unix_socket"_s
                   << u"ALTER USER "_s + localAccount(s, osUser) + u" IDENTIFIED VIA unix_socket"_s
                   << u"GRANT ALL PRIVILEGES ON *.* TO "_s + localAccount(s, osUser) + u" WITH GRANT OPTION"_s;
    statements << u"CREATE USER IF NOT EXISTS 'root'@'localhost' IDENTIFIED VIA unix_socket"_s
               << u"ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket"_s
               << u"CREATE USER IF NOT EXISTS "_s + localAccount(s, sandboxUser())
               << u"ALTER USER "_s + localAccount(s, sandboxUser()) + u" IDENTIFIED BY "_s + s.quote(password)
               << u"REVOKE ALL PRIVILEGES, GRANT OPTION FROM "_s + localAccount(s, sandboxUser())
               << u"GRANT "_s + ServerPrivileges::needed(ServerPrivileges::Flavor::MariaDb).join(u", "_s)
            + u" ON *.* TO "_s + localAccount(s, sandboxUser()) + u" WITH GRANT OPTION"_s;
    if (auto done = execAll(s, statements); !done)
        return Core::makeError(u"mysql_start_failed"_s, u"Locking down the sandbox's MariaDB failed."_s,
            QString(done.error().message).remove(password));
    if (auto done = dropOpenAccounts(s); !done)
        return Core::makeError(u"mysql_start_failed"_s, u"Removing open accounts from the sandbox's MariaDB failed."_s,
            done.error().message);
    return password;
}

} // namespace Local

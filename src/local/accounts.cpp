#include "local/accounts.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

QString account(const QString &username)
{
    return u'\'' + username + u"'@'%'"_s; // usernames are generated: [a-z0-9_] only
}

} // namespace

bool Accounts::isValidRole(const QString &role)
{
    return role == u"reader"_s || role == u"writer"_s || role == u"readwriter"_s || role == u"admin"_s;
}

bool Accounts::allowsDdl(const Row &branch)
{
    return !(branch.value(u"production"_s) == u"1"_s && branch.value(u"safe_migrations"_s) == u"1"_s);
}

Core::Result<void> Accounts::create(const QString &username, const QString &password)
{
    SqlSession &s = m_meta.session();
    if (auto done
        = s.exec(u"CREATE USER "_s + account(username) + u" IDENTIFIED BY "_s + s.quote(password) + u" REQUIRE SSL"_s);
        !done)
        return Core::makeError(u"sql_error"_s, u"Could not create the MySQL account."_s, done.error().message);
    return {};
}

Core::Result<void> Accounts::grant(const QString &username, const QString &role, const QString &schema, bool allowDdl)
{
    SqlSession &s = m_meta.session();
    QStringList privileges;
    const QStringList ddl = { u"CREATE"_s, u"ALTER"_s, u"DROP"_s, u"INDEX"_s, u"REFERENCES"_s, u"CREATE VIEW"_s,
        u"TRIGGER"_s, u"CREATE ROUTINE"_s, u"ALTER ROUTINE"_s };
    if (role == u"reader"_s)
        privileges = { u"SELECT"_s, u"SHOW VIEW"_s };
    else if (role == u"writer"_s)
        privileges = { u"INSERT"_s, u"UPDATE"_s, u"DELETE"_s };
    else if (role == u"readwriter"_s)
        privileges = QStringList { u"SELECT"_s, u"SHOW VIEW"_s, u"INSERT"_s, u"UPDATE"_s, u"DELETE"_s,
            u"CREATE TEMPORARY TABLES"_s, u"LOCK TABLES"_s, u"EXECUTE"_s }
            + (allowDdl ? ddl : QStringList());
    else if (role == u"admin"_s)
        privileges = QStringList { u"SELECT"_s, u"SHOW VIEW"_s, u"INSERT"_s, u"UPDATE"_s, u"DELETE"_s,
            u"CREATE TEMPORARY TABLES"_s, u"LOCK TABLES"_s, u"EXECUTE"_s, u"EVENT"_s }
            + (allowDdl ? ddl : QStringList());
    else
        return Core::makeError(u"invalid_role"_s, u"Unknown password role."_s, role);
    // Start from nothing so that a demotion really removes privileges.
    (void)s.exec(u"REVOKE ALL PRIVILEGES, GRANT OPTION FROM "_s + account(username));
    return s.exec(u"GRANT "_s + privileges.join(u", "_s) + u" ON "_s + SqlSession::ident(schema) + u".* TO "_s
        + account(username));
}

Core::Result<void> Accounts::drop(const QString &username)
{
    return m_meta.session().exec(u"DROP USER IF EXISTS "_s + account(username));
}

Core::Result<void> Accounts::dropBranch(const Row &branch)
{
    SqlSession &s = m_meta.session();
    auto passwords = s.query(u"SELECT username FROM "_s + m_meta.table(u"passwords"_s) + u" WHERE database_name = "_s
        + s.quote(branch.value(u"database_name"_s)) + u" AND branch_name = "_s + s.quote(branch.value(u"name"_s))
        + u" AND deleted_at IS NULL"_s);
    if (!passwords)
        return passwords.error();
    for (const Row &p : *passwords) {
        if (auto done = drop(p.value(u"username"_s)); !done)
            return done;
    }
    if (auto done = s.exec(u"DROP DATABASE IF EXISTS "_s + SqlSession::ident(branch.value(u"schema_name"_s))); !done)
        return done;
    return s.transaction([&]() -> Core::Result<void> {
        if (auto done = s.exec(u"UPDATE "_s + m_meta.table(u"passwords"_s)
                + u" SET deleted_at = UTC_TIMESTAMP(3) WHERE database_name = "_s
                + s.quote(branch.value(u"database_name"_s)) + u" AND branch_name = "_s
                + s.quote(branch.value(u"name"_s)) + u" AND deleted_at IS NULL"_s);
            !done)
            return done;
        return s.exec(
            u"DELETE FROM "_s + m_meta.table(u"branches"_s) + u" WHERE id = "_s + s.quote(branch.value(u"id"_s)));
    });
}

Core::Result<void> Accounts::regrantBranch(const Row &branch)
{
    SqlSession &s = m_meta.session();
    auto rows = s.query(u"SELECT username, role FROM "_s + m_meta.table(u"passwords"_s) + u" WHERE database_name = "_s
        + s.quote(branch.value(u"database_name"_s)) + u" AND branch_name = "_s + s.quote(branch.value(u"name"_s))
        + u" AND deleted_at IS NULL"_s);
    if (!rows)
        return rows.error();
    for (const Row &row : *rows) {
        if (auto done
            = grant(row.value(u"username"_s), row.value(u"role"_s), branch.value(u"schema_name"_s), allowsDdl(branch));
            !done)
            return done;
    }
    return {};
}

Core::Result<int> Accounts::dropExpired()
{
    SqlSession &s = m_meta.session();
    auto rows = s.query(u"SELECT id, username FROM "_s + m_meta.table(u"passwords"_s)
        + u" WHERE deleted_at IS NULL AND expires_at IS NOT NULL AND expires_at <= UTC_TIMESTAMP(3)"_s);
    if (!rows)
        return rows.error();
    int dropped = 0;
    for (const Row &row : *rows) {
        if (auto done = drop(row.value(u"username"_s)); !done)
            return done.error();
        // Kill live sessions too: an expired password must stop working now, not at the next login.
        auto sessions = s.query(
            u"SELECT ID FROM information_schema.PROCESSLIST WHERE USER = "_s + s.quote(row.value(u"username"_s)));
        if (sessions) {
            for (const Row &p : *sessions)
                (void)s.exec(u"KILL CONNECTION "_s + p.value(u"ID"_s));
        }
        if (auto done = s.exec(u"UPDATE "_s + m_meta.table(u"passwords"_s)
                + u" SET deleted_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(row.value(u"id"_s)));
            !done)
            return done.error();
        ++dropped;
    }
    return dropped;
}

} // namespace Local

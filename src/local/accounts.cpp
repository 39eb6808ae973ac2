#include "local/accounts.h"

#include "local/triggerdefiner.h"

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

QStringList Accounts::privileges(const QString &role, bool allowDdl)
{
    const QStringList ddl = { u"CREATE"_s, u"ALTER"_s, u"DROP"_s, u"INDEX"_s, u"REFERENCES"_s, u"CREATE VIEW"_s,
        u"TRIGGER"_s, u"CREATE ROUTINE"_s, u"ALTER ROUTINE"_s };
    const QStringList readWrite = { u"SELECT"_s, u"SHOW VIEW"_s, u"INSERT"_s, u"UPDATE"_s, u"DELETE"_s,
        u"CREATE TEMPORARY TABLES"_s, u"LOCK TABLES"_s, u"EXECUTE"_s };
    if (role == u"reader"_s)
        return { u"SELECT"_s, u"SHOW VIEW"_s };
    if (role == u"writer"_s)
        return { u"INSERT"_s, u"UPDATE"_s, u"DELETE"_s };
    if (role == u"readwriter"_s)
        return readWrite + (allowDdl ? ddl : QStringList());
    if (role == u"admin"_s)
        return readWrite + QStringList { u"EVENT"_s } + (allowDdl ? ddl : QStringList());
    return {};
}

QString Accounts::grantPattern(const QString &schema, bool escapeWildcards)
{
    if (!escapeWildcards)
        return schema;
    QString pattern;
    for (const QChar c : schema) {
        if (c == u'_' || c == u'%' || c == u'\\')
            pattern += u'\\';
        pattern += c;
    }
    return pattern;
}

bool Accounts::escapesWildcards(SqlSession &session)
{
    // MySQL 8 with partial_revokes=ON reads `_` and `%` in grants literally; everywhere else they are
    // wildcards and must be escaped. MariaDB has no such variable (the query fails: escape).
    auto row = session.queryRow(u"SELECT @@GLOBAL.partial_revokes AS p"_s);
    return !(row && row->value(u"p"_s) == u"1"_s);
}

bool Accounts::escapesWildcards()
{
    if (m_escapesWildcards < 0)
        m_escapesWildcards = escapesWildcards(m_meta.session()) ? 1 : 0;
    return m_escapesWildcards == 1;
}

Core::Result<void> Accounts::grant(const QString &username, const QString &role, const QString &schema, bool allowDdl)
{
    SqlSession &s = m_meta.session();
    const QStringList granted = privileges(role, allowDdl);
    if (granted.isEmpty())
        return Core::makeError(u"invalid_role"_s, u"Unknown password role."_s, role);
    // Start from nothing so that a demotion really removes privileges.
    (void)s.exec(u"REVOKE ALL PRIVILEGES, GRANT OPTION FROM "_s + account(username));
    return s.exec(u"GRANT "_s + granted.join(u", "_s) + u" ON "_s
        + SqlSession::ident(grantPattern(schema, escapesWildcards())) + u".* TO "_s + account(username));
}

Core::Result<void> Accounts::drop(const QString &username)
{
    // Dropped first, so that no new session can start; then the open ones are ended.
    if (auto done = m_meta.session().exec(u"DROP USER IF EXISTS "_s + account(username)); !done)
        return done;
    if (auto killed = killSessions(username); !killed)
        return killed.error();
    return {};
}

Core::Result<int> Accounts::killSessions(const QString &username)
{
    SqlSession &s = m_meta.session();
    return s.killConnections(u"SELECT ID FROM information_schema.PROCESSLIST WHERE USER = "_s + s.quote(username),
        u"An open session of a revoked password could not be ended."_s);
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
    // The copy triggers' definer had rights on the schema if a deployment ran in it: they go with it.
    TriggerDefiner::revokeFrom(s, branch.value(u"schema_name"_s));
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

Core::Result<void> Accounts::regrantBranch(const Row &before, const Row &after)
{
    SqlSession &s = m_meta.session();
    auto rows = s.query(u"SELECT username, role FROM "_s + m_meta.table(u"passwords"_s) + u" WHERE database_name = "_s
        + s.quote(after.value(u"database_name"_s)) + u" AND branch_name = "_s + s.quote(after.value(u"name"_s))
        + u" AND deleted_at IS NULL"_s);
    if (!rows)
        return rows.error();
    for (const Row &row : *rows) {
        const QString username = row.value(u"username"_s), role = row.value(u"role"_s);
        if (auto done = grant(username, role, after.value(u"schema_name"_s), allowsDdl(after)); !done)
            return done;
        // Open sessions keep what they had until they log in again: end them when the rights changed.
        if (privileges(role, allowsDdl(before)) != privileges(role, allowsDdl(after))) {
            if (auto killed = killSessions(username); !killed)
                return killed.error();
        }
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
        // Dropped with its sessions: an expired password stops working now, not at the next login.
        if (auto done = drop(row.value(u"username"_s)); !done)
            return done.error();
        if (auto done = s.exec(u"UPDATE "_s + m_meta.table(u"passwords"_s)
                + u" SET deleted_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(row.value(u"id"_s)));
            !done)
            return done.error();
        ++dropped;
    }
    return dropped;
}

} // namespace Local

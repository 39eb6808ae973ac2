#pragma once

#include "core/result.h"
#include "local/metastore.h"

namespace Local {

// Branch passwords as real MySQL accounts. Privileges on the branch schema by role:
//   reader      SELECT, SHOW VIEW
//   writer      INSERT, UPDATE, DELETE
//   readwriter  reader + writer + DDL
//   admin       ALL PRIVILEGES
// On a production branch with safe migrations the DDL privileges are left out of every role, so direct
// DDL fails on the server itself. Accounts require TLS. Grants name the schema as a pattern with `_` and `%`
// escaped, so `db__b` never matches `db_xb` (nor the metadata schema). Whatever takes rights away — dropping
// an account, expiry, a changed branch kind — also kills the account's open sessions: a client has to log in
// again and gets exactly the new rights.
class Accounts
{
public:
    explicit Accounts(MetaStore &meta)
        : m_meta(meta)
    { }

    static bool isValidRole(const QString &role);
    Core::Result<void> create(const QString &username, const QString &password);
    Core::Result<void> grant(const QString &username, const QString &role, const QString &schema, bool allowDdl);
    // Drops the account and kills its sessions.
    Core::Result<void> drop(const QString &username);
    // Kills every session of the account; returns how many there were.
    Core::Result<int> killSessions(const QString &username);
    // Deletes a branch: its passwords' accounts, its schema and its metadata.
    Core::Result<void> dropBranch(const Row &branch);
    // Re-applies the grants of every live password of a branch after its kind changed (promote, demote,
    // safe migrations) and kills the sessions of those whose privileges changed.
    Core::Result<void> regrantBranch(const Row &before, const Row &after);
    // Drops the accounts of expired passwords and marks them deleted; returns how many.
    Core::Result<int> dropExpired();

    static bool allowsDdl(const Row &branch);
    static QStringList privileges(const QString &role, bool allowDdl); // empty for an unknown role
    // The schema as a GRANT database pattern: `_`, `%` and `\` escaped (unless the server takes them literally).
    static QString grantPattern(const QString &schema, bool escapeWildcards = true);
    // Whether grants on this server need `_` and `%` escaped (asks the server).
    static bool escapesWildcards(SqlSession &session);

private:
    bool escapesWildcards();

    MetaStore &m_meta;
    int m_escapesWildcards = -1; // unknown until asked: MySQL with partial_revokes=ON takes them literally
};

} // namespace Local

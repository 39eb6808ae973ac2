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
// DDL fails on the server itself. Accounts require TLS.
class Accounts
{
public:
    explicit Accounts(MetaStore &meta)
        : m_meta(meta)
    { }

    static bool isValidRole(const QString &role);
    Core::Result<void> create(const QString &username, const QString &password);
    Core::Result<void> grant(const QString &username, const QString &role, const QString &schema, bool allowDdl);
    Core::Result<void> drop(const QString &username);
    // Deletes a branch: its passwords' accounts, its schema and its metadata.
    Core::Result<void> dropBranch(const Row &branch);
    // Re-applies the grants of every live password of a branch (after promote, demote, safe migrations).
    Core::Result<void> regrantBranch(const Row &branch);
    // Drops the accounts of expired passwords and marks them deleted; returns how many.
    Core::Result<int> dropExpired();

    static bool allowsDdl(const Row &branch);

private:
    MetaStore &m_meta;
};

} // namespace Local

#pragma once

#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

#include <optional>

namespace Local {

// /organizations/local/databases/{database}/branches/{branch}/backups[/{id}]: list, create (queued for
// the deploy worker, which takes it with BackupRun), get, update (protected) and delete (drops the copy).
// Restoring is creating a branch with backup_id or seed_data (BranchesHandler).
class BackupsHandler
{
public:
    explicit BackupsHandler(Services services)
        : m_services(services)
    { }
    // action: "backups" or "backups/{id}".
    HttpAnswer handle(const HttpCall &call, const Row &branch, const QString &action);

    // A successful backup of the database by id, or the branch's latest successful one (seed data).
    static Core::Result<std::optional<Row>> backupById(SqlSession &session, const QString &database, const QString &id);
    static Core::Result<std::optional<Row>> latestSuccessful(
        SqlSession &session, const QString &database, const QString &branch);

private:
    HttpAnswer list(const HttpCall &call, const Row &branch);
    HttpAnswer create(const HttpCall &call, const Row &branch);
    HttpAnswer update(const HttpCall &call, const Row &backup);
    HttpAnswer remove(const Row &backup);
    Core::Result<QJsonObject> json(const Row &backup, const Row &branch);

    Services m_services;
};

} // namespace Local

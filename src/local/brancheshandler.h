#pragma once

#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

namespace Local {

// /organizations/local/databases/{database}/branches[/{branch}[/promote|demote|schema|schema/lint|diff|
// safe-migrations|keyspaces[/{keyspace}[/vschema]]|backups[/{id}]]] (keyspaces: KeyspacesHandler, backups:
// BackupsHandler). A branch created with backup_id or seed_data gets the backup's tables and rows.
class BranchesHandler
{
public:
    explicit BranchesHandler(Services services)
        : m_services(services)
    { }
    HttpAnswer handle(const HttpCall &call);

    // The branch's changes against another schema as {data:[{name, raw, html}]}, one entry per table or
    // view, raw being the ordered DDL of the schema engine.
    static Core::Result<QJsonObject> diffJson(SqlSession &session, const QString &fromSchema, const QString &toSchema);

private:
    HttpAnswer list(const HttpCall &call, const QString &database);
    HttpAnswer create(const HttpCall &call, const Row &database);
    HttpAnswer remove(const Row &database, const Row &branch);
    HttpAnswer setFlags(const Row &branch, const QString &assignments);
    HttpAnswer schema(const Row &branch);
    HttpAnswer lint(const HttpCall &call, const Row &branch);
    HttpAnswer diff(const Row &branch);
    HttpAnswer refreshSchema(const Row &branch);
    Core::Result<void> copySchema(const QString &fromSchema, const QString &toSchema);

    Services m_services;
};

} // namespace Local

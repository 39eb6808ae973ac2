#pragma once

#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

namespace Local {

// /organizations/local/databases/{database}/branches/{branch}/keyspaces[/{keyspace}[/vschema]]: the sandbox has
// one unsharded keyspace per database, named after it (as a new PlanetScale database has), on one server
// with no replicas. Its VSchema lists the branch's tables: {"sharded": false, "tables": {"t": {}, …}}.
class KeyspacesHandler
{
public:
    explicit KeyspacesHandler(Services services)
        : m_services(services)
    { }
    // `action` is the path below the branch ("keyspaces", "keyspaces/K", "keyspaces/K/vschema").
    HttpAnswer handle(const HttpCall &call, const Row &branch, const QString &action);

    static QString keyspaceName(const Row &branch);

private:
    QJsonObject keyspace(const Row &branch) const;
    HttpAnswer vschema(const Row &branch);

    Services m_services;
};

} // namespace Local

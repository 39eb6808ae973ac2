#pragma once

#include "core/result.h"
#include "local/deployrecords.h"
#include "local/sqlsession.h"

#include <optional>

namespace Local {

// The sandbox's metadata schema (Naming::metaSchema()): databases, branches, passwords, deploy requests,
// their operations and reviews, and the service token. Every change the API makes is one statement or
// one transaction, so a restart finds a consistent state.
class MetaStore
{
public:
    explicit MetaStore(SqlSession &session)
        : m_session(session)
    { }

    Core::Result<void> ensureSchema();
    // The service token, generated at first start and kept in the metadata (id, secret).
    Core::Result<std::pair<QString, QString>> serviceToken();

    Core::Result<std::optional<Row>> database(const QString &name);
    Core::Result<std::optional<Row>> branch(const QString &database, const QString &name);
    Core::Result<std::optional<Row>> password(const QString &database, const QString &branch, const QString &id);

    // Deploy requests and operations as typed records. `where` is an SQL condition on the table.
    Core::Result<QList<DeployRequestRecord>> deployRequests(const QString &where);
    Core::Result<std::optional<DeployRequestRecord>> deployRequest(const QString &database, qint64 number);
    Core::Result<std::optional<DeployRequestRecord>> deployRequestById(const QString &id);
    Core::Result<QList<DeployOperationRecord>> operations(const QString &requestId);

    SqlSession &session() { return m_session; }
    QString table(const QString &name) const; // `branchdeck_sandbox`.`name`

private:
    Core::Result<std::optional<Row>> one(const QString &sql);

    SqlSession &m_session;
};

} // namespace Local

#pragma once

#include "core/result.h"
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
    Core::Result<std::optional<Row>> deployRequest(const QString &database, qint64 number);
    Core::Result<std::optional<Row>> password(const QString &database, const QString &branch, const QString &id);

    SqlSession &session() { return m_session; }
    QString table(const QString &name) const; // `branchdeck_sandbox`.`name`

private:
    Core::Result<std::optional<Row>> one(const QString &sql);

    SqlSession &m_session;
};

} // namespace Local

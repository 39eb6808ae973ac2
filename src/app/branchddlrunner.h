#pragma once

#include "app/branchconnector.h"
#include "core/result.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Api {
class ApiClient;
}
namespace Sql {
class PoolRegistry;
}

namespace App {

// Runs one DDL statement on a development branch for a schema recommendation's *Apply on a new branch*:
// mints a short-lived admin password on the branch, runs the statement on the server's shared pool, and
// deletes the password again. Asynchronous; never blocks the window.
class BranchDdlRunner final : public QObject
{
    Q_OBJECT
public:
    BranchDdlRunner(Api::ApiClient *client, Sql::PoolRegistry *pools, QObject *parent = nullptr);

    void setSandboxCa(const QString &caFile) { m_sandboxCa = caFile; }
    void run(const BranchRef &branch, const QString &ddl, std::function<void(Core::Result<void>)> done);

private:
    QPointer<Api::ApiClient> m_client;
    Sql::PoolRegistry *m_pools;
    QString m_sandboxCa;
};

} // namespace App

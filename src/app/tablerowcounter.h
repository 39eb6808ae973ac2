#pragma once

#include "app/branchconnector.h"
#include "core/result.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace Api {
class ApiClient;
}
namespace Sql {
class ConnectionPool;
class PoolRegistry;
} // namespace Sql

namespace App {

// How many rows the tables of a branch hold, for a deploy request's Summary. Reads through a reader
// password on that branch (minted once per branch and kept for the session, so reopening is free) on the
// server's shared pool: the server's estimates first (information_schema.TABLES), then exact COUNT(*) for
// the tables whose estimate is small enough to count at once. Asynchronous; never blocks the window.
class TableRowCounter final : public QObject
{
    Q_OBJECT
public:
    struct Counts
    {
        QHash<QString, qint64> rows;
        bool estimated = false; // true when any table kept its estimate
    };
    using Done = std::function<void(Core::Result<Counts>)>;

    TableRowCounter(Api::ApiClient *client, Sql::PoolRegistry *pools, QObject *parent = nullptr);

    void setSandboxCa(const QString &caFile) { m_sandboxCa = caFile; }
    // Tables whose estimate is at most this many rows are counted exactly (default 200 000).
    void setExactLimit(qint64 rows) { m_exactLimit = rows; }
    void count(const BranchRef &branch, const QStringList &tables, QObject *context, Done done);
    // EXPLAIN FORMAT=JSON of one statement through the same reader (Query Insights' Explain): the plan's
    // JSON text. The reader cannot change anything, whatever the statement.
    void explain(
        const BranchRef &branch, const QString &sql, QObject *context, std::function<void(Core::Result<QString>)> done);

private:
    using PoolReady = std::function<void(Core::Result<Sql::ConnectionPool *>)>;
    using Rows = QList<std::pair<QString, QString>>;
    struct Reader
    {
        BranchConnector *connector = nullptr;
        std::shared_ptr<Sql::ConnectionPool> pool;
        QList<PoolReady> waiting;
    };

    void withPool(const BranchRef &branch, PoolReady ready);
    // Runs one statement on any free connection; answers with the first two columns of its rows.
    void query(
        Sql::ConnectionPool *pool, const QString &sql, QObject *context, std::function<void(Core::Result<Rows>)> done);

    QPointer<Api::ApiClient> m_client;
    Sql::PoolRegistry *m_pools;
    QString m_sandboxCa;
    qint64 m_exactLimit = 200000;
    QHash<QString, Reader> m_readers; // by branch target
};

} // namespace App

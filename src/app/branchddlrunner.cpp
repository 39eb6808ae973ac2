#include "app/branchddlrunner.h"

#include "api/apiclient.h"
#include "sql/connectionpool.h"
#include "sql/poolregistry.h"
#include "sql/run.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace App {

BranchDdlRunner::BranchDdlRunner(Api::ApiClient *client, Sql::PoolRegistry *pools, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_pools(pools)
{ }

void BranchDdlRunner::run(const BranchRef &branch, const QString &ddl, std::function<void(Core::Result<void>)> done)
{
    // The connector deletes its password when it goes: one password per statement, alive for minutes.
    auto *connector = new BranchConnector(m_client, branch, m_sandboxCa, this);
    connector->open(u"admin"_s, 600, [this, connector, ddl, done](Core::Result<Sql::ConnectionOptions> options) {
        if (!options.ok()) {
            connector->deleteLater();
            return done(options.error());
        }
        std::shared_ptr<Sql::ConnectionPool> pool = m_pools->pool(options.value());
        Core::SqlStatement statement;
        statement.text = ddl;
        statement.end = ddl.size();
        Sql::Run::Options runOptions;
        runOptions.allowBinaryProtocol = false;
        Sql::Run *run = pool->run({ statement }, runOptions).release();
        run->setParent(connector);
        auto error = std::make_shared<QString>();
        connect(run, &Sql::Run::statementFailed, run, [error](const Sql::StatementError &e) { *error = e.message; });
        auto holder = std::make_shared<std::shared_ptr<Sql::ConnectionPool>>(std::move(pool));
        connect(run, &Sql::Run::finished, run, [this, connector, holder, error, done](const Sql::JobSummary &summary) {
            // The run goes with the connector; the pool after both, on the next turn of the event loop.
            connector->deleteLater();
            QTimer::singleShot(0, this, [last = std::exchange(*holder, {})] { Q_UNUSED(last); });
            if (!summary.connectError.isEmpty())
                return done(Core::makeError(u"ddl_connect"_s, summary.connectError));
            if (!error->isEmpty())
                return done(Core::makeError(u"ddl_failed"_s, *error));
            done({});
        });
    });
}

} // namespace App

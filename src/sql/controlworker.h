#pragma once

#include "sql/connection.h"
#include "sql/connectionoptions.h"

#include <QObject>

#include <memory>

namespace Sql {

class WorkerControl;

// Owns the pool's separate control connection (on its own WorkerThread) and cancels running queries:
// KILL QUERY first; when that is refused or impossible, the busy connection's socket is shut down and
// the connection discarded.
class ControlWorker : public QObject
{
    Q_OBJECT

public:
    ControlWorker(ConnectionOptions options, bool useKillQuery)
        : m_options(std::move(options))
        , m_useKillQuery(useKillQuery)
    { }

    // Control thread only.
    void cancel(const std::shared_ptr<WorkerControl> &target, quint64 requestId, int attempt = 0);

Q_SIGNALS:
    void cancelDelivered(quint64 requestId, bool killedByQuery);

private:
    bool killQuery(quint64 connectionId);

    static constexpr int MaxKillRepeats = 20;
    static constexpr int KillRepeatMs = 250;

    const ConnectionOptions m_options;
    const bool m_useKillQuery;
    std::unique_ptr<Connection> m_connection;
};

} // namespace Sql

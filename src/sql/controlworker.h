#pragma once

#include "sql/abortsignal.h"
#include "sql/connection.h"
#include "sql/connectionoptions.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QObject>

#include <memory>

namespace Sql {

class WorkerControl;

// Owns the pool's separate control connection (on its own WorkerThread) and cancels running queries:
// KILL QUERY first; when that is refused, or cannot reach the server before the cancel's deadline (a dead
// or blackholed link), the busy connection's socket is shut down and the connection discarded. Every
// step runs under the target's cancel gate, so it only ever reaches the request it was meant for.
class ControlWorker : public QObject
{
    Q_OBJECT

public:
    ControlWorker(ConnectionOptions options, bool useKillQuery)
        : m_options(std::move(options))
        , m_useKillQuery(useKillQuery)
    { }

    // How long a cancel may try KILL QUERY before it shuts the socket instead.
    static constexpr int DeliveryMs = 700;

    // Control thread only. `deadline` runs from the user's cancel.
    void cancel(
        const std::shared_ptr<WorkerControl> &target, quint64 requestId, QDeadlineTimer deadline, int attempt = 0);

    // Any thread: stops a connect or KILL under way at once and refuses every later one (shutdown).
    void abort();

Q_SIGNALS:
    void cancelDelivered(quint64 requestId, bool killedByQuery);

private:
    bool killQuery(quint64 connectionId, const QDeadlineTimer &deadline);

    static constexpr int MaxKillRepeats = 20;
    static constexpr int KillRepeatMs = 250;

    const ConnectionOptions m_options;
    const bool m_useKillQuery;
    AbortSignal m_abort;
    QMutex m_mutex; // guards m_connection for abort() from other threads
    std::unique_ptr<Connection> m_connection;
};

} // namespace Sql

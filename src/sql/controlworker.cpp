#include "sql/controlworker.h"

#include "sql/workercontrol.h"

#include <QTimer>

namespace Sql {

bool ControlWorker::killQuery(quint64 connectionId)
{
    if (connectionId == 0)
        return false;
    if (m_connection && m_connection->isBroken())
        m_connection.reset();
    if (!m_connection) {
        auto opened = Connection::open(m_options);
        if (!opened)
            return false;
        m_connection = std::move(opened.value());
    }
    const QByteArray sql = "KILL QUERY " + QByteArray::number(connectionId);
    return m_connection->execute(sql).ok();
}

void ControlWorker::cancel(const std::shared_ptr<WorkerControl> &target, quint64 requestId, int attempt)
{
    // The job may have ended while this call was queued; do not kill whatever runs now.
    if (target->currentRequest() != requestId)
        return;
    const quint64 connectionId = target->connectionId();
    bool killed = false;
    if (m_useKillQuery && target->currentRequest() == requestId)
        killed = killQuery(connectionId);
    if (!killed && target->currentRequest() == requestId)
        target->abortSocket();
    // A KILL QUERY that reaches the server before the statement starts is lost; repeat it while the
    // same job still runs (the job itself runs no further statement once cancelled).
    if (killed && attempt < MaxKillRepeats) {
        QTimer::singleShot(
            KillRepeatMs, this, [this, target, requestId, attempt] { cancel(target, requestId, attempt + 1); });
    }
    if (attempt == 0)
        Q_EMIT cancelDelivered(requestId, killed);
}

} // namespace Sql

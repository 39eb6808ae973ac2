#include "sql/controlworker.h"

#include "sql/workercontrol.h"

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

void ControlWorker::cancel(const std::shared_ptr<WorkerControl> &target, quint64 requestId)
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
    emit cancelDelivered(requestId, killed);
}

} // namespace Sql

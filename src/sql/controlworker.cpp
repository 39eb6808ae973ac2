#include "sql/controlworker.h"

#include "sql/workercontrol.h"

#include <QMutexLocker>
#include <QTimer>

namespace Sql {

bool ControlWorker::killQuery(quint64 connectionId, const QDeadlineTimer &deadline)
{
    if (connectionId == 0 || m_abort.isRaised())
        return false;
    Connection *connection = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        if (m_connection && m_connection->isBroken())
            m_connection.reset();
        connection = m_connection.get();
    }
    if (!connection) {
        auto opened = Connection::open(m_options, &m_abort, deadline);
        if (!opened)
            return false;
        QMutexLocker lock(&m_mutex);
        m_connection = std::move(opened.value());
        connection = m_connection.get();
    }
    const QByteArray sql = "KILL QUERY " + QByteArray::number(connectionId);
    return connection->execute(sql, deadline, &m_abort).ok();
}

void ControlWorker::cancel(
    const std::shared_ptr<WorkerControl> &target, quint64 requestId, QDeadlineTimer deadline, int attempt)
{
    bool killed = false;
    {
        // While the gate is held the worker cannot begin its next job: whatever is done here reaches the
        // cancelled request or nothing.
        QMutexLocker gate(&target->cancelGate());
        if (target->currentRequest() != requestId)
            return; // it ended meanwhile
        if (m_useKillQuery)
            killed = killQuery(target->connectionId(), deadline);
        if (!killed)
            target->abortRequest(requestId);
    }
    // A KILL QUERY that reaches the server before the statement starts is lost; repeat it while the
    // same job still runs (the job itself runs no further statement once cancelled).
    if (killed && attempt < MaxKillRepeats) {
        QTimer::singleShot(KillRepeatMs, this,
            [this, target, requestId, attempt] { cancel(target, requestId, QDeadlineTimer(DeliveryMs), attempt + 1); });
    }
    if (attempt == 0)
        Q_EMIT cancelDelivered(requestId, killed);
}

void ControlWorker::abort()
{
    m_abort.raise();
    QMutexLocker lock(&m_mutex);
    if (m_connection)
        m_connection->abortSocket();
}

} // namespace Sql

#include "sql/workercontrol.h"

#include "sql/abortsignal.h"
#include "sql/connection.h"

#include <QMutexLocker>

namespace Sql {

void WorkerControl::requestCancel(RequestId requestId)
{
    QMutexLocker lock(&m_mutex);
    if (m_current.load() == requestId)
        m_cancel.store(true);
    else
        m_cancelled.insert(requestId);
}

bool WorkerControl::abortRequest(RequestId requestId)
{
    QMutexLocker lock(&m_mutex);
    if (requestId == 0 || m_current.load() != requestId)
        return false;
    if (m_wait)
        m_wait->raise();
    if (m_connection)
        m_connection->abortSocket();
    return true;
}

void WorkerControl::abortAll()
{
    QMutexLocker lock(&m_mutex);
    m_abortAll = true;
    m_cancel.store(true);
    if (m_wait)
        m_wait->raise();
    if (m_connection)
        m_connection->abortSocket();
}

void WorkerControl::beginJob(RequestId requestId)
{
    QMutexLocker gate(&m_gate); // not while a cancel of the previous job is being delivered
    QMutexLocker lock(&m_mutex);
    m_current.store(requestId);
    m_cancel.store(m_abortAll || m_cancelled.remove(requestId));
}

void WorkerControl::endJob()
{
    QMutexLocker lock(&m_mutex);
    m_current.store(0);
    m_cancel.store(m_abortAll);
}

void WorkerControl::setConnection(Connection *connection, quint64 connectionId)
{
    QMutexLocker lock(&m_mutex);
    m_connection = connection;
    m_connectionId.store(connectionId);
}

std::shared_ptr<AbortSignal> WorkerControl::beginWait()
{
    auto signal = std::make_shared<AbortSignal>();
    QMutexLocker lock(&m_mutex);
    if (m_abortAll)
        signal->raise();
    m_wait = signal;
    return signal;
}

void WorkerControl::endWait()
{
    QMutexLocker lock(&m_mutex);
    m_wait.reset();
}

} // namespace Sql

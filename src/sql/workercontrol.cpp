#include "sql/workercontrol.h"

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

void WorkerControl::abortSocket()
{
    QMutexLocker lock(&m_mutex);
    if (m_connection)
        m_connection->abortSocket();
}

void WorkerControl::beginJob(RequestId requestId)
{
    QMutexLocker lock(&m_mutex);
    m_current.store(requestId);
    m_cancel.store(m_cancelled.remove(requestId));
}

void WorkerControl::endJob()
{
    QMutexLocker lock(&m_mutex);
    m_current.store(0);
    m_cancel.store(false);
}

void WorkerControl::setConnection(Connection *connection, quint64 connectionId)
{
    QMutexLocker lock(&m_mutex);
    m_connection = connection;
    m_connectionId.store(connectionId);
}

} // namespace Sql

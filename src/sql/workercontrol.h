#pragma once

#include "sql/jobtypes.h"

#include <QMutex>
#include <QSet>

#include <atomic>
#include <memory>

namespace Sql {

class Connection;

// The part of a worker other threads may touch: which request runs, cancellation flags and the socket
// abort. Shared (std::shared_ptr) between the worker, the pool and the control thread, so a late cancel
// never reaches a destroyed worker.
class WorkerControl
{
public:
    // Any thread.
    void requestCancel(RequestId requestId);
    void abortSocket();
    RequestId currentRequest() const { return m_current.load(); }
    quint64 connectionId() const { return m_connectionId.load(); }

    // Worker thread.
    void beginJob(RequestId requestId); // sets cancelFlag() when the job was cancelled while queued
    void endJob();
    void setConnection(Connection *connection, quint64 connectionId);
    const std::atomic<bool> &cancelFlag() const { return m_cancel; }
    bool cancelRequested() const { return m_cancel.load(); }

private:
    mutable QMutex m_mutex; // guards m_connection against the worker replacing it, and m_cancelled
    Connection *m_connection = nullptr;
    QSet<RequestId> m_cancelled;
    std::atomic<RequestId> m_current { 0 };
    std::atomic<quint64> m_connectionId { 0 };
    std::atomic<bool> m_cancel { false };
};

} // namespace Sql

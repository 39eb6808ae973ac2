#pragma once

#include "sql/jobtypes.h"

#include <QMutex>
#include <QSet>

#include <atomic>
#include <memory>

namespace Sql {

class AbortSignal;
class Connection;

// The part of a worker other threads may touch: which request runs, cancellation flags and the aborts of
// its connection (a blocked read, a connect under way). Shared (std::shared_ptr) between the worker, the
// pool and the control thread, so a late cancel never reaches a destroyed worker.
class WorkerControl
{
public:
    // Any thread.
    void requestCancel(RequestId requestId);
    // Shuts the connection's socket, or stops its connect or health check, if `requestId` still runs;
    // false when it does not (nothing is touched: the next request is never hit).
    bool abortRequest(RequestId requestId);
    // Shutdown: whatever runs or connects now returns at once, and no later connect starts.
    void abortAll();
    RequestId currentRequest() const { return m_current.load(); }
    quint64 connectionId() const { return m_connectionId.load(); }
    // Held by the control thread while it acts on the running request (KILL QUERY, abort): the worker does
    // not begin its next job meanwhile, so a cancel never reaches the statement after the one it meant.
    QMutex &cancelGate() { return m_gate; }

    // Worker thread.
    void beginJob(RequestId requestId); // waits at the gate; sets cancelFlag() when cancelled while queued
    void endJob();
    void setConnection(Connection *connection, quint64 connectionId);
    // The signal that stops one connect attempt or health check (raised already after abortAll()).
    std::shared_ptr<AbortSignal> beginWait();
    void endWait();
    const std::atomic<bool> &cancelFlag() const { return m_cancel; }
    bool cancelRequested() const { return m_cancel.load(); }

private:
    QMutex m_gate;
    mutable QMutex m_mutex; // guards m_connection, m_wait and m_cancelled against the worker changing them
    Connection *m_connection = nullptr;
    std::shared_ptr<AbortSignal> m_wait;
    QSet<RequestId> m_cancelled;
    bool m_abortAll = false;
    std::atomic<RequestId> m_current { 0 };
    std::atomic<quint64> m_connectionId { 0 };
    std::atomic<bool> m_cancel { false };
};

} // namespace Sql

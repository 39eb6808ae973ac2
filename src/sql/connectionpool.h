#pragma once

#include "sql/connectionoptions.h"
#include "sql/jobtypes.h"
#include "sql/lease.h"
#include "sql/resultsink.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>

#include <atomic>
#include <memory>
#include <vector>

namespace Sql {

class ConnectionWorker;
class ControlWorker;
class WorkerControl;
class WorkerThread;

// A bounded set of connections, each owned by its own worker thread. Lives on the GUI thread: its
// methods never block on the network, and all results arrive as signals on the pool's thread.
//
//   Sql::Lease lease = pool->lease();                      // a SQL tab keeps this for its lifetime
//   auto id = pool->execute(lease, Core::SqlSplitter::split(text));
//   connect(pool, &Sql::ConnectionPool::rowsReceived, tab, [](const Sql::RowBatch &b) { ... });
//   pool->cancel(id);                                      // from any thread; returns at once
//
// Jobs without a lease run on any idle, unleased connection (queued when none is free).
class ConnectionPool : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        int maxConnections = 8;
        qint64 healthCheckAfterIdleMs = 30'000;
        // Cancel with KILL QUERY on a control connection; when false (servers that refuse KILL), cancel
        // shuts the busy connection's socket at once and the connection is replaced.
        bool cancelWithKillQuery = true;
        StreamSettings stream;
    };

    explicit ConnectionPool(ConnectionOptions options, QObject *parent = nullptr);
    ConnectionPool(ConnectionOptions options, Settings settings, QObject *parent = nullptr);
    ~ConnectionPool() override;

    // An exclusive connection; invalid when every connection is already leased.
    Lease lease();

    // Runs statements in order on the lease's connection, or on any idle one. Returns the request id
    // that every signal about this job carries.
    RequestId execute(const Lease &lease, const QList<Core::SqlStatement> &statements, bool allowBinary = true);
    RequestId execute(const QList<Core::SqlStatement> &statements, bool allowBinary = true);
    RequestId executeScript(const Lease &lease, const QString &sql); // splits with Core::SqlSplitter

    // Cancels a queued or running job. Thread-safe, never waits: a running statement is stopped with
    // KILL QUERY on a control connection, or by closing its socket when that is refused.
    void cancel(RequestId requestId);

    // Stops all workers, aborting running statements; waits at most waitMs, then leaves stragglers to
    // finish on their own. Called by the destructor.
    void shutdown(int waitMs = 2000);

    int maxConnections() const { return int(m_slots.size()); }
    int openConnections() const;
    int tlsHandshakes() const { return m_handshakes.load(); } // successful connects of pool workers
    ConnectionInfo connectionInfo(const Lease &lease) const;

Q_SIGNALS:
    void columnsReceived(const Sql::ResultHeader &header);
    void rowsReceived(const Sql::RowBatch &batch);
    void statementFinished(const Sql::StatementSummary &summary);
    void statementFailed(const Sql::StatementError &error);
    void jobFinished(const Sql::JobSummary &summary);
    void connectionOpened(const Sql::ConnectionInfo &info);
    // The leased connection broke: its session state (variables, transaction, temp tables) is gone.
    // The next job on this lease opens a fresh connection.
    void sessionLost(quint64 leaseId);

private:
    friend class Lease;
    struct Slot
    {
        WorkerThread *thread = nullptr;
        ConnectionWorker *worker = nullptr;
        std::shared_ptr<WorkerControl> control; // safe to use from any thread
        quint64 leaseId = 0;
        int running = 0;
        bool connected = false;
        ConnectionInfo info;
    };

    void release(quint64 leaseId, int slot);
    void post(int slot, Job job);
    void dispatch();
    void onJobFinished(int slot, const JobSummary &summary);
    Job makeJob(const QList<Core::SqlStatement> &statements, bool allowBinary);

    const ConnectionOptions m_options;
    const Settings m_settings;
    std::vector<Slot> m_slots;
    QList<Job> m_queue; // jobs waiting for any idle connection
    WorkerThread *m_controlThread = nullptr;
    ControlWorker *m_control = nullptr;
    quint64 m_nextLease = 0;
    std::atomic<RequestId> m_nextRequest { 0 };
    std::atomic<int> m_handshakes { 0 };
    bool m_shutDown = false;

    // cancel() may come from any thread: which slot runs which request, and queued cancellations.
    mutable QMutex m_mutex;
    QHash<RequestId, int> m_runningOn;
    QSet<RequestId> m_cancelledQueued;
};

} // namespace Sql

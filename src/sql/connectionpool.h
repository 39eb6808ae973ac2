#pragma once

#include "sql/connectionoptions.h"
#include "sql/jobtypes.h"
#include "sql/lease.h"
#include "sql/resultsink.h"
#include "sql/run.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

namespace Sql {

class ConnectionWorker;
class ControlWorker;
class WorkerControl;
class WorkerThread;

// The connections to one server (one connection identity), shared by every tab and background job on it.
// Each connection is owned by its own worker thread; threads start when work first needs them and end
// (closing their connection) after an idle period unless a lease holds them. Lives on the GUI thread:
// its methods never block on the network, and results arrive on the Run handles it returns.
//
//   Sql::Lease lease = pool->lease();                       // a SQL tab: its own session
//   std::unique_ptr<Sql::Run> run = pool->run(lease, Core::SqlSplitter::split(text));
//   connect(run.get(), &Sql::Run::rowsReceived, tab, [](const Sql::RowBatch &b) { ... });
//   run->cancel();                                          // returns at once
//
// Runs without a lease go to any idle, unleased connection (queued when none is free). Leases are limited
// to maxConnections - 1 (when that is at least 1), so background work always has a connection.
class ConnectionPool : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        int maxConnections = 8; // connections (and worker threads) at most, for this server
        qint64 healthCheckAfterIdleMs = 30'000;
        qint64 idleThreadMs = 60'000; // an unleased worker idle this long ends its thread and connection
        // Cancel with KILL QUERY on a control connection; when false (servers that refuse KILL), cancel
        // shuts the busy connection's socket at once and the connection is replaced.
        bool cancelWithKillQuery = true;
        StreamSettings stream;
    };

    explicit ConnectionPool(ConnectionOptions options, QObject *parent = nullptr);
    ConnectionPool(ConnectionOptions options, Settings settings, QObject *parent = nullptr);
    ~ConnectionPool() override;

    // An exclusive connection (session affinity); invalid when maxLeases() are already out.
    Lease lease();
    int maxLeases() const;
    int leasesOut() const;

    // Runs statements in order on the lease's connection; with an invalid (default) lease, on any idle
    // unleased connection. Always returns a handle: when the run cannot start (the pool is shut down, the
    // lease belongs to another pool) it finishes at once with JobStatus::Failed and the reason.
    std::unique_ptr<Run> run(const Lease &lease, QList<Core::SqlStatement> statements, Run::Options options = {});
    std::unique_ptr<Run> run(QList<Core::SqlStatement> statements, Run::Options options = {});
    std::unique_ptr<Run> runScript(const Lease &lease, const QString &sql, Run::Options options = {});

    // Stops all workers, aborting running statements; runs still open finish as cancelled. Waits at most
    // waitMs, then leaves stragglers to finish on their own. Called by the destructor.
    void shutdown(int waitMs = 2000);
    bool isShutDown() const { return m_shutDown; }

    const ConnectionOptions &options() const { return m_options; }
    const Settings &settings() const { return m_settings; }
    int maxConnections() const { return int(m_slots.size()); }
    int openConnections() const;
    int workerThreads() const; // live worker threads
    int threadCount() const { return workerThreads() + (m_controlThread ? 1 : 0); }
    int tlsHandshakes() const { return m_handshakes.load(); } // successful connects of pool workers
    ConnectionInfo connectionInfo(const Lease &lease) const;

Q_SIGNALS:
    void connectionOpened(const Sql::ConnectionInfo &info);
    // The leased connection broke: its session state (variables, transaction, temp tables) is gone.
    // The next run on this lease opens a fresh connection.
    void sessionLost(quint64 leaseId);

private:
    friend class Lease;
    friend class Run;
    struct Slot
    {
        WorkerThread *thread = nullptr; // null until work needs it, and again once retired
        ConnectionWorker *worker = nullptr;
        std::shared_ptr<WorkerControl> control; // of the current worker; safe to use from any thread
        quint64 leaseId = 0;
        int running = 0; // jobs posted to the worker and not finished
        bool connected = false;
        ConnectionInfo info;
        QElapsedTimer idle; // since the last job finished
    };

    void release(quint64 leaseId, int slot);
    void cancel(RequestId requestId); // Run::cancel and ~Run
    void forget(RequestId requestId); // ~Run
    std::unique_ptr<Run> makeRun(QList<Core::SqlStatement> statements, Run::Options options);
    void failLater(RequestId requestId, const QString &reason, JobStatus status = JobStatus::Failed);
    void post(int slot, const Run &run);
    void dispatch();
    void ensureWorker(int slot);
    void ensureControl();
    void retireIdleWorkers();
    void onJobFinished(int slot, const JobSummary &summary);
    void finishOpenRuns();
    // The live, unfinished handle of a request (results that arrive after the end are dropped).
    Run *runFor(RequestId requestId) const
    {
        Run *run = m_runs.value(requestId);
        return run && !run->isFinished() ? run : nullptr;
    }

    const ConnectionOptions m_options;
    const Settings m_settings;
    std::vector<Slot> m_slots;
    QList<RequestId> m_queue; // runs waiting for any idle connection
    QHash<RequestId, Run *> m_runs; // live handles (each removes itself when destroyed)
    QHash<RequestId, int> m_runningOn; // which slot a posted run went to
    QList<QThread *> m_retiring; // retired worker threads still closing their connection
    WorkerThread *m_controlThread = nullptr;
    ControlWorker *m_control = nullptr;
    QTimer m_idleTimer;
    quint64 m_nextLease = 0;
    std::atomic<int> m_handshakes { 0 };
    bool m_shutDown = false;
};

} // namespace Sql

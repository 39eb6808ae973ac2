#pragma once

#include "sql/connection.h"
#include "sql/connectionoptions.h"
#include "sql/jobtypes.h"
#include "sql/resultsink.h"
#include "sql/workercontrol.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace Sql {

// Lives on its own WorkerThread and owns that thread's only connection. Jobs arrive as queued calls to
// runJob(); results leave as queued signals carrying plain values. The connection is opened lazily,
// pinged after an idle period, and dropped (never silently re-established mid-job) when it breaks.
class ConnectionWorker : public QObject, private ResultSink
{
    Q_OBJECT

public:
    ConnectionWorker(int slot, ConnectionOptions options, StreamSettings settings, qint64 healthCheckAfterIdleMs);
    ~ConnectionWorker() override;

    int slot() const { return m_slot; }

    // Worker thread only.
    void runJob(const Sql::Job &job);
    void closeConnection();

    // For other threads: cancel, abort, what runs now.
    std::shared_ptr<WorkerControl> control() const { return m_control; }

Q_SIGNALS:
    void columnsReceived(const Sql::ResultHeader &header);
    void rowsReceived(const Sql::RowBatch &batch);
    void statementFinished(const Sql::StatementSummary &summary);
    void statementFailed(const Sql::StatementError &error);
    void jobFinished(int slot, const Sql::JobSummary &summary);
    void connectionOpened(int slot, const Sql::ConnectionInfo &info);
    void connectionLost(int slot);

private:
    void headerReady(const ResultHeader &header) override { Q_EMIT columnsReceived(header); }
    void batchReady(const RowBatch &batch) override { Q_EMIT rowsReceived(batch); }
    void statementDone(const StatementSummary &summary) override { Q_EMIT statementFinished(summary); }
    void statementError(const StatementError &error) override { Q_EMIT statementFailed(error); }
    Core::Result<void> ensureConnected();
    void dropConnection();

    const int m_slot;
    const ConnectionOptions m_options;
    const StreamSettings m_settings;
    const qint64 m_healthCheckAfterIdleMs;
    std::unique_ptr<Connection> m_connection;
    QElapsedTimer m_idle;
    bool m_lostInJob = false; // the current job dropped the connection
    const std::shared_ptr<WorkerControl> m_control = std::make_shared<WorkerControl>();
};

// The thread of one worker: brackets its life with mysql_thread_init/_end and destroys the worker
// (and so its connection) on itself before the thread ends.
class WorkerThread : public QThread
{
    Q_OBJECT

public:
    explicit WorkerThread(QObject *parent = nullptr)
        : QThread(parent)
    { }
    void adopt(QObject *worker); // moves the worker here; it is deleted on this thread at the end

protected:
    void run() override;

private:
    QObject *m_worker = nullptr;
};

} // namespace Sql

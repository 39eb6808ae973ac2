#include "sql/connectionworker.h"

#include "sql/abortsignal.h"
#include "sql/statementrunner.h"

#include <mysql.h>

using namespace Qt::StringLiterals;

namespace Sql {

ConnectionWorker::ConnectionWorker(
    int slot, ConnectionOptions options, StreamSettings settings, qint64 healthCheckAfterIdleMs)
    : m_slot(slot)
    , m_options(std::move(options))
    , m_settings(settings)
    , m_healthCheckAfterIdleMs(healthCheckAfterIdleMs)
{ }

ConnectionWorker::~ConnectionWorker()
{
    closeConnection();
}

void ConnectionWorker::closeConnection()
{
    m_control->setConnection(nullptr, 0); // first, so no abort reaches a closed connection
    m_connection.reset();
}

void ConnectionWorker::dropConnection()
{
    const bool had = m_connection != nullptr;
    closeConnection();
    if (had) {
        m_lostInJob = true;
        Q_EMIT connectionLost(m_slot);
    }
}

Core::Result<void> ConnectionWorker::ensureConnected()
{
    if (m_connection && m_connection->isBroken())
        dropConnection();
    // Both waits below can be stopped from another thread (cancel, shutdown) through this signal.
    const std::shared_ptr<AbortSignal> abort = m_control->beginWait();
    // After a long idle period the server may have closed the connection; ping before use (with the
    // connect timeout: a link that swallows everything is dead too). Nothing has been sent for this job
    // yet, so opening a new connection cannot repeat a statement.
    if (m_connection && m_idle.isValid() && m_idle.elapsed() >= m_healthCheckAfterIdleMs
        && !m_connection->ping(
            QDeadlineTimer(std::chrono::seconds(qMax(1, m_options.connectTimeoutSeconds))), abort.get()))
        dropConnection();
    if (m_connection) {
        m_control->endWait();
        return {};
    }
    auto opened = Connection::open(m_options, abort.get());
    m_control->endWait();
    if (!opened)
        return opened.error();
    m_connection = std::move(opened.value());
    m_control->setConnection(m_connection.get(), m_connection->connectionId());
    Q_EMIT connectionOpened(m_slot, m_connection->info());
    return {};
}

void ConnectionWorker::runJob(const Sql::Job &job)
{
    QElapsedTimer timer;
    timer.start();
    m_control->beginJob(job.requestId);
    JobSummary summary;
    summary.requestId = job.requestId;
    m_lostInJob = false;
    if (m_control->cancelRequested()) {
        summary.status = JobStatus::Cancelled;
    } else if (auto connected = ensureConnected(); !connected) {
        // A cancel while connecting stops the connect; that is the cancel, not a failure to report.
        summary.status = m_control->cancelRequested() ? JobStatus::Cancelled : JobStatus::Failed;
        summary.connectError = connected.error().toString();
        summary.connectErrorCode = connected.error().code;
    } else {
        StatementRunner runner(*m_connection, m_settings, *this, m_control->cancelFlag());
        summary.status = runner.run(job, &summary.statementsRun);
        if (m_connection->isBroken())
            dropConnection();
    }
    m_control->endJob();
    m_idle.start();
    summary.sessionLost = m_lostInJob;
    summary.durationUs = timer.nsecsElapsed() / 1000;
    Q_EMIT jobFinished(m_slot, summary);
}

void WorkerThread::adopt(QObject *worker)
{
    m_worker = worker;
    worker->moveToThread(this);
}

void WorkerThread::run()
{
    mysql_thread_init();
    exec();
    delete m_worker; // closes the connection on the thread that used it
    m_worker = nullptr;
    mysql_thread_end();
}

} // namespace Sql

#include "sql/connectionworker.h"

#include "sql/statementrunner.h"

#include <QMutexLocker>

#include <mysql.h>

using namespace Qt::StringLiterals;

namespace Sql {

ConnectionWorker::ConnectionWorker(int slot, ConnectionOptions options, StreamSettings settings,
                                   qint64 healthCheckAfterIdleMs)
    : m_slot(slot), m_options(std::move(options)), m_settings(settings),
      m_healthCheckAfterIdleMs(healthCheckAfterIdleMs)
{
}

ConnectionWorker::~ConnectionWorker()
{
    closeConnection();
}

void ConnectionWorker::requestCancel(RequestId requestId)
{
    QMutexLocker lock(&m_mutex);
    if (m_current.load() == requestId)
        m_cancel.store(true);
    else
        m_cancelled.insert(requestId);
}

void ConnectionWorker::abortSocket()
{
    QMutexLocker lock(&m_mutex);
    if (m_connection)
        m_connection->abortSocket();
}

void ConnectionWorker::closeConnection()
{
    QMutexLocker lock(&m_mutex);
    m_connection.reset();
    m_connectionId.store(0);
}

void ConnectionWorker::dropConnection()
{
    const bool had = m_connection != nullptr;
    closeConnection();
    if (had)
        emit connectionLost(m_slot);
}

Core::Result<void> ConnectionWorker::ensureConnected()
{
    if (m_connection && m_connection->isBroken())
        dropConnection();
    // After a long idle period the server may have closed the connection; ping before use. Nothing
    // has been sent for this job yet, so opening a new connection cannot repeat a statement.
    if (m_connection && m_idle.isValid() && m_idle.elapsed() >= m_healthCheckAfterIdleMs && !m_connection->ping())
        dropConnection();
    if (m_connection)
        return {};
    auto opened = Connection::open(m_options);
    if (!opened)
        return opened.error();
    {
        QMutexLocker lock(&m_mutex);
        m_connection = std::move(opened.value());
        m_connectionId.store(m_connection->connectionId());
    }
    emit connectionOpened(m_slot, m_connection->info());
    return {};
}

void ConnectionWorker::runJob(const Sql::Job &job)
{
    QElapsedTimer timer;
    timer.start();
    {
        QMutexLocker lock(&m_mutex);
        m_current.store(job.requestId);
        m_cancel.store(m_cancelled.remove(job.requestId));
    }
    JobSummary summary;
    summary.requestId = job.requestId;
    if (m_cancel.load()) {
        summary.status = JobStatus::Cancelled;
    } else if (auto connected = ensureConnected(); !connected) {
        summary.status = JobStatus::Failed;
        summary.connectError = connected.error().toString();
        summary.connectErrorCode = connected.error().code;
    } else {
        StatementRunner runner(*m_connection, m_settings, *this, m_cancel);
        summary.status = runner.run(job, &summary.statementsRun);
        if (m_connection->isBroken())
            dropConnection();
    }
    {
        QMutexLocker lock(&m_mutex);
        m_current.store(0);
        m_cancel.store(false);
    }
    m_idle.start();
    summary.durationUs = timer.nsecsElapsed() / 1000;
    emit jobFinished(m_slot, summary);
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

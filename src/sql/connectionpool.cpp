#include "sql/connectionpool.h"

#include "sql/connectionworker.h"
#include "sql/controlworker.h"
#include "sql/mysqllibrary.h"
#include "sql/workercontrol.h"

#include <QDeadlineTimer>

namespace Sql {

namespace {

void registerTypes()
{
    qRegisterMetaType<Sql::ResultHeader>();
    qRegisterMetaType<Sql::RowBatch>();
    qRegisterMetaType<Sql::StatementSummary>();
    qRegisterMetaType<Sql::StatementError>();
    qRegisterMetaType<Sql::JobSummary>();
    qRegisterMetaType<Sql::ConnectionInfo>();
}

} // namespace

ConnectionPool::ConnectionPool(ConnectionOptions options, QObject *parent)
    : ConnectionPool(std::move(options), Settings {}, parent)
{ }

ConnectionPool::ConnectionPool(ConnectionOptions options, Settings settings, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(settings)
{
    registerTypes();
    MysqlLibrary::ensureInitialised(); // once, before any worker thread touches the library
    m_slots.resize(size_t(std::max(1, settings.maxConnections)));
    m_idleTimer.setInterval(int(std::clamp<qint64>(m_settings.idleThreadMs / 2, 5, 5000)));
    connect(&m_idleTimer, &QTimer::timeout, this, &ConnectionPool::retireIdleWorkers);
}

ConnectionPool::~ConnectionPool()
{
    shutdown();
}

int ConnectionPool::maxLeases() const
{
    return m_slots.size() > 1 ? int(m_slots.size()) - 1 : 1;
}

int ConnectionPool::leasesOut() const
{
    return int(std::count_if(m_slots.cbegin(), m_slots.cend(), [](const Slot &s) { return s.leaseId != 0; }));
}

Lease ConnectionPool::lease()
{
    if (m_shutDown || leasesOut() >= maxLeases())
        return {};
    // Prefer an idle slot with a live connection (no handshake), then one with a thread, then any.
    auto score = [](const Slot &s) { return (s.running == 0 ? 4 : 0) + (s.connected ? 2 : 0) + (s.thread ? 1 : 0); };
    int best = -1;
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].leaseId == 0 && (best < 0 || score(m_slots[i]) > score(m_slots[size_t(best)])))
            best = int(i);
    }
    if (best < 0)
        return {};
    const quint64 id = ++m_nextLease;
    m_slots[size_t(best)].leaseId = id;
    return Lease(this, best, id);
}

void ConnectionPool::release(quint64 leaseId, int slot)
{
    if (slot < 0 || size_t(slot) >= m_slots.size() || m_slots[size_t(slot)].leaseId != leaseId)
        return;
    m_slots[size_t(slot)].leaseId = 0;
    if (!m_idleTimer.isActive() && !m_shutDown)
        m_idleTimer.start();
    dispatch();
}

std::unique_ptr<Run> ConnectionPool::makeRun(QList<Core::SqlStatement> statements, Run::Options options)
{
    static std::atomic<RequestId> nextRequest { 0 }; // unique in the process, not only in this pool
    std::unique_ptr<Run> run(new Run(this, nextRequest.fetch_add(1) + 1, std::move(statements), options));
    m_runs.insert(run->id(), run.get());
    return run;
}

void ConnectionPool::failLater(RequestId requestId, const QString &reason, JobStatus status)
{
    // Queued, so the caller connects to the handle before it finishes.
    QMetaObject::invokeMethod(
        this,
        [this, requestId, reason, status] {
            if (Run *run = runFor(requestId)) {
                JobSummary summary;
                summary.requestId = requestId;
                summary.status = status;
                summary.connectError = reason;
                run->deliverFinished(summary);
            }
        },
        Qt::QueuedConnection);
}

std::unique_ptr<Run> ConnectionPool::run(const Lease &lease, QList<Core::SqlStatement> statements, Run::Options options)
{
    if (!lease.isValid())
        return run(std::move(statements), options);
    std::unique_ptr<Run> handle = makeRun(std::move(statements), options);
    if (m_shutDown)
        failLater(handle->id(), tr("Not run: the connection pool is shut down."));
    else if (lease.m_pool != this || size_t(lease.slot()) >= m_slots.size())
        failLater(handle->id(), tr("Not run: the lease belongs to another connection pool."));
    else
        post(lease.slot(), *handle);
    return handle;
}

std::unique_ptr<Run> ConnectionPool::run(QList<Core::SqlStatement> statements, Run::Options options)
{
    std::unique_ptr<Run> handle = makeRun(std::move(statements), options);
    if (m_shutDown) {
        failLater(handle->id(), tr("Not run: the connection pool is shut down."));
    } else {
        m_queue.append(handle->id());
        dispatch();
    }
    return handle;
}

std::unique_ptr<Run> ConnectionPool::runScript(const Lease &lease, const QString &sql, Run::Options options)
{
    return run(lease, Core::SqlSplitter::split(sql), options);
}

void ConnectionPool::post(int slot, const Run &run)
{
    ensureWorker(slot);
    Slot &s = m_slots[size_t(slot)];
    ++s.running;
    m_runningOn.insert(run.id(), slot);
    Job job;
    job.requestId = run.id();
    job.statements = run.statements();
    job.stopOnError = run.options().stopOnError;
    job.allowBinaryProtocol = run.options().allowBinaryProtocol;
    ConnectionWorker *worker = s.worker;
    QMetaObject::invokeMethod(
        worker, [worker, job = std::move(job)] { worker->runJob(job); }, Qt::QueuedConnection);
}

void ConnectionPool::dispatch()
{
    auto score = [](const Slot &s) { return (s.connected ? 2 : 0) + (s.thread ? 1 : 0); };
    while (!m_queue.isEmpty() && !m_shutDown) {
        int chosen = -1;
        for (size_t i = 0; i < m_slots.size(); ++i) {
            const Slot &s = m_slots[i];
            if (s.leaseId == 0 && s.running == 0 && (chosen < 0 || score(s) > score(m_slots[size_t(chosen)])))
                chosen = int(i);
        }
        if (chosen < 0)
            return;
        const RequestId id = m_queue.takeFirst();
        if (Run *run = runFor(id))
            post(chosen, *run);
    }
}

void ConnectionPool::ensureWorker(int slot)
{
    Slot &s = m_slots[size_t(slot)];
    if (s.thread)
        return;
    auto *worker = new ConnectionWorker(slot, m_options, m_settings.stream, m_settings.healthCheckAfterIdleMs);
    auto *thread = new WorkerThread;
    thread->setObjectName(QStringLiteral("sql-worker-%1").arg(slot));
    // Results go from the worker (queued: different threads) to the run they belong to.
    connect(worker, &ConnectionWorker::columnsReceived, this, [this](const Sql::ResultHeader &header) {
        if (Run *run = runFor(header.requestId))
            run->deliverColumns(header);
    });
    connect(worker, &ConnectionWorker::rowsReceived, this, [this](const Sql::RowBatch &batch) {
        if (Run *run = runFor(batch.requestId))
            run->deliverRows(batch);
    });
    connect(worker, &ConnectionWorker::statementFinished, this, [this](const Sql::StatementSummary &summary) {
        if (Run *run = runFor(summary.requestId))
            run->deliverStatementFinished(summary);
    });
    connect(worker, &ConnectionWorker::statementFailed, this, [this](const Sql::StatementError &error) {
        if (Run *run = runFor(error.requestId))
            run->deliverStatementFailed(error);
    });
    connect(worker, &ConnectionWorker::jobFinished, this, &ConnectionPool::onJobFinished);
    connect(worker, &ConnectionWorker::connectionOpened, this, [this](int at, const Sql::ConnectionInfo &info) {
        if (m_shutDown)
            return;
        m_handshakes.fetch_add(1);
        m_slots[size_t(at)].connected = true;
        m_slots[size_t(at)].info = info;
        Q_EMIT connectionOpened(info);
    });
    connect(worker, &ConnectionWorker::connectionLost, this, [this](int at) {
        if (m_shutDown)
            return;
        Slot &lost = m_slots[size_t(at)];
        lost.connected = false;
        lost.info = {};
        if (lost.leaseId != 0)
            Q_EMIT sessionLost(lost.leaseId);
    });
    thread->adopt(worker);
    thread->start();
    s.thread = thread;
    s.worker = worker;
    s.control = worker->control();
}

void ConnectionPool::ensureControl()
{
    if (m_control || m_shutDown)
        return;
    m_control = new ControlWorker(m_options, m_settings.cancelWithKillQuery);
    m_controlThread = new WorkerThread;
    m_controlThread->setObjectName(QStringLiteral("sql-control"));
    m_controlThread->adopt(m_control);
    m_controlThread->start();
}

void ConnectionPool::retireIdleWorkers()
{
    bool waiting = false; // an unleased thread that is not idle long enough yet
    for (Slot &s : m_slots) {
        if (!s.thread || s.leaseId != 0)
            continue;
        if (s.running != 0 || !s.idle.isValid() || s.idle.elapsed() < m_settings.idleThreadMs) {
            waiting = true;
            continue;
        }
        // Nothing is posted to this worker (running == 0), so no job can be lost: end its thread, which
        // deletes the worker and closes its connection there.
        QThread *thread = s.thread;
        s.worker->disconnect(this);
        m_retiring.append(thread);
        connect(thread, &QThread::finished, this, [this, thread] { // before quit(): it may finish at once
            if (!m_retiring.removeOne(thread))
                return; // shutdown() took it over
            thread->wait();
            delete thread;
        });
        thread->quit();
        s = Slot {};
    }
    if (!waiting)
        m_idleTimer.stop();
}

void ConnectionPool::onJobFinished(int slot, const JobSummary &summary)
{
    if (m_shutDown)
        return;
    Slot &s = m_slots[size_t(slot)];
    --s.running;
    s.idle.start();
    m_runningOn.remove(summary.requestId);
    if (s.leaseId == 0 && !m_idleTimer.isActive())
        m_idleTimer.start();
    if (Run *run = runFor(summary.requestId))
        run->deliverFinished(summary);
    dispatch();
}

void ConnectionPool::cancel(RequestId requestId)
{
    if (m_shutDown)
        return;
    if (m_queue.removeOne(requestId)) {
        failLater(requestId, QString(), JobStatus::Cancelled);
        return;
    }
    const auto it = m_runningOn.constFind(requestId);
    if (it == m_runningOn.constEnd())
        return; // finished, or about to report it
    std::shared_ptr<WorkerControl> target = m_slots[size_t(it.value())].control;
    target->requestCancel(requestId);
    ensureControl();
    // KILL QUERY has this long from now to reach the server; after that the socket is shut instead.
    const QDeadlineTimer deadline(ControlWorker::DeliveryMs);
    ControlWorker *control = m_control;
    QMetaObject::invokeMethod(
        control, [control, target, requestId, deadline] { control->cancel(target, requestId, deadline); },
        Qt::QueuedConnection);
}

void ConnectionPool::forget(RequestId requestId)
{
    m_runs.remove(requestId);
    m_queue.removeOne(requestId);
}

int ConnectionPool::openConnections() const
{
    return int(std::count_if(m_slots.cbegin(), m_slots.cend(), [](const Slot &s) { return s.connected; }));
}

int ConnectionPool::workerThreads() const
{
    const auto live = std::count_if(m_slots.cbegin(), m_slots.cend(), [](const Slot &s) { return s.thread; });
    return int(live) + int(m_retiring.size());
}

ConnectionInfo ConnectionPool::connectionInfo(const Lease &lease) const
{
    if (!lease.isValid() || lease.slot() < 0 || size_t(lease.slot()) >= m_slots.size())
        return {};
    return m_slots[size_t(lease.slot())].info;
}

void ConnectionPool::finishOpenRuns()
{
    const QList<RequestId> open = m_runs.keys();
    for (RequestId id : open) {
        Run *run = runFor(id); // an earlier handler may have destroyed it
        if (!run || run->isFinished())
            continue;
        JobSummary summary;
        summary.requestId = id;
        summary.status = JobStatus::Cancelled;
        summary.connectError = tr("Not run: the connection pool was shut down.");
        run->deliverFinished(summary);
    }
}

void ConnectionPool::shutdown(int waitMs)
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_idleTimer.stop();
    m_queue.clear();
    std::vector<QThread *> threads;
    // Every wait on the network ends now: running statements (their sockets are shut), connects and health
    // checks under way, and the control connection's KILL or connect. No thread stays inside the driver.
    if (m_control)
        m_control->abort();
    for (Slot &s : m_slots) {
        if (!s.thread)
            continue;
        s.control->abortAll();
        s.worker->disconnect(this);
        s.thread->quit();
        threads.push_back(s.thread);
        const quint64 leaseId = s.leaseId; // leases outlive the shutdown; they just stop working
        s = Slot {};
        s.leaseId = leaseId;
    }
    for (QThread *thread : std::as_const(m_retiring)) {
        thread->disconnect(this);
        threads.push_back(thread);
    }
    m_retiring.clear();
    if (m_controlThread) {
        m_controlThread->quit();
        threads.push_back(m_controlThread);
    }
    m_control = nullptr;
    m_controlThread = nullptr;
    const QDeadlineTimer deadline(waitMs);
    for (QThread *thread : threads) {
        if (thread->wait(deadline)) {
            delete thread;
        } else {
            // A worker stuck in the driver: let it finish on its own; the thread object cleans up after.
            connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        }
    }
    m_runningOn.clear();
    finishOpenRuns();
}

} // namespace Sql

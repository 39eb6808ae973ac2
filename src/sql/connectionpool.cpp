#include "sql/connectionpool.h"

#include "sql/connectionworker.h"
#include "sql/controlworker.h"
#include "sql/mysqllibrary.h"
#include "sql/workercontrol.h"

#include <QDeadlineTimer>
#include <QMutexLocker>

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

Lease::Lease(Lease &&other) noexcept
    : m_pool(other.m_pool)
    , m_slot(other.m_slot)
    , m_id(other.m_id)
{
    other.m_pool = nullptr;
    other.m_id = 0;
    other.m_slot = -1;
}

Lease &Lease::operator=(Lease &&other) noexcept
{
    if (this != &other) {
        reset();
        m_pool = other.m_pool;
        m_slot = other.m_slot;
        m_id = other.m_id;
        other.m_pool = nullptr;
        other.m_id = 0;
        other.m_slot = -1;
    }
    return *this;
}

Lease::~Lease()
{
    reset();
}

void Lease::reset()
{
    if (m_pool && m_id != 0)
        m_pool->release(m_id, m_slot);
    m_pool = nullptr;
    m_id = 0;
    m_slot = -1;
}

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
    for (size_t i = 0; i < m_slots.size(); ++i) {
        const int slot = int(i);
        auto *worker = new ConnectionWorker(slot, m_options, m_settings.stream, m_settings.healthCheckAfterIdleMs);
        auto *thread = new WorkerThread;
        thread->setObjectName(QStringLiteral("sql-worker-%1").arg(slot));
        // Results go straight from the worker to the pool's signals (queued: different threads).
        connect(worker, &ConnectionWorker::columnsReceived, this, &ConnectionPool::columnsReceived);
        connect(worker, &ConnectionWorker::rowsReceived, this, &ConnectionPool::rowsReceived);
        connect(worker, &ConnectionWorker::statementFinished, this, &ConnectionPool::statementFinished);
        connect(worker, &ConnectionWorker::statementFailed, this, &ConnectionPool::statementFailed);
        connect(worker, &ConnectionWorker::jobFinished, this, &ConnectionPool::onJobFinished);
        connect(worker, &ConnectionWorker::connectionOpened, this, [this](int s, const Sql::ConnectionInfo &info) {
            if (m_shutDown)
                return;
            m_handshakes.fetch_add(1);
            m_slots[size_t(s)].connected = true;
            m_slots[size_t(s)].info = info;
            Q_EMIT connectionOpened(info);
        });
        connect(worker, &ConnectionWorker::connectionLost, this, [this](int s) {
            if (m_shutDown)
                return;
            Slot &lost = m_slots[size_t(s)];
            lost.connected = false;
            lost.info = {};
            if (lost.leaseId != 0)
                Q_EMIT sessionLost(lost.leaseId);
        });
        thread->adopt(worker);
        thread->start();
        m_slots[i].thread = thread;
        m_slots[i].worker = worker;
        m_slots[i].control = worker->control();
    }
    m_control = new ControlWorker(m_options, m_settings.cancelWithKillQuery);
    m_controlThread = new WorkerThread;
    m_controlThread->setObjectName(QStringLiteral("sql-control"));
    m_controlThread->adopt(m_control);
    m_controlThread->start();
}

ConnectionPool::~ConnectionPool()
{
    shutdown();
}

Lease ConnectionPool::lease()
{
    if (m_shutDown)
        return {};
    // Prefer an idle slot with a live connection (no handshake), then any unleased one.
    int best = -1;
    for (size_t i = 0; i < m_slots.size(); ++i) {
        const Slot &s = m_slots[i];
        if (s.leaseId != 0)
            continue;
        const int score = (s.running == 0 ? 2 : 0) + (s.connected ? 1 : 0);
        if (best < 0) {
            best = int(i);
            continue;
        }
        const Slot &b = m_slots[size_t(best)];
        if (score > (b.running == 0 ? 2 : 0) + (b.connected ? 1 : 0))
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
    dispatch();
}

Job ConnectionPool::makeJob(const QList<Core::SqlStatement> &statements, bool allowBinary)
{
    Job job;
    job.requestId = m_nextRequest.fetch_add(1) + 1;
    job.statements = statements;
    job.allowBinaryProtocol = allowBinary;
    return job;
}

RequestId ConnectionPool::execute(const Lease &lease, const QList<Core::SqlStatement> &statements, bool allowBinary)
{
    if (!lease.isValid() || lease.m_pool != this || m_shutDown)
        return 0;
    Job job = makeJob(statements, allowBinary);
    const RequestId id = job.requestId;
    post(lease.slot(), std::move(job));
    return id;
}

RequestId ConnectionPool::execute(const QList<Core::SqlStatement> &statements, bool allowBinary)
{
    if (m_shutDown)
        return 0;
    Job job = makeJob(statements, allowBinary);
    const RequestId id = job.requestId;
    m_queue.append(std::move(job));
    dispatch();
    return id;
}

RequestId ConnectionPool::executeScript(const Lease &lease, const QString &sql)
{
    return execute(lease, Core::SqlSplitter::split(sql));
}

void ConnectionPool::post(int slot, Job job)
{
    Slot &s = m_slots[size_t(slot)];
    ++s.running;
    {
        QMutexLocker lock(&m_mutex);
        m_runningOn.insert(job.requestId, slot);
    }
    ConnectionWorker *worker = s.worker;
    QMetaObject::invokeMethod(
        worker, [worker, job = std::move(job)] { worker->runJob(job); }, Qt::QueuedConnection);
}

void ConnectionPool::dispatch()
{
    if (m_shutDown)
        return;
    // Drop queued jobs cancelled meanwhile. Ids not in the queue are stale (the job finished or never
    // existed): a job is always either queued here or registered in m_runningOn when cancel() looks.
    QList<RequestId> dropped;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_cancelledQueued.isEmpty()) {
            m_queue.removeIf([&](const Job &job) {
                if (!m_cancelledQueued.contains(job.requestId))
                    return false;
                dropped.append(job.requestId);
                return true;
            });
            m_cancelledQueued.clear();
        }
    }
    for (RequestId id : std::as_const(dropped)) {
        JobSummary summary;
        summary.requestId = id;
        summary.status = JobStatus::Cancelled;
        Q_EMIT jobFinished(summary);
    }
    while (!m_queue.isEmpty() && !m_shutDown) {
        int chosen = -1;
        for (size_t i = 0; i < m_slots.size(); ++i) {
            const Slot &s = m_slots[i];
            if (s.leaseId != 0 || s.running != 0)
                continue;
            if (chosen < 0 || (s.connected && !m_slots[size_t(chosen)].connected))
                chosen = int(i);
        }
        if (chosen < 0)
            return;
        post(chosen, m_queue.takeFirst());
    }
}

void ConnectionPool::onJobFinished(int slot, const JobSummary &summary)
{
    if (m_shutDown)
        return;
    Slot &s = m_slots[size_t(slot)];
    --s.running;
    {
        QMutexLocker lock(&m_mutex);
        m_runningOn.remove(summary.requestId);
    }
    Q_EMIT jobFinished(summary);
    dispatch();
}

void ConnectionPool::cancel(RequestId requestId)
{
    QMutexLocker lock(&m_mutex);
    if (m_shutDown)
        return;
    const auto it = m_runningOn.constFind(requestId);
    if (it == m_runningOn.constEnd()) {
        // Still in the pool's queue (or unknown): drop it when the pool's thread next dispatches.
        m_cancelledQueued.insert(requestId);
        QMetaObject::invokeMethod(
            this, [this] { dispatch(); }, Qt::QueuedConnection);
        return;
    }
    std::shared_ptr<WorkerControl> target = m_slots[size_t(it.value())].control;
    target->requestCancel(requestId);
    ControlWorker *control = m_control;
    QMetaObject::invokeMethod(
        control, [control, target, requestId] { control->cancel(target, requestId); }, Qt::QueuedConnection);
}

int ConnectionPool::openConnections() const
{
    int open = 0;
    for (const Slot &s : m_slots)
        open += s.connected ? 1 : 0;
    return open;
}

ConnectionInfo ConnectionPool::connectionInfo(const Lease &lease) const
{
    if (!lease.isValid() || lease.slot() < 0 || size_t(lease.slot()) >= m_slots.size())
        return {};
    return m_slots[size_t(lease.slot())].info;
}

void ConnectionPool::shutdown(int waitMs)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_shutDown)
            return;
        m_shutDown = true;
    }
    m_queue.clear();
    std::vector<QThread *> threads;
    for (Slot &s : m_slots) {
        const std::shared_ptr<WorkerControl> &control = s.control;
        if (const RequestId running = control->currentRequest()) {
            control->requestCancel(running);
            control->abortSocket(); // a blocked read returns at once
        }
        s.worker->disconnect(this);
        s.thread->quit();
        threads.push_back(s.thread);
    }
    m_controlThread->quit();
    threads.push_back(m_controlThread);
    const QDeadlineTimer deadline(waitMs);
    for (QThread *thread : threads) {
        if (thread->wait(deadline)) {
            delete thread;
        } else {
            // A worker stuck in the driver: let it finish on its own; the thread object cleans up after.
            connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        }
    }
    m_slots.clear();
    m_control = nullptr;
    m_controlThread = nullptr;
}

} // namespace Sql

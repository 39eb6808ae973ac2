#include "local/deployqueue.h"

#include "local/deployworker.h"

namespace Local {

DeployQueue::DeployQueue(std::shared_ptr<ServerKeeper> keeper, DeploySettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_worker(new DeployWorker(std::move(keeper), settings))
{
    m_thread.setObjectName(QStringLiteral("deploy-worker"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DeployWorker::failed, this, &DeployQueue::failed, Qt::QueuedConnection);
    connect(m_worker, &DeployWorker::pumped, this, &DeployQueue::pumped, Qt::QueuedConnection);
}

DeployQueue::~DeployQueue()
{
    if (m_thread.isRunning()) {
        m_worker->requestStop();
        QMetaObject::invokeMethod(m_worker, &DeployWorker::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    } else {
        delete m_worker;
    }
}

void DeployQueue::start()
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &DeployWorker::start, Qt::QueuedConnection);
}

void DeployQueue::wake()
{
    QMetaObject::invokeMethod(m_worker, &DeployWorker::pump, Qt::QueuedConnection);
}

void DeployQueue::claimCopier(bool claim)
{
    m_worker->claimCopier(claim);
    wake();
}

} // namespace Local

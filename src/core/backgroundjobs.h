#pragma once

#include <QMetaObject>
#include <QMutex>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <utility>

namespace Core {

// Runs pure work (sorting, filtering, statistics, export of a result) on a small pool of worker threads
// and hands each result back on the thread of a receiver QObject through its event loop. No QObject is
// created or touched in a worker. A result arriving after the owner (and so the receiver) is gone is
// dropped: the owner detaches in its destructor, under the same lock the worker holds while posting.
// Cancellation is the caller's: pass a CancelFlag into the work and cancel it.
class BackgroundJobs
{
public:
    explicit BackgroundJobs(QObject *receiver)
        : m_mailbox(std::make_shared<Mailbox>())
    {
        m_mailbox->receiver = receiver;
    }
    ~BackgroundJobs()
    {
        QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->receiver = nullptr;
    }
    BackgroundJobs(const BackgroundJobs &) = delete;
    BackgroundJobs &operator=(const BackgroundJobs &) = delete;

    // Runs work() on a worker, then done(result) on the receiver's thread. Both must be copyable.
    template<typename Work, typename Done> void run(Work work, Done done)
    {
        pool()->start([mailbox = m_mailbox, work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<decltype(work())>(work());
            QMutexLocker lock(&mailbox->mutex);
            if (!mailbox->receiver)
                return;
            QMetaObject::invokeMethod(
                mailbox->receiver, [done, result]() mutable { done(std::move(*result)); }, Qt::QueuedConnection);
        });
    }

    // The threads results work runs on (two at least, so an export never waits for a sort).
    static QThreadPool *pool();
    // Threads worth using for one piece of data-parallel work.
    static int parallelism();
    // Calls work(first, last) on consecutive slices of [0, count) on up to parallelism() threads (the
    // calling one included) and returns when all are done. Fewer than `minimum` items stay on this thread.
    static void parallelFor(size_t count, const std::function<void(size_t, size_t)> &work, size_t minimum = 2);

private:
    struct Mailbox
    {
        QMutex mutex;
        QObject *receiver = nullptr;
    };
    std::shared_ptr<Mailbox> m_mailbox;
};

} // namespace Core

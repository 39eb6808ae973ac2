#include "core/backgroundjobs.h"

#include <QThread>

#include <algorithm>
#include <thread>
#include <vector>

namespace Core {

QThreadPool *BackgroundJobs::pool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process: no static destruction order to mind
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        p->setExpiryTimeout(30'000);
        return p;
    }();
    return pool;
}

int BackgroundJobs::parallelism()
{
    return std::clamp(QThread::idealThreadCount(), 1, 8);
}

void BackgroundJobs::parallelFor(size_t count, const std::function<void(size_t, size_t)> &work, size_t minimum)
{
    const size_t threads = std::min(size_t(parallelism()), count);
    if (threads <= 1 || count < minimum) {
        work(0, count);
        return;
    }
    std::vector<std::thread> helpers;
    helpers.reserve(threads - 1);
    for (size_t t = 1; t < threads; ++t)
        helpers.emplace_back([&work, t, threads, count] { work(count * t / threads, count * (t + 1) / threads); });
    work(0, count / threads);
    for (auto &helper : helpers)
        helper.join();
}

} // namespace Core

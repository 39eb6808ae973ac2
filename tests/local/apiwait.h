#pragma once

#include "api/apiresult.h"

#include <QEventLoop>
#include <QTimer>

#include <functional>
#include <optional>

// Shared by the sandbox tests and bench_deploy: they drive the real API client from a plain test thread.

// Runs one asynchronous API call to its end: `start` gets the callback to pass on.
template<typename T>
std::optional<Api::ApiResult<T>> await(
    const std::function<void(std::function<void(Api::ApiResult<T>)>)> &start, int timeoutMs = 30000)
{
    std::optional<Api::ApiResult<T>> result;
    QEventLoop loop;
    start([&](Api::ApiResult<T> r) {
        result.emplace(std::move(r));
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return result;
}

// Lets the event loop run for `ms` (answers and timers keep being delivered meanwhile).
inline void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

#pragma once

#include <QList>

#include <chrono>

namespace Api {

// A sliding-window request budget: at most `limit` requests start in any `window`. PlanetScale documents
// 600 requests per minute; the client's default stays below that so retries and other tools have room.
class RequestBudget
{
public:
    using Clock = std::chrono::steady_clock;

    explicit RequestBudget(int limit = 540, std::chrono::milliseconds window = std::chrono::minutes(1));

    void setLimit(int limit, std::chrono::milliseconds window);
    int limit() const { return m_limit; }

    // How long to wait before the next request may start (zero when it may start now).
    std::chrono::milliseconds delayBeforeNext(Clock::time_point now);
    void recordStart(Clock::time_point now);

private:
    void forgetBefore(Clock::time_point cutoff);

    int m_limit;
    std::chrono::milliseconds m_window;
    QList<Clock::time_point> m_starts; // ascending
};

} // namespace Api

#include "api/requestbudget.h"

#include <algorithm>

namespace Api {

RequestBudget::RequestBudget(int limit, std::chrono::milliseconds window)
    : m_limit(std::max(1, limit))
    , m_window(window)
{ }

void RequestBudget::setLimit(int limit, std::chrono::milliseconds window)
{
    m_limit = std::max(1, limit);
    m_window = window;
}

void RequestBudget::forgetBefore(Clock::time_point cutoff)
{
    const auto firstKept = std::find_if(m_starts.cbegin(), m_starts.cend(), [cutoff](auto t) { return t > cutoff; });
    m_starts.erase(m_starts.cbegin(), firstKept);
}

std::chrono::milliseconds RequestBudget::delayBeforeNext(Clock::time_point now)
{
    forgetBefore(now - m_window);
    if (m_starts.size() < m_limit)
        return std::chrono::milliseconds(0);
    // The oldest start within the window has to fall out of it first.
    const auto freeAt = m_starts.at(m_starts.size() - m_limit) + m_window;
    return std::max(std::chrono::milliseconds(1), std::chrono::ceil<std::chrono::milliseconds>(freeAt - now));
}

void RequestBudget::recordStart(Clock::time_point now)
{
    m_starts.append(now);
}

} // namespace Api

#pragma once

#include <atomic>
#include <memory>

namespace Core {

// A cancellation request shared between whoever started a piece of work and the thread doing it. Copies
// share one flag; work polls isCancelled() at points where stopping is cheap.
class CancelFlag
{
public:
    CancelFlag()
        : m_flag(std::make_shared<std::atomic<bool>>(false))
    { }

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace Core

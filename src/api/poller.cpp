#include "api/poller.h"

#include <algorithm>

namespace Api {

Poller::Poller(QObject *receiver)
    : QObject(receiver)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Poller::runRound);
}

void Poller::setIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow, double growth)
{
    m_fast = fast;
    m_slow = std::max(slow, fast);
    m_growth = std::max(1.0, growth);
    m_interval = m_fast;
}

void Poller::start(Step step)
{
    stop();
    m_step = std::move(step);
    m_running = true;
    m_interval = m_fast;
    m_timer.start(0);
}

void Poller::stop()
{
    m_timer.stop();
    m_running = false;
    m_inFlight = false;
    ++m_round; // whatever is in flight is now stale
}

void Poller::runRound()
{
    if (!m_running || m_inFlight || !m_step)
        return;
    m_inFlight = true;
    ++m_round;
    m_step(m_round);
}

bool Poller::report(quint64 round, Outcome outcome)
{
    if (!m_running || !m_inFlight || round != m_round)
        return false;
    m_inFlight = false;
    switch (outcome) {
    case Outcome::Finished:
        stop();
        Q_EMIT finished();
        return true;
    case Outcome::Changed:
        m_interval = m_fast;
        break;
    case Outcome::Unchanged:
    case Outcome::Failed:
        m_interval = std::min(m_slow, std::chrono::milliseconds(qint64(double(m_interval.count()) * m_growth)));
        break;
    }
    m_timer.start(m_interval);
    return true;
}

} // namespace Api

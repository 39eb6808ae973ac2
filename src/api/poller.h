#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Api {

// Repeats an asynchronous check (a branch becoming ready, a deploy request's progress): fast while the
// answers keep changing, slower and slower while they do not, and never more than one check in flight.
// The poller is a child of its receiver, so it stops when the receiver is destroyed. Each round has a
// number; a report for any round but the current one (a late answer, or one after stop()) is dropped.
class Poller : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Changed, // something moved: poll fast
        Unchanged, // idle: poll slower
        Failed, // the check failed: poll slower, keep going
        Finished, // the operation ended: stop
    };
    using Step = std::function<void(quint64 round)>; // start one check; call report(round, …) when done

    explicit Poller(QObject *receiver);

    void setIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow, double growth = 2.0);
    void start(Step step); // the first check starts from the event loop, right away
    void stop();
    bool report(quint64 round, Outcome outcome); // false when the report was stale and dropped

    bool isRunning() const { return m_running; }
    quint64 currentRound() const { return m_round; }
    std::chrono::milliseconds currentInterval() const { return m_interval; }

Q_SIGNALS:
    void finished(); // a check reported Outcome::Finished

private:
    void runRound();

    Step m_step;
    QTimer m_timer;
    std::chrono::milliseconds m_fast { 1000 };
    std::chrono::milliseconds m_slow { 15000 };
    std::chrono::milliseconds m_interval { 1000 };
    double m_growth = 2.0;
    quint64 m_round = 0;
    bool m_running = false;
    bool m_inFlight = false;
};

} // namespace Api

#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace Local {

// A process named by its pid *and* its start time (field 22 of /proc/<pid>/stat, clock ticks since boot), so
// that a pid the kernel has since given to another process is never taken for it. Zombies and dead
// processes are not running. Signals go through a pidfd opened before the identity is re-checked, so there
// is no window in which a reused pid could receive them.
class ProcessIdentity
{
public:
    ProcessIdentity() = default;

    static ProcessIdentity self();
    // Whatever runs under `pid` now (invalid when nothing does).
    static ProcessIdentity current(qint64 pid);
    // Reads a record made by record(): "PID START_TICKS". A bare pid (older files) has no start time.
    static ProcessIdentity fromRecord(const QString &text);

    QString record() const;
    qint64 pid() const { return m_pid; }
    quint64 startTicks() const { return m_startTicks; }
    bool isValid() const { return m_pid > 0; }

    // True when the process exists, is not a zombie, started when recorded (when a start time is recorded),
    // and its command line passes `matches` (argv, empty when unreadable).
    bool isRunning(const std::function<bool(const QStringList &)> &matches = {}) const;
    // Sends `signal` to this very process; false (and nothing sent) when it is not running as described.
    bool sendSignal(int signal, const std::function<bool(const QStringList &)> &matches = {}) const;

    static QStringList commandLine(qint64 pid);
    // The process state letter from /proc/<pid>/stat ('R', 'S', 'Z', …), 0 when there is no such process.
    static char state(qint64 pid);

private:
    ProcessIdentity(qint64 pid, quint64 startTicks)
        : m_pid(pid)
        , m_startTicks(startTicks)
    { }

    qint64 m_pid = 0;
    quint64 m_startTicks = 0;
};

} // namespace Local

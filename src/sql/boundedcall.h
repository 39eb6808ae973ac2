#pragma once

#include <QDeadlineTimer>

#include <functional>

struct st_mysql;

namespace Sql {

class AbortSignal;

// One call of the driver's non-blocking API (mysql_*_start / mysql_*_cont), driven to its end, its deadline
// or an abort raised from another thread — whichever comes first:
//
//   BoundedCall call(mysql, deadline, abort);
//   call.setSocket(fd, 0, 60'000);                     // or setSocketSource() while connecting
//   const auto outcome = call.run([&] { return mysql_ping_start(&r, mysql); },
//                                 [&](int events) { return mysql_ping_cont(&r, mysql, events); });
//
// The driver's TLS layer still makes blocking reads and writes (its handshake does, whatever the API), so
// while the call runs the socket's SO_RCVTIMEO/SO_SNDTIMEO follow the deadline and the abort shuts the
// socket down; afterwards both go back (timeouts to the given values, abort detached).
class BoundedCall
{
public:
    enum class Outcome { Done, TimedOut, Aborted };

    BoundedCall(st_mysql *mysql, QDeadlineTimer deadline, AbortSignal *abort);
    ~BoundedCall();
    BoundedCall(const BoundedCall &) = delete;
    BoundedCall &operator=(const BoundedCall &) = delete;

    // Our own descriptor of the connection's socket (a dup), and the timeouts to restore afterwards (ms, 0: none).
    void setSocket(int fd, qint64 readMs, qint64 writeMs);
    // While connecting the socket appears later: asked each time the driver hands back control until it
    // gives one (>= 0).
    void setSocketSource(std::function<int()> source, qint64 readMs, qint64 writeMs);

    template<typename Start, typename Resume> Outcome run(Start start, Resume resume)
    {
        BoundedCall *const outer = enter();
        int status = start();
        Outcome outcome = m_driverOutcome;
        while (status != 0 && outcome == Outcome::Done) {
            const int events = wait(status, &outcome);
            if (outcome == Outcome::Done)
                status = resume(events);
            if (m_driverOutcome != Outcome::Done)
                outcome = m_driverOutcome;
        }
        leave(outer);
        return outcome;
    }

    // The driver's own waits (MARIADB_OPT_IO_WAIT, set on every connection): some of its steps — the TLS
    // handshake — wait by themselves instead of handing back control. Inside run() those waits keep the
    // deadline and the abort too; elsewhere they behave as the driver's own (poll, 0 = no timeout).
    static int driverWait(int fd, char isRead, int timeoutMs);

private:
    BoundedCall *enter();
    void leave(BoundedCall *outer);
    int wait(int status, Outcome *outcome); // the MYSQL_WAIT_* events that happened
    int waitInside(int fd, bool isRead, int timeoutMs); // driverWait() during run()
    void boundSocket();

    st_mysql *m_mysql;
    QDeadlineTimer m_deadline;
    AbortSignal *m_abort;
    std::function<int()> m_source;
    int m_fd = -1;
    qint64 m_readMs = 0;
    qint64 m_writeMs = 0;
    Outcome m_driverOutcome = Outcome::Done; // a deadline or abort met inside driverWait()
};

} // namespace Sql

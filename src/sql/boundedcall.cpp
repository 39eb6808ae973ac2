#include "sql/boundedcall.h"

#include "sql/abortsignal.h"

#include <mysql.h>

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace Sql {

namespace {

void setSocketTimeouts(int fd, qint64 readMs, qint64 writeMs)
{
    for (const auto &[option, ms] : { std::pair { SO_RCVTIMEO, readMs }, std::pair { SO_SNDTIMEO, writeMs } }) {
        const timeval tv { time_t(ms / 1000), suseconds_t((ms % 1000) * 1000) };
        ::setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
    }
}

qint64 remaining(const QDeadlineTimer &deadline)
{
    const qint64 left = deadline.remainingTime();
    return left < 0 ? qint64(INT_MAX) : left;
}

thread_local BoundedCall *t_current = nullptr; // the call the driver's code on this thread runs for

} // namespace

int BoundedCall::driverWait(int fd, char isRead, int timeoutMs)
{
    if (t_current)
        return t_current->waitInside(fd, isRead != 0, timeoutMs);
    pollfd p { fd, short(isRead ? POLLIN : POLLOUT), 0 };
    int ready = 0;
    do
        ready = ::poll(&p, 1, timeoutMs > 0 ? timeoutMs : -1);
    while (ready < 0 && errno == EINTR);
    return ready;
}

BoundedCall *BoundedCall::enter()
{
    BoundedCall *outer = t_current;
    t_current = this;
    m_driverOutcome = Outcome::Done;
    return outer;
}

void BoundedCall::leave(BoundedCall *outer)
{
    t_current = outer;
}

int BoundedCall::waitInside(int fd, bool isRead, int timeoutMs)
{
    boundSocket();
    pollfd fds[2] = { { fd, short(isRead ? POLLIN : POLLOUT), 0 }, { -1, POLLIN, 0 } };
    const nfds_t count = m_abort && m_abort->fd() >= 0 ? 2 : 1;
    if (count == 2)
        fds[1].fd = m_abort->fd();
    const QDeadlineTimer driverTimeout
        = timeoutMs > 0 ? QDeadlineTimer(timeoutMs) : QDeadlineTimer(QDeadlineTimer::Forever);
    for (;;) {
        if (m_abort && m_abort->isRaised()) {
            m_driverOutcome = Outcome::Aborted;
            return -1;
        }
        if (m_deadline.hasExpired()) {
            m_driverOutcome = Outcome::TimedOut;
            return 0;
        }
        if (driverTimeout.hasExpired())
            return 0;
        qint64 waitMs = std::min(remaining(m_deadline), remaining(driverTimeout));
        if (m_abort && count == 1)
            waitMs = std::min<qint64>(waitMs, 50);
        const int ready = ::poll(fds, count, int(std::min<qint64>(waitMs, INT_MAX)));
        if (ready < 0 && errno != EINTR)
            return ready;
        if (ready > 0 && fds[0].revents != 0)
            return 1;
    }
}

BoundedCall::BoundedCall(st_mysql *mysql, QDeadlineTimer deadline, AbortSignal *abort)
    : m_mysql(mysql)
    , m_deadline(deadline)
    , m_abort(abort)
{ }

BoundedCall::~BoundedCall()
{
    if (m_fd < 0)
        return;
    if (m_abort)
        m_abort->detachSocket();
    setSocketTimeouts(m_fd, m_readMs, m_writeMs);
}

void BoundedCall::setSocket(int fd, qint64 readMs, qint64 writeMs)
{
    m_readMs = readMs;
    m_writeMs = writeMs;
    m_fd = fd;
    if (m_fd >= 0 && m_abort)
        m_abort->attachSocket(m_fd);
    boundSocket();
}

void BoundedCall::setSocketSource(std::function<int()> source, qint64 readMs, qint64 writeMs)
{
    m_source = std::move(source);
    m_readMs = readMs;
    m_writeMs = writeMs;
}

void BoundedCall::boundSocket()
{
    if (m_fd < 0 && m_source) {
        m_fd = m_source();
        if (m_fd >= 0 && m_abort)
            m_abort->attachSocket(m_fd);
    }
    if (m_fd >= 0 && !m_deadline.isForever()) {
        const qint64 left = std::max<qint64>(1, remaining(m_deadline));
        setSocketTimeouts(m_fd, left, left);
    }
}

int BoundedCall::wait(int status, Outcome *outcome)
{
    boundSocket();
    pollfd fds[2] = {};
    fds[0].fd = int(mysql_get_socket(m_mysql));
    fds[0].events = short(((status & MYSQL_WAIT_READ) ? POLLIN : 0) | ((status & MYSQL_WAIT_WRITE) ? POLLOUT : 0)
        | ((status & MYSQL_WAIT_EXCEPT) ? POLLPRI : 0));
    nfds_t count = 1;
    if (m_abort && m_abort->fd() >= 0) {
        fds[1].fd = m_abort->fd();
        fds[1].events = POLLIN;
        count = 2;
    }
    const QDeadlineTimer driverTimeout = (status & MYSQL_WAIT_TIMEOUT)
        ? QDeadlineTimer(qint64(mysql_get_timeout_value_ms(m_mysql)))
        : QDeadlineTimer(QDeadlineTimer::Forever);
    for (;;) {
        if (m_abort && m_abort->isRaised()) {
            *outcome = Outcome::Aborted;
            return 0;
        }
        if (m_deadline.hasExpired()) {
            *outcome = Outcome::TimedOut;
            return 0;
        }
        if (driverTimeout.hasExpired())
            return MYSQL_WAIT_TIMEOUT;
        qint64 waitMs = std::min(remaining(m_deadline), remaining(driverTimeout));
        if (m_abort && count == 1)
            waitMs = std::min<qint64>(waitMs, 50); // no pipe to watch: look at the flag again soon
        const int ready = ::poll(fds, count, int(std::min<qint64>(waitMs, INT_MAX)));
        if (ready < 0 && errno != EINTR)
            return status & (MYSQL_WAIT_READ | MYSQL_WAIT_WRITE); // let the driver meet the error
        if (ready <= 0 || (count == 2 && fds[1].revents != 0))
            continue; // the loop head decides: deadline, abort or wait on
        int events = 0;
        if (fds[0].revents & POLLIN)
            events |= MYSQL_WAIT_READ;
        if (fds[0].revents & POLLOUT)
            events |= MYSQL_WAIT_WRITE;
        if (fds[0].revents & POLLPRI)
            events |= MYSQL_WAIT_EXCEPT;
        if (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL))
            events |= status & (MYSQL_WAIT_READ | MYSQL_WAIT_WRITE);
        return events;
    }
}

} // namespace Sql

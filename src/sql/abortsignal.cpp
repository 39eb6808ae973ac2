#include "sql/abortsignal.h"

#include <QMutexLocker>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Sql {

AbortSignal::AbortSignal()
{
    int fds[2] = { -1, -1 };
    if (::pipe(fds) != 0)
        return;
    for (const int fd : fds) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    m_read = fds[0];
    m_write = fds[1];
}

AbortSignal::~AbortSignal()
{
    if (m_read >= 0)
        ::close(m_read);
    if (m_write >= 0)
        ::close(m_write);
}

void AbortSignal::raise()
{
    QMutexLocker lock(&m_mutex);
    if (m_raised.exchange(true))
        return;
    if (m_socket >= 0)
        ::shutdown(m_socket, SHUT_RDWR);
    if (m_write >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_write, &byte, 1);
    }
}

void AbortSignal::attachSocket(int socket)
{
    QMutexLocker lock(&m_mutex);
    m_socket = socket;
    if (m_raised.load() && socket >= 0)
        ::shutdown(socket, SHUT_RDWR);
}

void AbortSignal::detachSocket()
{
    QMutexLocker lock(&m_mutex);
    m_socket = -1;
}

} // namespace Sql

#include "local/processidentity.h"

#include <QFile>

#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

// The fields of /proc/<pid>/stat after "(comm)" (which may itself hold spaces and parentheses).
QList<QByteArray> statFields(qint64 pid)
{
    QFile file(u"/proc/"_s + QString::number(pid) + u"/stat"_s);
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = file.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return {};
    return text.mid(close + 1).trimmed().split(' ');
}

// Field 3 (state) is index 0 here, field 22 (starttime) index 19.
quint64 startTicksOf(const QList<QByteArray> &fields)
{
    return fields.size() > 19 ? fields.at(19).toULongLong() : 0;
}

int openPidfd(qint64 pid)
{
#ifdef SYS_pidfd_open
    return int(::syscall(SYS_pidfd_open, pid_t(pid), 0));
#else
    Q_UNUSED(pid);
    errno = ENOSYS;
    return -1;
#endif
}

bool signalPidfd(int fd, qint64 pid, int signal)
{
#ifdef SYS_pidfd_send_signal
    if (fd >= 0)
        return ::syscall(SYS_pidfd_send_signal, fd, signal, nullptr, 0) == 0;
#endif
    Q_UNUSED(fd);
    return ::kill(pid_t(pid), signal) == 0; // no pidfd (kernel < 5.3): checked just before
}

} // namespace

ProcessIdentity ProcessIdentity::self()
{
    return current(::getpid());
}

ProcessIdentity ProcessIdentity::current(qint64 pid)
{
    const QList<QByteArray> fields = statFields(pid);
    if (fields.isEmpty())
        return {};
    return ProcessIdentity(pid, startTicksOf(fields));
}

ProcessIdentity ProcessIdentity::fromRecord(const QString &text)
{
    const QStringList parts = text.simplified().split(u' ');
    const qint64 pid = parts.value(0).toLongLong();
    if (pid <= 0)
        return {};
    return ProcessIdentity(pid, parts.value(1).toULongLong());
}

QString ProcessIdentity::record() const
{
    return QString::number(m_pid) + u' ' + QString::number(m_startTicks);
}

char ProcessIdentity::state(qint64 pid)
{
    const QList<QByteArray> fields = statFields(pid);
    return fields.isEmpty() || fields.constFirst().isEmpty() ? 0 : fields.constFirst().at(0);
}

QStringList ProcessIdentity::commandLine(qint64 pid)
{
    QFile file(u"/proc/"_s + QString::number(pid) + u"/cmdline"_s);
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return {};
    QStringList argv;
    for (const QByteArray &arg : file.readAll().split('\0'))
        argv << QString::fromLocal8Bit(arg);
    if (!argv.isEmpty() && argv.constLast().isEmpty())
        argv.removeLast();
    return argv;
}

bool ProcessIdentity::isRunning(const std::function<bool(const QStringList &)> &matches) const
{
    const QList<QByteArray> fields = statFields(m_pid);
    if (fields.isEmpty())
        return false;
    const char stateLetter = fields.constFirst().isEmpty() ? 0 : fields.constFirst().at(0);
    if (stateLetter == 'Z' || stateLetter == 'X' || stateLetter == 'x')
        return false;
    if (m_startTicks != 0 && startTicksOf(fields) != m_startTicks)
        return false;
    return !matches || matches(commandLine(m_pid));
}

bool ProcessIdentity::sendSignal(int signal, const std::function<bool(const QStringList &)> &matches) const
{
    // Open first, check second: the pidfd pins the process that had the pid when it was opened, so if that
    // process is still the one described, the signal reaches it and nothing else.
    const int fd = openPidfd(m_pid);
    if (fd < 0 && errno != ENOSYS)
        return false;
    bool sent = false;
    if (isRunning(matches))
        sent = signalPidfd(fd, m_pid, signal);
    if (fd >= 0)
        ::close(fd);
    return sent;
}

} // namespace Local

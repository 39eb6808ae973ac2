#include "local/mariadbinstance.h"

#include "local/mariadbaccounts.h"
#include "local/processidentity.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

// A starting mariadbd deletes every #sql* file in its tmpdir: with a shared /tmp, one server starting
// deletes the temporary tables of another's bootstrap (mariadb-install-db fails). Each server has its own.
QString privateTmpdir(const QString &mysqlDir)
{
    QDir().mkpath(mysqlDir + u"/tmp"_s);
    return u"--tmpdir="_s + mysqlDir + u"/tmp"_s;
}

QString readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

bool writeText(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(text.toUtf8());
    return true;
}

Core::Result<void> run(const QString &program, const QStringList &arguments, const QString &what)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Core::makeError(
            u"mysql_start_failed"_s, what + u" failed."_s, QString::fromLocal8Bit(process.readAll()).right(2000));
    return {};
}

} // namespace

bool MariadbInstance::processAlive(qint64 pid)
{
    return ProcessIdentity::current(pid).isRunning();
}

bool MariadbInstance::isOurServer(const QString &mysqlDir, qint64 pid, bool *hardened)
{
    QStringList argv;
    const bool ours = ProcessIdentity::current(pid).isRunning([&](const QStringList &commandLine) {
        argv = commandLine;
        return commandLine.contains(u"--datadir="_s + mysqlDir + u"/data"_s);
    });
    if (hardened)
        *hardened = ours && argv.contains(u"--local-infile=0"_s)
            && argv.contains(u"--secure-file-priv="_s + mysqlDir + u"/files"_s);
    return ours;
}

quint16 MariadbInstance::freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress(QHostAddress::LocalHost), 0))
        return 0;
    return probe.serverPort();
}

QString MariadbInstance::findTool(const QStringList &names)
{
    const QStringList extra = { u"/usr/sbin"_s, u"/usr/bin"_s, u"/usr/local/sbin"_s, u"/usr/local/bin"_s };
    for (const QString &name : names) {
        QString found = QStandardPaths::findExecutable(name);
        if (found.isEmpty())
            found = QStandardPaths::findExecutable(name, extra);
        if (!found.isEmpty())
            return found;
    }
    return {};
}

Core::Result<void> MariadbInstance::makeCertificates(const QString &tlsDir)
{
    const QString openssl = findTool({ u"openssl"_s });
    if (openssl.isEmpty())
        return Core::makeError(
            u"mysql_start_failed"_s, u"The openssl command is needed to make the sandbox's certificates."_s);
    QDir().mkpath(tlsDir);
    const QString ca = tlsDir + u"/ca.pem"_s, caKey = tlsDir + u"/ca-key.pem"_s;
    const QString cert = tlsDir + u"/server.pem"_s, key = tlsDir + u"/server-key.pem"_s;
    const QString csr = tlsDir + u"/server.csr"_s, ext = tlsDir + u"/server.ext"_s;
    if (auto done = run(openssl,
            { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"3650"_s, u"-subj"_s,
                u"/CN=Branchdeck Local Sandbox CA"_s, u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s,
                u"-addext"_s, u"keyUsage=critical,keyCertSign,cRLSign"_s, u"-keyout"_s, caKey, u"-out"_s, ca },
            u"Making the sandbox CA"_s);
        !done)
        return done;
    if (auto done = run(openssl,
            { u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-subj"_s, u"/CN=localhost"_s, u"-keyout"_s, key,
                u"-out"_s, csr },
            u"Making the server key"_s);
        !done)
        return done;
    writeText(ext,
        u"subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
        u"keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"_s);
    if (auto done = run(openssl,
            { u"x509"_s, u"-req"_s, u"-in"_s, csr, u"-CA"_s, ca, u"-CAkey"_s, caKey, u"-CAcreateserial"_s, u"-days"_s,
                u"3650"_s, u"-extfile"_s, ext, u"-out"_s, cert },
            u"Signing the server certificate"_s);
        !done)
        return done;
    QFile::setPermissions(caKey, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

Core::Result<void> MariadbInstance::initialise(const QString &mysqlDir)
{
    const QString installDb = findTool({ u"mariadb-install-db"_s, u"mysql_install_db"_s });
    if (installDb.isEmpty())
        return Core::makeError(u"mysql_start_failed"_s, u"mariadb-install-db was not found; install mariadb-server."_s);
    // root (and the operating-system user) by unix_socket only: no password that anyone could guess or leave
    // empty; MariadbAccounts keeps it that way at every start. --force skips the script's host-name lookup,
    // which fails where /etc/hosts is missing (a bare debootstrap); the server never resolves names.
    QStringList args = { u"--no-defaults"_s, u"--force"_s, u"--datadir="_s + mysqlDir + u"/data"_s,
        u"--auth-root-authentication-method=socket"_s,
        u"--auth-root-socket-user="_s + MariadbAccounts::operatingSystemUser(), u"--skip-test-db"_s };
    if (::geteuid() == 0)
        args << u"--user=root"_s;
    args << privateTmpdir(mysqlDir);
    return run(installDb, args, u"mariadb-install-db"_s);
}

Core::Result<MariadbInstance::Endpoint> MariadbInstance::running(const QString &dir)
{
    const QString mysqlDir = QDir(dir).absoluteFilePath(u"mysql"_s);
    Endpoint endpoint;
    endpoint.pid = readText(mysqlDir + u"/mariadbd.pid"_s).toLongLong();
    endpoint.port = quint16(readText(mysqlDir + u"/port"_s).toUInt());
    endpoint.socket = mysqlDir + u"/mysqld.sock"_s;
    endpoint.caFile = mysqlDir + u"/tls/ca.pem"_s;
    if (!isOurServer(mysqlDir, endpoint.pid) || endpoint.port == 0 || !QFile::exists(endpoint.socket))
        return Core::makeError(u"not_running"_s, u"The sandbox's MariaDB server is not running."_s);
    return endpoint;
}

Core::Result<MariadbInstance::Endpoint> MariadbInstance::startOrReuse(const QString &dir)
{
    auto endpoint = start(dir);
    if (!endpoint)
        return endpoint;
    auto password = MariadbAccounts::lockDown(endpoint->socket);
    if (!password)
        return password.error();
    endpoint->user = MariadbAccounts::sandboxUser();
    endpoint->password = *password;
    return endpoint;
}

Core::Result<MariadbInstance::Endpoint> MariadbInstance::start(const QString &dir)
{
    const QString mysqlDir = QDir(dir).absoluteFilePath(u"mysql"_s);
    if (auto endpoint = running(dir)) {
        bool hardened = false;
        isOurServer(mysqlDir, endpoint->pid, &hardened);
        if (hardened)
            return endpoint;
        // Started by an older version without secure_file_priv / local_infile=0: restart it.
        if (auto stopped = stop(dir); !stopped)
            return stopped.error();
    }
    const QFileDevice::Permissions owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    QDir().mkpath(mysqlDir + u"/files"_s);
    QFile::setPermissions(mysqlDir, owner);
    QFile::setPermissions(mysqlDir + u"/files"_s, owner);
    if (!QFile::exists(mysqlDir + u"/tls/server.pem"_s)) {
        if (auto done = makeCertificates(mysqlDir + u"/tls"_s); !done)
            return done.error();
    }
    if (!QFile::exists(mysqlDir + u"/data/mysql"_s)) {
        if (auto done = initialise(mysqlDir); !done)
            return done.error();
    }
    const QString mariadbd = findTool({ u"mariadbd"_s, u"mysqld"_s });
    if (mariadbd.isEmpty())
        return Core::makeError(u"mysql_start_failed"_s, u"mariadbd was not found; install mariadb-server."_s);
    QFile::remove(mysqlDir + u"/mysqld.sock"_s);
    // A server that died (its port file is still there; stop() removes it) comes back on the port its clients
    // know, so that a sandbox given it with --mysql, or a profile, reconnects; a taken port means a new one.
    const quint16 previousPort = quint16(readText(mysqlDir + u"/port"_s).toUInt());
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 port = attempt == 0 && previousPort != 0 ? previousPort : freeLoopbackPort();
        const QString log = mysqlDir + u"/error.log"_s;
        QFile::remove(log);
        QStringList args = { u"--no-defaults"_s, u"--datadir="_s + mysqlDir + u"/data"_s, u"--bind-address=127.0.0.1"_s,
            u"--port="_s + QString::number(port), u"--socket="_s + mysqlDir + u"/mysqld.sock"_s,
            u"--pid-file="_s + mysqlDir + u"/mariadbd.pid"_s, u"--log-error="_s + log, u"--skip-name-resolve"_s,
            u"--skip-log-bin"_s, u"--innodb-buffer-pool-size=128M"_s, u"--innodb-flush-log-at-trx-commit=2"_s,
            u"--max-connections=300"_s, u"--character-set-server=utf8mb4"_s, u"--collation-server=utf8mb4_unicode_ci"_s,
            u"--ssl-ca="_s + mysqlDir + u"/tls/ca.pem"_s, u"--ssl-cert="_s + mysqlDir + u"/tls/server.pem"_s,
            u"--ssl-key="_s + mysqlDir + u"/tls/server-key.pem"_s, u"--tls-version=TLSv1.2,TLSv1.3"_s,
            u"--require-secure-transport=ON"_s, u"--local-infile=0"_s,
            u"--secure-file-priv="_s + mysqlDir + u"/files"_s,
            // Query Insights reads statement digests and the recent statements' latencies from here.
            u"--performance-schema=ON"_s, u"--performance-schema-consumer-events-statements-current=ON"_s,
            u"--performance-schema-consumer-events-statements-history-long=ON"_s,
            u"--performance-schema-events-statements-history-long-size=20000"_s,
            u"--performance-schema-digests-size=20000"_s };
        if (::geteuid() == 0)
            args.insert(1, u"--user=root"_s);
        args << privateTmpdir(mysqlDir);
        qint64 pid = 0;
        QProcess launcher;
        launcher.setProgram(mariadbd);
        launcher.setArguments(args);
        launcher.setStandardOutputFile(mysqlDir + u"/mariadbd.out"_s);
        launcher.setStandardErrorFile(mysqlDir + u"/mariadbd.out"_s);
        if (!launcher.startDetached(&pid))
            return Core::makeError(u"mysql_start_failed"_s, u"mariadbd could not be started."_s);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000 && isOurServer(mysqlDir, pid)) {
            if (QFile::exists(mysqlDir + u"/mysqld.sock"_s) && readText(log).contains(u"ready for connections"_s)) {
                writeText(mysqlDir + u"/port"_s, QString::number(port));
                writeText(mysqlDir + u"/mariadbd.pid"_s, QString::number(pid));
                return running(dir);
            }
            QThread::msleep(100);
        }
        ProcessIdentity::current(pid).sendSignal(
            SIGKILL, [&](const QStringList &argv) { return argv.contains(u"--datadir="_s + mysqlDir + u"/data"_s); });
        if (!readText(log).contains(u"bind"_s, Qt::CaseInsensitive))
            return Core::makeError(u"mysql_start_failed"_s, u"mariadbd did not start."_s, readText(log).right(2000));
    }
    return Core::makeError(u"mysql_start_failed"_s, u"No free port for mariadbd was found."_s);
}

Core::Result<void> MariadbInstance::stop(const QString &dir)
{
    const QString mysqlDir = QDir(dir).absoluteFilePath(u"mysql"_s);
    const qint64 pid = readText(mysqlDir + u"/mariadbd.pid"_s).toLongLong();
    // Only a process running this very data directory is ours to stop: a stale pid file may name anything.
    const auto ours = [&](const QStringList &argv) { return argv.contains(u"--datadir="_s + mysqlDir + u"/data"_s); };
    const ProcessIdentity server = ProcessIdentity::current(pid);
    if (!server.sendSignal(SIGTERM, ours))
        return {};
    QElapsedTimer timer;
    timer.start();
    while (server.isRunning(ours) && timer.elapsed() < 30000)
        QThread::msleep(100);
    server.sendSignal(SIGKILL, ours);
    QFile::remove(mysqlDir + u"/port"_s);
    return {};
}

} // namespace Local

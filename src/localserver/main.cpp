// branchdeck-local: the local branching sandbox (a PlanetScale-compatible API on 127.0.0.1).
//
//   branchdeck-local start  --dir DIR [--port N] [--mysql URL --ca FILE] [--foreground]
//                           [--revert-window SECONDS] [--chunk-rows N] [--chunk-ms MS] [--throttle-ms N]
//                           [--record FILE]
//   branchdeck-local stop   --dir DIR [--keep-mysql]
//   branchdeck-local status --dir DIR
//
// start: uses the server given by --mysql mysql://USER[:PASSWORD]@HOST:PORT (TLS verified with --ca; the
// password may come from MYSQL_PWD instead, which keeps it out of the process list), or
// starts — or reuses — a private MariaDB with TLS under DIR/mysql; serves the API on 127.0.0.1 (--port,
// default a free port) and writes DIR/sandbox.json (mode 0600). Without --foreground it detaches and
// returns once the API answers. stop ends the sandbox and its private MariaDB. status prints the state
// file's api_url and exits 0 when the sandbox runs, 3 when it does not.
//
// DIR/sandbox.pid records the sandbox's pid and start time; a process counts as the sandbox only when both
// match, it is not a zombie and its command line is branchdeck-local's start, so a stale pid file never
// makes start refuse or stop signal an unrelated process.

#include "local/mariadbinstance.h"
#include "local/processidentity.h"
#include "local/sandbox.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

volatile std::sig_atomic_t g_stopRequested = 0;

void onSignal(int)
{
    g_stopRequested = 1;
}

void print(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
    std::fflush(stdout);
}

int fail(const QString &text)
{
    std::fputs(qPrintable(u"branchdeck-local: "_s + text + u'\n'), stderr);
    return 1;
}

QJsonObject readState(const QString &dir)
{
    QFile file(QDir(dir).absoluteFilePath(u"sandbox.json"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The sandbox's own command line: branchdeck-local … start … (argv[0] may be any path to the binary).
bool isSandboxCommand(const QStringList &argv)
{
    return !argv.isEmpty() && QFileInfo(argv.constFirst()).fileName() == u"branchdeck-local"_s
        && argv.contains(u"start"_s);
}

Local::ProcessIdentity sandboxProcess(const QString &dir)
{
    QFile file(QDir(dir).absoluteFilePath(u"sandbox.pid"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const Local::ProcessIdentity recorded = Local::ProcessIdentity::fromRecord(QString::fromUtf8(file.readAll()));
    return recorded.isRunning(isSandboxCommand) ? recorded : Local::ProcessIdentity();
}

int runForeground(const QCommandLineParser &args, const QString &dir)
{
    Local::SandboxOptions options;
    options.apiPort = quint16(args.value(u"port"_s).toUInt());
    options.deploy.revertWindowSeconds = args.value(u"revert-window"_s).toInt();
    options.deploy.chunkRows = qMax(1, args.value(u"chunk-rows"_s).toInt());
    options.deploy.throttleMs = args.value(u"throttle-ms"_s).toInt();
    options.deploy.chunkTargetMs = qMax(0, args.value(u"chunk-ms"_s).toInt());
    options.recordFile = args.value(u"record"_s);
    if (args.isSet(u"mysql"_s)) {
        const QUrl url(args.value(u"mysql"_s));
        if (!url.isValid() || url.scheme() != u"mysql"_s || url.host().isEmpty())
            return fail(u"--mysql expects mysql://USER:PASSWORD@HOST:PORT"_s);
        if (!args.isSet(u"ca"_s))
            return fail(u"--mysql needs --ca FILE: the CA that signed the server's certificate"_s);
        options.admin.host = url.host();
        options.admin.port = quint16(url.port(3306));
        options.admin.user = url.userName();
        // Prefer MYSQL_PWD: a password on the command line is visible to every local user (ps).
        options.admin.password = url.password().isEmpty() ? qEnvironmentVariable("MYSQL_PWD") : url.password();
        options.admin.caFile = QFileInfo(args.value(u"ca"_s)).absoluteFilePath();
        options.mysqlHost = url.host();
        options.mysqlPort = options.admin.port;
        options.caFile = options.admin.caFile;
    } else {
        auto endpoint = Local::MariadbInstance::startOrReuse(dir);
        if (!endpoint)
            return fail(endpoint.error().toString());
        options.admin.socket = endpoint->socket;
        options.admin.user = endpoint->user; // the sandbox's own, minimal account
        options.admin.password = endpoint->password;
        options.admin.allowPlaintext = true; // unix socket only
        options.mysqlHost = endpoint->host;
        options.mysqlPort = endpoint->port;
        options.caFile = endpoint->caFile;
        options.privateServerDir = dir;
    }

    Local::Sandbox sandbox;
    QObject::connect(&sandbox, &Local::Sandbox::failed, &sandbox,
        [](const QString &message) { std::fputs(qPrintable(message + u'\n'), stderr); });
    if (auto started = sandbox.start(options); !started)
        return fail(started.error().toString());
    if (!sandbox.accountWarning().isEmpty())
        std::fputs(qPrintable(u"branchdeck-local: warning: "_s + sandbox.accountWarning() + u'\n'), stderr);
    const QString statePath = QDir(dir).absoluteFilePath(u"sandbox.json"_s);
    if (auto written = sandbox.writeStateFile(statePath); !written)
        return fail(written.error().toString());
    QFile pidFile(QDir(dir).absoluteFilePath(u"sandbox.pid"_s));
    if (pidFile.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        pidFile.write(Local::ProcessIdentity::self().record().toUtf8());
        pidFile.close();
    }
    print(u"branchdeck-local: API on "_s + sandbox.apiUrl().toString() + u", MySQL on "_s + options.mysqlHost + u':'
        + QString::number(options.mysqlPort) + u", state in "_s + statePath);

    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QTimer watcher;
    QObject::connect(&watcher, &QTimer::timeout, &sandbox, [] {
        if (g_stopRequested)
            QCoreApplication::quit();
    });
    watcher.start(200);
    const int code = QCoreApplication::exec();
    QFile::remove(statePath);
    pidFile.remove();
    return code;
}

// What the sandbox wrote to its log from `offset` on (this start's lines, not an earlier run's), at most the
// last 20 lines: shown when the start fails, so the reason is on the terminal.
QString logSince(const QString &path, qint64 offset)
{
    constexpr qint64 tail = 64 * 1024; // plenty for 20 lines; a long start's log is read from its end
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(std::max(offset, file.size() - tail)))
        return {};
    const QStringList lines = QString::fromUtf8(file.read(tail)).trimmed().split(u'\n');
    return lines.mid(std::max<qsizetype>(0, lines.size() - 20)).join(u'\n');
}

int startDetached(const QString &dir)
{
    if (const qint64 pid = sandboxProcess(dir).pid()) {
        print(u"branchdeck-local: already running (pid "_s + QString::number(pid) + u"), API on "_s
            + readState(dir).value(u"api_url"_s).toString());
        return 0;
    }
    QFile::remove(QDir(dir).absoluteFilePath(u"sandbox.json"_s));
    QStringList arguments = QCoreApplication::arguments().mid(1);
    arguments << u"--foreground"_s;
    const QString log = QDir(dir).absoluteFilePath(u"sandbox.log"_s);
    const qint64 logStart = QFileInfo(log).size(); // 0 when there is no log yet
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments(arguments);
    child.setStandardOutputFile(log, QIODevice::Append);
    child.setStandardErrorFile(log, QIODevice::Append);
    child.setStandardInputFile(QProcess::nullDevice());
    qint64 pid = 0;
    if (!child.startDetached(&pid))
        return fail(u"could not start the sandbox process"_s);
    const Local::ProcessIdentity started = Local::ProcessIdentity::current(pid);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 120000) {
        const QJsonObject state = readState(dir);
        if (state.value(u"pid"_s).toInteger() == pid) {
            print(state.value(u"api_url"_s).toString());
            return 0;
        }
        if (!started.isRunning()) // gone, or a zombie nobody has reaped yet
            return fail(u"the sandbox stopped during start:\n"_s + logSince(log, logStart) + u"\n(the whole log: "_s
                + log + u')');
        QThread::msleep(100);
    }
    return fail(u"the sandbox did not come up within 120 s"_s);
}

int stop(const QString &dir, bool keepMysql)
{
    if (const Local::ProcessIdentity sandbox = sandboxProcess(dir); sandbox.isValid()) {
        sandbox.sendSignal(SIGTERM, isSandboxCommand);
        QElapsedTimer timer;
        timer.start();
        while (sandbox.isRunning(isSandboxCommand) && timer.elapsed() < 60000)
            QThread::msleep(100);
        sandbox.sendSignal(SIGKILL, isSandboxCommand); // sent only if it is still the sandbox
    }
    if (!keepMysql) {
        if (auto stopped = Local::MariadbInstance::stop(dir); !stopped)
            return fail(stopped.error().toString());
    }
    print(u"branchdeck-local: stopped"_s);
    return 0;
}

int status(const QString &dir)
{
    const qint64 pid = sandboxProcess(dir).pid();
    const QJsonObject state = readState(dir);
    const bool mysql = bool(Local::MariadbInstance::running(dir));
    if (!pid) {
        print(u"sandbox: not running"_s + (mysql ? u" (its private MariaDB runs)"_s : QString()));
        return 3;
    }
    print(u"sandbox: running (pid "_s + QString::number(pid) + u")\napi_url: "_s + state.value(u"api_url"_s).toString()
        + u"\nmysql: "_s + state.value(u"mysql_host"_s).toString() + u':'
        + QString::number(state.value(u"mysql_port"_s).toInt()) + u"\nca_file: "_s
        + state.value(u"ca_file"_s).toString());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    ::umask(077); // the state file carries the token; the data directory is private
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"branchdeck-local"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BRANCHDECK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Local branching sandbox: a PlanetScale-compatible API on 127.0.0.1."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"start, stop or status"_s);
    parser.addOptions({
        { u"dir"_s, u"Sandbox directory (state file, private MariaDB)."_s, u"DIR"_s },
        { u"port"_s, u"API port on 127.0.0.1 (default: a free port)."_s, u"N"_s, u"0"_s },
        { u"mysql"_s, u"Use this server: mysql://USER[:PASSWORD]@HOST:PORT (or the password in MYSQL_PWD)."_s,
            u"URL"_s },
        { u"ca"_s, u"CA file that signed the --mysql server's certificate."_s, u"FILE"_s },
        { u"foreground"_s, u"Do not detach (for launchers and service managers)."_s },
        { u"revert-window"_s, u"Seconds a deploy stays revertible (default 1800)."_s, u"SECONDS"_s, u"1800"_s },
        { u"chunk-rows"_s, u"Rows of the first copy chunk during deploys (default 1000)."_s, u"N"_s, u"1000"_s },
        { u"chunk-ms"_s, u"Copy chunks grow or shrink to take about this long (default 200; 0: --chunk-rows each)."_s,
            u"MS"_s, u"200"_s },
        { u"throttle-ms"_s, u"Pause between copy chunks (default 0)."_s, u"N"_s, u"0"_s },
        { u"record"_s, u"Append every API answer to FILE as JSON lines."_s, u"FILE"_s },
        { u"keep-mysql"_s, u"stop: leave the private MariaDB running."_s },
    });
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(u"dir"_s))
        return fail(u"usage: branchdeck-local start|stop|status --dir DIR [options]; see --help"_s);
    const QString dir = QFileInfo(parser.value(u"dir"_s)).absoluteFilePath();
    QDir().mkpath(dir);
    const QString command = positional.constFirst();
    if (command == u"start"_s)
        return parser.isSet(u"foreground"_s) ? runForeground(parser, dir) : startDetached(dir);
    if (command == u"stop"_s)
        return stop(dir, parser.isSet(u"keep-mysql"_s));
    if (command == u"status"_s)
        return status(dir);
    return fail(u"unknown command "_s + command);
}

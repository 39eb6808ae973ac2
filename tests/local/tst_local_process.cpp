// ProcessIdentity: a process is its pid *and* its start time; zombies and dead processes are not running, and
// a signal never reaches a process that only shares the recorded pid.

#include "local/processidentity.h"

#include <QProcess>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TstLocalProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selfIsRunning();
    void recordRoundTrips();
    void otherStartTimeIsNotThisProcess();
    void zombieIsNotRunning();
    void commandLineMustMatch();
    void signalReachesOnlyTheRecordedProcess();
};

void TstLocalProcess::selfIsRunning()
{
    const Local::ProcessIdentity self = Local::ProcessIdentity::self();
    QCOMPARE(self.pid(), qint64(::getpid()));
    QVERIFY(self.startTicks() > 0);
    QVERIFY(self.isRunning());
    QVERIFY(!Local::ProcessIdentity::current(0).isValid());
    QVERIFY(!Local::ProcessIdentity::fromRecord(u"garbage"_s).isValid());
}

void TstLocalProcess::recordRoundTrips()
{
    const Local::ProcessIdentity self = Local::ProcessIdentity::self();
    const Local::ProcessIdentity back = Local::ProcessIdentity::fromRecord(self.record() + u'\n');
    QCOMPARE(back.pid(), self.pid());
    QCOMPARE(back.startTicks(), self.startTicks());
    QVERIFY(back.isRunning());
}

void TstLocalProcess::otherStartTimeIsNotThisProcess()
{
    // What a pid file looks like after the pid was reused: same number, another start time.
    const Local::ProcessIdentity self = Local::ProcessIdentity::self();
    const Local::ProcessIdentity stale = Local::ProcessIdentity::fromRecord(
        QString::number(self.pid()) + u' ' + QString::number(self.startTicks() - 1));
    QVERIFY(!stale.isRunning());
}

void TstLocalProcess::zombieIsNotRunning()
{
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    QVERIFY(child > 0);
    QTRY_COMPARE_WITH_TIMEOUT(Local::ProcessIdentity::state(child), 'Z', 5000);
    QCOMPARE(::kill(child, 0), 0); // what a plain liveness check believes
    const Local::ProcessIdentity zombie = Local::ProcessIdentity::current(child);
    QVERIFY(zombie.isValid());
    QVERIFY(!zombie.isRunning());
    QVERIFY(!zombie.sendSignal(SIGTERM));
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(!Local::ProcessIdentity::current(child).isValid());
}

void TstLocalProcess::commandLineMustMatch()
{
    QProcess sleeper;
    sleeper.start(u"sleep"_s, { u"30"_s });
    QVERIFY(sleeper.waitForStarted());
    const Local::ProcessIdentity other = Local::ProcessIdentity::current(sleeper.processId());
    QVERIFY(other.isRunning());
    QCOMPARE(Local::ProcessIdentity::commandLine(other.pid()).value(1), u"30"_s);
    const auto isSandbox = [](const QStringList &argv) { return argv.value(0).endsWith(u"branchdeck-local"_s); };
    QVERIFY(!other.isRunning(isSandbox));
    QVERIFY(!other.sendSignal(SIGTERM, isSandbox));
    QTest::qWait(100);
    QCOMPARE(sleeper.state(), QProcess::Running);
    sleeper.kill();
    sleeper.waitForFinished();
}

void TstLocalProcess::signalReachesOnlyTheRecordedProcess()
{
    QProcess sleeper;
    sleeper.start(u"sleep"_s, { u"30"_s });
    QVERIFY(sleeper.waitForStarted());
    const Local::ProcessIdentity current = Local::ProcessIdentity::current(sleeper.processId());
    const Local::ProcessIdentity recordedEarlier = Local::ProcessIdentity::fromRecord(
        QString::number(current.pid()) + u' ' + QString::number(current.startTicks() + 7));
    QVERIFY(!recordedEarlier.sendSignal(SIGTERM)); // the pid is alive, but it is not that process
    QTest::qWait(100);
    QCOMPARE(sleeper.state(), QProcess::Running);
    QVERIFY(current.sendSignal(SIGTERM));
    QVERIFY(sleeper.waitForFinished(5000));
    QCOMPARE(sleeper.exitStatus(), QProcess::CrashExit);
}

QTEST_GUILESS_MAIN(TstLocalProcess)
#include "tst_local_process.moc"

// The branchdeck-local command line: start (private MariaDB with TLS under a temporary DIR, detached),
// the state file, the token check, status, a restart that keeps the token, pid files that name another
// process or a zombie, a restart after kill -9, stop, and --mysql with MYSQL_PWD (and its privilege warning).

#include "local/naming.h"
#include "local/processidentity.h"
#include "local/serverprivileges.h"
#include "sql/connection.h"
#include "testdb.h"
#include "testdboptions.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TstLocalCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void startWritesPrivateStateFile();
    void requestsNeedTheToken();
    void statusAndRestartKeepTheToken();
    void unrelatedPidIsNeverSignalled();
    void zombiePidIsNotRunning();
    void startAfterCrashStartsAgain();
    void stopEndsEverything();
    void startOnExistingServer();

private:
    int run(const QStringList &arguments, QString *output = nullptr, int timeoutMs = 180000, const QString &dir = {},
        const QString &mysqlPassword = {});
    QJsonObject state() const;
    int get(const QString &url, const QByteArray &authorization, QJsonObject *body = nullptr);
    static void writeFile(const QString &path, const QString &text);
    static QString readFile(const QString &path);

    QTemporaryDir m_dir;
    QJsonObject m_firstState;
};

int TstLocalCli::run(
    const QStringList &arguments, QString *output, int timeoutMs, const QString &dir, const QString &mysqlPassword)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!mysqlPassword.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"MYSQL_PWD"_s, mysqlPassword);
        process.setProcessEnvironment(env);
    }
    process.start(QStringLiteral(BRANCHDECK_LOCAL_BIN),
        arguments + QStringList { u"--dir"_s, dir.isEmpty() ? m_dir.path() : dir });
    if (!process.waitForFinished(timeoutMs))
        return -1;
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitCode();
}

QJsonObject TstLocalCli::state() const
{
    QFile file(QDir(m_dir.path()).filePath(u"sandbox.json"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

int TstLocalCli::get(const QString &url, const QByteArray &authorization, QJsonObject *body)
{
    QNetworkAccessManager nam;
    QNetworkRequest request { QUrl(url) };
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(20000))
        return -1;
    if (body)
        *body = QJsonDocument::fromJson(reply->readAll()).object();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

void TstLocalCli::writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
}

QString TstLocalCli::readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TstLocalCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TstLocalCli::cleanupTestCase()
{
    run({ u"stop"_s }); // never leave a server behind, whatever failed
}

void TstLocalCli::startWritesPrivateStateFile()
{
    QString output;
    QCOMPARE(run({ u"status"_s }, &output), 3);
    QCOMPARE(run({ u"start"_s }, &output), 0);
    const QJsonObject s = state();
    QVERIFY2(!s.isEmpty(), qPrintable(output));
    QCOMPARE(output.trimmed(), s.value(u"api_url"_s).toString());
    QVERIFY(s.value(u"api_url"_s).toString().startsWith(u"http://127.0.0.1:"_s));
    QVERIFY(!s.value(u"service_token_id"_s).toString().isEmpty());
    QVERIFY(s.value(u"service_token"_s).toString().size() >= 32);
    QVERIFY(QFile::exists(s.value(u"ca_file"_s).toString()));
    QVERIFY(s.value(u"mysql_port"_s).toInt() > 0);
    const QFileInfo info(QDir(m_dir.path()).filePath(u"sandbox.json"_s));
    QCOMPARE(info.permissions()
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
        QFileDevice::Permissions());
    m_firstState = s;
}

void TstLocalCli::requestsNeedTheToken()
{
    const QString url = m_firstState.value(u"api_url"_s).toString() + u"/organizations"_s;
    QJsonObject body;
    QCOMPARE(get(url, {}, &body), 401);
    QCOMPARE(body.value(u"code"_s).toString(), u"unauthorized"_s);
    const QByteArray token = (m_firstState.value(u"service_token_id"_s).toString() + u':'
        + m_firstState.value(u"service_token"_s).toString())
                                 .toUtf8();
    QCOMPARE(get(url, token, &body), 200);
    QCOMPARE(body.value(u"type"_s).toString(), u"list"_s);
    QCOMPARE(get(m_firstState.value(u"api_url"_s).toString() + u"/organizations/elsewhere"_s, token, &body), 404);
    QCOMPARE(body.value(u"code"_s).toString(), u"not_found"_s);
}

void TstLocalCli::statusAndRestartKeepTheToken()
{
    QString output;
    QCOMPARE(run({ u"status"_s }, &output), 0);
    QVERIFY(output.contains(m_firstState.value(u"api_url"_s).toString()));
    // A second start reuses the running sandbox.
    QCOMPARE(run({ u"start"_s }, &output), 0);
    QVERIFY(output.contains(u"already running"_s));
    // Stop only the API (keep MariaDB), start again: the token and the metadata survive.
    QCOMPARE(run({ u"stop"_s, u"--keep-mysql"_s }), 0);
    QCOMPARE(run({ u"status"_s }), 3);
    QCOMPARE(run({ u"start"_s }, &output), 0);
    const QJsonObject s = state();
    QCOMPARE(s.value(u"service_token_id"_s), m_firstState.value(u"service_token_id"_s));
    QCOMPARE(s.value(u"service_token"_s), m_firstState.value(u"service_token"_s));
    QCOMPARE(s.value(u"mysql_port"_s), m_firstState.value(u"mysql_port"_s)); // the same server was reused
    m_firstState = s;
}

void TstLocalCli::unrelatedPidIsNeverSignalled()
{
    // Pid files naming another live process (the pid was reused after a crash): the sandbox is not running,
    // and neither stop nor stop of the private MariaDB signals that process.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"mysql"_s));
    QProcess sleeper;
    sleeper.start(u"sleep"_s, { u"60"_s });
    QVERIFY(sleeper.waitForStarted());
    const Local::ProcessIdentity other = Local::ProcessIdentity::current(sleeper.processId());
    for (const QString &record : { QString::number(other.pid()), other.record() }) {
        writeFile(QDir(dir.path()).filePath(u"sandbox.pid"_s), record);
        writeFile(QDir(dir.path()).filePath(u"mysql/mariadbd.pid"_s), QString::number(other.pid()));
        QCOMPARE(run({ u"status"_s }, nullptr, 60000, dir.path()), 3);
        QCOMPARE(run({ u"stop"_s }, nullptr, 60000, dir.path()), 0);
        QTest::qWait(200);
        QCOMPARE(sleeper.state(), QProcess::Running);
    }
    sleeper.kill();
    sleeper.waitForFinished();
}

void TstLocalCli::zombiePidIsNotRunning()
{
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    QVERIFY(child > 0);
    QTRY_COMPARE_WITH_TIMEOUT(Local::ProcessIdentity::state(child), 'Z', 5000);
    QTemporaryDir dir;
    writeFile(QDir(dir.path()).filePath(u"sandbox.pid"_s), Local::ProcessIdentity::current(child).record());
    QString output;
    QCOMPARE(run({ u"status"_s }, &output, 60000, dir.path()), 3);
    QVERIFY(output.contains(u"not running"_s));
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
}

void TstLocalCli::startAfterCrashStartsAgain()
{
    // kill -9: the sandbox leaves its pid and state files behind (and may linger as a zombie).
    const qint64 pid = state().value(u"pid"_s).toInteger();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!Local::ProcessIdentity::current(pid).isRunning(), 10000);
    QCOMPARE(run({ u"status"_s }), 3);
    QString output;
    QCOMPARE(run({ u"start"_s }, &output), 0);
    QVERIFY2(!output.contains(u"already running"_s), qPrintable(output));
    const QJsonObject s = state();
    QVERIFY(s.value(u"pid"_s).toInteger() != pid);
    QCOMPARE(get(s.value(u"api_url"_s).toString() + u"/organizations"_s,
                 (s.value(u"service_token_id"_s).toString() + u':' + s.value(u"service_token"_s).toString()).toUtf8()),
        200);
    m_firstState = s;
}

void TstLocalCli::stopEndsEverything()
{
    const QString url = m_firstState.value(u"api_url"_s).toString() + u"/organizations"_s;
    QCOMPARE(run({ u"stop"_s }), 0);
    QCOMPARE(run({ u"status"_s }), 3);
    QVERIFY(!QFile::exists(QDir(m_dir.path()).filePath(u"sandbox.json"_s)));
    QCOMPARE(get(url, {}), 0); // connection refused: nothing listens any more
    QVERIFY(!QFile::exists(QDir(m_dir.path()).filePath(u"mysql/mysqld.sock"_s)));
}

void TstLocalCli::startOnExistingServer()
{
    // --mysql: the fixture's server, TLS verified with its CA, the password from MYSQL_PWD.
    const TestDb db = TestDb::fromEnvironment();
    QVERIFY2(db.isValid(), qPrintable(TestDb::missingReason()));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString url = u"mysql://"_s + db.user + u'@' + db.host + u':' + QString::number(db.port);
    QString output;
    QCOMPARE(run({ u"start"_s, u"--mysql"_s, url, u"--ca"_s, db.caFile }, &output, 60000, dir.path(), db.password), 0);
    QFile file(QDir(dir.path()).filePath(u"sandbox.json"_s));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(output));
    const QJsonObject s = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(s.value(u"mysql_port"_s).toInt(), int(db.port));
    QCOMPARE(s.value(u"ca_file"_s).toString(), QFileInfo(db.caFile).absoluteFilePath());
    const QByteArray token
        = (s.value(u"service_token_id"_s).toString() + u':' + s.value(u"service_token"_s).toString()).toUtf8();
    QJsonObject body;
    QCOMPARE(get(s.value(u"api_url"_s).toString() + u"/organizations/local"_s, token, &body), 200);
    QCOMPARE(body.value(u"name"_s).toString(), u"local"_s);
    QVERIFY(!QDir(dir.path()).exists(u"mysql"_s)); // no private server was made
    QCOMPARE(run({ u"stop"_s }, nullptr, 60000, dir.path()), 0);
    QCOMPARE(run({ u"status"_s }, nullptr, 60000, dir.path()), 3);
    // The fixture's account has ALL PRIVILEGES: the sandbox says it needs much less.
    const QString log = readFile(QDir(dir.path()).filePath(u"sandbox.log"_s));
    QVERIFY2(log.contains(u"warning: The MySQL account has privileges the sandbox does not use: ALL PRIVILEGES"_s),
        qPrintable(log));
    QVERIFY(!log.contains(db.password));

    // An account with exactly the documented privileges: no warning, and the sandbox works.
    auto admin = Sql::Connection::open(testDbOptions(db, false));
    QVERIFY(admin);
    const QString user = u"bdmin"_s + Local::Naming::randomId(8), password = Local::Naming::randomSecret(18);
    QVERIFY((*admin)->execute(
        (u"CREATE USER '"_s + user + u"'@'%' IDENTIFIED BY '"_s + password + u"' REQUIRE SSL"_s).toUtf8()));
    QVERIFY((*admin)->execute(
        (u"GRANT "_s + Local::ServerPrivileges::needed(Local::ServerPrivileges::Flavor::MariaDb).join(u", "_s)
            + u" ON *.* TO '"_s + user + u"'@'%' WITH GRANT OPTION"_s)
            .toUtf8()));
    QTemporaryDir minimal;
    const QString minimalUrl = u"mysql://"_s + user + u'@' + db.host + u':' + QString::number(db.port);
    QCOMPARE(
        run({ u"start"_s, u"--mysql"_s, minimalUrl, u"--ca"_s, db.caFile }, &output, 60000, minimal.path(), password),
        0);
    QFile minimalState(QDir(minimal.path()).filePath(u"sandbox.json"_s));
    QVERIFY(minimalState.open(QIODevice::ReadOnly));
    const QJsonObject ms = QJsonDocument::fromJson(minimalState.readAll()).object();
    QCOMPARE(
        get(ms.value(u"api_url"_s).toString() + u"/organizations/local"_s,
            (ms.value(u"service_token_id"_s).toString() + u':' + ms.value(u"service_token"_s).toString()).toUtf8()),
        200);
    QCOMPARE(run({ u"stop"_s }, nullptr, 60000, minimal.path()), 0);
    QVERIFY(!readFile(QDir(minimal.path()).filePath(u"sandbox.log"_s)).contains(u"warning"_s));

    // A wrong password is a clear start failure, not a hang, and the terminal says why (not only "see the
    // log"); a second failure shows its own lines, not the first one's again.
    QTemporaryDir other;
    QVERIFY(
        run({ u"start"_s, u"--mysql"_s, url, u"--ca"_s, db.caFile }, &output, 60000, other.path(), u"wrong"_s) != 0);
    QVERIFY2(output.contains(u"Access denied"_s) && output.count(u"Access denied"_s) == 1, qPrintable(output));
    QVERIFY2(output.contains(QDir(other.path()).filePath(u"sandbox.log"_s)), qPrintable(output));
    QVERIFY(
        run({ u"start"_s, u"--mysql"_s, url, u"--ca"_s, db.caFile }, &output, 60000, other.path(), u"wrong"_s) != 0);
    QVERIFY2(output.count(u"Access denied"_s) == 1, qPrintable(output));
}

QTEST_GUILESS_MAIN(TstLocalCli)
#include "tst_local_cli.moc"

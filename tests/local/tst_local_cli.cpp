// The branchdeck-local command line: start (private MariaDB with TLS under a temporary DIR, detached),
// the state file, the token check, status, a restart that keeps the token, stop, and --mysql with MYSQL_PWD.

#include "testdb.h"

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
    void stopEndsEverything();
    void startOnExistingServer();

private:
    int run(const QStringList &arguments, QString *output = nullptr, int timeoutMs = 180000, const QString &dir = {},
        const QString &mysqlPassword = {});
    QJsonObject state() const;
    int get(const QString &url, const QByteArray &authorization, QJsonObject *body = nullptr);

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

    // A wrong password is a clear start failure, not a hang.
    QTemporaryDir other;
    QVERIFY(
        run({ u"start"_s, u"--mysql"_s, url, u"--ca"_s, db.caFile }, &output, 60000, other.path(), u"wrong"_s) != 0);
}

QTEST_GUILESS_MAIN(TstLocalCli)
#include "tst_local_cli.moc"

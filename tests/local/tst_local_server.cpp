// The private MariaDB that `branchdeck-local start` runs, probed the way an outside local user would: no
// passwordless login over TCP under any name, root by unix socket only, no anonymous accounts, FILE confined
// to DIR and LOAD DATA LOCAL off, the sandbox's own account minimal (and enough for passwords, grants and
// revocation), the lock-down re-applied at every start, the operator's socket login (the demo seed) working,
// and an unauthenticated flood of big bodies not growing the sandbox's memory.

#include "localcli.h"

#include "local/mariadbaccounts.h"
#include "local/serverprivileges.h"
#include "sql/connection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <mysql.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace {

QList<QStringList> rows(Sql::Connection &connection, const QString &sql)
{
    QList<QStringList> out;
    const QByteArray q = sql.toUtf8();
    if (mysql_real_query(connection.handle(), q.constData(), static_cast<unsigned long>(q.size())) != 0)
        return out;
    if (MYSQL_RES *res = mysql_store_result(connection.handle())) {
        const unsigned int n = mysql_num_fields(res);
        while (MYSQL_ROW row = mysql_fetch_row(res)) {
            QStringList values;
            for (unsigned int i = 0; i < n; ++i)
                values << (row[i] ? QString::fromUtf8(row[i]) : QString());
            out << values;
        }
        mysql_free_result(res);
    }
    return out;
}

qint64 statusKiB(qint64 pid, const QByteArray &field)
{
    QFile file(u"/proc/"_s + QString::number(pid) + u"/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

} // namespace

class TstLocalServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_cli.run({ u"stop"_s }); }
    void noPasswordlessLoginOverTcp();
    void rootOnlyThroughTheSocket();
    void fileAccessIsConfined();
    void sandboxAccountIsMinimalAndEnough();
    void lockDownRunsAtEveryStart();
    void unauthenticatedFloodDoesNotGrowMemory();

private:
    Core::Result<std::unique_ptr<Sql::Connection>> overTcp(const QString &user, const QString &password) const;
    std::unique_ptr<Sql::Connection> operatorSession() const; // the OS user over the socket (unix_socket)
    QString api(const QString &path) const { return m_cli.apiUrl() + path; }

    QTemporaryDir m_dir;
    LocalCli m_cli { m_dir.path() };
};

void TstLocalServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString output;
    QCOMPARE(m_cli.run({ u"start"_s }, &output), 0);
    QVERIFY2(!m_cli.state().isEmpty(), qPrintable(output));
}

Core::Result<std::unique_ptr<Sql::Connection>> TstLocalServer::overTcp(
    const QString &user, const QString &password) const
{
    Sql::ConnectionOptions o;
    o.host = u"127.0.0.1"_s;
    o.port = quint16(m_cli.state().value(u"mysql_port"_s).toInt());
    o.user = user;
    o.password = password;
    o.caFile = m_cli.state().value(u"ca_file"_s).toString();
    o.connectTimeoutSeconds = 5;
    return Sql::Connection::open(o);
}

std::unique_ptr<Sql::Connection> TstLocalServer::operatorSession() const
{
    Sql::ConnectionOptions o;
    o.socket = m_cli.socket();
    o.user = Local::MariadbAccounts::operatingSystemUser();
    o.allowPlaintext = true;
    auto connection = Sql::Connection::open(o);
    if (!connection) {
        qWarning("operator login over the socket: %s", qPrintable(connection.error().toString()));
        return nullptr;
    }
    return std::move(connection).value();
}

void TstLocalServer::noPasswordlessLoginOverTcp()
{
    auto admin = operatorSession();
    QVERIFY(admin);
    const QList<QStringList> accounts = rows(*admin, u"SELECT User, Host FROM mysql.user"_s);
    QVERIFY(accounts.size() >= 3); // root, the operator or root again, the sandbox's, mariadb.sys
    QStringList names = { u"root"_s, u""_s, u"nobody"_s, u"mysql"_s, u"admin"_s,
        u"anon"_s + QString::number(QRandomGenerator::global()->bounded(100000)) };
    for (const QStringList &account : accounts)
        names << account.value(0);
    names.removeDuplicates();
    for (const QString &name : std::as_const(names)) {
        auto login = overTcp(name, QString());
        QVERIFY2(!login, qPrintable(u"passwordless TCP login as '"_s + name + u"' works"_s));
        // Refused by the server for who is asking — bad credentials, a locked account (mariadb.sys) or no
        // account for the host at all (1130) — not for a network reason.
        const QString detail = login.error().detail;
        const bool refused = login.error().code == u"auth_failed"_s
            || detail.contains(u"account is locked"_s, Qt::CaseInsensitive)
            || detail.contains(u"is not allowed to connect"_s, Qt::CaseInsensitive);
        QVERIFY2(refused, qPrintable(name + u": "_s + login.error().toString()));
    }
    QVERIFY(rows(*admin, u"SELECT User FROM mysql.user WHERE User = ''"_s).isEmpty()); // no anonymous accounts
}

void TstLocalServer::rootOnlyThroughTheSocket()
{
    auto admin = operatorSession();
    QVERIFY(admin);
    const QList<QStringList> roots = rows(*admin, u"SELECT Host, plugin FROM mysql.user WHERE User = 'root'"_s);
    QCOMPARE(roots, (QList<QStringList> { { u"localhost"_s, u"unix_socket"_s } }));
    QCOMPARE(rows(*admin, u"SELECT CURRENT_USER()"_s).value(0).value(0),
        Local::MariadbAccounts::operatingSystemUser() + u"@localhost"_s);
    // The demo seed in branchdeck.sh logs in exactly like this: the mariadb client over the socket as the
    // operating-system user, no password.
    QProcess client;
    client.setProcessChannelMode(QProcess::MergedChannels);
    client.start(u"mariadb"_s,
        { u"--no-defaults"_s, u"--socket="_s + m_cli.socket(), u"-u"_s + Local::MariadbAccounts::operatingSystemUser(),
            u"-N"_s, u"-e"_s, u"SELECT 41 + 1"_s });
    QVERIFY(client.waitForFinished(30000));
    QCOMPARE(QString::fromUtf8(client.readAll()).trimmed(), u"42"_s);
}

void TstLocalServer::fileAccessIsConfined()
{
    auto admin = operatorSession();
    QVERIFY(admin);
    const QString files = QDir(m_dir.path()).absoluteFilePath(u"mysql/files"_s);
    QCOMPARE(QDir::cleanPath(rows(*admin, u"SELECT @@secure_file_priv"_s).value(0).value(0)), files);
    QCOMPARE(rows(*admin, u"SELECT @@local_infile"_s).value(0).value(0), u"0"_s);
    // Even the operator (who has FILE) cannot read a file outside DIR/mysql/files.
    QCOMPARE(rows(*admin, u"SELECT LOAD_FILE('/etc/passwd') IS NULL"_s).value(0).value(0), u"1"_s);
    QCOMPARE(
        QFileInfo(files).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
}

void TstLocalServer::sandboxAccountIsMinimalAndEnough()
{
    auto admin = operatorSession();
    QVERIFY(admin);
    QStringList grants;
    for (const QStringList &row : rows(*admin, u"SHOW GRANTS FOR 'branchdeck_sandbox'@'localhost'"_s))
        grants << row.value(0);
    bool grantOption = false;
    const QStringList granted = Local::ServerPrivileges::granted(grants, &grantOption);
    const auto report
        = Local::ServerPrivileges::compare(Local::ServerPrivileges::Flavor::MariaDb, granted, grantOption);
    QVERIFY2(report.fine(), qPrintable(Local::ServerPrivileges::warning(report)));
    for (const QString &forbidden : { u"FILE"_s, u"SUPER"_s, u"SHUTDOWN"_s, u"RELOAD"_s, u"ALL PRIVILEGES"_s })
        QVERIFY2(!granted.contains(forbidden), qPrintable(forbidden));
    QVERIFY(!m_cli.log().contains(u"warning"_s));

    // Enough for the API's work: a database, a password (account + grant), and revoking it ends its session.
    const QByteArray token = m_cli.token();
    QJsonObject answer;
    QCOMPARE(LocalCli::request("POST", api(u"/organizations/local/databases"_s), token,
                 QJsonObject { { u"name"_s, u"minimal"_s } }, &answer),
        201);
    QCOMPARE(LocalCli::request("POST", api(u"/organizations/local/databases/minimal/branches/main/passwords"_s), token,
                 QJsonObject { { u"role"_s, u"admin"_s } }, &answer),
        201);
    auto session = overTcp(answer.value(u"username"_s).toString(), answer.value(u"plain_text"_s).toString());
    QVERIFY2(session, qPrintable(session ? QString() : session.error().toString()));
    QVERIFY((*session)->execute("CREATE TABLE minimal__main.t (id INT PRIMARY KEY)"));
    QCOMPARE(LocalCli::request("DELETE",
                 api(u"/organizations/local/databases/minimal/branches/main/passwords/"_s
                     + answer.value(u"id"_s).toString()),
                 token),
        204);
    QVERIFY2(!(*session)->execute("SELECT 1"), "the revoked password's session survived");
}

void TstLocalServer::lockDownRunsAtEveryStart()
{
    // Whatever opened the server meanwhile (or an older version left), the next start closes it again.
    {
        auto admin = operatorSession();
        QVERIFY(admin);
        QVERIFY(admin->execute("CREATE USER 'intruder'@'%'"));
        QVERIFY(admin->execute("CREATE USER ''@'localhost'"));
        QVERIFY(admin->execute("CREATE USER 'root'@'127.0.0.1'"));
        QVERIFY(admin->execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1'"));
        QVERIFY(admin->execute("ALTER USER 'root'@'localhost' IDENTIFIED BY ''"));
    }
    QVERIFY(overTcp(u"intruder"_s, QString()));
    QCOMPARE(m_cli.run({ u"stop"_s, u"--keep-mysql"_s }), 0);
    QString output;
    QCOMPARE(m_cli.run({ u"start"_s }, &output), 0);
    for (const QString &name : { u"intruder"_s, u"root"_s, u""_s })
        QVERIFY2(!overTcp(name, QString()), qPrintable(name));
    auto admin = operatorSession();
    QVERIFY(admin);
    QCOMPARE(rows(*admin,
                 u"SELECT COUNT(*) FROM mysql.user WHERE User IN ('intruder', '') OR "
                 u"(User = 'root' AND (Host <> 'localhost' OR plugin <> 'unix_socket'))"_s)
                 .value(0)
                 .value(0),
        u"0"_s);
}

void TstLocalServer::unauthenticatedFloodDoesNotGrowMemory()
{
    // 48 clients at once each announce a 64 MiB body without a token and push up to 2 MiB of it. Before the
    // front door checked the head first, the server buffered every byte (about 96 MiB here).
    const qint64 pid = m_cli.state().value(u"pid"_s).toInteger();
    const quint16 port = quint16(QUrl(m_cli.apiUrl()).port());
    const qint64 before = statusKiB(pid, "VmHWM");
    QVERIFY(before > 0);
    constexpr int clients = 48;
    constexpr qint64 perClient = 2 * 1024 * 1024;
    const QByteArray head = "POST /v1/organizations/local/databases HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Content-Type: application/json\r\nContent-Length: 67108864\r\n\r\n";
    const QByteArray chunk(64 * 1024, 'x');
    std::vector<int> fds;
    std::vector<qint64> sent(clients, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < clients; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        QVERIFY(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
        QCOMPARE(::send(fd, head.constData(), size_t(head.size()), MSG_NOSIGNAL), ssize_t(head.size()));
        fds.push_back(fd);
    }
    QElapsedTimer timer;
    timer.start();
    qint64 total = 0;
    while (timer.elapsed() < 4000) {
        bool open = false, progressed = false;
        for (int i = 0; i < clients; ++i) {
            if (fds[i] < 0 || sent[i] >= perClient)
                continue;
            open = true;
            const ssize_t n = ::send(fds[i], chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent[i] += n;
                total += n;
                progressed = true;
            } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                ::close(fds[i]); // the server refused and closed it
                fds[i] = -1;
            }
        }
        if (!open)
            break;
        if (!progressed)
            QTest::qWait(20);
    }
    int refused = 0;
    for (int &fd : fds) {
        if (fd < 0) {
            ++refused;
            continue;
        }
        char answer[64] = {};
        timeval wait { 3, 0 };
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
        const ssize_t n = ::recv(fd, answer, sizeof answer - 1, 0);
        if (n > 0 && (QByteArray(answer).startsWith("HTTP/1.1 413") || QByteArray(answer).startsWith("HTTP/1.1 503")))
            ++refused;
        ::close(fd);
        fd = -1;
    }
    const qint64 after = statusKiB(pid, "VmHWM");
    qInfo("flood: %d clients pushed %lld KiB of unauthenticated body; sandbox peak RSS %lld KiB -> %lld KiB "
          "(+%lld KiB); %d refused",
        clients, total / 1024, before, after, after - before, refused);
    QCOMPARE(refused, clients);
    QVERIFY2(after - before < 16 * 1024, "the sandbox's memory grew with the unauthenticated bodies");
    QCOMPARE(LocalCli::request("GET", api(u"/organizations"_s), m_cli.token()), 200);
}

QTEST_GUILESS_MAIN(TstLocalServer)
#include "tst_local_server.moc"

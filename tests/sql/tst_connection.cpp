#include "sql/connection.h"

#include "testdb.h"
#include "testdboptions.h"

#include <QTest>

#include <mysql.h>

using namespace Qt::StringLiterals;

namespace {

// First column of the first row of a query, as text.
QByteArray scalar(Sql::Connection &c, const QByteArray &sql)
{
    if (mysql_real_query(c.handle(), sql.constData(), static_cast<unsigned long>(sql.size())) != 0)
        return "error: " + QByteArray(mysql_error(c.handle()));
    MYSQL_RES *res = mysql_store_result(c.handle());
    if (!res)
        return "no result";
    QByteArray out;
    if (MYSQL_ROW row = mysql_fetch_row(res); row && mysql_num_fields(res) > 0)
        out = row[mysql_num_fields(res) - 1] ? QByteArray(row[mysql_num_fields(res) - 1]) : "NULL"_ba;
    mysql_free_result(res);
    return out;
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void verifiedConnect();
    void noSetStatementsAtConnect();
    void refusals_data();
    void refusals();
    void distinctTlsMessages();
    void plaintextOverSocket();
    void isLocal_data();
    void isLocal();

private:
    Sql::ConnectionOptions options() const;
    TestDb m_db;
};

void TestConnection::initTestCase()
{
    m_db = TestDb::fromEnvironment();
    if (!m_db.isValid())
        QFAIL(qPrintable(TestDb::missingReason()));
}

Sql::ConnectionOptions TestConnection::options() const
{
    return testDbOptions(m_db);
}

void TestConnection::verifiedConnect()
{
    auto opened = Sql::Connection::open(options());
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
    Sql::Connection &c = *opened.value();
    QVERIFY(c.connectionId() > 0);
    QCOMPARE(QByteArray::number(c.connectionId()), scalar(c, "SELECT CONNECTION_ID()"));
    QVERIFY2(c.info().serverVersion.contains(u"MariaDB"_s), qPrintable(c.info().serverVersion));
    QVERIFY2(
        c.info().tlsVersion == u"TLSv1.2"_s || c.info().tlsVersion == u"TLSv1.3"_s, qPrintable(c.info().tlsVersion));
    QVERIFY(!c.info().tlsCipher.isEmpty());
    // The server agrees that this session is encrypted, with the same cipher.
    QCOMPARE(QString::fromLatin1(scalar(c, "SHOW SESSION STATUS LIKE 'Ssl_cipher'")), c.info().tlsCipher);
    QVERIFY(c.ping());
    QVERIFY(!c.isBroken());
}

void TestConnection::noSetStatementsAtConnect()
{
    auto opened = Sql::Connection::open(options());
    QVERIFY(opened.ok());
    // Vitess courtesy: the driver sends no SET at connect (character set goes in the handshake).
    QCOMPARE(scalar(*opened.value(), "SHOW SESSION STATUS LIKE 'Com_set_option'"), "0"_ba);
    QCOMPARE(scalar(*opened.value(), "SELECT @@character_set_client"), "utf8mb4"_ba);
}

void TestConnection::refusals_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("ca");
    QTest::addColumn<bool>("plaintext");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("detailContains");

    const TestDb db = TestDb::fromEnvironment();
    QTest::newRow("wrong CA") << db.host << db.otherCaFile << false << u"tls_unknown_ca"_s << u"self-signed"_s;
    QTest::newRow("system CA does not know the test CA")
        << db.host << QString() << false << u"tls_unknown_ca"_s << QString();
    QTest::newRow("host not in certificate") << db.altHost << db.caFile << false << u"tls_host_mismatch"_s
                                             << u"Validation of SSL server certificate failed"_s;
    QTest::newRow("plaintext refused by server") << db.host << QString() << true << u"plaintext_refused"_s << QString();
    QTest::newRow("plaintext to a remote host")
        << u"192.0.2.10"_s << QString() << true << u"plaintext_not_allowed"_s << QString();
}

void TestConnection::refusals()
{
    QFETCH(QString, host);
    QFETCH(QString, ca);
    QFETCH(bool, plaintext);
    QFETCH(QString, code);
    QFETCH(QString, detailContains);
    Sql::ConnectionOptions o = options();
    o.host = host;
    o.caFile = ca;
    o.allowPlaintext = plaintext;
    o.connectTimeoutSeconds = 5;
    auto opened = Sql::Connection::open(o);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().code == code, qPrintable(opened.error().code + u" " + opened.error().detail));
    QVERIFY(!opened.error().message.isEmpty());
    QVERIFY2(opened.error().detail.contains(detailContains, Qt::CaseInsensitive),
        qPrintable(opened.error().code + u" " + opened.error().detail));
    QVERIFY(!opened.error().toString().contains(m_db.password));
}

void TestConnection::distinctTlsMessages()
{
    Sql::ConnectionOptions wrongCa = options();
    wrongCa.caFile = m_db.otherCaFile;
    Sql::ConnectionOptions wrongHost = options();
    wrongHost.host = m_db.altHost;
    auto a = Sql::Connection::open(wrongCa);
    auto b = Sql::Connection::open(wrongHost);
    QVERIFY(!a.ok() && !b.ok());
    QVERIFY(a.error().code != b.error().code);
    QVERIFY(a.error().message != b.error().message);
}

void TestConnection::plaintextOverSocket()
{
    Sql::ConnectionOptions o;
    o.socket = m_db.socket;
    o.user = u"root"_s;
    o.allowPlaintext = true;
    auto opened = Sql::Connection::open(o);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
    QVERIFY(opened.value()->info().tlsVersion.isEmpty());
    QCOMPARE(scalar(*opened.value(), "SELECT 40 + 2"), "42"_ba);
}

void TestConnection::isLocal_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("local");
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
    QTest::newRow("127.1.2.3") << u"127.1.2.3"_s << true;
    QTest::newRow("localhost") << u"localhost"_s << true;
    QTest::newRow("::1") << u"::1"_s << true;
    QTest::newRow("lan") << u"192.168.1.4"_s << false;
    QTest::newRow("name") << u"127.0.0.1.example.com"_s << false;
    QTest::newRow("bad octet") << u"127.0.0.300"_s << false;
}

void TestConnection::isLocal()
{
    QFETCH(QString, host);
    QFETCH(bool, local);
    Sql::ConnectionOptions o;
    o.host = host;
    QCOMPARE(o.isLocal(), local);
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"

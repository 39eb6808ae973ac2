// Proves the test fixture is what the other integration tests rely on: a server that refuses plaintext
// logins and accepts a TLS login verified against the per-run CA, with host-name checking.
#include <QtTest>

#include <mysql.h>

#include <memory>

#include "testdb.h"

namespace {

struct MysqlCloser
{
    void operator()(MYSQL *m) const { mysql_close(m); }
};
using MysqlPtr = std::unique_ptr<MYSQL, MysqlCloser>;

struct Attempt
{
    MysqlPtr handle;
    bool connected = false;
    unsigned errorNumber = 0;
    QString error;
};

enum class Tls { Off, Verified };

Attempt connectTo(const TestDb &db, const QString &host, Tls tls, const QString &caFile)
{
    Attempt attempt;
    attempt.handle.reset(mysql_init(nullptr));
    MYSQL *m = attempt.handle.get();
    const unsigned timeout = 10;
    mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    if (tls == Tls::Verified) {
        const QByteArray ca = caFile.toLocal8Bit();
        const my_bool verify = 1;
        mysql_optionsv(m, MYSQL_OPT_SSL_CA, ca.constData());
        mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
    } else {
        const my_bool enforce = 0;
        mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &enforce);
    }
    const QByteArray hostBytes = host.toLatin1();
    const QByteArray user = db.user.toUtf8();
    const QByteArray password = db.password.toUtf8();
    attempt.connected = mysql_real_connect(m, hostBytes.constData(), user.constData(), password.constData(), nullptr,
                            db.port, nullptr, 0)
        != nullptr;
    attempt.errorNumber = mysql_errno(m);
    attempt.error = QString::fromUtf8(mysql_error(m));
    return attempt;
}

QString queryOne(MYSQL *m, const char *sql)
{
    if (mysql_query(m, sql) != 0)
        return QStringLiteral("error: ") + QString::fromUtf8(mysql_error(m));
    MYSQL_RES *res = mysql_store_result(m);
    if (!res)
        return {};
    MYSQL_ROW row = mysql_fetch_row(res);
    const unsigned fields = mysql_num_fields(res);
    QString value = row && row[fields - 1] ? QString::fromUtf8(row[fields - 1]) : QString();
    mysql_free_result(res);
    return value;
}

} // namespace

class TestFixtureTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_db = TestDb::fromEnvironment();
        if (!m_db.isValid())
            QFAIL(qPrintable(TestDb::missingReason()));
        mysql_library_init(0, nullptr, nullptr);
    }

    void plaintextLoginIsRefused()
    {
        const Attempt attempt = connectTo(m_db, m_db.host, Tls::Off, {});
        QVERIFY2(!attempt.connected, "the fixture accepted a plaintext login");
        // MariaDB answers a plaintext login under require_secure_transport with "access denied" (1045),
        // MySQL with ER_SECURE_TRANSPORT_REQUIRED (3159); the same credentials succeed over TLS below.
        QVERIFY2(attempt.errorNumber == 1045 || attempt.errorNumber == 3159, qPrintable(attempt.error));
    }

    void verifiedTlsLoginIsAccepted()
    {
        const Attempt attempt = connectTo(m_db, m_db.host, Tls::Verified, m_db.caFile);
        QVERIFY2(attempt.connected, qPrintable(attempt.error));
        MYSQL *m = attempt.handle.get();
        QVERIFY(mysql_get_ssl_cipher(m) != nullptr);
        const QString version = queryOne(m, "SHOW SESSION STATUS LIKE 'Ssl_version'");
        QVERIFY2(version == QStringLiteral("TLSv1.2") || version == QStringLiteral("TLSv1.3"), qPrintable(version));
        QCOMPARE(queryOne(m, "SELECT @@require_secure_transport"), QStringLiteral("1"));
        QCOMPARE(queryOne(m, "SELECT CURRENT_USER()").section(QLatin1Char('@'), 0, 0), m_db.user);
    }

    void unrelatedCaIsRejected()
    {
        const Attempt attempt = connectTo(m_db, m_db.host, Tls::Verified, m_db.otherCaFile);
        QVERIFY2(!attempt.connected, "verification against an unrelated CA succeeded");
        QCOMPARE(attempt.errorNumber, 2026u); // CR_SSL_CONNECTION_ERROR
    }

    void hostNotInCertificateIsRejected()
    {
        // Same server, reached through 127.0.0.2, which the certificate does not name.
        const Attempt attempt = connectTo(m_db, m_db.altHost, Tls::Verified, m_db.caFile);
        QVERIFY2(!attempt.connected, "a host name missing from the certificate was accepted");
        QCOMPARE(attempt.errorNumber, 2026u);
    }

    void cleanupTestCase() { mysql_library_end(); }

private:
    TestDb m_db;
};

QTEST_GUILESS_MAIN(TestFixtureTls)
#include "tst_fixture_tls.moc"

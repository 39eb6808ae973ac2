// Connection strings for the common clients: every kind names the target, verifies TLS, quotes what it
// embeds for its language, and writes a placeholder (never an empty password) when the secret is unknown.
// That each one really connects is checked by tst_workflow_passwords with the real clients.

#include "core/connectionstrings.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kind = Core::ConnectionStrings::Kind;

class TstConnectionStrings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindNamesTheTarget();
    void tlsIsVerifiedEverywhere();
    void publicCaUsesTheSystemBundle();
    void unknownPasswordIsAPlaceholder();
    void shellQuoting();
    void stringEscaping();
    void urlEncoding();
    void goRegistersAPrivateCa();
};

namespace {

Core::ConnectionTarget sample()
{
    Core::ConnectionTarget t;
    t.host = u"127.0.0.1"_s;
    t.port = 3307;
    t.user = u"bd_user"_s;
    t.password = u"pscale_pw_abc"_s;
    t.database = u"shop__main"_s;
    t.caFile = u"/tmp/sandbox/ca.pem"_s;
    return t;
}

} // namespace

void TstConnectionStrings::everyKindNamesTheTarget()
{
    const auto t = sample();
    QCOMPARE(Core::ConnectionStrings::kinds().size(), 8);
    for (const Kind kind : Core::ConnectionStrings::kinds()) {
        const QString text = Core::ConnectionStrings::text(kind, t);
        const QString label = Core::ConnectionStrings::label(kind);
        QVERIFY2(!label.isEmpty(), qPrintable(text));
        for (const QString &part : { t.host, t.user, t.password, t.database, t.caFile })
            QVERIFY2(text.contains(part), qPrintable(label + u": "_s + part + u" missing in\n"_s + text));
        QVERIFY2(text.contains(u"3307"_s), qPrintable(text));
    }
}

void TstConnectionStrings::tlsIsVerifiedEverywhere()
{
    const auto t = sample();
    const auto text = [&](Kind k) { return Core::ConnectionStrings::text(k, t); };
    QVERIFY(text(Kind::MysqlClient).contains(u"--ssl-mode=VERIFY_IDENTITY"_s));
    QVERIFY(text(Kind::MariadbClient).contains(u"--ssl-verify-server-cert"_s));
    QVERIFY(text(Kind::Jdbc).startsWith(u"jdbc:mariadb://127.0.0.1:3307/shop__main?"_s));
    QVERIFY(text(Kind::Jdbc).contains(u"useSsl=true"_s));
    QVERIFY(!text(Kind::Jdbc).contains(u"trustServerCertificate"_s));
    for (const Kind k : { Kind::PythonMysqlConnector, Kind::PythonPyMysql }) {
        QVERIFY(text(k).contains(u"ssl_verify_cert=True"_s));
        QVERIFY(text(k).contains(u"ssl_verify_identity=True"_s));
    }
    // PyMySQL drops an ssl={...} dict when ssl_verify_* are given: the CA must be ssl_ca.
    QVERIFY(text(Kind::PythonPyMysql).contains(u"ssl_ca=\"/tmp/sandbox/ca.pem\""_s));
    QVERIFY(!text(Kind::PythonPyMysql).contains(u"ssl={"_s));
    QVERIFY(text(Kind::Node).contains(u"rejectUnauthorized: true"_s));
    QVERIFY(text(Kind::Node).contains(u"fs.readFileSync(\"/tmp/sandbox/ca.pem\")"_s));
    QVERIFY(text(Kind::Rails).contains(u"ssl_mode: verify_identity"_s));
    QVERIFY(text(Kind::Go).contains(u"?tls=branchdeck"_s));
}

void TstConnectionStrings::publicCaUsesTheSystemBundle()
{
    auto t = sample();
    t.caFile.clear();
    t.host = u"aws.connect.psdb.cloud"_s;
    t.port = 3306;
    const QString bundle = Core::ConnectionStrings::systemCaBundle();
    QVERIFY(!bundle.isEmpty());
    QVERIFY(Core::ConnectionStrings::text(Kind::MysqlClient, t).contains(u"--ssl-ca='"_s + bundle + u'\''));
    QVERIFY(Core::ConnectionStrings::text(Kind::PythonPyMysql, t).contains(bundle));
    QCOMPARE(Core::ConnectionStrings::text(Kind::Jdbc, t),
        u"jdbc:mysql://aws.connect.psdb.cloud:3306/shop__main?user=bd_user&password=pscale_pw_abc"
        u"&sslMode=VERIFY_IDENTITY"_s);
    QCOMPARE(Core::ConnectionStrings::text(Kind::Go, t),
        u"db, err := sql.Open(\"mysql\", \"bd_user:pscale_pw_abc@tcp(aws.connect.psdb.cloud:3306)/shop__main"
        u"?tls=true\")\n"_s);
    QVERIFY(Core::ConnectionStrings::text(Kind::Node, t).contains(u"ssl: { rejectUnauthorized: true }"_s));
    QVERIFY(!Core::ConnectionStrings::text(Kind::Node, t).contains(u"readFileSync"_s));
}

void TstConnectionStrings::unknownPasswordIsAPlaceholder()
{
    auto t = sample();
    t.password.clear();
    // The command line asks for it; everything else shows where it goes.
    const QString cli = Core::ConnectionStrings::text(Kind::MariadbClient, t);
    QVERIFY(cli.contains(u" --password "_s));
    QVERIFY(!cli.contains(u"--password="_s));
    for (const Kind k : { Kind::Jdbc, Kind::PythonPyMysql, Kind::Node, Kind::Rails, Kind::Go }) {
        const QString text = Core::ConnectionStrings::text(k, t);
        QVERIFY2(text.contains(u"password"_s), qPrintable(text));
        QVERIFY2(text.contains(u"<password>"_s) || text.contains(u"%3Cpassword%3E"_s), qPrintable(text));
    }
}

void TstConnectionStrings::shellQuoting()
{
    auto t = sample();
    t.password = u"it's $HOME"_s;
    const QString cli = Core::ConnectionStrings::text(Kind::MysqlClient, t);
    QVERIFY2(cli.contains(u"--password='it'\\''s $HOME'"_s), qPrintable(cli));
}

void TstConnectionStrings::stringEscaping()
{
    auto t = sample();
    t.password = u"a\"b\\c\nd"_s;
    for (const Kind k : { Kind::PythonPyMysql, Kind::PythonMysqlConnector, Kind::Node, Kind::Rails }) {
        const QString text = Core::ConnectionStrings::text(k, t);
        QVERIFY2(text.contains(u"\"a\\\"b\\\\c\\nd\""_s), qPrintable(text));
    }
}

void TstConnectionStrings::urlEncoding()
{
    auto t = sample();
    t.password = u"p@ss&w/rd"_s;
    t.database = u"@replica"_s;
    const QString url = Core::ConnectionStrings::text(Kind::Jdbc, t);
    QVERIFY2(url.contains(u"password=p%40ss%26w%2Frd"_s), qPrintable(url));
    QVERIFY2(url.contains(u":3307/%40replica?"_s), qPrintable(url));
}

void TstConnectionStrings::goRegistersAPrivateCa()
{
    const QString go = Core::ConnectionStrings::text(Kind::Go, sample());
    QVERIFY(go.contains(u"os.ReadFile(\"/tmp/sandbox/ca.pem\")"_s));
    QVERIFY(go.contains(u"AppendCertsFromPEM"_s));
    QVERIFY(go.contains(
        u"mysql.RegisterTLSConfig(\"branchdeck\", &tls.Config{RootCAs: roots, ServerName: \"127.0.0.1\"})"_s));
    QVERIFY(go.contains(u"\"bd_user:pscale_pw_abc@tcp(127.0.0.1:3307)/shop__main?tls=branchdeck\""_s));
}

QTEST_GUILESS_MAIN(TstConnectionStrings)
#include "tst_connectionstrings.moc"

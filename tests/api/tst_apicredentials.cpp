// Credentials: header formats, lookup order, pscale's files, and secrets kept out of text.
#include "api/credentiallocator.h"
#include "api/credentials.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

} // namespace

class TestApiCredentials : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Api::CredentialSources sources()
    {
        Api::CredentialSources s;
        s.environment = QProcessEnvironment(); // empty, whatever the machine has
        s.pscaleConfigDir = m_dir.filePath(u"config"_s);
        s.projectDir = m_dir.filePath(u"repo/sub/dir"_s);
        QDir().mkpath(s.projectDir);
        return s;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
    }

    void headers()
    {
        const auto service = Api::Credentials::serviceToken(u"abcdef123456"_s, u"pscale_tkn_secret"_s, u"env"_s);
        QVERIFY(service.isValid());
        QCOMPARE(service.authorizationHeader(), QByteArray("abcdef123456:pscale_tkn_secret"));
        QCOMPARE(service.scheme(), Api::AuthScheme::ServiceToken);
        const auto oauth = Api::Credentials::oauthToken(u" pscale_oauth_abc \n"_s, u"file"_s);
        QCOMPARE(oauth.authorizationHeader(), QByteArray("Bearer pscale_oauth_abc"));
        QVERIFY(!Api::Credentials().isValid());
        QVERIFY(Api::Credentials().authorizationHeader().isEmpty());
        QVERIFY(!Api::Credentials::serviceToken(u"id"_s, QString(), u"x"_s).isValid());
    }

    void secretsStayOutOfText()
    {
        const auto service = Api::Credentials::serviceToken(u"abcdef123456"_s, u"pscale_tkn_secret"_s, u"env"_s);
        QVERIFY(service.describe().contains(u"abcdef123456"_s));
        QVERIFY(!service.describe().contains(u"pscale_tkn_secret"_s));
        QCOMPARE(service.redact(u"echo pscale_tkn_secret back"_s), u"echo [redacted] back"_s);
        const auto oauth = Api::Credentials::oauthToken(u"pscale_oauth_abc"_s, u"file"_s);
        QVERIFY(!oauth.describe().contains(u"pscale_oauth_abc"_s));
    }

    void lookupOrder()
    {
        Api::CredentialSources s = sources();
        QVERIFY(!Api::CredentialLocator::locate(s).isValid()); // nothing anywhere

        writeFile(s.pscaleConfigDir + u"/access-token"_s, "pscale_oauth_fromfile\n");
        auto found = Api::CredentialLocator::locate(s);
        QCOMPARE(found.scheme(), Api::AuthScheme::OAuthToken);
        QCOMPARE(found.authorizationHeader(), QByteArray("Bearer pscale_oauth_fromfile"));
        QVERIFY(found.source().endsWith(u"access-token"_s));

        s.keyringAccessToken = [] { return u"pscale_oauth_fromkeyring"_s; };
        found = Api::CredentialLocator::locate(s);
        QCOMPARE(found.authorizationHeader(), QByteArray("Bearer pscale_oauth_fromkeyring"));

        s.environment.insert(u"PLANETSCALE_SERVICE_TOKEN_ID"_s, u"envid"_s);
        QCOMPARE(Api::CredentialLocator::locate(s).scheme(), Api::AuthScheme::OAuthToken); // id alone is not enough
        s.environment.insert(u"PLANETSCALE_SERVICE_TOKEN"_s, u"pscale_tkn_env"_s);
        found = Api::CredentialLocator::locate(s);
        QCOMPARE(found.scheme(), Api::AuthScheme::ServiceToken);
        QCOMPARE(found.authorizationHeader(), QByteArray("envid:pscale_tkn_env"));
        QCOMPARE(found.source(), u"environment"_s);

        s.explicitSignIn = Api::Credentials::oauthToken(u"pscale_oauth_signed_in"_s, u"sign-in"_s);
        found = Api::CredentialLocator::locate(s);
        QCOMPARE(found.authorizationHeader(), QByteArray("Bearer pscale_oauth_signed_in"));
    }

    void emptyKeyringFallsBackToFile()
    {
        Api::CredentialSources s = sources();
        s.keyringAccessToken = [] { return QString(); };
        writeFile(s.pscaleConfigDir + u"/access-token"_s, "tok");
        QCOMPARE(Api::CredentialLocator::locate(s).authorizationHeader(), QByteArray("Bearer tok"));
    }

    void defaultOrganization()
    {
        Api::CredentialSources s = sources();
        QVERIFY(Api::CredentialLocator::defaults(s).organization.isEmpty());

        writeFile(s.pscaleConfigDir + u"/pscale.yml"_s, "# pscale config\norg: acme\ndatabase: shop\nbranch: main\n");
        auto d = Api::CredentialLocator::defaults(s);
        QCOMPARE(d.organization, u"acme"_s);
        QCOMPARE(d.database, u"shop"_s);
        QCOMPARE(d.branch, u"main"_s);
        QVERIFY(d.source.endsWith(u"pscale.yml"_s));

        // A project file at the git root wins over the global one.
        QDir().mkpath(m_dir.filePath(u"repo/.git"_s));
        writeFile(m_dir.filePath(u"repo/.pscale.yml"_s), "org: \"project-org\"\ndatabase: 'proj-db'\n");
        d = Api::CredentialLocator::defaults(s);
        QCOMPARE(d.organization, u"project-org"_s);
        QCOMPARE(d.database, u"proj-db"_s);
        QCOMPARE(d.branch, u"main"_s); // not in the project file: the global one fills in
        QVERIFY(d.source.endsWith(u"repo/.pscale.yml"_s));

        s.environment.insert(u"PLANETSCALE_ORG"_s, u"env-org"_s);
        d = Api::CredentialLocator::defaults(s);
        QCOMPARE(d.organization, u"env-org"_s);
        QCOMPARE(d.source, u"environment"_s);
    }

    void yamlIgnoresOtherKeys()
    {
        const QString path = m_dir.filePath(u"x.yml"_s);
        writeFile(
            path, "api-url: https://evil.example\nservice-token: nope\norg: acme # comment\nnested:\n  org: other\n");
        const auto d = Api::CredentialLocator::readPscaleYaml(path);
        QCOMPARE(d.organization, u"acme"_s);
        QVERIFY(Api::CredentialLocator::readPscaleYaml(m_dir.filePath(u"missing.yml"_s)).organization.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestApiCredentials)
#include "tst_apicredentials.moc"

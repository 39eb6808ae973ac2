#include "store/connectionurl.h"
#include "store/profilestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProfileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void savesLoadsRemoves()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"p.sqlite"_s);
        Store::ConnectionProfile p;
        p.name = u"Production EU"_s;
        p.host = u"aws.connect.psdb.cloud"_s;
        p.port = 3306;
        p.user = u"reader"_s;
        p.database = u"shop"_s;
        p.caFile = u"/etc/ssl/certs/ca-certificates.crt"_s;
        p.production = true;
        p.color = u"#c0392b"_s;
        QString id;
        {
            Store::ProfileStore store;
            QVERIFY(store.open(path).ok());
            const auto saved = store.save(p);
            QVERIFY(saved.ok());
            QVERIFY(!saved->id.isEmpty());
            id = saved->id;
            Store::ConnectionProfile dev;
            dev.name = u"dev"_s;
            dev.tlsMode = Store::TlsMode::Disabled;
            QVERIFY(store.save(dev).ok());
        }
        Store::ProfileStore store;
        QVERIFY(store.open(path).ok());
        const auto all = store.profiles();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).name, u"dev"_s); // ordered by name, case-insensitive
        QCOMPARE(all->at(0).tlsMode, Store::TlsMode::Disabled);
        auto loaded = store.profile(id);
        QVERIFY(loaded.ok());
        p.id = id;
        QCOMPARE(*loaded, p);

        p.port = 3307;
        QVERIFY(store.save(p).ok()); // same id: replaced
        QCOMPARE(store.profile(id)->port, 3307);
        QCOMPARE(store.profiles()->size(), 2);

        QVERIFY(store.remove(id).ok());
        QCOMPARE(store.profile(id).error().code, u"profile_not_found"_s);
    }

    void displayName()
    {
        Store::ConnectionProfile p;
        p.host = u"db.example"_s;
        p.user = u"me"_s;
        p.database = u"app"_s;
        QCOMPARE(p.displayName(), u"me@db.example:3306/app"_s);
        p.name = u"Mine"_s;
        QCOMPARE(p.displayName(), u"Mine"_s);
    }

    void parseUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");
        QTest::addColumn<int>("tls");
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<int>("notes");

        const int verify = int(Store::TlsMode::VerifyIdentity);
        const int plain = int(Store::TlsMode::Disabled);
        QTest::newRow("full") << u"mysql://user:pass@host.example:3307/db?ssl-mode=VERIFY_IDENTITY"_s
                              << u"host.example"_s << 3307 << u"user"_s << u"pass"_s << u"db"_s << verify << QString()
                              << 0;
        QTest::newRow("default port, no db")
            << u"mysql://u@h"_s << u"h"_s << 3306 << u"u"_s << QString() << QString() << verify << QString() << 0;
        QTest::newRow("encoded password") << u"mysql://u:p%40ss%3Aw%2Fd@h/d"_s << u"h"_s << 3306 << u"u"_s
                                          << u"p@ss:w/d"_s << u"d"_s << verify << QString() << 0;
        QTest::newRow("disabled") << u"mariadb://root@127.0.0.1:3306/x?ssl-mode=DISABLED"_s << u"127.0.0.1"_s << 3306
                                  << u"root"_s << QString() << u"x"_s << plain << QString() << 0;
        QTest::newRow("required raised") << u"mysql://u@h/d?sslmode=required"_s << u"h"_s << 3306 << u"u"_s << QString()
                                         << u"d"_s << verify << QString() << 1;
        QTest::newRow("planetscale prisma")
            << u"mysql://u:pscale_pw_x@aws.connect.psdb.cloud/app?sslaccept=strict"_s << u"aws.connect.psdb.cloud"_s
            << 3306 << u"u"_s << u"pscale_pw_x"_s << u"app"_s << verify << QString() << 0;
        QTest::newRow("ca and unknown") << u"mysql://u@h/d?ssl-ca=/tmp/ca.pem&foo=bar"_s << u"h"_s << 3306 << u"u"_s
                                        << QString() << u"d"_s << verify << u"/tmp/ca.pem"_s << 1;
        QTest::newRow("padded") << u"  mysql://u@h:1/d \n"_s << u"h"_s << 1 << u"u"_s << QString() << u"d"_s << verify
                                << QString() << 0;
    }

    void parseUrl()
    {
        QFETCH(QString, url);
        const auto parsed = Store::ConnectionUrl::parse(url);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        QTEST(parsed->profile.host, "host");
        QTEST(int(parsed->profile.port), "port");
        QTEST(parsed->profile.user, "user");
        QTEST(parsed->password, "password");
        QTEST(parsed->profile.database, "database");
        QTEST(int(parsed->profile.tlsMode), "tls");
        QTEST(parsed->profile.caFile, "caFile");
        QTEST(int(parsed->notes.size()), "notes");
    }

    void parseUrlErrors_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("code");
        QTest::newRow("http") << u"https://example.com/"_s << u"url_invalid"_s;
        QTest::newRow("garbage") << u"not a url"_s << u"url_invalid"_s;
        QTest::newRow("no host") << u"mysql:///db"_s << u"url_no_host"_s;
    }

    void parseUrlErrors()
    {
        QFETCH(QString, url);
        const auto parsed = Store::ConnectionUrl::parse(url);
        QVERIFY(!parsed.ok());
        QTEST(parsed.error().code, "code");
    }

    void urlRoundTripHasNoPassword()
    {
        const auto parsed = Store::ConnectionUrl::parse(u"mysql://u:secret@h:3310/d?ssl-ca=/c.pem"_s);
        QVERIFY(parsed.ok());
        const QString url = Store::ConnectionUrl::toUrl(parsed->profile);
        QVERIFY(!url.contains(u"secret"_s));
        const auto again = Store::ConnectionUrl::parse(url);
        QVERIFY(again.ok());
        QCOMPARE(again->profile, parsed->profile);
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"

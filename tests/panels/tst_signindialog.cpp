#include "fakeplanetscale.h"

#include "api/sandboxlocator.h"
#include "ui/common/signindialog.h"

#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Ui::SignInDialog;
using Ui::SignInSession;

class TestSignInDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    FakePlanetScale *m_fake = nullptr;

    QString writeSandboxJson(const QJsonObject &o)
    {
        const QString path = m_home.filePath(u"sandbox/sandbox.json"_s);
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(QJsonDocument(o).toJson());
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"BranchdeckTests"_s);
        QCoreApplication::setApplicationName(u"tst_signindialog"_s);
        // No keychain: the D-Bus session bus points nowhere.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(m_home.filePath(u"no-bus"_s)));
        qputenv("HOME", QFile::encodeName(m_home.path()));
        qputenv("BRANCHDECK_SANDBOX_DIR", QFile::encodeName(m_home.filePath(u"sandbox"_s)));
    }
    void init()
    {
        QSettings().clear();
        m_fake = new FakePlanetScale(this);
        QVERIFY(m_fake->start());
        m_fake->organizations = { FakePlanetScale::organization(u"local"_s) };
    }
    void cleanup() { delete m_fake; }

    void readsTheSandboxFile()
    {
        const QString path
            = writeSandboxJson({ { u"api_url"_s, m_fake->baseUrl().toString() }, { u"service_token_id"_s, u"sbx123"_s },
                { u"service_token"_s, u"pscale_tkn_local"_s }, { u"ca_file"_s, u"ca.pem"_s } });
        QCOMPARE(Api::SandboxLocator::find(), path);
        const auto info = Api::SandboxLocator::read(path);
        QVERIFY(info);
        QCOMPARE(info->apiUrl, m_fake->baseUrl());
        QCOMPARE(info->caFile, m_home.filePath(u"sandbox/ca.pem"_s));
        const auto broken = Api::SandboxLocator::read(writeSandboxJson({ { u"api_url"_s, u"http://x"_s } }));
        QVERIFY(!broken);
        QVERIFY(broken.error().message.contains(u"service_token"_s));
    }

    void signsInToTheSandbox()
    {
        writeSandboxJson({ { u"api_url"_s, m_fake->baseUrl().toString() }, { u"service_token_id"_s, u"sbx123"_s },
            { u"service_token"_s, u"pscale_tkn_local"_s } });
        SignInDialog dialog;
        dialog.setKind(SignInSession::Kind::Sandbox); // the path was found automatically
        QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
        dialog.accept();
        QTRY_COMPARE(signedIn.size(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const SignInSession s = dialog.session();
        QCOMPARE(s.apiUrl, m_fake->baseUrl());
        QCOMPARE(s.defaultOrganization, u"local"_s); // the only organization
        QCOMPARE(s.credentials.serviceTokenId(), u"sbx123"_s);
        QVERIFY(m_fake->countRequests(u"GET"_s, u"/organizations"_s) == 1);
        // Remembered for next time, without the secret.
        QSettings settings;
        QCOMPARE(settings.value(u"signIn/kind"_s).toString(), u"sandbox"_s);
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(u"pscale_tkn_"_s), qPrintable(key));
        SignInDialog again;
        QSignalSpy again2(&again, &SignInDialog::signedIn);
        again.accept();
        QTRY_COMPARE(again2.size(), 1);
        QCOMPARE(again.session().kind, SignInSession::Kind::Sandbox);
    }

    void rejectedTokensAreExplained()
    {
        m_fake->failNext(u"GET"_s, u"/organizations"_s, 401, u"unauthorized"_s, u"The access token is invalid"_s);
        SignInDialog dialog;
        dialog.setPlanetScaleUrl(m_fake->baseUrl());
        dialog.setKind(SignInSession::Kind::ServiceToken);
        dialog.setServiceToken(u"a1b2c3d4e5f6"_s, u"pscale_tkn_wrong"_s);
        dialog.setRemember(false);
        dialog.accept();
        QTRY_VERIFY(dialog.messageText().startsWith(u"Sign-in failed"_s));
        QVERIFY(!dialog.messageText().contains(u'{'));
        QVERIFY(!dialog.messageText().contains(u"pscale_tkn_wrong"_s));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));

        dialog.setServiceToken(u"pscale_tkn_wrong"_s, u"a1b2c3d4e5f6"_s);
        dialog.accept();
        QTRY_VERIFY(dialog.messageText().contains(u"swapped"_s));
    }

    void pscaleLoginWithoutATokenIsExplained()
    {
        SignInDialog dialog;
        dialog.setPlanetScaleUrl(m_fake->baseUrl());
        dialog.setKind(SignInSession::Kind::PscaleLogin);
        dialog.setRemember(false);
        dialog.accept();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.messageText().contains(u"pscale auth login"_s), 20000);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(m_fake->countRequests(u"GET"_s, u"/organizations"_s), 0);
    }

    void missingKeychainIsAClearErrorNotAFile()
    {
        SignInDialog dialog;
        dialog.setPlanetScaleUrl(m_fake->baseUrl());
        dialog.setKind(SignInSession::Kind::ServiceToken);
        dialog.setServiceToken(u"a1b2c3d4e5f6"_s, u"pscale_tkn_secret"_s);
        dialog.setRemember(true);
        dialog.accept();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.messageText().contains(u"keychain"_s), 20000);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        // The secret is nowhere on disk.
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("pscale_tkn_secret"), qPrintable(f.fileName()));
        }
        // Signing in for this session only still works.
        QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
        dialog.setRemember(false);
        dialog.accept();
        QTRY_COMPARE(signedIn.size(), 1);
    }
};

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"

#include "store/secretstore.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Tests run headless, without a Secret Service or KWallet on the session bus. The store must then answer
// every call with an error value (never crash, never hang) and must not fall back to a plaintext file.
class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Point every place QSettings or a fallback could write to into an empty folder we can inspect,
        // and make sure no session bus (and so no real keychain of the developer) is reachable.
        qputenv("HOME", QFile::encodeName(m_home.path()));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(m_home.filePath(u"no-bus"_s)));
    }

    void writeFailsAsValueWithoutPlaintextFallback()
    {
        Store::SecretStore store(this, u"BranchdeckTest"_s);
        bool called = false;
        Core::Result<void> result;
        store.writePassword(u"profile-1"_s, u"hunter2-secret"_s, this, [&](Core::Result<void> r) {
            called = true;
            result = std::move(r);
        });
        QTRY_VERIFY_WITH_TIMEOUT(called, 30000);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, u"keychain_unavailable"_s);
        QVERIFY(result.error().message.contains(u"asked for each time"_s));
        QVERIFY(!result.error().toString().contains(u"hunter2"_s));

        // Nothing anywhere under HOME contains the secret.
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains("hunter2-secret"), qPrintable(file.fileName()));
        }
    }

    void readFailsAsValue()
    {
        Store::SecretStore store(this, u"BranchdeckTest"_s);
        bool called = false;
        Core::Result<QString> result = Core::makeError(u"unset"_s, u"unset"_s);
        store.readPassword(u"profile-1"_s, this, [&](Core::Result<QString> r) {
            called = true;
            result = std::move(r);
        });
        QTRY_VERIFY_WITH_TIMEOUT(called, 30000);
        QVERIFY(!result.ok());
        QVERIFY(result.error().code == u"keychain_unavailable"_s || result.error().code == u"keychain_not_found"_s);
    }

    void callbackDroppedWhenContextDies()
    {
        Store::SecretStore store(this, u"BranchdeckTest"_s);
        bool called = false;
        auto *context = new QObject;
        store.deletePassword(u"profile-1"_s, context, [&](Core::Result<void>) { called = true; });
        delete context;
        // Give the job time to finish; the callback must not run for a dead context.
        QTest::qWait(500);
        QVERIFY(!called);
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"

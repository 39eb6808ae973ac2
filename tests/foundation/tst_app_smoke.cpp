// Starts the real branchdeck binary offscreen and checks that it opens its window and exits cleanly.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

class TestAppSmoke : public QObject
{
    Q_OBJECT

private:
    QProcessEnvironment isolatedEnvironment() const
    {
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        return env;
    }

    QProcess *run(const QStringList &arguments)
    {
        auto *process = new QProcess(this);
        process->setProcessEnvironment(isolatedEnvironment());
        process->start(QStringLiteral(BRANCHDECK_BINARY), arguments);
        return process;
    }

    QTemporaryDir m_home;

private Q_SLOTS:
    void opensWindowAndExitsCleanly()
    {
        QProcess *app = run({ QStringLiteral("--smoke-test") });
        QVERIFY2(app->waitForFinished(60000), "branchdeck did not exit");
        const QString out = QString::fromUtf8(app->readAllStandardOutput());
        const QString err = QString::fromUtf8(app->readAllStandardError());
        QCOMPARE(app->exitStatus(), QProcess::NormalExit);
        QVERIFY2(app->exitCode() == 0, qPrintable(err));
        QVERIFY2(out.contains(QStringLiteral("smoke: window=Branchdeck visible=1 docks=3")), qPrintable(out + err));
    }

    void printsLibraryVersions()
    {
        QProcess *app = run({ QStringLiteral("--versions") });
        QVERIFY(app->waitForFinished(30000));
        QCOMPARE(app->exitCode(), 0);
        const QString out = QString::fromUtf8(app->readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("Qt: ") + QString::fromLatin1(qVersion())), qPrintable(out));
        QVERIFY2(
            out.contains(QRegularExpression(QStringLiteral("MySQL client library: \\d+\\.\\d+"))), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("OpenSSL: OpenSSL 3")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestAppSmoke)
#include "tst_app_smoke.moc"

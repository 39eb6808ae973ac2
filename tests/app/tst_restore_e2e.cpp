// Restore keeps identity, proven on the real binary: a SQL tab on a production branch opened with the
// writer role is killed with SIGKILL; the next launch brings it back bound to the same branch, with the same
// role, its production guard, connected to the sandbox's server (never a default host), and without a
// duplicate tab when launched again with the same --open-branch. A tab whose branch was deleted meanwhile
// comes back disconnected with its text and a banner that says so; without a sign-in every tab waits
// disconnected, text intact.
#include <QtTest>

#include "api/branchesresource.h"
#include "sandboxfixture.h"
#include "store/tabautosave.h"

#include <QDirIterator>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace {

struct DocumentLine
{
    QHash<QString, QString> fields;
    QString operator[](const QString &key) const { return fields.value(key); }
};

QList<DocumentLine> sqlDocuments(const QString &report)
{
    QList<DocumentLine> result;
    for (const QString &line : report.split(u'\n')) {
        if (!line.startsWith(u"document: "_s))
            continue;
        DocumentLine doc;
        for (const QString &field : line.mid(10).split(u' ', Qt::SkipEmptyParts))
            doc.fields.insert(field.section(u'=', 0, 0), field.section(u'=', 1));
        if (doc[u"kind"_s] == u"sql"_s)
            result.append(doc);
    }
    return result;
}

} // namespace

class TestRestoreE2e : public SandboxFixture
{
    Q_OBJECT

private:
    QString m_database;
    QTemporaryDir m_home;
    QString m_sandboxDir;

    QProcess *launch(const QStringList &arguments, bool signedIn = true)
    {
        auto *app = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
        env.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
        env.insert(u"BRANCHDECK_SANDBOX_DIR"_s, signedIn ? m_sandboxDir : m_home.filePath(u"no-sandbox"_s));
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        app->setProcessEnvironment(env);
        app->start(QStringLiteral(BRANCHDECK_BINARY), arguments);
        return app;
    }

    // Runs the binary to its end while this process keeps serving the sandbox's API.
    QString runToEnd(const QStringList &arguments, bool signedIn = true)
    {
        QProcess *app = launch(arguments, signedIn);
        if (!QTest::qWaitFor([app] { return app->state() == QProcess::NotRunning; }, 90000)) {
            app->kill();
            qWarning("branchdeck did not finish");
            return {};
        }
        const QString out = QString::fromUtf8(app->readAllStandardOutput());
        if (app->exitCode() != 0)
            qWarning("branchdeck exited with %d: %s", app->exitCode(), app->readAllStandardError().constData());
        return out;
    }

    QString autosavePath() const
    {
        QDirIterator it(m_home.path(), { u"branchdeck.sqlite"_s }, QDir::Files, QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

    std::optional<Store::TabState> savedTab(const QString &target)
    {
        const QString path = autosavePath();
        if (path.isEmpty())
            return std::nullopt;
        Store::TabAutosave store;
        if (!store.open(path).ok())
            return std::nullopt;
        const auto tabs = store.load();
        if (!tabs.ok())
            return std::nullopt;
        for (const Store::TabState &tab : tabs.value()) {
            if (tab.target == target && !tab.text.isEmpty())
                return tab;
        }
        return std::nullopt;
    }

    // Opens a tab with --open-branch, waits until its autosave row is written, then kills the app with SIGKILL.
    bool openAndKill(const QString &branch, const QString &role)
    {
        const QString target = u"branch:%1/%2/%3"_s.arg(org, m_database, branch);
        QProcess *app = launch({ u"--open-branch"_s, u"%1/%2/%3"_s.arg(org, m_database, branch), u"--role"_s, role });
        const bool saved = QTest::qWaitFor([&] { return savedTab(target).has_value(); }, 60000);
        app->kill(); // SIGKILL: no orderly shutdown, only what the autosave already wrote
        const bool ended = QTest::qWaitFor([app] { return app->state() == QProcess::NotRunning; }, 10000);
        return saved && ended;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startSandbox());
        m_database = m_prefix + u"rs"_s;
        createDatabase(m_database);
        QVERIFY(admin(
            u"CREATE TABLE `%1`.orders (id INT PRIMARY KEY, total INT)"_s.arg(branchSchema(m_database, u"main"_s))));
        Api::BranchesResource branches(m_client.get());
        const Core::Branch main
            = ok(await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"main"_s, this, cb); }), "get main");
        if (!main.production)
            ok(await<Core::Branch>([&](auto cb) { branches.promote(org, m_database, u"main"_s, this, cb); }),
                "promote");
        Api::CreateBranchOptions options;
        options.name = u"gone"_s;
        options.parentBranch = u"main"_s;
        ok(await<Core::Branch>([&](auto cb) { branches.create(org, m_database, options, this, cb); }), "create gone");
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto b = await<Core::Branch>([&](auto cb) { branches.get(org, m_database, u"gone"_s, this, cb); });
                return b && b->ok() && b->value().ready;
            },
            30000));
        m_sandboxDir = m_dir.filePath(u"sandbox"_s);
        QVERIFY(QDir().mkpath(m_sandboxDir));
        QVERIFY(m_sandbox->writeStateFile(QDir(m_sandboxDir).filePath(u"sandbox.json"_s)));
    }

    void branchTabComesBackWithTargetRoleAndGuardAfterSigkill()
    {
        QVERIFY(openAndKill(u"main"_s, u"writer"_s));
        const auto before = savedTab(u"branch:%1/%2/main"_s.arg(org, m_database));
        QVERIFY(before);
        QCOMPARE(before->role, u"writer"_s);
        QVERIFY(before->production);

        const QString report = runToEnd({ u"--smoke-test"_s });
        const QList<DocumentLine> docs = sqlDocuments(report);
        QCOMPARE(docs.size(), 1);
        const DocumentLine &tab = docs.first();
        QCOMPARE(tab[u"target"_s], u"branch:%1/%2/main"_s.arg(org, m_database));
        QCOMPARE(tab[u"role"_s], u"writer"_s);
        QCOMPARE(tab[u"production"_s], u"1"_s);
        QCOMPARE(tab[u"connected"_s], u"1"_s);
        QVERIFY2(tab[u"title"_s].contains(u"main_(writer)"_s), qPrintable(report));
        // Bound to the sandbox's server, not to a default host.
        QCOMPARE(tab[u"host"_s], m_db.host);
        QCOMPARE(tab[u"port"_s], QString::number(m_db.port));
        QVERIFY(m_db.port != 3306);

        // Launching again with the same --open-branch does not add a second tab.
        const QString again = runToEnd(
            { u"--smoke-test"_s, u"--open-branch"_s, u"%1/%2/main"_s.arg(org, m_database), u"--role"_s, u"reader"_s });
        const QList<DocumentLine> docsAgain = sqlDocuments(again);
        QCOMPARE(docsAgain.size(), 1);
        QCOMPARE(docsAgain.first()[u"role"_s], u"writer"_s);
        QCOMPARE(savedTab(u"branch:%1/%2/main"_s.arg(org, m_database))->text, before->text);
    }

    void deletedBranchLeavesTheTabDisconnectedWithItsText()
    {
        QVERIFY(openAndKill(u"gone"_s, u"admin"_s));
        const QString target = u"branch:%1/%2/gone"_s.arg(org, m_database);
        const auto saved = savedTab(target);
        QVERIFY(saved);
        Api::BranchesResource branches(m_client.get());
        ok(await<Api::NoContent>([&](auto cb) { branches.remove(org, m_database, u"gone"_s, false, this, cb); }),
            "delete gone");

        const QString report = runToEnd({ u"--smoke-test"_s });
        const QList<DocumentLine> docs = sqlDocuments(report);
        QCOMPARE(docs.size(), 2);
        const auto gone
            = std::find_if(docs.cbegin(), docs.cend(), [&](const auto &d) { return d[u"target"_s] == target; });
        QVERIFY(gone != docs.cend());
        QCOMPARE((*gone)[u"connected"_s], u"0"_s);
        QCOMPARE((*gone)[u"role"_s], u"admin"_s);
        QVERIFY((*gone)[u"host"_s].isEmpty()); // no connection at all, least of all a default one
        QVERIFY2((*gone)[u"banner"_s].contains(u"no_longer_exists"_s), qPrintable(report));
        // Its text is still there for the next launch.
        QCOMPARE(savedTab(target)->text, saved->text);
    }

    void withoutSignInEveryTabWaitsDisconnected()
    {
        const QString report = runToEnd({ u"--smoke-test"_s }, false);
        const QList<DocumentLine> docs = sqlDocuments(report);
        QCOMPARE(docs.size(), 2);
        for (const DocumentLine &doc : docs) {
            QCOMPARE(doc[u"connected"_s], u"0"_s);
            QVERIFY2(doc[u"banner"_s].startsWith(u"Not_signed_in"_s), qPrintable(report));
            QVERIFY(doc[u"host"_s].isEmpty());
        }
        const auto main = std::find_if(docs.cbegin(), docs.cend(),
            [&](const auto &d) { return d[u"target"_s] == u"branch:%1/%2/main"_s.arg(org, m_database); });
        QVERIFY(main != docs.cend());
        QCOMPARE((*main)[u"production"_s], u"1"_s);
        QVERIFY((*main)[u"banner"_s].contains(u"Not_signed_in"_s));
    }
};

QTEST_MAIN(TestRestoreE2e)
#include "tst_restore_e2e.moc"

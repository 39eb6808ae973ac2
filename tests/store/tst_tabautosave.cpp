#include "store/tabautosave.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QThread>

#include <atomic>
#include <latch>
#include <thread>

using namespace Qt::StringLiterals;

namespace {
Store::TabState tab(const QString &id, int position, const QString &text)
{
    Store::TabState t;
    t.id = id;
    t.position = position;
    t.title = u"Tab "_s + id;
    t.target = u"profile-1"_s;
    t.text = text;
    t.cursorLine = position + 1;
    t.cursorIndex = 3;
    return t;
}
} // namespace

class TestTabAutosave : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_path = m_dir.filePath(u"t%1.sqlite"_s.arg(++m_counter)); }

    void savesAndRestoresInOrder()
    {
        {
            Store::TabAutosave store;
            QVERIFY(store.open(m_path).ok());
            QVERIFY(store.save(tab(u"b"_s, 1, u"SELECT 2;\n-- ünïcode ✓"_s)).ok());
            QVERIFY(store.save(tab(u"a"_s, 0, u"SELECT 1;"_s)).ok());
            QVERIFY(store.save(tab(u"a"_s, 0, u"SELECT 1; -- edited"_s)).ok()); // replaces
        }
        Store::TabAutosave store;
        QVERIFY(store.open(m_path).ok());
        const auto tabs = store.load();
        QVERIFY(tabs.ok());
        QCOMPARE(tabs->size(), 2);
        QCOMPARE(tabs->at(0).id, u"a"_s);
        QCOMPARE(tabs->at(0).text, u"SELECT 1; -- edited"_s);
        QCOMPARE(tabs->at(1).text, u"SELECT 2;\n-- ünïcode ✓"_s);
        QCOMPARE(tabs->at(1).cursorLine, 2);
        QCOMPARE(tabs->at(1).cursorIndex, 3);
        QCOMPARE(tabs->at(1).target, u"profile-1"_s);
        QVERIFY(tabs->at(1).savedAt.isValid());
    }

    void saveAllReplacesAndRemoveForgets()
    {
        Store::TabAutosave store;
        QVERIFY(store.open(m_path).ok());
        QVERIFY(store.save(tab(u"old"_s, 0, u"x"_s)).ok());
        QVERIFY(store.saveAll({ tab(u"n1"_s, 0, u"1"_s), tab(u"n2"_s, 1, u"2"_s) }).ok());
        auto tabs = store.load();
        QCOMPARE(tabs->size(), 2);
        QCOMPARE(tabs->at(0).id, u"n1"_s);
        QVERIFY(store.remove(u"n1"_s).ok());
        tabs = store.load();
        QCOMPARE(tabs->size(), 1);
        QCOMPARE(tabs->at(0).id, u"n2"_s);
    }

    void saveAllIsAtomic()
    {
        Store::TabAutosave store;
        QVERIFY(store.open(m_path).ok());
        QVERIFY(store.save(tab(u"keep"_s, 0, u"keep me"_s)).ok());
        // The second tab has no id: the whole replacement fails and the previous state stays.
        const auto result = store.saveAll({ tab(u"x"_s, 0, u"x"_s), tab(QString(), 1, u"y"_s) });
        QVERIFY(!result.ok());
        const auto tabs = store.load();
        QCOMPARE(tabs->size(), 1);
        QCOMPARE(tabs->at(0).text, u"keep me"_s);
    }

    void nullStringsAreStoredAsEmpty()
    {
        Store::TabAutosave store;
        QVERIFY(store.open(m_path).ok());
        Store::TabState bare;
        bare.id = u"bare"_s; // title, target and text are null QStrings
        QVERIFY(store.save(bare).ok());
        QVERIFY(store.saveAll({ bare }).ok());
        const auto tabs = store.load();
        QCOMPARE(tabs->size(), 1);
        QVERIFY(tabs->at(0).text.isEmpty());
    }

    void keepsTheTargetsIdentity()
    {
        {
            Store::TabAutosave store;
            QVERIFY(store.open(m_path).ok());
            Store::TabState branch = tab(u"b"_s, 0, u"DELETE FROM orders;"_s);
            branch.target = u"branch:local/demo/main"_s;
            branch.role = u"writer"_s;
            branch.production = true;
            QVERIFY(store.save(branch).ok());
            Store::TabState dev = tab(u"d"_s, 1, u"SELECT 1;"_s);
            dev.target = u"branch:local/demo/dev"_s;
            dev.role = u"admin"_s;
            QVERIFY(store.save(dev).ok());
        }
        Store::TabAutosave store;
        QVERIFY(store.open(m_path).ok());
        const auto tabs = store.load();
        QVERIFY(tabs.ok());
        QCOMPARE(tabs->size(), 2);
        QCOMPARE(tabs->at(0).role, u"writer"_s);
        QVERIFY(tabs->at(0).production);
        QCOMPARE(tabs->at(1).role, u"admin"_s);
        QVERIFY(!tabs->at(1).production);
    }

    void upgradesAVersionOneFileKeepingTheGuard()
    {
        // A file written before role and production existed: its tabs come back guarded, text intact.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"CREATE TABLE store_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"_s));
            QVERIFY(q.exec(u"INSERT INTO store_versions VALUES ('tabs', 1)"_s));
            QVERIFY(q.exec(u"CREATE TABLE tabs (id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, "
                           u"target TEXT NOT NULL, text TEXT NOT NULL, cursor_line INTEGER NOT NULL, "
                           u"cursor_index INTEGER NOT NULL, saved_at INTEGER NOT NULL)"_s));
            QVERIFY(q.exec(u"INSERT INTO tabs VALUES ('old', 0, 'main', 'branch:local/demo/main', 'DROP TABLE x;', "
                           u"0, 0, 0)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);
        Store::TabAutosave store;
        const auto opened = store.open(m_path);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
        const auto tabs = store.load();
        QVERIFY(tabs.ok());
        QCOMPARE(tabs->size(), 1);
        QCOMPARE(tabs->at(0).text, u"DROP TABLE x;"_s);
        QVERIFY(tabs->at(0).production);
        QVERIFY(tabs->at(0).role.isEmpty());
    }

    void rejectsTabWithoutId()
    {
        Store::TabAutosave store;
        QVERIFY(store.open(m_path).ok());
        QCOMPARE(store.save(tab(QString(), 0, u"x"_s)).error().code, u"autosave_no_id"_s);
    }

    // Two launches (or a launch and a reader) opening a new file at the same moment: both migrate it from
    // version 0, and the one that comes second must see the other's work instead of failing on it (an
    // autosave that fails to open is off for the whole session).
    void concurrentFirstOpensAllSucceed()
    {
        constexpr int openers = 4;
        for (int round = 0; round < 25; ++round) {
            const QString path = m_dir.filePath(u"race%1.sqlite"_s.arg(round));
            std::latch ready(openers);
            std::atomic<int> failures { 0 };
            QStringList errors(openers);
            std::vector<std::thread> threads;
            for (int i = 0; i < openers; ++i) {
                threads.emplace_back([&, i] {
                    Store::TabAutosave store;
                    ready.arrive_and_wait();
                    auto opened = store.open(path);
                    if (!opened.ok()) {
                        errors[i] = opened.error().toString();
                        ++failures;
                        return;
                    }
                    if (!store.save(tab(QString::number(i), i, u"x"_s)).ok())
                        ++failures;
                });
            }
            for (std::thread &t : threads)
                t.join();
            QVERIFY2(failures.load() == 0, qPrintable(errors.join(u" | "_s)));
            Store::TabAutosave store;
            QVERIFY(store.open(path).ok());
            QCOMPARE(store.load()->size(), openers);
        }
    }

    // A process that saves and is then killed with SIGKILL: the saved text must be there afterwards.
    void survivesKill()
    {
        if (qEnvironmentVariableIsSet("BRANCHDECK_AUTOSAVE_CHILD")) {
            Store::TabAutosave store;
            QVERIFY(store.open(qEnvironmentVariable("BRANCHDECK_AUTOSAVE_CHILD")).ok());
            QVERIFY(store.save(tab(u"k"_s, 0, u"typed before the crash"_s)).ok());
            m_dir.remove(); // the parent owns the file; SIGKILL would leave this folder behind
            QTextStream(stdout) << "saved\n" << Qt::flush;
            QThread::sleep(60); // killed long before
            return;
        }
        QProcess child;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BRANCHDECK_AUTOSAVE_CHILD"_s, m_path);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), { u"survivesKill"_s });
        QVERIFY(child.waitForStarted());
        QByteArray output;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (output += child.readAllStandardOutput()).contains("saved\n"), output.constData(), 20000);
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished());

        Store::TabAutosave store;
        QVERIFY(store.open(m_path).ok());
        const auto tabs = store.load();
        QVERIFY(tabs.ok());
        QCOMPARE(tabs->size(), 1);
        QCOMPARE(tabs->at(0).text, u"typed before the crash"_s);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestTabAutosave)
#include "tst_tabautosave.moc"

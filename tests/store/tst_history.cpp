#include "store/history.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"h%1.sqlite"_s.arg(++m_counter));
    }

    void recordsBeforeAndAfterRun()
    {
        Store::History history;
        QVERIFY(history.open(m_path).ok());
        const auto started = QDateTime::fromString(u"2026-01-02T03:04:05Z"_s, Qt::ISODate);
        const auto id = history.recordStarted(u"SELECT 1"_s, u"local"_s, started);
        QVERIFY(id.ok());

        // Before the statement finishes the entry is there, marked unfinished.
        auto entry = history.entry(*id);
        QVERIFY(entry.ok());
        QCOMPARE(entry->text, u"SELECT 1"_s);
        QCOMPARE(entry->target, u"local"_s);
        QCOMPARE(entry->startedAt, started);
        QVERIFY(!entry->finished());
        QCOMPARE(entry->rows, -1);

        QVERIFY(history.recordFinished(*id, 42, 1).ok());
        entry = history.entry(*id);
        QVERIFY(entry.ok());
        QCOMPARE(entry->durationMs, 42);
        QCOMPARE(entry->rows, 1);
        QVERIFY(entry->error.isEmpty());

        const auto failedId = history.recordStarted(u"SELEC oops"_s, u"local"_s);
        QVERIFY(failedId.ok());
        QVERIFY(history.recordFinished(*failedId, 3, -1, u"You have an error in your SQL syntax"_s).ok());
        entry = history.entry(*failedId);
        QCOMPARE(entry->error, u"You have an error in your SQL syntax"_s);
        QCOMPARE(entry->rows, -1);
    }

    void finishingUnknownEntryIsAnError()
    {
        Store::History history;
        QVERIFY(history.open(m_path).ok());
        const auto result = history.recordFinished(12345, 1, 1);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, u"history_not_found"_s);
    }

    void closedHistoryGivesErrors()
    {
        Store::History history;
        QVERIFY(!history.recordStarted(u"SELECT 1"_s, u"x"_s).ok());
        QCOMPARE(history.search().error().code, u"history_closed"_s);
    }

    void search_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<QStringList>("expected"); // newest first

        QTest::newRow("everything") << QString()
                                    << QStringList { u"DELETE FROM t_users"_s, u"select * from orders"_s,
                                           u"SELECT * FROM users"_s };
        QTest::newRow("case-insensitive")
            << u"users"_s << QStringList { u"DELETE FROM t_users"_s, u"SELECT * FROM users"_s };
        QTest::newRow("all words") << u"select users"_s << QStringList { u"SELECT * FROM users"_s };
        QTest::newRow("target") << u"prod"_s << QStringList { u"DELETE FROM t_users"_s };
        QTest::newRow("underscore literal") << u"t_u"_s << QStringList { u"DELETE FROM t_users"_s };
        QTest::newRow("percent literal") << u"%"_s << QStringList {};
        QTest::newRow("no match") << u"nothing"_s << QStringList {};
    }

    void search()
    {
        QFETCH(QString, needle);
        QFETCH(QStringList, expected);
        Store::History history;
        QVERIFY(history.open(m_path).ok());
        const auto t0 = QDateTime::currentDateTimeUtc();
        QVERIFY(history.recordStarted(u"SELECT * FROM users"_s, u"dev"_s, t0).ok());
        QVERIFY(history.recordStarted(u"select * from orders"_s, u"dev"_s, t0.addSecs(1)).ok());
        QVERIFY(history.recordStarted(u"DELETE FROM t_users"_s, u"production"_s, t0.addSecs(2)).ok());

        const auto found = history.search(needle);
        QVERIFY(found.ok());
        QStringList texts;
        for (const auto &e : *found)
            texts.append(e.text);
        QCOMPARE(texts, expected);
    }

    void persistsAcrossReopenAndPrunes()
    {
        {
            Store::History history;
            QVERIFY(history.open(m_path).ok());
            for (int i = 0; i < 5; ++i)
                QVERIFY(history.recordStarted(u"SELECT %1"_s.arg(i), u"t"_s, QDateTime::currentDateTimeUtc().addSecs(i))
                            .ok());
        }
        Store::History reopened;
        QVERIFY(reopened.open(m_path).ok());
        QCOMPARE(reopened.search()->size(), 5);
        QVERIFY(reopened.prune(2).ok());
        const auto left = reopened.search();
        QCOMPARE(left->size(), 2);
        QCOMPARE(left->at(0).text, u"SELECT 4"_s);
        QCOMPARE(left->at(1).text, u"SELECT 3"_s);
        QVERIFY(reopened.remove(left->at(0).id).ok());
        QCOMPARE(reopened.search()->size(), 1);
    }

    void sharesFileWithOtherStores()
    {
        Store::History a;
        Store::History b;
        QVERIFY(a.open(m_path).ok());
        QVERIFY(b.open(m_path).ok());
        QVERIFY(a.recordStarted(u"SELECT 'a'"_s, u"t"_s).ok());
        QCOMPARE(b.search()->size(), 1); // WAL: the other connection sees the commit at once
    }

    // Issue 11: a password typed in a statement is never written to the history file (nor its WAL).
    void secretsAreRedactedBeforeWriting()
    {
        const QString secret = u"Hunter2-never-on-disk"_s;
        const QStringList statements { u"CREATE USER 'app'@'%' IDENTIFIED BY '"_s + secret + u"'"_s,
            u"ALTER USER app IDENTIFIED BY '"_s + secret + u"'"_s,
            u"GRANT SELECT ON db.* TO app IDENTIFIED BY '"_s + secret + u"'"_s,
            u"SET PASSWORD FOR app = PASSWORD('"_s + secret + u"')"_s };
        {
            Store::History history;
            QVERIFY(history.open(m_path).ok());
            for (const QString &sql : statements) {
                const auto id = history.recordStarted(sql, u"local"_s);
                QVERIFY(id.ok());
                const auto entry = history.entry(*id);
                QVERIFY(entry.ok());
                QVERIFY2(!entry->text.contains(secret), qPrintable(entry->text));
                QVERIFY(entry->text.contains(u"'<redacted>'"_s));
                QVERIFY(entry->text.startsWith(sql.left(8))); // still recognisable
            }
            QCOMPARE(history.search(u"IDENTIFIED"_s)->size(), 3);
            for (const QString &suffix : { QString(), u"-wal"_s }) {
                QFile file(m_path + suffix);
                if (file.open(QIODevice::ReadOnly)) {
                    const QByteArray bytes = file.readAll();
                    QVERIFY(!bytes.contains(secret.toUtf8()));
                    QVERIFY(!bytes.contains(secret.toUtf8().toHex()));
                }
            }
        }
    }

    void secretsInErrorsAreRedactedBeforeWriting()
    {
        // The server's syntax error quotes the statement from where it failed, secret included (MySQL 8 no
        // longer accepts GRANT … IDENTIFIED BY); cut after 80 characters, the start of the secret is left.
        const QString secret = u"Hunter3-never-on-disk"_s;
        const QString sql = u"GRANT SELECT ON db.* TO app IDENTIFIED BY '"_s + secret + u"'"_s;
        const QString whole = u"You have an error in your SQL syntax; check the manual that corresponds to your "
                              u"MySQL server version for the right syntax to use near 'IDENTIFIED BY '"_s
            + secret + u"'' at line 1"_s;
        const QString cut = u"You have an error in your SQL syntax; … near 'IDENTIFIED BY 'Hunter3-nev...' at line 1"_s;
        {
            Store::History history;
            QVERIFY(history.open(m_path).ok());
            for (const QString &error : { whole, cut }) {
                const auto id = history.recordStarted(sql, u"local"_s);
                QVERIFY(id.ok());
                QVERIFY(history.recordFinished(*id, 3, -1, error).ok());
                const auto entry = history.entry(*id);
                QVERIFY(entry.ok());
                QVERIFY2(!entry->error.contains(u"Hunter3"_s), qPrintable(entry->error));
                QVERIFY(entry->error.contains(u"'<redacted>"_s));
                QVERIFY(entry->error.startsWith(u"You have an error in your SQL syntax"_s));
            }
            // An error that quotes nothing secret is kept as it came.
            const auto plain = history.recordStarted(u"SELECT * FROM nowhere"_s, u"local"_s);
            QVERIFY(history.recordFinished(*plain, 1, -1, u"Table 'db.nowhere' doesn't exist"_s).ok());
            QCOMPARE(history.entry(*plain)->error, u"Table 'db.nowhere' doesn't exist"_s);
            for (const QString &suffix : { QString(), u"-wal"_s }) {
                QFile file(m_path + suffix);
                if (file.open(QIODevice::ReadOnly))
                    QVERIFY(!file.readAll().contains("Hunter3"));
            }
        }
    }

    void unwritableLocationIsAnError()
    {
        Store::History history;
        const auto result = history.open(u"/proc/branchdeck-cannot-exist/h.sqlite"_s);
        QVERIFY(!result.ok());
        QVERIFY(!result.error().message.isEmpty());
        QVERIFY(!history.isOpen());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"

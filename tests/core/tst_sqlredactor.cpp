#include "core/sqlredactor.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::SqlRedactor;

namespace {

// A password made to trip a naive redactor: quotes (escaped as SQL wants), keywords, a semicolon.
QString randomSecret(QRandomGenerator &random)
{
    static const QString alphabet = u"abcXYZ019_%$!;-#*/'\"\\ IDENTIFIED BY"_s;
    QString secret = u"S"_s + QString::number(random.generate() % 100000);
    const int length = 6 + int(random.bounded(20));
    for (int i = 0; i < length; ++i)
        secret += alphabet.at(random.bounded(alphabet.size()));
    return secret;
}

QString literal(const QString &secret, bool doubleQuotes)
{
    QString escaped = secret;
    escaped.replace(u'\\', u"\\\\"_s);
    return doubleQuotes ? u'"' + escaped.replace(u'"', u"\\\""_s) + u'"'
                        : u'\'' + escaped.replace(u'\'', u"''"_s) + u'\'';
}

// Every form the issue names, with %1 where the secret literal goes.
const QStringList &secretForms()
{
    static const QStringList forms {
        u"CREATE USER 'app'@'%' IDENTIFIED BY %1"_s,
        u"create user if not exists app@localhost identified by %1 password expire never"_s,
        u"ALTER USER 'app'@'%' IDENTIFIED BY %1"_s,
        u"ALTER USER app IDENTIFIED BY %1 REPLACE 'old-one-%2' RETAIN CURRENT PASSWORD"_s,
        u"CREATE USER u IDENTIFIED WITH caching_sha2_password BY %1"_s,
        u"CREATE USER u IDENTIFIED WITH mysql_native_password AS %1"_s,
        u"CREATE USER u IDENTIFIED BY PASSWORD %1"_s,
        u"CREATE USER u IDENTIFIED VIA ed25519 USING PASSWORD(%1) OR unix_socket"_s,
        u"ALTER USER u IDENTIFIED VIA mysql_native_password USING %1"_s,
        u"GRANT SELECT ON db.* TO 'u'@'%' IDENTIFIED BY %1"_s,
        u"SET PASSWORD = %1"_s,
        u"SET PASSWORD FOR 'u'@'%' = PASSWORD(%1)"_s,
        u"set password for u@localhost = %1"_s,
        u"SELECT PASSWORD(%1)"_s,
        u"SELECT OLD_PASSWORD(%1), 1"_s,
        u"CHANGE MASTER TO MASTER_HOST='h', MASTER_PASSWORD=%1, MASTER_PORT=3306"_s,
        u"CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'u', PASSWORD %1)"_s,
        u"/*!80000 CREATE USER u IDENTIFIED BY %1 */"_s,
        u"CREATE USER u IDENTIFIED BY _utf8mb4%1"_s,
        u"-- CREATE USER u IDENTIFIED BY %1\nSELECT 1"_s,
        u"/* ALTER USER u IDENTIFIED BY %1 */ SELECT 1"_s,
        u"SELECT 1; CREATE USER u IDENTIFIED BY %1; SELECT 2"_s,
    };
    return forms;
}

} // namespace

class TestSqlRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void masksTheSecret_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("create user") << u"CREATE USER 'a'@'%' IDENTIFIED BY 'p4ss'"_s
                                     << u"CREATE USER 'a'@'%' IDENTIFIED BY '<redacted>'"_s;
        QTest::newRow("two accounts")
            << u"CREATE USER a IDENTIFIED BY 'x1', 'b'@'h' IDENTIFIED BY \"x2\""_s
            << u"CREATE USER a IDENTIFIED BY '<redacted>', 'b'@'h' IDENTIFIED BY '<redacted>'"_s;
        QTest::newRow("replace") << u"ALTER USER a IDENTIFIED BY 'new' REPLACE 'old'"_s
                                 << u"ALTER USER a IDENTIFIED BY '<redacted>' REPLACE '<redacted>'"_s;
        QTest::newRow("via using")
            << u"ALTER USER a IDENTIFIED VIA ed25519 USING PASSWORD('pw') OR unix_socket"_s
            << u"ALTER USER a IDENTIFIED VIA ed25519 USING PASSWORD('<redacted>') OR unix_socket"_s;
        QTest::newRow("set password for")
            << u"SET PASSWORD FOR 'u'@'%' = 'pw'"_s << u"SET PASSWORD FOR 'u'@'%' = '<redacted>'"_s;
        QTest::newRow("adjacent literals")
            << u"CREATE USER a IDENTIFIED BY 'p' 'w'"_s << u"CREATE USER a IDENTIFIED BY '<redacted>' '<redacted>'"_s;
        QTest::newRow("nested call") << u"SELECT PASSWORD(CONCAT('a', 'b')), 'kept'"_s
                                     << u"SELECT PASSWORD(CONCAT('<redacted>', '<redacted>')), 'kept'"_s;
        QTest::newRow("comment") << u"# GRANT ALL ON *.* TO x IDENTIFIED BY 'pw'\nSELECT 'x'"_s
                                 << u"# GRANT ALL ON *.* TO x IDENTIFIED BY '<redacted>'\nSELECT 'x'"_s;
    }
    void masksTheSecret()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        QCOMPARE(SqlRedactor::redact(sql), expected);
    }

    // Statements without secrets come back byte for byte, including look-alikes in strings and identifiers.
    void leavesOtherTextAlone_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("select") << u"SELECT * FROM t WHERE name = 'IDENTIFIED BY x'"_s;
        QTest::newRow("identifier") << u"SELECT `identified`, `by` FROM t WHERE note = 'by'"_s;
        QTest::newRow("string mentions") << u"INSERT INTO log VALUES ('CREATE USER u IDENTIFIED BY ''p''')"_s;
        QTest::newRow("create user no secret") << u"CREATE USER 'u'@'%' IDENTIFIED VIA unix_socket"_s;
        QTest::newRow("grant") << u"GRANT SELECT ON `db\\_x`.* TO 'u'@'%'"_s;
        QTest::newRow("column list") << u"INSERT INTO users (name, password) VALUES ('ann', 'kept')"_s;
        QTest::newRow("replace into") << u"REPLACE INTO t VALUES ('a')"_s;
        QTest::newRow("unterminated") << u"SELECT 'abc"_s;
        QTest::newRow("empty") << QString();
    }
    void leavesOtherTextAlone()
    {
        QFETCH(QString, sql);
        QCOMPARE(SqlRedactor::redact(sql), sql);
    }

    // Property: in every form, with random secrets built to confuse a lexer, the secret never survives,
    // everything around it does, and redacting again changes nothing.
    void randomSecretsNeverSurvive()
    {
        QRandomGenerator random(20261202);
        for (int round = 0; round < 300; ++round) {
            const QString secret = randomSecret(random);
            for (const QString &form : secretForms()) {
                const bool doubleQuotes = random.bounded(2) == 1;
                const QString sql = form.arg(literal(secret, doubleQuotes), QString::number(round));
                const QString redacted = SqlRedactor::redact(sql);
                QVERIFY2(!redacted.contains(secret), qPrintable(sql + u" → "_s + redacted));
                QVERIFY2(redacted.contains(SqlRedactor::mask()), qPrintable(redacted));
                QVERIFY2(!redacted.contains(u"old-one"_s), qPrintable(redacted));
                QCOMPARE(SqlRedactor::redact(redacted), redacted);
                // The statement's shape stays readable: the text before the secret is unchanged.
                QVERIFY(redacted.startsWith(sql.left(form.indexOf(u"%1"_s))));
            }
        }
    }

    // A syntax error quotes the statement from where parsing stopped, cut after 80 characters ("near '…' at
    // line 1", MariaDB adds "..." when it cuts): whatever part of a secret the excerpt holds is masked.
    void serverMessagesLoseTheSecret()
    {
        QRandomGenerator random(20261203);
        for (int round = 0; round < 300; ++round) {
            const QString secret = randomSecret(random);
            for (const QString &form : secretForms()) {
                const QString secretLiteral = literal(secret, random.bounded(2) == 1);
                if (form.contains(u"/*"_s) && secretLiteral.contains(u"*/"_s))
                    continue; // the comment ends inside the literal: what follows is code, not this secret
                const QString sql = form.arg(secretLiteral, QString::number(round));
                const QStringList secrets = SqlRedactor::secrets(sql);
                QVERIFY2(secrets.contains(secretLiteral), qPrintable(sql));
                const qsizetype at = sql.indexOf(secretLiteral);
                const qsizetype from = random.bounded(int(at) + 1); // the error is at or before the secret
                const bool cut = sql.size() - from > 80;
                const QString excerpt = sql.mid(from, 80) + (cut && random.bounded(2) == 1 ? u"..."_s : QString());
                const QString message = u"You have an error in your SQL syntax; check the manual that corresponds to "
                                        u"your MariaDB server version for the right syntax to use near '"_s
                    + excerpt + u"' at line 1"_s;
                const QString redacted = SqlRedactor::redactMessage(message, secrets);
                const QString shown = sql.mid(at, qMin(at + secretLiteral.size(), from + 80) - at);
                if (shown.size() > 1) // at least the quote and one character of the secret
                    QVERIFY2(!redacted.contains(shown), qPrintable(message + u" → "_s + redacted));
                QVERIFY(redacted.startsWith(u"You have an error"_s));
            }
        }
        QCOMPARE(
            SqlRedactor::redactMessage(u"Access denied for user 'u'@'%'"_s, {}), u"Access denied for user 'u'@'%'"_s);
        QCOMPARE(SqlRedactor::redactMessage(u"near 'IDENTIFIED BY 'hunter22'' at line 1"_s, { u"'hunter22'"_s }),
            u"near 'IDENTIFIED BY '<redacted>'' at line 1"_s);
        QCOMPARE(SqlRedactor::redactMessage(u"near 'IDENTIFIED BY 'hunt...' at line 1"_s, { u"'hunter22'"_s }),
            u"near 'IDENTIFIED BY '<redacted>'...' at line 1"_s);
    }
};

QTEST_GUILESS_MAIN(TestSqlRedactor)
#include "tst_sqlredactor.moc"

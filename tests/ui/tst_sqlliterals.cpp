// Generated SQL literals mean the same bytes in every sql_mode: copy-as-INSERT / export output and the
// completion query are executed on the fixture's server under NO_BACKSLASH_ESCAPES and ANSI_QUOTES (and
// the default mode) and must round-trip random strings exactly: quotes, backslashes, NUL, control
// characters, injection attempts, four-byte characters and bytes that are not UTF-8.

#include "core/resultformatter.h"
#include "core/sqlliteral.h"
#include "core/sqlsplitter.h"
#include "sql/connection.h"
#include "testdb.h"
#include "testdboptions.h"
#include "ui/editor/completionfetcher.h"

#include <QRandomGenerator>
#include <QTest>

#include <mysql.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QStringList Modes { u"STRICT_ALL_TABLES"_s, u"STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES"_s,
    u"STRICT_ALL_TABLES,ANSI_QUOTES"_s, u"STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES,ANSI_QUOTES,ANSI"_s };

// Pieces that break naive escaping, glued together at random.
const QStringList Pieces { u"'"_s, u"''"_s, u"\\"_s, u"\\'"_s, u"\\\\"_s, u"\""_s, u"`"_s, QString(QChar(0)), u"\n"_s,
    u"\r\n"_s, u"\t"_s, QString(QChar(0x1a)), u"%"_s, u"_"_s, u"'); DROP TABLE t; -- "_s, u"\\'); --"_s, u"/*"_s,
    u"*/"_s, u"#"_s, u";"_s, u"é"_s, u"\u00a0"_s, u"\u2028"_s, u"😀"_s, u"\uFFFD"_s, u"abc"_s, u"X'41'"_s, u"_utf8mb4"_s,
    QString(QChar(0x7f)), QString(QChar(0x85)), u" "_s };

QString randomText(QRandomGenerator &random)
{
    QString text;
    const int pieces = int(random.bounded(8));
    for (int i = 0; i < pieces; ++i)
        text += Pieces.at(int(random.bounded(qsizetype(Pieces.size()))));
    return text;
}

QByteArray randomBytes(QRandomGenerator &random)
{
    QByteArray bytes(int(random.bounded(24)), '\0');
    for (char &b : bytes) {
        const quint32 kind = random.bounded(4);
        // Bias towards bytes that matter: quotes, backslash, NUL, UTF-8 lead and continuation bytes.
        static const char special[] = { '\'', '\\', '\0', '"', '`', '\xc3', '\xa9', '\xff', '\xed', '\xa0', '\x80' };
        b = kind == 0 ? special[random.bounded(int(sizeof special))] : char(random.bounded(256));
    }
    return bytes;
}

Core::ColumnInfo column(const QString &name, Core::ColumnKind kind)
{
    Core::ColumnInfo c;
    c.name = name;
    c.kind = kind;
    c.table = u"lit_rt"_s;
    return c;
}

bool run(Sql::Connection &c, const QString &sql, QString *error = nullptr)
{
    const auto done = c.execute(sql.toUtf8());
    if (!done && error)
        *error = done.error().message + u" in: "_s + sql.left(300);
    return done.ok();
}

// Every row of a query, each cell as bytes (null QByteArray for NULL).
QList<QList<QByteArray>> rows(Sql::Connection &c, const QString &sql)
{
    QList<QList<QByteArray>> out;
    const QByteArray utf8 = sql.toUtf8();
    if (mysql_real_query(c.handle(), utf8.constData(), static_cast<unsigned long>(utf8.size())) != 0)
        return out;
    MYSQL_RES *res = mysql_store_result(c.handle());
    if (!res)
        return out;
    const unsigned int fields = mysql_num_fields(res);
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
        const unsigned long *lengths = mysql_fetch_lengths(res);
        QList<QByteArray> cells;
        for (unsigned int f = 0; f < fields; ++f)
            cells.append(row[f] ? QByteArray(row[f], qsizetype(lengths[f])) : QByteArray());
        out.append(cells);
    }
    mysql_free_result(res);
    return out;
}

} // namespace

class TestSqlLiterals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_db = TestDb::fromEnvironment();
        QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
        auto opened = Sql::Connection::open(testDbOptions(m_db));
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
        m_connection = std::move(opened.value());
    }

    void literalsNeverCarryABackslash()
    {
        QRandomGenerator random(7);
        for (int i = 0; i < 2000; ++i) {
            const QString text = randomText(random);
            const QByteArray bytes = randomBytes(random);
            // (Identifiers may hold backslashes: inside backticks they are plain characters in every mode.)
            for (const QString &literal :
                { Core::SqlLiteral::string(text), Core::SqlLiteral::text(bytes), Core::SqlLiteral::binary(bytes) }) {
                QVERIFY2(!literal.contains(u'\\'), qPrintable(literal));
                // One token to the splitter, whichever quote it starts with.
                QCOMPARE(Core::SqlSplitter::split(QString(u"SELECT "_s + literal)).size(), 1);
            }
            QCOMPARE(
                Core::SqlSplitter::split(QString(u"SELECT 1 AS "_s + Core::SqlLiteral::identifier(text))).size(), 1);
        }
        QCOMPARE(Core::SqlLiteral::string(u"O'Brien"_s), u"'O''Brien'"_s);
        QCOMPARE(Core::SqlLiteral::string(u"a\\b"_s), u"_utf8mb4 X'615C62'"_s);
        QCOMPARE(Core::SqlLiteral::text(QByteArray("\xff\x27", 2)), u"X'FF27'"_s);
        QCOMPARE(Core::SqlLiteral::binary({}), u"X''"_s);
        QCOMPARE(Core::SqlLiteral::identifier(u"a`b"_s), u"`a``b`"_s);
    }

    // Copy as INSERT (and the SQL export, which writes the same rows) in every mode.
    void insertRoundTrip_data()
    {
        QTest::addColumn<QString>("mode");
        for (const QString &mode : Modes)
            QTest::newRow(qPrintable(mode)) << mode;
    }

    void insertRoundTrip()
    {
        QFETCH(QString, mode);
        QString error;
        QVERIFY2(run(*m_connection, u"SET SESSION sql_mode = '"_s + mode + u'\'', &error), qPrintable(error));
        QVERIFY(run(*m_connection, u"DROP TABLE IF EXISTS lit_rt"_s));
        QVERIFY(run(*m_connection,
            u"CREATE TABLE lit_rt (id INT PRIMARY KEY, t TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, "
            u"b BLOB, x BLOB, n DECIMAL(30,2))"_s));

        // id, text (valid UTF-8), binary bytes, "text" bytes that may not be UTF-8, a number.
        Core::ResultSet rs({ column(u"id"_s, Core::ColumnKind::Integer), column(u"t"_s, Core::ColumnKind::Text),
            column(u"b"_s, Core::ColumnKind::Binary), column(u"x"_s, Core::ColumnKind::Text),
            column(u"n"_s, Core::ColumnKind::Decimal) });
        QRandomGenerator random(quint32(qHash(mode)));
        QList<QList<QByteArray>> expected;
        const int count = 300;
        for (int i = 0; i < count; ++i) {
            QList<QByteArray> row { QByteArray::number(i + 1), randomText(random).toUtf8(), randomBytes(random),
                randomBytes(random), QByteArray::number(qint64(random.bounded(1000000)) - 500000) + ".25" };
            if (i % 17 == 3)
                row[1] = QByteArray(); // NULL
            if (i % 19 == 5)
                row[2] = QByteArray();
            expected.append(row);
            rs.appendRow(row);
        }
        const QString script = Core::ResultFormatter::format(Core::ResultFormat::SqlInsert, rs, u"lit_rt"_s);
        const auto statements = Core::SqlSplitter::split(script);
        QCOMPARE(statements.size(), count); // the splitter (backslash escapes on) reads one INSERT per row
        for (const auto &statement : statements)
            QVERIFY2(run(*m_connection, statement.text, &error), qPrintable(error));

        const auto back = rows(*m_connection, u"SELECT id, t, b, x, n FROM lit_rt ORDER BY id"_s);
        QCOMPARE(back.size(), count);
        for (int i = 0; i < count; ++i) {
            for (int c = 0; c < 5; ++c) {
                const QByteArray &want = expected[i][c];
                const QByteArray &got = back[i][c];
                QVERIFY2(want.isNull() == got.isNull() && want == got,
                    qPrintable(u"row %1 column %2: sent %3, got %4 via %5"_s.arg(i + 1).arg(c).arg(
                        QString::fromLatin1(want.toHex()), QString::fromLatin1(got.toHex()), statements[i].text)));
            }
        }
        QVERIFY(run(*m_connection, u"DROP TABLE lit_rt"_s));
    }

    // The completion query finds exactly the tables of a schema whose name is built to break out.
    void completionQuery_data()
    {
        QTest::addColumn<QString>("mode");
        for (const QString &mode : Modes)
            QTest::newRow(qPrintable(mode)) << mode;
    }

    void completionQuery()
    {
        QFETCH(QString, mode);
        const QStringList names { u"lit_q'); SELECT 1; --x"_s, u"lit_b\\' OR 1=1 --x"_s, u"lit_\"\"x"_s,
            u"lit_é\u00a0ü"_s }; // (identifiers are utf8mb3: no four-byte characters)
        QString error;
        QVERIFY(run(*m_connection, u"SET SESSION sql_mode = DEFAULT"_s));
        for (const QString &name : names) {
            QVERIFY2(run(*m_connection, u"DROP DATABASE IF EXISTS "_s + Core::SqlLiteral::identifier(name), &error),
                qPrintable(error));
            QVERIFY2(run(*m_connection, u"CREATE DATABASE "_s + Core::SqlLiteral::identifier(name), &error),
                qPrintable(error));
            QVERIFY2(
                run(*m_connection,
                    u"CREATE TABLE "_s + Core::SqlLiteral::identifier(name) + u".`only_here` (`c1` INT, `c2` INT)"_s,
                    &error),
                qPrintable(error));
        }
        QVERIFY2(run(*m_connection, u"SET SESSION sql_mode = '"_s + mode + u'\'', &error), qPrintable(error));
        for (const QString &name : names) {
            const auto got = rows(*m_connection, Ui::CompletionFetcher::columnsQuery(name));
            const QList<QList<QByteArray>> want { { "only_here", "c1" }, { "only_here", "c2" } };
            QVERIFY2(got == want, qPrintable(name + u": "_s + QString::number(got.size()) + u" rows"_s));
        }
        QVERIFY(run(*m_connection, u"SET SESSION sql_mode = DEFAULT"_s));
        for (const QString &name : names)
            QVERIFY(run(*m_connection, u"DROP DATABASE "_s + Core::SqlLiteral::identifier(name)));
    }

private:
    TestDb m_db;
    std::unique_ptr<Sql::Connection> m_connection;
};

QTEST_GUILESS_MAIN(TestSqlLiterals)
#include "tst_sqlliterals.moc"

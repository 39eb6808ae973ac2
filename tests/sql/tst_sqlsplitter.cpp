#include "core/sqlsplitter.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSqlSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void ranges_data();
    void ranges();
    void delimiterRecorded();
    void statementAt();
    void startsWithKeyword_data();
    void startsWithKeyword();
};

void TestSqlSplitter::split_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << u""_s << QStringList {};
    QTest::newRow("only whitespace and comments") << u"  -- nothing\n /* here */ # really\n"_s << QStringList {};
    QTest::newRow("single without delimiter") << u"SELECT 1"_s << QStringList { u"SELECT 1"_s };
    QTest::newRow("two statements") << u"SELECT 1; SELECT 2;"_s << QStringList { u"SELECT 1"_s, u"SELECT 2"_s };
    QTest::newRow("empty statements skipped") << u";;SELECT 1;;  ;"_s << QStringList { u"SELECT 1"_s };
    QTest::newRow("semicolon in single quotes")
        << u"SELECT 'a;b'; SELECT 2"_s << QStringList { u"SELECT 'a;b'"_s, u"SELECT 2"_s };
    QTest::newRow("semicolon in double quotes")
        << u"SELECT \"a;b\"; SELECT 2"_s << QStringList { u"SELECT \"a;b\""_s, u"SELECT 2"_s };
    QTest::newRow("backslash-escaped quote")
        << u"SELECT 'it\\'s;'; SELECT 2"_s << QStringList { u"SELECT 'it\\'s;'"_s, u"SELECT 2"_s };
    QTest::newRow("doubled quote") << u"SELECT 'it''s;'; SELECT 2"_s
                                   << QStringList { u"SELECT 'it''s;'"_s, u"SELECT 2"_s };
    QTest::newRow("backticks") << u"SELECT `we;ird``name` FROM t; SELECT 2"_s
                               << QStringList { u"SELECT `we;ird``name` FROM t"_s, u"SELECT 2"_s };
    QTest::newRow("backslash does not escape in backticks")
        << u"SELECT `a\\`; SELECT 2"_s << QStringList { u"SELECT `a\\`"_s, u"SELECT 2"_s };
    QTest::newRow("dash comment") << u"SELECT 1 -- not; split\n; SELECT 2"_s
                                  << QStringList { u"SELECT 1"_s, u"SELECT 2"_s };
    QTest::newRow("dash without space is minus")
        << u"SELECT 1--1; SELECT 2"_s << QStringList { u"SELECT 1--1"_s, u"SELECT 2"_s };
    QTest::newRow("hash comment") << u"# leading; comment\nSELECT 1; # trailing; one\nSELECT 2"_s
                                  << QStringList { u"SELECT 1"_s, u"SELECT 2"_s };
    QTest::newRow("block comment inside kept")
        << u"SELECT /* a;b */ 1; SELECT 2"_s << QStringList { u"SELECT /* a;b */ 1"_s, u"SELECT 2"_s };
    QTest::newRow("leading block comment dropped") << u"/* header; */ SELECT 1"_s << QStringList { u"SELECT 1"_s };
    QTest::newRow("versioned comment is a statement")
        << u"/*!40101 SET NAMES utf8mb4 */;\nSELECT 1;"_s
        << QStringList { u"/*!40101 SET NAMES utf8mb4 */"_s, u"SELECT 1"_s };
    QTest::newRow("mariadb executable comment")
        << u"/*M!100100 SET @a = 1 */; SELECT 1"_s << QStringList { u"/*M!100100 SET @a = 1 */"_s, u"SELECT 1"_s };
    QTest::newRow("vitess directive kept")
        << u"SELECT /*vt+ QUERY_TIMEOUT_MS=10 */ * FROM t; SELECT 2"_s
        << QStringList { u"SELECT /*vt+ QUERY_TIMEOUT_MS=10 */ * FROM t"_s, u"SELECT 2"_s };
    QTest::newRow("optimizer hint kept") << u"SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1"_s
                                         << QStringList { u"SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1"_s };
    QTest::newRow("unterminated quote runs to end")
        << u"SELECT 'abc; SELECT 2"_s << QStringList { u"SELECT 'abc; SELECT 2"_s };
    QTest::newRow("unterminated comment swallows the rest")
        << u"SELECT 1 /* ; SELECT 2"_s << QStringList { u"SELECT 1"_s };
    QTest::newRow("multi-line statement")
        << u"SELECT a,\n  b\nFROM t\nWHERE x = ';';\n"_s << QStringList { u"SELECT a,\n  b\nFROM t\nWHERE x = ';'"_s };
    QTest::newRow("non-ascii text") << u"SELECT 'grüße;é'; SELECT '日本'"_s
                                    << QStringList { u"SELECT 'grüße;é'"_s, u"SELECT '日本'"_s };

    QTest::newRow("delimiter for procedure")
        << u"DELIMITER //\n"
           "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND//\n"
           "DELIMITER ;\n"
           "CALL p();"_s
        << QStringList { u"CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND"_s, u"CALL p()"_s };
    QTest::newRow("delimiter for trigger")
        << u"delimiter $$\n"
           "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.a = ';$';\n  SET NEW.b = 2;\nEND $$\n"
           "delimiter ;\nINSERT INTO t VALUES (1);"_s
        << QStringList {
               u"CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.a = ';$';\n  SET NEW.b = 2;\nEND"_s,
               u"INSERT INTO t VALUES (1)"_s
           };
    QTest::newRow("delimiter inside a string is no command")
        << u"SELECT 'DELIMITER //'; SELECT 2"_s << QStringList { u"SELECT 'DELIMITER //'"_s, u"SELECT 2"_s };
    QTest::newRow("delimiter word delimiter") << u"DELIMITER GO\nSELECT 1 GO SELECT 2 go\nDELIMITER ;\nSELECT 3"_s
                                              << QStringList { u"SELECT 1"_s, u"SELECT 2"_s, u"SELECT 3"_s };
    QTest::newRow("delimiter function with comments")
        << u"DELIMITER ;;\n/* make f */\nCREATE FUNCTION f() RETURNS INT\n-- body; here\nRETURN 1;;\nDELIMITER ;"_s
        << QStringList { u"CREATE FUNCTION f() RETURNS INT\n-- body; here\nRETURN 1"_s };
    QTest::newRow("mysqldump trigger")
        << u"DELIMITER ;;\n/*!50003 CREATE*/ /*!50003 TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */;;\nDELIMITER ;\n"_s
        << QStringList { u"/*!50003 CREATE*/ /*!50003 TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */"_s };
}

void TestSqlSplitter::split()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    const QList<Core::SqlStatement> statements = Core::SqlSplitter::split(sql);
    QStringList texts;
    for (const Core::SqlStatement &s : statements) {
        texts << s.text;
        // The text is always exactly its range of the input.
        QCOMPARE(sql.mid(s.begin, s.end - s.begin), s.text);
    }
    QCOMPARE(texts, expected);
}

void TestSqlSplitter::ranges_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QList<qsizetype>>("bounds"); // begin, end pairs

    QTest::newRow("plain") << u"SELECT 1;\n  SELECT 22;"_s << QList<qsizetype> { 0, 8, 12, 21 };
    QTest::newRow("leading comment skipped") << u"-- c\nSELECT 1"_s << QList<qsizetype> { 5, 13 };
    QTest::newRow("after delimiter command") << u"DELIMITER $$\nSELECT 1$$"_s << QList<qsizetype> { 13, 21 };
}

void TestSqlSplitter::ranges()
{
    QFETCH(QString, sql);
    QFETCH(QList<qsizetype>, bounds);
    const QList<Core::SqlStatement> statements = Core::SqlSplitter::split(sql);
    QCOMPARE(statements.size() * 2, bounds.size());
    for (qsizetype i = 0; i < statements.size(); ++i) {
        QCOMPARE(statements[i].begin, bounds[2 * i]);
        QCOMPARE(statements[i].end, bounds[2 * i + 1]);
    }
}

void TestSqlSplitter::delimiterRecorded()
{
    const auto statements = Core::SqlSplitter::split(u"SELECT 1; DELIMITER //\nSELECT 2//"_s);
    QCOMPARE(statements.size(), 2);
    QCOMPARE(statements[0].delimiter, u";"_s);
    QCOMPARE(statements[1].delimiter, u"//"_s);
}

void TestSqlSplitter::statementAt()
{
    const auto statements = Core::SqlSplitter::split(u"SELECT 1;\nSELECT 2;\nSELECT 3"_s);
    QCOMPARE(Core::SqlSplitter::statementAt(statements, 0), 0);
    QCOMPARE(Core::SqlSplitter::statementAt(statements, 12), 1);
    QCOMPARE(Core::SqlSplitter::statementAt(statements, 100), 2);
    QCOMPARE(Core::SqlSplitter::statementAt({}, 3), -1);
}

void TestSqlSplitter::startsWithKeyword_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("isSelect");
    QTest::newRow("plain") << u"SELECT 1"_s << true;
    QTest::newRow("lowercase") << u"select 1"_s << true;
    QTest::newRow("comment and parenthesis") << u"/* x */ ((select 1))"_s << true;
    QTest::newRow("prefix of a longer word") << u"SELECTED"_s << false;
    QTest::newRow("insert select") << u"INSERT INTO t SELECT 1"_s << false;
}

void TestSqlSplitter::startsWithKeyword()
{
    QFETCH(QString, sql);
    QFETCH(bool, isSelect);
    QCOMPARE(Core::SqlSplitter::startsWithKeyword(sql, u"SELECT"), isSelect);
}

QTEST_GUILESS_MAIN(TestSqlSplitter)
#include "tst_sqlsplitter.moc"

#include "core/sqlclassifier.h"
#include "core/sqllexer.h"
#include "core/sqlsplitter.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::SqlClassifier;
using Core::StatementClass;
using Core::StatementKind;

Q_DECLARE_METATYPE(Core::StatementKind)

namespace {

struct Case
{
    QString sql;
    StatementKind kind;
    QString verb;
    QString destructive; // destructiveText()
};

// The corpus the table test and the property tests share.
const QList<Case> &corpus()
{
    using K = StatementKind;
    static const QList<Case> cases {
        { u"SELECT * FROM t"_s, K::Read, u"SELECT"_s, {} },
        { u"(SELECT 1) UNION (SELECT 2)"_s, K::Read, u"SELECT"_s, {} },
        { u"SELECT drop_count, `where` FROM t WHERE note = 'DELETE FROM x'"_s, K::Read, u"SELECT"_s, {} },
        { u"TABLE t"_s, K::Read, u"TABLE"_s, {} },
        { u"VALUES ROW(1, 2)"_s, K::Read, u"VALUES"_s, {} },
        { u"SHOW CREATE TABLE t"_s, K::Read, u"SHOW"_s, {} },
        { u"DESCRIBE t"_s, K::Read, u"DESCRIBE"_s, {} },
        { u"EXPLAIN DELETE FROM t"_s, K::Read, u"EXPLAIN"_s, {} },
        { u"EXPLAIN ANALYZE DELETE FROM t"_s, K::Write, u"EXPLAIN ANALYZE DELETE"_s, u"DELETE without WHERE"_s },
        { u"ANALYZE FORMAT=JSON UPDATE t SET a = 1 WHERE b = 2"_s, K::Write, u"ANALYZE UPDATE"_s, {} },
        { u"ANALYZE TABLE t"_s, K::Administration, u"ANALYZE TABLE"_s, {} },
        { u"WITH x AS (SELECT 1) SELECT * FROM x"_s, K::Read, u"SELECT"_s, {} },
        { u"WITH x AS (SELECT id FROM u WHERE a = 1) DELETE FROM t"_s, K::Write, u"DELETE"_s,
            u"DELETE without WHERE"_s },
        { u"INSERT INTO t SELECT * FROM u"_s, K::Write, u"INSERT"_s, {} },
        { u"REPLACE INTO t VALUES (1)"_s, K::Write, u"REPLACE"_s, {} },
        { u"LOAD DATA INFILE 'x' INTO TABLE t"_s, K::Write, u"LOAD DATA"_s, {} },
        { u"DELETE FROM t"_s, K::Write, u"DELETE"_s, u"DELETE without WHERE"_s },
        { u"DELETE FROM t WHERE id = 1"_s, K::Write, u"DELETE"_s, {} },
        { u"DELETE FROM t LIMIT 10"_s, K::Write, u"DELETE"_s, u"DELETE without WHERE"_s },
        { u"DELETE FROM t WHERE id IN (SELECT id FROM u)"_s, K::Write, u"DELETE"_s, {} },
        { u"UPDATE t SET a = 1"_s, K::Write, u"UPDATE"_s, u"UPDATE without WHERE"_s },
        { u"UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)"_s, K::Write, u"UPDATE"_s, u"UPDATE without WHERE"_s },
        { u"UPDATE t SET note = 'where', `where` = 2"_s, K::Write, u"UPDATE"_s, u"UPDATE without WHERE"_s },
        { u"update t set a = 'it\\'s where' where id = 3"_s, K::Write, u"UPDATE"_s, {} },
        { u"CREATE TABLE t (id INT PRIMARY KEY)"_s, K::Ddl, u"CREATE TABLE"_s, {} },
        { u"CREATE TEMPORARY TABLE tmp (id INT)"_s, K::Ddl, u"CREATE TABLE"_s, {} },
        { u"CREATE OR REPLACE TABLE t (id INT)"_s, K::Ddl, u"CREATE TABLE"_s, u"CREATE OR REPLACE TABLE"_s },
        { u"CREATE OR REPLACE VIEW v AS SELECT 1"_s, K::Ddl, u"CREATE VIEW"_s, {} },
        { u"CREATE DEFINER=`root`@`localhost` SQL SECURITY INVOKER VIEW v AS SELECT 1"_s, K::Ddl, u"CREATE VIEW"_s,
            {} },
        { u"CREATE DEFINER = user@localhost PROCEDURE p() BEGIN DELETE FROM t; END"_s, K::Ddl, u"CREATE PROCEDURE"_s,
            {} },
        { u"CREATE UNIQUE INDEX i ON t (a)"_s, K::Ddl, u"CREATE INDEX"_s, {} },
        { u"CREATE DATABASE d"_s, K::Ddl, u"CREATE DATABASE"_s, {} },
        { u"CREATE USER 'u'@'%' IDENTIFIED BY 'secret'"_s, K::Administration, u"CREATE USER"_s, {} },
        { u"ALTER TABLE t ADD COLUMN c INT"_s, K::Ddl, u"ALTER TABLE"_s, {} },
        { u"ALTER TABLE t DROP COLUMN c"_s, K::Ddl, u"ALTER TABLE"_s, u"ALTER TABLE … DROP COLUMN"_s },
        { u"ALTER TABLE t ADD x INT, DROP c"_s, K::Ddl, u"ALTER TABLE"_s, u"ALTER TABLE … DROP COLUMN"_s },
        { u"ALTER TABLE t DROP INDEX i, DROP FOREIGN KEY f, DROP PRIMARY KEY"_s, K::Ddl, u"ALTER TABLE"_s, {} },
        { u"ALTER TABLE t ALTER COLUMN c DROP DEFAULT"_s, K::Ddl, u"ALTER TABLE"_s, {} },
        { u"ALTER TABLE t ALTER c DROP DEFAULT"_s, K::Ddl, u"ALTER TABLE"_s, {} },
        { u"ALTER TABLE t DROP PARTITION p0"_s, K::Ddl, u"ALTER TABLE"_s, u"ALTER TABLE … DROP PARTITION"_s },
        { u"ALTER TABLE t TRUNCATE PARTITION p0"_s, K::Ddl, u"ALTER TABLE"_s, u"ALTER TABLE … TRUNCATE PARTITION"_s },
        { u"ALTER ONLINE TABLE t ENGINE=InnoDB"_s, K::Ddl, u"ALTER TABLE"_s, {} },
        { u"ALTER USER u IDENTIFIED BY 'x'"_s, K::Administration, u"ALTER USER"_s, {} },
        { u"DROP TABLE t"_s, K::Ddl, u"DROP TABLE"_s, u"DROP TABLE"_s },
        { u"/* cleanup */ -- x\n DROP DATABASE d"_s, K::Ddl, u"DROP DATABASE"_s, u"DROP DATABASE"_s },
        { u"DROP TEMPORARY TABLE tmp"_s, K::Ddl, u"DROP TABLE"_s, {} },
        { u"DROP VIEW IF EXISTS v"_s, K::Ddl, u"DROP VIEW"_s, u"DROP VIEW"_s },
        { u"DROP USER u"_s, K::Administration, u"DROP USER"_s, u"DROP USER"_s },
        { u"DROP PREPARE s"_s, K::Session, u"DROP PREPARE"_s, {} },
        { u"/*!40000 DROP TABLE t */"_s, K::Ddl, u"DROP TABLE"_s, u"DROP TABLE"_s },
        { u"/*!50003 CREATE*/ /*!50003 TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */"_s, K::Ddl,
            u"CREATE TRIGGER"_s, {} },
        { u"TRUNCATE TABLE t"_s, K::Ddl, u"TRUNCATE"_s, u"TRUNCATE"_s },
        { u"RENAME TABLE a TO b"_s, K::Ddl, u"RENAME TABLE"_s, {} },
        { u"BEGIN"_s, K::Transaction, u"BEGIN"_s, {} },
        { u"START TRANSACTION READ ONLY"_s, K::Transaction, u"START TRANSACTION"_s, {} },
        { u"COMMIT"_s, K::Transaction, u"COMMIT"_s, {} },
        { u"ROLLBACK TO SAVEPOINT s"_s, K::Transaction, u"ROLLBACK"_s, {} },
        { u"LOCK TABLES t WRITE"_s, K::Transaction, u"LOCK TABLES"_s, {} },
        { u"SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"_s, K::Transaction, u"SET TRANSACTION"_s, {} },
        { u"SET SESSION TRANSACTION READ ONLY"_s, K::Transaction, u"SET TRANSACTION"_s, {} },
        { u"USE demo"_s, K::Session, u"USE"_s, {} },
        { u"SET NAMES utf8mb4"_s, K::Session, u"SET"_s, {} },
        { u"SET @a = 1, sql_mode = ''"_s, K::Session, u"SET"_s, {} },
        { u"/*!40101 SET character_set_client = utf8 */"_s, K::Session, u"SET"_s, {} },
        { u"SET GLOBAL max_connections = 10"_s, K::Administration, u"SET GLOBAL"_s, {} },
        { u"SET @@global.max_connections = 10"_s, K::Administration, u"SET GLOBAL"_s, {} },
        { u"SET STATEMENT max_statement_time = 1 FOR DELETE FROM t"_s, K::Write, u"DELETE"_s,
            u"DELETE without WHERE"_s },
        { u"SET PASSWORD = 'x'"_s, K::Administration, u"SET PASSWORD"_s, {} },
        { u"GRANT SELECT ON d.* TO u"_s, K::Administration, u"GRANT"_s, {} },
        { u"KILL QUERY 12"_s, K::Administration, u"KILL"_s, {} },
        { u"OPTIMIZE TABLE t"_s, K::Administration, u"OPTIMIZE"_s, {} },
        { u"START REPLICA"_s, K::Administration, u"START REPLICA"_s, {} },
        { u"CALL p(1)"_s, K::Other, u"CALL"_s, {} },
        { u"BEGIN NOT ATOMIC SELECT 1; END"_s, K::Other, u"BEGIN NOT ATOMIC"_s, {} },
        { u"SELECT /*+ MAX_EXECUTION_TIME(10) */ 1"_s, K::Read, u"SELECT"_s, {} },
        { u"  -- nothing\n/* here */"_s, K::Empty, {}, {} },
    };
    return cases;
}

quint32 propertySeed()
{
    const quint32 seed = qEnvironmentVariableIsSet("BRANCHDECK_PROPERTY_SEED")
        ? quint32(qEnvironmentVariableIntValue("BRANCHDECK_PROPERTY_SEED"))
        : 20240613u;
    qInfo("property seed %u (set BRANCHDECK_PROPERTY_SEED to vary)", seed);
    return seed;
}

// Rebuilds a statement from its own tokens: significant tokens kept (words in random case), whitespace and
// comments between them replaced by random ones that hide keywords ("-- WHERE", "/* DROP */").
QString respaced(const QString &sql, QRandomGenerator &random)
{
    static const QStringList separators { u" "_s, u"\n"_s, u"\t "_s, u" /* WHERE; DROP */ "_s, u" -- WHERE x\n"_s,
        u" # TRUNCATE\n"_s, u"/**/"_s, u"\r\n  "_s };
    QString out;
    Core::SqlLexer lexer(sql, QString());
    bool inExecutable = false;
    bool first = true;
    while (!lexer.atEnd()) {
        const Core::SqlToken t = lexer.next();
        if (!t.isSignificant())
            continue;
        if (!first) // inside an executable comment a block comment would end it early: plain spaces there
            out += inExecutable ? u" "_s : separators.at(int(random.bounded(qsizetype(separators.size()))));
        first = false;
        QString text = lexer.text(t).toString();
        if (t.kind == Core::SqlTokenKind::Word)
            text = random.bounded(2) ? text.toLower() : text.toUpper();
        out += text;
        if (t.kind == Core::SqlTokenKind::ExecutableOpen)
            inExecutable = true;
        if (t.kind == Core::SqlTokenKind::ExecutableClose)
            inExecutable = false;
    }
    return out;
}

} // namespace

class TestSqlClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void facts();
    void propertyRespacingAndCaseChangeNothing();
    void propertySameInsideAScript();
    void propertyHiddenWhereDoesNotCount();
};

void TestSqlClassifier::classify_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<StatementKind>("kind");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("destructive");
    for (const Case &c : corpus())
        QTest::newRow(qPrintable(c.sql.simplified().left(60))) << c.sql << c.kind << c.verb << c.destructive;
}

void TestSqlClassifier::classify()
{
    QFETCH(QString, sql);
    const StatementClass c = SqlClassifier::classify(sql);
    QTEST(c.kind, "kind");
    QTEST(c.verb, "verb");
    QTEST(c.destructiveText(), "destructive");
    QCOMPARE(c.isDestructive(), !c.destructiveText().isEmpty());
}

void TestSqlClassifier::facts()
{
    QVERIFY(SqlClassifier::classify(u"CREATE TABLE t (a INT)"_s).changesSchema());
    QVERIFY(SqlClassifier::classify(u"TRUNCATE t"_s).changesSchema());
    QVERIFY(!SqlClassifier::classify(u"CREATE TEMPORARY TABLE t (a INT)"_s).changesSchema());
    QVERIFY(SqlClassifier::classify(u"CREATE TEMPORARY TABLE t (a INT)"_s).temporary);
    QVERIFY(!SqlClassifier::classify(u"INSERT INTO t VALUES (1)"_s).changesSchema());
    QVERIFY(!SqlClassifier::classify(u"CREATE USER u"_s).changesSchema());
    QCOMPARE(SqlClassifier::kindName(StatementKind::Ddl), u"Schema"_s);
    QCOMPARE(SqlClassifier::classify(u""_s), StatementClass());
}

void TestSqlClassifier::propertyRespacingAndCaseChangeNothing()
{
    QRandomGenerator random(propertySeed());
    for (int round = 0; round < 40; ++round) {
        for (const Case &c : corpus()) {
            const QString variant = respaced(c.sql, random);
            const StatementClass expected = SqlClassifier::classify(c.sql);
            if (SqlClassifier::classify(variant) != expected)
                QFAIL(qPrintable(u"%1 classifies unlike %2"_s.arg(variant, c.sql)));
        }
    }
}

// Split out of a script (any delimiter, comments around), each statement classifies as it does alone.
void TestSqlClassifier::propertySameInsideAScript()
{
    QRandomGenerator random(propertySeed());
    const QStringList delimiters { u";"_s, u"$$"_s, u"//"_s };
    for (int round = 0; round < 300; ++round) {
        const QString delimiter = delimiters.at(round % delimiters.size());
        QList<StatementClass> expected;
        QString script = delimiter == u";"_s ? QString() : u"DELIMITER "_s + delimiter + u'\n';
        const int count = 1 + int(random.bounded(6));
        for (int i = 0; i < count; ++i) {
            const Case &c = corpus().at(int(random.bounded(qsizetype(corpus().size()))));
            if (c.kind == StatementKind::Empty || (delimiter == u";"_s && c.sql.contains(u';')))
                continue;
            expected << SqlClassifier::classify(c.sql);
            script += respaced(c.sql, random) + delimiter + (random.bounded(2) ? u"\n"_s : u" -- next\n"_s);
        }
        const auto statements = Core::SqlSplitter::split(script);
        QList<StatementClass> actual;
        for (const auto &s : statements)
            actual << SqlClassifier::classify(s.text);
        if (actual != expected)
            QFAIL(qPrintable(u"statements of %1 classify differently"_s.arg(script)));
    }
}

// WHERE in a comment, a string, a quoted name or a subquery never makes DELETE/UPDATE safe.
void TestSqlClassifier::propertyHiddenWhereDoesNotCount()
{
    QRandomGenerator random(propertySeed());
    const QStringList hiding { u" -- WHERE id = 1\n"_s, u" /* WHERE */ "_s, u" # where\n"_s };
    const QStringList values { u"'WHERE'"_s, u"\"where\""_s, u"(SELECT 1 FROM u WHERE u.a = 1)"_s, u"`where`"_s };
    for (int round = 0; round < 500; ++round) {
        const QString hide = hiding.at(int(random.bounded(qsizetype(hiding.size()))));
        const QString value = values.at(int(random.bounded(qsizetype(values.size()))));
        const QString update = u"UPDATE t SET a = "_s + value + hide;
        const QString remove = u"DELETE FROM t"_s + hide + u"ORDER BY "_s + value;
        QCOMPARE(SqlClassifier::classify(update).destructive, Core::DestructiveReason::UpdateWithoutWhere);
        QCOMPARE(SqlClassifier::classify(remove).destructive, Core::DestructiveReason::DeleteWithoutWhere);
        QCOMPARE(
            SqlClassifier::classify(QString(update + u" WHERE id = 1"_s)).destructive, Core::DestructiveReason::None);
    }
}

QTEST_GUILESS_MAIN(TestSqlClassifier)
#include "tst_sqlclassifier.moc"

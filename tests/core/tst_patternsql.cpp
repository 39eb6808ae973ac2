// Core::PatternSql: the editor's statement and its Insights pattern meet on one canonical form; a pattern
// gets values for EXPLAIN; an index is suggested from its WHERE.

#include "core/patternsql.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Core;

class TstPatternSql : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statementMatchesItsPattern_data();
    void statementMatchesItsPattern();
    void differentStatementsDiffer();
    void sampleValues();
    void indexSuggestion_data();
    void indexSuggestion();
    void indexAdviceNeedsWastefulReads();
    void readable_data();
    void readable();
};

void TstPatternSql::statementMatchesItsPattern_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("digest");
    QTest::newRow("point") << u"select * from items where v = 10"_s << u"SELECT * FROM `items` WHERE `v` = ?"_s;
    QTest::newRow("string and comment") << u"SELECT note FROM items /* why */ WHERE note = 'it''s' -- x\n"_s
                                        << u"SELECT `note` FROM `items` WHERE `note` = ?"_s;
    QTest::newRow("in list") << u"SELECT id FROM t WHERE id IN (1, 2, 3)"_s
                             << u"SELECT `id` FROM `t` WHERE `id` IN (...)"_s;
    QTest::newRow("negative") << u"UPDATE t SET v = -5 WHERE id = 2"_s << u"UPDATE `t` SET `v` = - ? WHERE `id` = ?"_s;
    QTest::newRow("insert values") << u"insert into t values (1, 'a')"_s << u"INSERT INTO `t` VALUES (...)"_s;
}

void TstPatternSql::statementMatchesItsPattern()
{
    QFETCH(QString, typed);
    QFETCH(QString, digest);
    QCOMPARE(PatternSql::canonical(typed), PatternSql::canonical(digest));
}

void TstPatternSql::differentStatementsDiffer()
{
    QVERIFY(PatternSql::canonical(u"SELECT * FROM t WHERE a = 1"_s)
        != PatternSql::canonical(u"SELECT * FROM t WHERE b = 1"_s));
    QVERIFY(PatternSql::canonical(u"SELECT * FROM t WHERE a = 1"_s)
        != PatternSql::canonical(u"SELECT * FROM t WHERE a > 1"_s));
    QCOMPARE(PatternSql::canonical(u"SELECT * FROM t WHERE a = 1"_s), u"SELECT * FROM T WHERE A = ?"_s);
}

void TstPatternSql::sampleValues()
{
    QCOMPARE(PatternSql::withSampleValues(u"SELECT * FROM `items` WHERE `v` = ? LIMIT ?"_s),
        u"SELECT * FROM `items` WHERE `v` = 1 LIMIT 1"_s);
    QCOMPARE(PatternSql::withSampleValues(u"SELECT `id` FROM `t` WHERE `id` IN (...)"_s),
        u"SELECT `id` FROM `t` WHERE `id` IN (1)"_s);
    // A ? inside a quoted name is a name.
    QCOMPARE(
        PatternSql::withSampleValues(u"SELECT `a?` FROM `t` WHERE `x` = ?"_s), u"SELECT `a?` FROM `t` WHERE `x` = 1"_s);
}

void TstPatternSql::indexSuggestion_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("ddl");
    QTest::newRow("equality") << u"SELECT * FROM `items` WHERE `v` = ?"_s
                              << u"ALTER TABLE `items` ADD INDEX `idx_v` (`v`)"_s;
    QTest::newRow("equalities then range")
        << u"SELECT `id` FROM `orders` WHERE `created_at` > ? AND `status` = ? AND `customer_id` IN (...) ORDER BY `id`"_s
        << u"ALTER TABLE `orders` ADD INDEX `idx_status_customer_id_created_at` (`status`, `customer_id`, `created_at`)"_s;
    QTest::newRow("update") << u"UPDATE `t` SET `v` = ? WHERE `k` = ?"_s
                            << u"ALTER TABLE `t` ADD INDEX `idx_k` (`k`)"_s;
    QTest::newRow("qualified") << u"SELECT * FROM `shop` . `t` `x` WHERE `x` . `k` BETWEEN ? AND ?"_s
                               << u"ALTER TABLE `t` ADD INDEX `idx_k` (`k`)"_s;
    QTest::newRow("keyword names as the digest writes them")
        << u"SELECT ID FROM `items` WHERE NAME = ?"_s << u"ALTER TABLE `items` ADD INDEX `idx_name` (`name`)"_s;
    QTest::newRow("join: none") << u"SELECT * FROM `a` JOIN `b` ON `a`.`id` = `b`.`a_id` WHERE `b`.`v` = ?"_s
                                << QString();
    QTest::newRow("keyword table and column, as the digest upper-cases them")
        << u"SELECT * FROM EVENTS WHERE OWNER = ?"_s << u"ALTER TABLE `events` ADD INDEX `idx_owner` (`owner`)"_s;
    QTest::newRow("no where: none") << u"SELECT * FROM `a`"_s << QString();
    QTest::newRow("insert: none") << u"INSERT INTO `t` VALUES (...)"_s << QString();
}

void TstPatternSql::indexSuggestion()
{
    QFETCH(QString, sql);
    QFETCH(QString, ddl);
    const PatternSql::IndexSuggestion s = PatternSql::suggestIndex(sql);
    QCOMPARE(s.isValid() ? s.ddl() : QString(), ddl);
}

void TstPatternSql::indexAdviceNeedsWastefulReads()
{
    QueryPattern p;
    p.normalizedSql = u"SELECT * FROM `items` WHERE `v` = ?"_s;
    p.queryCount = 4;
    p.rowsRead = 400;
    p.rowsReturned = 8;
    p.rowsReadPerReturned = 50;
    QCOMPARE(PatternSql::indexAdvice(p).ddl(), u"ALTER TABLE `items` ADD INDEX `idx_v` (`v`)"_s);
    // The window's hint from 10 rows read per row returned; a standing recommendation from 100.
    QVERIFY(!PatternSql::indexAdvice(p, PatternSql::recommendIndexFrom).isValid());
    p.rowsReadPerReturned = 9.5;
    QVERIFY(!PatternSql::indexAdvice(p).isValid());
    // Returning nothing: judged by the rows read per query.
    p.rowsReturned = 0;
    p.rowsReadPerReturned = 400;
    QVERIFY(PatternSql::indexAdvice(p, PatternSql::recommendIndexFrom).isValid());
    p.rowsRead = 399;
    p.rowsReadPerReturned = 399;
    QVERIFY(PatternSql::indexAdvice(p).isValid());
    p.rowsReadPerReturned = 0;
    p.rowsRead = 39;
    QVERIFY(!PatternSql::indexAdvice(p).isValid());
    p.rowsRead = 40;
    QVERIFY(PatternSql::indexAdvice(p).isValid());
    // Wasteful but no WHERE to index: nothing.
    p.normalizedSql = u"SELECT * FROM `items`"_s;
    QVERIFY(!PatternSql::indexAdvice(p).isValid());
}

void TstPatternSql::readable_data()
{
    QTest::addColumn<QString>("digest");
    QTest::addColumn<QString>("shown");
    QTest::newRow("MariaDB digest")
        << u"INSERT INTO `orders` ( `customer_id` , `total` ) SELECT ? + `seq` % ? FROM `s` . `seq_1_to_9`"_s
        << u"INSERT INTO `orders` (`customer_id`, `total`) SELECT ? + `seq` % ? FROM `s`.`seq_1_to_9`"_s;
    QTest::newRow("function and list") << u"SELECT ? , COUNT ( * ) FROM `t` WHERE `id` IN ( ... )"_s
                                       << u"SELECT ?, COUNT (*) FROM `t` WHERE `id` IN (...)"_s;
    // Quoted text is one token: its spaces, commas and parentheses stay as they are.
    QTest::newRow("quoted") << u"SELECT `a , b` , 'x ( y )'  FROM\n\t`t`"_s << u"SELECT `a , b`, 'x ( y )' FROM `t`"_s;
    // Nothing is joined that was apart, nothing apart that was joined.
    QTest::newRow("placeholders") << u"SELECT :vtg1 , @@version"_s << u"SELECT :vtg1, @@version"_s;
    QTest::newRow("line comment") << u"SELECT 1 -- why\n , 2"_s << u"SELECT 1 -- why\n, 2"_s;
    QTest::newRow("already tidy") << u"SELECT `a`, `b` FROM `t` WHERE `a` = ?"_s
                                  << u"SELECT `a`, `b` FROM `t` WHERE `a` = ?"_s;
}

void TstPatternSql::readable()
{
    QFETCH(QString, digest);
    QFETCH(QString, shown);
    QCOMPARE(PatternSql::readable(digest), shown);
    // Read back, the shown text is the same pattern.
    QCOMPARE(PatternSql::canonical(shown), PatternSql::canonical(digest));
}

QTEST_GUILESS_MAIN(TstPatternSql)
#include "tst_patternsql.moc"

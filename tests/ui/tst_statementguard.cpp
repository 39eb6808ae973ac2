#include "ui/editor/statementguard.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestStatementGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reason_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("reason");
        QTest::newRow("select") << u"SELECT * FROM t"_s << QString();
        QTest::newRow("drop table") << u"drop table t"_s << u"DROP"_s;
        QTest::newRow("drop after comment") << u"/* cleanup */ -- x\n DROP DATABASE d"_s << u"DROP"_s;
        QTest::newRow("truncate") << u"TRUNCATE TABLE t"_s << u"TRUNCATE"_s;
        QTest::newRow("delete all") << u"DELETE FROM t"_s << u"DELETE without WHERE"_s;
        QTest::newRow("delete where") << u"DELETE FROM t WHERE id = 1"_s << QString();
        QTest::newRow("delete where commented") << u"DELETE FROM t -- WHERE id = 1"_s << u"DELETE without WHERE"_s;
        QTest::newRow("delete where in hash comment") << u"DELETE FROM t # WHERE id = 1"_s << u"DELETE without WHERE"_s;
        QTest::newRow("update all") << u"UPDATE t SET a = 1"_s << u"UPDATE without WHERE"_s;
        QTest::newRow("update where in string") << u"UPDATE t SET note = 'where'"_s << u"UPDATE without WHERE"_s;
        QTest::newRow("update where in ident") << u"UPDATE t SET `where` = 1"_s << u"UPDATE without WHERE"_s;
        QTest::newRow("update where") << u"update t set a = 1 where b = 2"_s << QString();
        QTest::newRow("escaped quote") << u"UPDATE t SET a = 'it\\'s where' WHERE id = 3"_s << QString();
        QTest::newRow("executable comment") << u"/*!40000 DROP TABLE t */"_s << u"DROP"_s;
        QTest::newRow("cte delete") << u"WITH x AS (SELECT 1) DELETE FROM t"_s << u"DELETE without WHERE"_s;
        QTest::newRow("insert") << u"INSERT INTO t SELECT * FROM u"_s << QString();
        QTest::newRow("empty") << u"  -- nothing"_s << QString();
        QTest::newRow("column named drop") << u"SELECT drop_count FROM t"_s << QString();
    }

    void reason()
    {
        QFETCH(QString, statement);
        QTEST(Ui::StatementGuard::destructiveReason(statement), "reason");
    }
};

QTEST_GUILESS_MAIN(TestStatementGuard)
#include "tst_statementguard.moc"

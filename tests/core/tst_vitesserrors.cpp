#include "core/vitesserrors.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Core::VitessErrors;

// The texts below are the ones a MySQL client receives, put together from Vitess' own format strings
// (vttablet: "Row count exceeded %d" as ERVitessMaxRowsExceeded 10001; vtgate's wrapping
// "target: KS.SHARD.TYPE: vttablet: rpc error: code = … desc = … (errno N) (sqlstate S) (CallerID: …): Sql: …";
// vtgate's VT07001 "kill statement execution not permitted." as errno 1095), and MariaDB's own errors that
// must not be mistaken for them.
class TestVitessErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowLimit_data()
    {
        QTest::addColumn<uint>("errorNumber");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("isRowLimit");
        QTest::addColumn<qint64>("limit"); // -1: none named

        QTest::newRow("vtgate, primary") << 10001u
                                         << u"target: shop.-.primary: vttablet: rpc error: code = Aborted desc = Row "
                                            "count exceeded 100000 (errno 10001) (sqlstate HY000) (CallerID: "
                                            "planetscale-admin): Sql: \"select * from orders\", BindVars: {}"_s
                                         << true << qint64(100000);
        QTest::newRow("vtgate, replica, resource exhausted")
            << 10001u
            << u"target: shop.-80.replica: vttablet: rpc error: code = ResourceExhausted desc = Row count exceeded "
               "100000 (errno 10001) (sqlstate HY000) (CallerID: 7m2x4q): Sql: \"select id from events\", "
               "BindVars: {}"_s
            << true << qint64(100000);
        QTest::newRow("vttablet alone") << 10001u << u"Row count exceeded 100000"_s << true << qint64(100000);
        QTest::newRow("another errno, vttablet text")
            << 1105u
            << u"vttablet: rpc error: code = Aborted desc = Row count exceeded "
               "10000 (errno 10001) (sqlstate HY000)"_s
            << true << qint64(10000);
        QTest::newRow("errno alone, other limit word") << 10001u << u"max rows exceeded"_s << true << qint64(-1);
        QTest::newRow("MariaDB: subquery more than 1 row")
            << 1242u << u"Subquery returns more than 1 row"_s << false << qint64(-1);
        QTest::newRow("MariaDB: too many rows into variable")
            << 1172u << u"Result consisted of more than one row"_s << false << qint64(-1);
        QTest::newRow("MariaDB: examined rows limit")
            << 1317u << u"Query execution was interrupted"_s << false << qint64(-1);
        QTest::newRow("another 10001 text") << 10001u << u"something else entirely"_s << false << qint64(-1);
        QTest::newRow("lower case is not vttablet's") << 1644u << u"row count exceeded 5"_s << false << qint64(-1);
    }

    void rowLimit()
    {
        QFETCH(uint, errorNumber);
        QFETCH(QString, message);
        QFETCH(bool, isRowLimit);
        QFETCH(qint64, limit);
        QCOMPARE(VitessErrors::isRowLimit(errorNumber, message), isRowLimit);
        const auto named = VitessErrors::rowLimit(message);
        QCOMPARE(named.value_or(-1), limit);
    }

    void killRefused_data()
    {
        QTest::addColumn<uint>("errorNumber");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("refused");

        QTest::newRow("vtgate VT07001") << 1095u << u"VT07001: kill statement execution not permitted."_s << true;
        QTest::newRow("vtgate, wrapped") << 1095u
                                         << u"VT07001: kill statement execution not permitted. (errno 1095) "
                                            "(sqlstate HY000) (CallerID: x): Sql: \"kill query 42\""_s
                                         << true;
        QTest::newRow("MariaDB: not owner") << 1095u << u"You are not owner of thread 42"_s << false;
        QTest::newRow("MariaDB: unknown thread") << 1094u << u"Unknown thread id: 42"_s << false;
    }

    void killRefused()
    {
        QFETCH(uint, errorNumber);
        QFETCH(QString, message);
        QFETCH(bool, refused);
        QCOMPARE(VitessErrors::isKillRefused(errorNumber, message), refused);
    }

    void olapStatement() { QCOMPARE(VitessErrors::olapStatement(), u"SET workload = olap"_s); }
};

QTEST_GUILESS_MAIN(TestVitessErrors)
#include "tst_vitesserrors.moc"

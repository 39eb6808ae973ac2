// Correctness of the diff as the server defines it: load A, apply diff(A, B), and every SHOW CREATE must
// equal B's as the same server prints it. Runs against the fixture's MariaDB through the mariadb client.

#include "schema/schemadiff.h"
#include "schema/schemaloader.h"
#include "serverschema.h"
#include "testdb.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QTest>

#include "roundtripcases.h"

using namespace Qt::StringLiterals;

class TstSchemaRoundtrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void realWorldSchema_data();
    void realWorldSchema();
    void detectedRenames_data();
    void detectedRenames();

private:
    void check(const QString &a, const QString &b, int expectLoss, const Schema::DiffOptions &options = {});
    static QString dataFile(const QString &name);

    TestDb m_db;
    int m_case = 0;
};

void TstSchemaRoundtrip::initTestCase()
{
    m_db = TestDb::fromEnvironment();
    if (!m_db.isValid())
        QFAIL(qPrintable(TestDb::missingReason()));
}

QString TstSchemaRoundtrip::dataFile(const QString &name)
{
    const QString root = QProcessEnvironment::systemEnvironment().value(u"BRANCHDECK_SOURCE_DIR"_s);
    QFile f(root + u"/tests/schema/data/"_s + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// expectLoss: 1 the diff must be flagged as able to lose data, 0 must not, -1 either.
void TstSchemaRoundtrip::check(const QString &a, const QString &b, int expectLoss, const Schema::DiffOptions &options)
{
    ServerSchema server(m_db.socket);
    const QString dbA = u"rt_%1_a"_s.arg(++m_case);
    const QString dbB = u"rt_%1_b"_s.arg(m_case);
    QVERIFY2(server.recreate(dbA) && server.recreate(dbB), qPrintable(server.lastError()));
    QVERIFY2(a.isEmpty() || server.run(dbA, a), qPrintable(u"loading A: "_s + server.lastError()));
    QVERIFY2(b.isEmpty() || server.run(dbB, b), qPrintable(u"loading B: "_s + server.lastError()));

    const QString textA = ServerSchema::script(server.dump(dbA));
    const QString textB = ServerSchema::script(server.dump(dbB));
    const auto modelA = Schema::SchemaLoader::fromScript(textA, dbA);
    QVERIFY2(modelA.ok(), qPrintable(modelA.ok() ? QString() : modelA.error().toString()));
    const auto modelB = Schema::SchemaLoader::fromScript(textB, dbB);
    QVERIFY2(modelB.ok(), qPrintable(modelB.ok() ? QString() : modelB.error().toString()));
    QVERIFY2(Schema::SchemaDiff::compare(*modelA, *modelA).isEmpty(), "diff(A, A) is not empty");
    QVERIFY2(Schema::SchemaDiff::compare(*modelB, *modelB).isEmpty(), "diff(B, B) is not empty");

    const Schema::SchemaDiffResult diff = Schema::SchemaDiff::compare(*modelA, *modelB, options);
    QCOMPARE(diff.isEmpty(), textA == textB);
    if (options.detectRenames)
        QVERIFY2(diff.toSql().contains(u"RENAME "_s) || diff.toSql().contains(u"CHANGE COLUMN "_s),
            qPrintable(u"no rename in:\n"_s + diff.toSql()));
    if (expectLoss >= 0)
        QVERIFY2(diff.canLoseData() == (expectLoss == 1), qPrintable(u"data-loss flag wrong for:\n"_s + diff.toSql()));
    QVERIFY2(diff.isEmpty() || server.run(dbA, diff.toSql()),
        qPrintable(u"applying the diff failed: "_s + server.lastError() + u"\n"_s + diff.toSql()));

    const QString applied = ServerSchema::script(server.dump(dbA));
    if (applied != textB)
        qWarning().noquote() << "diff was:\n" << diff.toSql();
    QCOMPARE(applied, textB);
    const auto modelApplied = Schema::SchemaLoader::fromScript(applied, dbA);
    QVERIFY(modelApplied.ok());
    QVERIFY(Schema::SchemaDiff::compare(*modelApplied, *modelB).isEmpty());
    server.drop(dbA);
    server.drop(dbB);
}

void TstSchemaRoundtrip::roundTrip_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("loss");
    for (const RoundTripCase &c : roundTripCases()) {
        QTest::newRow(c.name) << QString::fromUtf8(c.a) << QString::fromUtf8(c.b) << c.loss;
        QTest::addRow("%s (reverse)", c.name) << QString::fromUtf8(c.b) << QString::fromUtf8(c.a) << -1;
    }
}

void TstSchemaRoundtrip::roundTrip()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, loss);
    check(a, b, loss);
}

void TstSchemaRoundtrip::realWorldSchema_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    const QString v1 = dataFile(u"shop_v1.sql"_s);
    const QString v2 = dataFile(u"shop_v2.sql"_s);
    QTest::newRow("v1 -> v2") << v1 << v2;
    QTest::newRow("v2 -> v1") << v2 << v1;
    QTest::newRow("empty -> v2") << QString() << v2;
    QTest::newRow("v1 -> empty") << v1 << QString();
}

void TstSchemaRoundtrip::realWorldSchema()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QVERIFY(!a.isEmpty() || !b.isEmpty());
    check(a, b, -1);
}

// --detect-renames: the renames are emitted, nothing is lost, and the result is still exactly B.
void TstSchemaRoundtrip::detectedRenames_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    const QList<std::pair<const char *, std::pair<const char *, const char *>>> cases = {
        { "column",
            { "CREATE TABLE t (id int, old_name varchar(10), b int);",
                "CREATE TABLE t (id int, new_name varchar(10), b int);" } },
        { "column moved and indexed",
            { "CREATE TABLE t (id int, old_name varchar(10), b int, KEY k (old_name), KEY kb (b));",
                "CREATE TABLE t (id int, b int, new_name varchar(10), KEY k (new_name), KEY kb (b));" } },
        { "index",
            { "CREATE TABLE t (a int, b int, KEY ka (a), UNIQUE KEY ub (b));",
                "CREATE TABLE t (a int, b int, KEY ka2 (a), UNIQUE KEY ub2 (b));" } },
        { "column and index",
            { "CREATE TABLE t (id int PRIMARY KEY, qty int NOT NULL, KEY k_qty (qty));",
                "CREATE TABLE t (id int PRIMARY KEY, quantity int NOT NULL, KEY k_quantity (quantity));" } },
    };
    for (const auto &[name, pair] : cases) {
        QTest::newRow(name) << QString::fromUtf8(pair.first) << QString::fromUtf8(pair.second);
        QTest::addRow("%s (reverse)", name) << QString::fromUtf8(pair.second) << QString::fromUtf8(pair.first);
    }
}

void TstSchemaRoundtrip::detectedRenames()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    check(a, b, 0, { .detectRenames = true });
}

QTEST_GUILESS_MAIN(TstSchemaRoundtrip)
#include "tst_schema_roundtrip.moc"

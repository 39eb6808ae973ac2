#include "core/resultset.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QList<Core::ColumnInfo> columns(int count)
{
    QList<Core::ColumnInfo> out;
    for (int i = 0; i < count; ++i) {
        Core::ColumnInfo c;
        c.name = u"c"_s + QString::number(i);
        c.kind = Core::ColumnKind::Text;
        out << c;
    }
    return out;
}

} // namespace

class TestResultSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cells_data();
    void cells();
    void nullDistinctFromEmpty();
    void binaryKeptAsBytes();
    void appendBatches();
    void implicitSharing();
    void clearAndMemory();
    void rawRowAppend();
    void wideBlocks();
    void manyRowsAcrossBlocks();
    void rowAtOffset();
    void bigResultStaysCloseToPayload();
};

void TestResultSet::cells_data()
{
    QTest::addColumn<QList<QByteArray>>("row");
    QTest::newRow("ascii") << QList<QByteArray> { "1"_ba, "hello"_ba, "12345678901234567890.12"_ba };
    QTest::newRow("utf8") << QList<QByteArray> { "ä"_ba, "日本語"_ba, ""_ba };
    QTest::newRow("nulls") << QList<QByteArray> { QByteArray(), "x"_ba, QByteArray() };
}

void TestResultSet::cells()
{
    QFETCH(QList<QByteArray>, row);
    Core::ResultSet rs(columns(3));
    QVERIFY(rs.appendRow(row));
    QVERIFY(rs.appendRow(row));
    QCOMPARE(rs.rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(rs.isNull(r, c), row[c].isNull());
            QCOMPARE(rs.cellBytes(r, c), row[c].isNull() ? QByteArray() : row[c]);
            QCOMPARE(rs.cellText(r, c), row[c].isNull() ? QString() : QString::fromUtf8(row[c]));
        }
    }
}

void TestResultSet::nullDistinctFromEmpty()
{
    Core::ResultSet rs(columns(1));
    QVERIFY(rs.appendRow(QList<QByteArray> { QByteArray() }));
    QVERIFY(rs.appendRow(QList<QByteArray> { ""_ba }));
    QVERIFY(rs.isNull(0, 0));
    QVERIFY(!rs.isNull(1, 0));
    QVERIFY(rs.cellText(0, 0).isNull());
    QVERIFY(!rs.cellText(1, 0).isNull());
    QVERIFY(rs.cellText(1, 0).isEmpty());
}

void TestResultSet::binaryKeptAsBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    Core::ResultSet rs(columns(2));
    QVERIFY(rs.appendRow(QList<QByteArray> { bytes, "\0\0"_ba }));
    QCOMPARE(rs.cellBytes(0, 0), bytes);
    QCOMPARE(rs.cell(0, 1).size(), 2);
}

void TestResultSet::appendBatches()
{
    Core::ResultSet all(columns(2));
    qsizetype expectedRows = 0;
    for (int b = 0; b < 5; ++b) {
        Core::ResultSet batch(columns(2));
        for (int r = 0; r < 100 + b; ++r) {
            const QByteArray v = QByteArray::number(b * 1000 + r);
            QVERIFY(batch.appendRow(QList<QByteArray> { v, r % 7 == 0 ? QByteArray() : v + "x" }));
        }
        expectedRows += batch.rowCount();
        QVERIFY(all.append(batch));
    }
    QCOMPARE(all.rowCount(), expectedRows);
    qsizetype row = 0;
    for (int b = 0; b < 5; ++b) {
        for (int r = 0; r < 100 + b; ++r, ++row) {
            const QByteArray v = QByteArray::number(b * 1000 + r);
            QCOMPARE(all.cellBytes(row, 0), v);
            QCOMPARE(all.isNull(row, 1), r % 7 == 0);
            if (r % 7 != 0)
                QCOMPARE(all.cellBytes(row, 1), v + "x");
        }
    }
    Core::ResultSet wrongShape(columns(3));
    QVERIFY(wrongShape.appendRow(QList<QByteArray> { "a"_ba, "b"_ba, "c"_ba }));
    QVERIFY(!all.append(wrongShape));
    QCOMPARE(all.rowCount(), expectedRows);
}

void TestResultSet::implicitSharing()
{
    Core::ResultSet a(columns(1));
    QVERIFY(a.appendRow(QList<QByteArray> { "one"_ba }));
    Core::ResultSet b = a;
    QVERIFY(b.appendRow(QList<QByteArray> { "two"_ba }));
    QCOMPARE(a.rowCount(), 1);
    QCOMPARE(b.rowCount(), 2);
    QCOMPARE(a.cellBytes(0, 0), "one"_ba);
    QCOMPARE(b.cellBytes(1, 0), "two"_ba);
}

void TestResultSet::clearAndMemory()
{
    Core::ResultSet rs(columns(4));
    const QByteArray value(40, 'x');
    for (int r = 0; r < 10000; ++r)
        QVERIFY(rs.appendRow(QList<QByteArray> { value, value, value, value }));
    QCOMPARE(rs.payloadBytes(), qsizetype(10000) * 4 * 40);
    rs.squeeze();
    // Payload plus a 16-bit offset per cell and 16 bytes per 64 cells, and little else.
    QVERIFY2(rs.memoryUsage() <= rs.payloadBytes() + 10000 * 4 * 2 + (10000 / 64 + 1) * 4 * 16 + 1024,
        qPrintable(QString::number(rs.memoryUsage())));
    rs.clear();
    QCOMPARE(rs.rowCount(), 0);
    QCOMPARE(rs.columnCount(), 4);
    QVERIFY(rs.appendRow(QList<QByteArray> { "a"_ba, QByteArray(), ""_ba, "d"_ba }));
    QCOMPARE(rs.cellBytes(0, 0), "a"_ba);
    QVERIFY(rs.isNull(0, 1));
    rs.releaseRows();
    QVERIFY(rs.memoryUsage() < 4096);
}

void TestResultSet::rawRowAppend()
{
    Core::ResultSet rs(columns(3));
    const char *values[] = { "abc", nullptr, "" };
    const unsigned long lengths[] = { 3, 0, 0 };
    QVERIFY(rs.appendRow(values, lengths));
    QCOMPARE(rs.cellBytes(0, 0), "abc"_ba);
    QVERIFY(rs.isNull(0, 1));
    QVERIFY(!rs.isNull(0, 2));
    QCOMPARE(rs.cell(0, 2).size(), 0);
}

void TestResultSet::wideBlocks()
{
    // Cells of 30 KB: a block of 64 rows spans far more than 64 KiB, so its offsets need 32 bits.
    Core::ResultSet rs(columns(2));
    QList<QByteArray> expected;
    for (int r = 0; r < 200; ++r) {
        const QByteArray big(r % 5 == 0 ? 0 : 30000 + r, char('a' + r % 26));
        expected.append(r % 9 == 0 ? QByteArray() : big);
        QVERIFY(rs.appendRow(QList<QByteArray> { expected.last(), QByteArray::number(r) }));
    }
    Core::ResultSet copy(columns(2));
    QVERIFY(copy.appendRow(QList<QByteArray> { "first"_ba, "0"_ba }));
    QVERIFY(copy.append(rs)); // re-blocked at a different alignment
    for (int r = 0; r < 200; ++r) {
        QCOMPARE(rs.isNull(r, 0), expected[r].isNull());
        QCOMPARE(rs.cellBytes(r, 0), expected[r].isNull() ? QByteArray() : expected[r]);
        QCOMPARE(rs.cellBytes(r, 1), QByteArray::number(r));
        QCOMPARE(copy.isNull(r + 1, 0), expected[r].isNull());
        QCOMPARE(copy.cell(r + 1, 0).size(), expected[r].size());
        QCOMPARE(copy.cellBytes(r + 1, 1), QByteArray::number(r));
    }
    QCOMPARE(copy.cellBytes(0, 0), "first"_ba);
}

void TestResultSet::manyRowsAcrossBlocks()
{
    // Batches of odd sizes appended into one set: blocks of 64 rows no longer line up with the batches.
    Core::ResultSet all(columns(2));
    int next = 0;
    for (int size : { 1, 63, 64, 65, 127, 3, 200 }) {
        Core::ResultSet batch(columns(2));
        for (int i = 0; i < size; ++i, ++next)
            QVERIFY(batch.appendRow(QList<QByteArray> {
                next % 3 == 0 ? QByteArray() : QByteArray::number(next), next % 4 == 0 ? ""_ba : "v"_ba }));
        QVERIFY(all.append(batch));
    }
    QCOMPARE(all.rowCount(), next);
    for (int r = 0; r < next; ++r) {
        QCOMPARE(all.isNull(r, 0), r % 3 == 0);
        if (r % 3 != 0)
            QCOMPARE(all.cellBytes(r, 0), QByteArray::number(r));
        QVERIFY(!all.isNull(r, 1));
        QCOMPARE(all.cellBytes(r, 1), r % 4 == 0 ? ""_ba : "v"_ba);
    }
}

void TestResultSet::rowAtOffset()
{
    Core::ResultSet rs(columns(1));
    // Rows: "ab", NULL, "", "cde", then 100 rows of "x".
    QVERIFY(rs.appendRow(QList<QByteArray> { "ab"_ba }));
    QVERIFY(rs.appendRow(QList<QByteArray> { QByteArray() }));
    QVERIFY(rs.appendRow(QList<QByteArray> { ""_ba }));
    QVERIFY(rs.appendRow(QList<QByteArray> { "cde"_ba }));
    for (int i = 0; i < 100; ++i)
        QVERIFY(rs.appendRow(QList<QByteArray> { "x"_ba }));
    QCOMPARE(rs.columnBytes(0).first(5), QByteArrayView("abcde"));
    QCOMPARE(rs.columnBytes(0).size(), 105);
    QCOMPARE(rs.rowAtOffset(0, 0), 0);
    QCOMPARE(rs.rowAtOffset(0, 1), 0);
    QCOMPARE(rs.rowAtOffset(0, 2), 3); // empty and NULL cells own no byte
    QCOMPARE(rs.rowAtOffset(0, 4), 3);
    QCOMPARE(rs.rowAtOffset(0, 5), 4);
    QCOMPARE(rs.rowAtOffset(0, 104), 103);
    QCOMPARE(rs.rowAtOffset(0, 105), -1);
    QCOMPARE(rs.rowAtOffset(0, -1), -1);
}

void TestResultSet::bigResultStaysCloseToPayload()
{
    // About the shape of the benchmark rows: 8 columns, ~118 bytes a row. Memory while growing (spare
    // capacity included) stays within 1.2x of the payload.
    Core::ResultSet rs(columns(8));
    for (int r = 0; r < 200000; ++r) {
        const QByteArray id = QByteArray::number(r);
        QVERIFY(rs.appendRow(QList<QByteArray> { id, QByteArray::number(r * 7919 % 1000003 - 500000),
            "user-" + id + "@example.com", QByteArray::number(r % 100000) + ".25", "2020-01-01 00:00:00",
            QByteArray::number(r / 7.0), QByteArray::number(r % 128), QByteArray(40, 'f') }));
    }
    const double ratio = double(rs.memoryUsage()) / double(rs.payloadBytes());
    QVERIFY2(ratio <= 1.2, qPrintable(QString::number(ratio)));
}

QTEST_GUILESS_MAIN(TestResultSet)
#include "tst_resultset.moc"

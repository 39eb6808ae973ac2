#include "core/cancelflag.h"
#include "core/cellcomparator.h"
#include "core/resultsorter.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace Qt::StringLiterals;
using Core::SortKey;

namespace {

Core::ColumnInfo column(Core::ColumnKind kind, quint32 decimals = 0, quint32 charset = 45)
{
    Core::ColumnInfo c;
    c.name = u"c"_s;
    c.kind = kind;
    c.decimals = decimals;
    c.charset = charset; // 45: utf8mb4_general_ci
    return c;
}

// One column of values (null QByteArray = NULL), split into chunks of `chunkRows` rows.
Core::ResultChunks oneColumn(const Core::ColumnInfo &info, const QList<QByteArray> &values, int chunkRows = 3)
{
    Core::ResultChunks rows({ info });
    Core::ResultSet chunk({ info });
    for (const auto &v : values) {
        chunk.appendRow(QList<QByteArray> { v });
        if (chunk.rowCount() == chunkRows) {
            rows.append(chunk);
            chunk = Core::ResultSet({ info });
        }
    }
    rows.append(chunk);
    return rows;
}

QList<QByteArray> sortedValues(const Core::ResultChunks &rows, const QList<SortKey> &keys, int column = 0)
{
    const auto sorted = Core::ResultSorter::sort(rows, keys, Core::CancelFlag());
    if (!sorted.ok())
        return { "error: " + sorted.error().toString().toUtf8() };
    QList<QByteArray> out;
    for (const quint32 row : *sorted)
        out.append(rows.isNull(row, column) ? QByteArray() : rows.cell(row, column).toByteArray());
    return out;
}

SortKey key(int column, Qt::SortOrder order = Qt::AscendingOrder, Core::NullOrder nulls = Core::NullOrder::Smallest,
    Core::TextOrder text = Core::TextOrder::Column)
{
    return SortKey { column, order, nulls, text };
}

QList<QByteArray> reversed(QList<QByteArray> list)
{
    std::reverse(list.begin(), list.end());
    return list;
}

} // namespace

class TestResultSorter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keyTypes_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<quint32>("charset");
        QTest::addColumn<QList<QByteArray>>("ascending"); // the input is this, shuffled
        using K = Core::ColumnKind;
        QTest::newRow("signed") << int(K::Integer) << 0 << 63u
                                << QList<QByteArray> { "-9223372036854775808", "-500000", "-2", "0", "7", "10", "99",
                                       "9223372036854775807" };
        QTest::newRow("unsigned") << int(K::UnsignedInteger) << 0 << 63u
                                  << QList<QByteArray> { "0", "9", "10", "9223372036854775808",
                                         "18446744073709551615" };
        QTest::newRow("decimal exact") << int(K::Decimal) << 2 << 63u
                                       << QList<QByteArray> { "-100.00", "-1.50", "-1.05", "0.00", "0.01", "9.99",
                                              "10.00" };
        QTest::newRow("decimal wide") << int(K::Decimal) << 30 << 63u
                                      << QList<QByteArray> { "-12345678901234567890123.000000000000000000000000000001",
                                             "-1.000000000000000000000000000000", "0.000000000000000000000000000001",
                                             "0.000000000000000000000000000002",
                                             "99999999999999999999999999999999999.000000000000000000000000000000" };
        QTest::newRow("float") << int(K::Float) << 31 << 63u
                               << QList<QByteArray> { "-1e+300", "-1.5", "-1e-7", "0", "1e-7", "2.5", "10", "3e+20" };
        QTest::newRow("date") << int(K::Date) << 0 << 63u
                              << QList<QByteArray> { "0000-00-00", "0999-12-31", "2020-01-31", "2020-02-01",
                                     "9999-12-31" };
        QTest::newRow("time") << int(K::Time) << 6 << 63u
                              << QList<QByteArray> { "-838:59:59.000000", "-00:00:01.000000", "-00:00:00.500000",
                                     "00:00:00.000000", "00:00:00.000001", "09:00:00.000000", "100:00:00.000000" };
        QTest::newRow("datetime") << int(K::DateTime) << 3 << 63u
                                  << QList<QByteArray> { "1970-01-01 00:00:00.000", "1970-01-01 00:00:00.001",
                                         "1999-12-31 23:59:59.999", "2000-01-01 00:00:00.000",
                                         "2038-01-19 03:14:08.000" };
        QTest::newRow("bit") << int(K::Bit) << 0 << 63u
                             << QList<QByteArray> { QByteArray("\x00\x00", 2), QByteArray("\x00\x01", 2),
                                    QByteArray("\x00\xff", 2), QByteArray("\x01\x00", 2), QByteArray("\xff\xff", 2) };
        QTest::newRow("binary bytes") << int(K::Binary) << 0 << 63u
                                      << QList<QByteArray> { QByteArray("\x00", 1), QByteArray("\x00\x00", 2), "A", "a",
                                             QByteArray("\xc3\xa9", 2), QByteArray("\xff", 1) };
        QTest::newRow("text by bytes (_bin)")
            << int(K::Text) << 0 << 46u // utf8mb4_bin
            << QList<QByteArray> { "", "Apple", "Zebra", "apple", "user-10@x", "user-2@x", "zebra", "Émile" };
        QTest::newRow("text ignoring case (_ci)")
            << int(K::Text) << 0 << 45u
            << QList<QByteArray> { "", "apple", "Banana", "cherry", "user-10@x", "user-2@x", "zebra", "émile" };
    }

    void keyTypes()
    {
        QFETCH(int, kind);
        QFETCH(int, decimals);
        QFETCH(quint32, charset);
        QFETCH(QList<QByteArray>, ascending);
        QList<QByteArray> input = ascending;
        std::mt19937 shuffle(42);
        std::shuffle(input.begin(), input.end(), shuffle);
        const auto info = column(Core::ColumnKind(kind), quint32(decimals), charset);
        const auto rows = oneColumn(info, input);
        QCOMPARE(sortedValues(rows, { key(0) }), ascending);
        QCOMPARE(sortedValues(rows, { key(0, Qt::DescendingOrder) }), reversed(ascending));
        // The comparator agrees with the order (filters and statistics use it).
        const Core::CellComparator compare(info);
        for (qsizetype i = 1; i < ascending.size(); ++i)
            QVERIFY2(compare.compare(ascending[i - 1], ascending[i]) < 0, ascending[i].constData());
    }

    void caseInsensitiveTiesKeepTheirOrder()
    {
        const auto info = column(Core::ColumnKind::Text);
        const auto rows = oneColumn(info, { "b", "A", "B", "a", "ä", "Ä", "a" });
        QCOMPARE(sortedValues(rows, { key(0) }), (QList<QByteArray> { "A", "a", "a", "b", "B", "ä", "Ä" }));
        QCOMPARE(sortedValues(rows, { key(0, Qt::DescendingOrder) }),
            (QList<QByteArray> { "ä", "Ä", "b", "B", "A", "a", "a" }));
        // Asked for bytes explicitly: upper case first.
        QCOMPARE(sortedValues(rows, { key(0, Qt::AscendingOrder, Core::NullOrder::Smallest, Core::TextOrder::Binary) }),
            (QList<QByteArray> { "A", "B", "a", "a", "b", "Ä", "ä" }));
    }

    void nullPlacement()
    {
        const auto info = column(Core::ColumnKind::Integer);
        const auto rows = oneColumn(info, { "3", QByteArray(), "1", QByteArray(), "2" });
        const QByteArray null;
        QCOMPARE(sortedValues(rows, { key(0) }), (QList<QByteArray> { null, null, "1", "2", "3" }));
        QCOMPARE(
            sortedValues(rows, { key(0, Qt::DescendingOrder) }), (QList<QByteArray> { "3", "2", "1", null, null }));
        QCOMPARE(sortedValues(rows, { key(0, Qt::AscendingOrder, Core::NullOrder::Last) }),
            (QList<QByteArray> { "1", "2", "3", null, null }));
        QCOMPARE(sortedValues(rows, { key(0, Qt::DescendingOrder, Core::NullOrder::First) }),
            (QList<QByteArray> { null, null, "3", "2", "1" }));
        // NULL is not the empty string.
        const auto text = oneColumn(column(Core::ColumnKind::Text), { "b", QByteArray(), "", "a" });
        QCOMPARE(sortedValues(text, { key(0) }), (QList<QByteArray> { null, "", "a", "b" }));
    }

    void malformedCellsGoLastAndSortAsText()
    {
        // A column announced as integer holding something else (a driver quirk) still sorts, as bytes after the
        // numbers, instead of failing.
        const auto rows = oneColumn(column(Core::ColumnKind::Integer), { "10", "n/a", "2", "-", "-1" });
        QCOMPARE(sortedValues(rows, { key(0) }), (QList<QByteArray> { "-1", "2", "10", "-", "n/a" }));
    }

    void multiColumnIsStable()
    {
        const auto group = column(Core::ColumnKind::Text, 0, 46);
        const auto number = column(Core::ColumnKind::Integer);
        Core::ResultSet set({ group, number, number });
        const QList<QList<QByteArray>> data { { "b", "1", "0" }, { "a", "2", "1" }, { "b", "3", "2" },
            { "a", "2", "3" }, { "a", "1", "4" }, { "b", "3", "5" } };
        for (const auto &row : data)
            set.appendRow(row);
        Core::ResultChunks rows(set.columns());
        rows.append(set);
        // group ascending, then number descending; equal pairs keep their original order (third column).
        QCOMPARE(sortedValues(rows, { key(0), key(1, Qt::DescendingOrder) }, 2),
            (QList<QByteArray> { "1", "3", "4", "2", "5", "0" }));
        QCOMPARE(sortedValues(rows, { key(1), key(0) }, 2), (QList<QByteArray> { "4", "0", "1", "3", "2", "5" }));
    }

    void largeRandomMatchesAReferenceSort()
    {
        // Enough rows for the parallel key extraction and the prefix tie-breaking to be exercised.
        const auto text = column(Core::ColumnKind::Text, 0, 46);
        const auto number = column(Core::ColumnKind::Integer);
        Core::ResultChunks rows({ text, number });
        QRandomGenerator random(7);
        QList<QByteArray> names;
        QList<qint64> numbers;
        Core::ResultSet chunk(rows.columns());
        for (int i = 0; i < 60'000; ++i) {
            const QByteArray name = "user-" + QByteArray::number(random.bounded(100000)) + "@example.com";
            const qint64 n = qint64(random.bounded(2000)) - 1000;
            names.append(name);
            numbers.append(n);
            chunk.appendRow(QList<QByteArray> { name, QByteArray::number(n) });
            if (chunk.rowCount() == 1000 + i % 7) {
                rows.append(chunk);
                chunk = Core::ResultSet(rows.columns());
            }
        }
        rows.append(chunk);
        std::vector<quint32> expected(size_t(names.size()));
        std::iota(expected.begin(), expected.end(), 0u);
        std::stable_sort(expected.begin(), expected.end(), [&](quint32 a, quint32 b) {
            if (numbers[a] != numbers[b])
                return numbers[a] > numbers[b];
            return names[a] < names[b];
        });
        const auto sorted = Core::ResultSorter::sort(rows, { key(1, Qt::DescendingOrder), key(0) }, Core::CancelFlag());
        QVERIFY(sorted.ok());
        QVERIFY(*sorted == expected);
    }

    void subsetOrderIsKept()
    {
        const auto rows = oneColumn(column(Core::ColumnKind::Integer), { "5", "1", "5", "0", "5" });
        const auto sorted = Core::ResultSorter::sort(rows, { 4, 2, 0, 3 }, { key(0) }, Core::CancelFlag());
        QVERIFY(sorted.ok());
        QCOMPARE(*sorted, (std::vector<quint32> { 3, 4, 2, 0 }));
    }

    void cancelled()
    {
        const auto rows = oneColumn(column(Core::ColumnKind::Integer), { "2", "1" });
        Core::CancelFlag cancel;
        cancel.cancel();
        const auto sorted = Core::ResultSorter::sort(rows, { key(0) }, cancel);
        QVERIFY(!sorted.ok());
        QCOMPARE(sorted.error().code, u"cancelled"_s);
        QVERIFY(!Core::ResultSorter::sort(rows, { key(3) }, Core::CancelFlag()).ok());
    }

    void collations()
    {
        QCOMPARE(Core::CellComparator::collationOrder(63), Core::TextOrder::Binary); // binary
        QCOMPARE(Core::CellComparator::collationOrder(46), Core::TextOrder::Binary); // utf8mb4_bin
        QCOMPARE(Core::CellComparator::collationOrder(49), Core::TextOrder::Binary); // latin1_general_cs
        QCOMPARE(Core::CellComparator::collationOrder(309), Core::TextOrder::Binary); // MySQL utf8mb4_0900_bin
        QCOMPARE(Core::CellComparator::collationOrder(45), Core::TextOrder::CaseInsensitive); // utf8mb4_general_ci
        QCOMPARE(Core::CellComparator::collationOrder(8), Core::TextOrder::CaseInsensitive); // latin1_swedish_ci
        QCOMPARE(Core::CellComparator::collationOrder(255), Core::TextOrder::CaseInsensitive); // 0900_ai_ci
        QCOMPARE(Core::CellComparator::collationOrder(2049), Core::TextOrder::Binary); // uca1400 *_as_cs
    }
};

QTEST_GUILESS_MAIN(TestResultSorter)
#include "tst_resultsorter.moc"

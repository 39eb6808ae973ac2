#include "core/columnstatistics.h"
#include "core/resultfilter.h"
#include "core/resultfinder.h"
#include "core/serverquery.h"
#include "core/textsearcher.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Core::ColumnCondition;
using Core::FilterOp;
using Core::FilterSpec;

namespace {

Core::ColumnInfo column(const QString &name, Core::ColumnKind kind, quint32 decimals = 0)
{
    Core::ColumnInfo c;
    c.name = name;
    c.kind = kind;
    c.decimals = decimals;
    c.charset = kind == Core::ColumnKind::Binary ? 63 : 45;
    return c;
}

// id, name, amount, created, blob — 10 rows in chunks of 3.
Core::ResultChunks sample()
{
    const QList<Core::ColumnInfo> columns { column(u"id"_s, Core::ColumnKind::Integer),
        column(u"name"_s, Core::ColumnKind::Text), column(u"amount"_s, Core::ColumnKind::Decimal, 2),
        column(u"created"_s, Core::ColumnKind::Date), column(u"blob"_s, Core::ColumnKind::Binary) };
    const QList<QList<QByteArray>> data {
        { "1", "Alice", "10.50", "2024-01-01", "alice" },
        { "2", "bob", "-3.00", "2024-02-01", QByteArray() },
        { "3", QByteArray(), "0.00", QByteArray(), "x" },
        { "4", "Ålesund", "100.00", "2023-12-31", "y" },
        { "5", "ALICE COOPER", "9.99", "2024-01-15", "z" },
        { "6", "", QByteArray(), "2024-03-01", "w" },
        { "7", "user-99999@example.com", "1.00", "2024-01-02", "v" },
        { "8", "user-999990@example.com", "2.00", "2024-01-03", "u" },
        { "9", "line\nbreak", "3.00", "2024-01-04", "t" },
        { "10", "carol", "4.00", "2024-01-05", "s" },
    };
    Core::ResultChunks rows(columns);
    Core::ResultSet chunk(columns);
    for (const auto &row : data) {
        chunk.appendRow(row);
        if (chunk.rowCount() == 3) {
            rows.append(chunk);
            chunk = Core::ResultSet(columns);
        }
    }
    rows.append(chunk);
    return rows;
}

// The ids (first column) of the rows that pass.
QList<int> ids(const Core::ResultChunks &rows, const FilterSpec &spec,
    const Core::ResultFilter::Rows *candidates = nullptr, qsizetype candidatesEnd = 0)
{
    const auto found = Core::ResultFilter::filter(rows, spec, Core::CancelFlag(), candidates, candidatesEnd);
    if (!found.ok())
        return { -1 };
    QList<int> out;
    for (const quint32 row : *found)
        out.append(rows.cell(row, 0).toInt());
    return out;
}

FilterSpec condition(int column, FilterOp op, const QString &value = {})
{
    return FilterSpec { {}, { ColumnCondition { column, op, value } } };
}

} // namespace

class TestResultFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void searcher()
    {
        const Core::TextSearcher s(u"LiCe"_s);
        QVERIFY(s.isBytewise());
        QCOMPARE(s.indexIn("xxalicexx"), 3);
        QCOMPARE(s.indexIn("ALICE", 1), 1);
        QCOMPARE(s.indexIn("ALICE", 2), -1);
        QCOMPARE(s.indexIn("alic"), -1);
        QVERIFY(Core::TextSearcher(u"@"_s).contains("a@b"));
        QVERIFY(!Core::TextSearcher(u"Lice"_s, Qt::CaseSensitive).contains("ALICE"));
        // Letters with case outside ASCII: decoded and folded.
        const Core::TextSearcher accented(u"ålesund"_s);
        QVERIFY(!accented.isBytewise());
        QVERIFY(accented.contains("Ålesund"));
        // Caseless non-ASCII stays bytewise.
        QVERIFY(Core::TextSearcher(u"€5"_s).isBytewise());
    }

    void textAcrossColumns()
    {
        const auto rows = sample();
        QCOMPARE(ids(rows, { u"alice"_s, {} }), (QList<int> { 1, 5 })); // not the blob "alice" (binary)
        QCOMPARE(ids(rows, { u"user-99999@"_s, {} }), (QList<int> { 7 }));
        QCOMPARE(ids(rows, { u"99999"_s, {} }), (QList<int> { 7, 8 }));
        QCOMPARE(ids(rows, { u"ÅLESUND"_s, {} }), (QList<int> { 4 }));
        QCOMPARE(ids(rows, { u"10"_s, {} }), (QList<int> { 1, 4, 10 })); // id 10, amounts 10.50 and 100.00
        QCOMPARE(ids(rows, { u"\n"_s, {} }), (QList<int> { 9 }));
        // A match may not run from one cell into the next ("Alice" and "bob" lie side by side in the arena).
        QCOMPARE(ids(rows, { u"cebo"_s, {} }), QList<int>());
        QCOMPARE(ids(rows, { u"bob"_s, {} }), (QList<int> { 2 }));
    }

    void columnConditions()
    {
        const auto rows = sample();
        QCOMPARE(ids(rows, condition(0, FilterOp::Greater, u"8"_s)), (QList<int> { 9, 10 })); // numeric, not text
        QCOMPARE(ids(rows, condition(0, FilterOp::LessOrEqual, u"2"_s)), (QList<int> { 1, 2 }));
        QCOMPARE(ids(rows, condition(2, FilterOp::Equal, u"100"_s)), (QList<int> { 4 })); // 100.00 = 100
        QCOMPARE(ids(rows, condition(2, FilterOp::Less, u"0"_s)), (QList<int> { 2 }));
        QCOMPARE(ids(rows, condition(2, FilterOp::NotEqual, u"1"_s)), (QList<int> { 1, 2, 3, 4, 5, 8, 9, 10 }));
        QCOMPARE(ids(rows, condition(2, FilterOp::IsNull)), (QList<int> { 6 }));
        QCOMPARE(ids(rows, condition(1, FilterOp::IsNull)), (QList<int> { 3 })); // not the empty name
        QCOMPARE(ids(rows, condition(3, FilterOp::IsNotNull)).size(), 9);
        QCOMPARE(ids(rows, condition(3, FilterOp::GreaterOrEqual, u"2024-02-01"_s)), (QList<int> { 2, 6 }));
        QCOMPARE(ids(rows, condition(1, FilterOp::Equal, u"alice"_s)), (QList<int> { 1 })); // _ci collation
        QCOMPARE(ids(rows, condition(1, FilterOp::Contains, u"ALICE"_s)), (QList<int> { 1, 5 }));
        QCOMPARE(ids(rows, condition(1, FilterOp::NotContains, u"e"_s)), (QList<int> { 2, 6, 10 }));
        QCOMPARE(ids(rows, condition(1, FilterOp::Matches, u"^user-\\d{5}@"_s)), (QList<int> { 7 }));
        QCOMPARE(ids(rows, condition(4, FilterOp::Equal, u"0x78"_s)), (QList<int> { 3 })); // "x" as hex
        // Conditions and text together: all must hold.
        FilterSpec both { u"user"_s, { ColumnCondition { 0, FilterOp::Greater, u"7"_s } } };
        QCOMPARE(ids(rows, both), (QList<int> { 8 }));
    }

    void invalidSpecsAreErrors()
    {
        const auto rows = sample();
        const auto bad
            = [&](const FilterSpec &spec) { return Core::ResultFilter::filter(rows, spec, Core::CancelFlag()); };
        QCOMPARE(bad(condition(0, FilterOp::Greater, u"abc"_s)).error().code, u"filter_value"_s);
        QCOMPARE(bad(condition(3, FilterOp::Less, u"yesterday"_s)).error().code, u"filter_value"_s);
        QCOMPARE(bad(condition(1, FilterOp::Matches, u"(unclosed"_s)).error().code, u"filter_regex"_s);
        QCOMPARE(bad(condition(9, FilterOp::IsNull)).error().code, u"filter_column"_s);
    }

    void refinement()
    {
        const auto rows = sample();
        const FilterSpec first { u"r"_s, {} };
        const FilterSpec second { u"r-9"_s, {} };
        QVERIFY(second.refines(first));
        QVERIFY(!first.refines(second));
        const FilterSpec withCondition { u"r-9"_s, { ColumnCondition { 0, FilterOp::Less, u"8"_s } } };
        QVERIFY(withCondition.refines(second));
        QVERIFY(!second.refines(withCondition));
        // Only the candidates below candidatesEnd are looked at; rows from it on all are.
        const auto previous = Core::ResultFilter::filter(rows, first, Core::CancelFlag());
        QVERIFY(previous.ok());
        QCOMPARE(ids(rows, second, &*previous, 10), (QList<int> { 7, 8 }));
        const Core::ResultFilter::Rows partial { 6 }; // pretend only row 6 (id 7) matched among the first 7 rows
        QCOMPARE(ids(rows, second, &partial, 7), (QList<int> { 7, 8 })); // id 8 (row 7) is new
        QCOMPARE(ids(rows, FilterSpec { u"user"_s, {} }, &partial, 10), (QList<int> { 7 }));
    }

    void cancelled()
    {
        Core::CancelFlag cancel;
        cancel.cancel();
        QVERIFY(!Core::ResultFilter::filter(sample(), { u"a"_s, {} }, cancel).ok());
    }

    void findInViewOrder()
    {
        const auto rows = sample();
        // View: ids 10, 1, 5 (rows 9, 0, 4); columns shown name, id.
        const auto order = std::make_shared<const std::vector<quint32>>(std::vector<quint32> { 9, 0, 4 });
        const auto found
            = Core::ResultFinder::find(rows, order, { 1, 0, 4 }, u"1"_s, Qt::CaseInsensitive, Core::CancelFlag());
        QVERIFY(found.ok());
        // "10" and "1"; the blob column is not searched.
        QCOMPARE(*found, (std::vector<Core::CellRef> { { 0, 0 }, { 1, 0 } }));
        const auto alice
            = Core::ResultFinder::find(rows, order, { 1, 0 }, u"ALICE"_s, Qt::CaseInsensitive, Core::CancelFlag());
        QCOMPARE(*alice, (std::vector<Core::CellRef> { { 1, 1 }, { 2, 1 } }));
        const auto exact
            = Core::ResultFinder::find(rows, {}, { 0, 1 }, u"ALICE"_s, Qt::CaseSensitive, Core::CancelFlag());
        QCOMPARE(*exact, (std::vector<Core::CellRef> { { 4, 1 } }));
    }

    void serverQuery()
    {
        const auto columns = sample().columns();
        const QList<Core::SortKey> keys { { 0, Qt::DescendingOrder, Core::NullOrder::Smallest,
                                              Core::TextOrder::Column },
            { 1, Qt::AscendingOrder, Core::NullOrder::Last, Core::TextOrder::Binary },
            { 2, Qt::DescendingOrder, Core::NullOrder::First, Core::TextOrder::Column } };
        const FilterSpec filter { u"50%_off!"_s,
            { { 2, FilterOp::GreaterOrEqual, u"9.99"_s }, { 1, FilterOp::Contains, u"it's"_s },
                { 3, FilterOp::IsNotNull, {} }, { 4, FilterOp::Equal, u"0x00ff"_s },
                { 1, FilterOp::Matches, u"^a\\d"_s } } };
        const auto sql = Core::ServerQuery::wrap(u"  SELECT * FROM t -- every row\n;"_s, columns, keys, filter);
        QVERIFY2(sql.ok(), sql.ok() ? "" : qPrintable(sql.error().toString()));
        QCOMPARE(*sql, uR"(SELECT * FROM (
SELECT * FROM t -- every row
) AS `result`
WHERE `result`.`amount` >= '9.99'
  AND `result`.`name` LIKE '%it''s%' ESCAPE '!'
  AND `result`.`created` IS NOT NULL
  AND `result`.`blob` = X'00FF'
  AND `result`.`name` REGEXP _utf8mb4 X'5E615C64'
  AND (`result`.`id` LIKE '%50!%!_off!!%' ESCAPE '!' OR `result`.`name` LIKE '%50!%!_off!!%' ESCAPE '!' OR `result`.`amount` LIKE '%50!%!_off!!%' ESCAPE '!' OR `result`.`created` LIKE '%50!%!_off!!%' ESCAPE '!')
ORDER BY `result`.`id` DESC, `result`.`name` IS NULL, CAST(`result`.`name` AS BINARY), `result`.`amount` IS NULL DESC, `result`.`amount` DESC)"_s);
        // Only queries, and only results whose column names can be told apart.
        QCOMPARE(
            Core::ServerQuery::wrap(u"UPDATE t SET a = 1"_s, columns, {}, {}).error().code, u"server_sort_not_query"_s);
        QVERIFY(Core::ServerQuery::wrap(u"/* hint */ (SELECT 1)"_s, {}, {}, {}).ok());
        QVERIFY(Core::ServerQuery::wrap(u"with x as (select 1) select * from x"_s, {}, {}, {}).ok());
        auto twice = columns;
        twice[1].name = u"ID"_s;
        QCOMPARE(Core::ServerQuery::wrap(u"SELECT 1"_s, twice, {}, {}).error().code, u"server_sort_duplicate"_s);
        // Names with backticks are quoted, values with quotes doubled.
        auto odd = columns;
        odd[0].name = u"we`ird"_s;
        const auto quoted = Core::ServerQuery::wrap(u"SELECT 1"_s, odd, { { 0 } }, {});
        QVERIFY(quoted->endsWith(u"ORDER BY `result`.`we``ird`"_s));
    }

    void statistics()
    {
        const auto rows = sample();
        Core::ColumnSelection amounts { 2, { { 0, 9 } } };
        Core::ColumnSelection names { 1, { { 0, 1 }, { 4, 5 } } };
        Core::ColumnSelection dates { 3, { { 0, 3 } } };
        const auto stats = Core::ColumnStatistics::compute(rows, {}, { amounts, names, dates }, Core::CancelFlag());
        QVERIFY(stats.ok());
        const auto &a = stats->at(0);
        QCOMPARE(a.count, 10);
        QCOMPARE(a.nulls, 1);
        QCOMPARE(a.distinct, 9);
        QCOMPARE(a.minimum, "-3.00"_ba);
        QCOMPARE(a.maximum, "100.00"_ba);
        QCOMPARE(a.sum, u"127.49"_s); // 10.50 - 3 + 0 + 100 + 9.99 + 1 + 2 + 3 + 4
        QCOMPARE(a.average, u"14.165556"_s); // 127.49 / 9, with four more decimals
        const auto &n = stats->at(1);
        QCOMPARE(n.count, 4);
        QCOMPARE(n.distinct, 4); // Alice, bob, ALICE COOPER, ""
        QCOMPARE(n.minimum, ""_ba);
        QCOMPARE(n.maximum, "bob"_ba);
        QVERIFY(n.sum.isEmpty());
        const auto &d = stats->at(2);
        QCOMPARE(d.nulls, 1);
        QCOMPARE(d.minimum, "2023-12-31"_ba);
        QCOMPARE(d.maximum, "2024-02-01"_ba);
        // Through a view order: the first two view rows are ids 10 and 1.
        const auto order = std::make_shared<const std::vector<quint32>>(std::vector<quint32> { 9, 0 });
        const auto viewed = Core::ColumnStatistics::compute(rows, order, { { 0, { { 0, 1 } } } }, Core::CancelFlag());
        QCOMPARE(viewed->at(0).sum, u"11"_s);
        QCOMPARE(viewed->at(0).average, u"5.5000"_s);
        QCOMPARE(viewed->at(0).minimum, "1"_ba);
    }
};

QTEST_GUILESS_MAIN(TestResultFilter)
#include "tst_resultfilter.moc"

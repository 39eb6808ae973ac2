#include "ui/results/celldelegate.h"
#include "ui/results/cellviewer.h"
#include "ui/results/resultgrid.h"
#include "ui/results/resultsetmodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Ui::ResultSetModel;

namespace {

Core::ColumnInfo column(const QString &name, Core::ColumnKind kind)
{
    Core::ColumnInfo c;
    c.name = name;
    c.kind = kind;
    c.table = u"t"_s;
    return c;
}

QList<Core::ColumnInfo> columns()
{
    return { column(u"id"_s, Core::ColumnKind::Integer), column(u"name"_s, Core::ColumnKind::Text),
        column(u"blob"_s, Core::ColumnKind::Binary) };
}

Core::ResultSet batch(int first, int count)
{
    Core::ResultSet rs(columns());
    for (int i = first; i < first + count; ++i)
        rs.appendRow({ QByteArray::number(i), i % 3 == 0 ? QByteArray() : "row " + QByteArray::number(i),
            QByteArray("\x01\xab", 2) });
    return rs;
}

// Exposes the protected style-option hook.
class ProbeDelegate : public Ui::CellDelegate
{
public:
    using Ui::CellDelegate::initStyleOption;
};

} // namespace

class TestResultSetModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamingBatchesAreCoalesced()
    {
        ResultSetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFlushInterval(200);
        model.setColumns(columns());
        QCOMPARE(model.columnCount(), 3);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        model.appendBatch(batch(0, 10)); // first batch: shown at once
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(inserted.size(), 1);
        for (int i = 1; i < 50; ++i)
            model.appendBatch(batch(i * 10, 10));
        // Received but not yet announced: views are not flooded with 49 inserts.
        QCOMPARE(model.receivedRows(), 500);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(inserted.size(), 1);
        QTRY_COMPARE(model.rowCount(), 500); // the timer announces them together
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 10);
        QCOMPARE(inserted.at(1).at(2).toInt(), 499);

        model.appendBatch(batch(500, 5));
        model.flush(); // end of statement
        QCOMPARE(model.rowCount(), 505);
        QCOMPARE(model.index(504, 0).data().toString(), u"504"_s);
    }

    void mismatchedBatchIsIgnored()
    {
        ResultSetModel model;
        model.setColumns(columns());
        Core::ResultSet other({ column(u"x"_s, Core::ColumnKind::Text) });
        other.appendRow({ "1" });
        model.appendBatch(other);
        QCOMPARE(model.receivedRows(), 0);
    }

    void roles()
    {
        ResultSetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Core::ResultSet rs({ column(u"n"_s, Core::ColumnKind::Decimal), column(u"s"_s, Core::ColumnKind::Text),
            column(u"b"_s, Core::ColumnKind::Binary) });
        rs.appendRow({ "12345678901234567890.12", "", QByteArray("\x00\x10\xff", 3) });
        rs.appendRow({ QByteArray(), "line1\nline2\ttab", QByteArray() });
        rs.appendRow({ "-1", QByteArray(2000, 'x'), QByteArray(100, '\x7f') });
        model.setResultSet(rs);
        QCOMPARE(model.rowCount(), 3);

        // Numbers exact and right-aligned; text left-aligned.
        QCOMPARE(model.index(0, 0).data().toString(), u"12345678901234567890.12"_s);
        QVERIFY(model.index(0, 0).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
        QVERIFY(model.index(0, 1).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignLeft);
        // NULL is distinct from empty.
        QVERIFY(!model.index(0, 1).data(ResultSetModel::IsNullRole).toBool());
        QCOMPARE(model.index(0, 1).data().toString(), QString());
        QVERIFY(model.index(1, 0).data(ResultSetModel::IsNullRole).toBool());
        QCOMPARE(model.index(1, 0).data().toString(), u"NULL"_s);
        QVERIFY(!model.index(1, 0).data(ResultSetModel::RawBytesRole).isValid());
        // Binary as hex with size.
        QCOMPARE(model.index(0, 2).data().toString(), u"0x0010FF (3 bytes)"_s);
        QCOMPARE(model.index(0, 2).data(ResultSetModel::RawBytesRole).toByteArray(), QByteArray("\x00\x10\xff", 3));
        QVERIFY(model.index(2, 2).data().toString().contains(u"\u2026"_s));
        // Line breaks visible, long text cut for display but complete in FullTextRole.
        QCOMPARE(model.index(1, 1).data().toString(), u"line1\u21b5line2\u2192tab"_s);
        QCOMPARE(model.index(2, 1).data().toString().size(), ResultSetModel::DisplayLimit + 1);
        QCOMPARE(model.index(2, 1).data(ResultSetModel::FullTextRole).toString().size(), 2000);
        // Sorting by value for numbers.
        QCOMPARE(model.index(2, 0).data(ResultSetModel::SortRole).toDouble(), -1.0);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"n"_s);
        QCOMPARE(model.headerData(2, Qt::Vertical).toString(), u"3"_s);
        QVERIFY(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().contains(u"decimal"_s));
    }

    void delegateMarksNull()
    {
        ResultSetModel model;
        model.setResultSet(batch(0, 3));
        ProbeDelegate delegate;
        QStyleOptionViewItem nullOption;
        delegate.initStyleOption(&nullOption, model.index(0, 1)); // row 0: name is NULL
        QVERIFY(nullOption.font.italic());
        QCOMPARE(nullOption.text, u"NULL"_s);
        QStyleOptionViewItem textOption;
        delegate.initStyleOption(&textOption, model.index(1, 1));
        QVERIFY(!textOption.font.italic());
        QCOMPARE(textOption.text, u"row 1"_s);
        QVERIFY(nullOption.palette.color(QPalette::Text) != textOption.palette.color(QPalette::Text));
        QStyleOptionViewItem number;
        delegate.initStyleOption(&number, model.index(1, 0));
        QVERIFY(number.displayAlignment & Qt::AlignRight);
    }

    void gridCopiesSelectionInViewOrder()
    {
        ResultSetModel model;
        model.setResultSet(batch(0, 6));
        Ui::ResultGrid grid;
        grid.setResultModel(&model);
        grid.resize(600, 300);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));

        grid.selectionModel()->select(
            QItemSelection(model.index(1, 0), model.index(2, 1)), QItemSelectionModel::Select);
        QCOMPARE(grid.selectionText(Core::ResultFormat::Tsv), u"id\tname\n1\trow 1\n2\trow 2\n"_s);
        QCOMPARE(grid.selectionText(Core::ResultFormat::Json),
            u"[\n  {\"id\": 1, \"name\": \"row 1\"},\n  {\"id\": 2, \"name\": \"row 2\"}\n]\n"_s);

        // Ctrl+C copies TSV.
        QTest::keySequence(&grid, QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(), u"id\tname\n1\trow 1\n2\trow 2\n"_s);

        // Sorting descending by id happens on a worker; the copy follows the view's order.
        grid.sortByResultColumn(0, Qt::DescendingOrder);
        QTRY_COMPARE(grid.model()->index(0, 0).data().toString(), u"5"_s);
        QCOMPARE(grid.sourceRow(0), 5);
        grid.selectionModel()->select(
            QItemSelection(grid.model()->index(0, 0), grid.model()->index(1, 0)), QItemSelectionModel::ClearAndSelect);
        QCOMPARE(grid.selectionText(Core::ResultFormat::Csv), u"id\r\n5\r\n4\r\n"_s);

        // Filter on any column.
        grid.setFilterText(u"row 4"_s);
        QTRY_COMPARE(grid.model()->rowCount(), 1);
        grid.setFilterText(QString());
        QTRY_COMPARE(grid.model()->rowCount(), 6);

        // Column widths come from the first rows: the header must at least fit.
        QVERIFY(grid.columnWidth(1) >= grid.fontMetrics().horizontalAdvance(u"row 1"_s));
    }

    void numericColumnsLeaveRoomForLaterRows()
    {
        // ids 0..5 in the first rows, but an INT(11) column: later rows may have ten digits.
        QList<Core::ColumnInfo> wide = columns();
        wide[0].length = 11;
        Core::ResultSet rs(wide);
        for (int i = 0; i < 6; ++i)
            rs.appendRow({ QByteArray::number(i), "r", QByteArray("\x01", 1) });
        ResultSetModel model;
        model.setResultSet(rs);
        Ui::ResultGrid grid;
        grid.setResultModel(&model);
        grid.resize(600, 300);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        QTRY_VERIFY(grid.columnWidth(0) >= grid.fontMetrics().horizontalAdvance(u"0000000000"_s));
        // A text column is still sized by its values.
        QVERIFY(grid.columnWidth(1) < grid.fontMetrics().horizontalAdvance(u"0000000000"_s));
    }

    void gridExportsWholeResult()
    {
        ResultSetModel model;
        model.setColumns(columns());
        model.appendBatch(batch(0, 40));
        model.appendBatch(batch(40, 60));
        model.flush();
        Ui::ResultGrid grid;
        grid.setResultModel(&model);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"all.csv"_s);
        QSignalSpy exported(&grid, &Ui::ResultGrid::exported);
        QVERIFY(grid.exportTo(path, Core::ResultFormat::Csv));
        QTRY_COMPARE(exported.size(), 1);
        QCOMPARE(exported.at(0).at(0).toString(), path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(file.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 101);
        QCOMPARE(lines.at(0), u"id,name,blob"_s);
        QCOMPARE(lines.at(99), u"98,row 98,0x01AB"_s);
        QCOMPARE(lines.at(100), u"99,,0x01AB"_s); // NULL is an empty CSV field
    }

    void cellViewer()
    {
        QCOMPARE(Ui::CellViewer::prettyJson("{\"a\":[1,2]}"), u"{\n    \"a\": [\n        1,\n        2\n    ]\n}\n"_s);
        QVERIFY(Ui::CellViewer::prettyJson("plain").isEmpty());
        QCOMPARE(Ui::CellViewer::hexDump("AB\x01"), u"00000000  41 42 01"_s + QString(42, u' ') + u"AB.\n"_s);
        Ui::CellViewer viewer;
        viewer.showCell(u"doc"_s, Core::ColumnKind::Json, false, "[1]");
        QCOMPARE(viewer.text(), u"[\n    1\n]\n"_s);
        viewer.showCell(u"bin"_s, Core::ColumnKind::Binary, false, "AB");
        QVERIFY(viewer.text().startsWith(u"00000000  41 42"_s));
    }
};

QTEST_MAIN(TestResultSetModel)
#include "tst_resultsetmodel.moc"

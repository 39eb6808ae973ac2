// GUI tests of issue 14: sorting (every key type, multi-column, NULL placement), filtering, find,
// statistics and export through the results grid, with QAbstractItemModelTester watching the model throughout.
#include "ui/results/celldelegate.h"
#include "ui/results/columnfiltereditor.h"
#include "ui/results/resultarranger.h"
#include "ui/results/resultexporter.h"
#include "ui/results/resultfindbar.h"
#include "ui/results/resultgrid.h"
#include "ui/results/resultheaderview.h"
#include "ui/results/resultpane.h"
#include "ui/results/resultsetmodel.h"
#include "ui/results/selectionstatistics.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::ColumnKind;
using Ui::ResultSetModel;

namespace {

Core::ColumnInfo column(const QString &name, ColumnKind kind, quint32 charset = 45, quint32 decimals = 0)
{
    Core::ColumnInfo c;
    c.name = name;
    c.kind = kind;
    c.charset = charset;
    c.decimals = decimals;
    return c;
}

// One column per key type, rows in no particular order; id is the arrival position.
const QList<Core::ColumnInfo> &typedColumns()
{
    static const QList<Core::ColumnInfo> columns { column(u"id"_s, ColumnKind::Integer, 63),
        column(u"big"_s, ColumnKind::UnsignedInteger, 63), column(u"amount"_s, ColumnKind::Decimal, 63, 2),
        column(u"ratio"_s, ColumnKind::Float, 63, 31), column(u"day"_s, ColumnKind::Date, 63),
        column(u"at"_s, ColumnKind::Time, 63), column(u"stamp"_s, ColumnKind::DateTime, 63),
        column(u"name"_s, ColumnKind::Text, 45), column(u"code"_s, ColumnKind::Text, 46),
        column(u"bits"_s, ColumnKind::Bit, 63), column(u"raw"_s, ColumnKind::Binary, 63) };
    return columns;
}

Core::ResultSet typedRows()
{
    const QList<QList<QByteArray>> rows {
        { "0", "18446744073709551615", "10.50", "2.5", "2024-03-01", "10:00:00", "2024-03-01 10:00:00", "banana", "b",
            QByteArray("\x00\x05", 2), QByteArray("\x10", 1) },
        { "1", "9", "-3.00", "-1e-7", "1999-12-31", "-01:00:00", "1999-12-31 23:59:59", "Cherry", "B",
            QByteArray("\x01\x00", 2), QByteArray("\x01", 1) },
        { "2", QByteArray(), QByteArray(), QByteArray(), QByteArray(), QByteArray(), QByteArray(), QByteArray(),
            QByteArray(), QByteArray(), QByteArray() },
        { "3", "10", "100.00", "10", "2024-02-29", "100:00:00", "2024-02-29 00:00:00.5", "apple", "a",
            QByteArray("\x00\x01", 2), QByteArray("\x02\x00", 2) },
        { "4", "9223372036854775808", "0.01", "3e+20", "2000-01-01", "00:00:01", "2000-01-01 00:00:00", "Date", "A",
            QByteArray("\x00\xff", 2), QByteArray("\x00", 1) },
    };
    Core::ResultSet rs(typedColumns());
    for (const auto &row : rows)
        rs.appendRow(row);
    return rs;
}

// The first column (id) down the view.
QList<int> viewIds(const QAbstractItemModel &model)
{
    QList<int> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.append(model.index(r, 0).data().toInt());
    return ids;
}

void clickSection(Ui::ResultGrid &grid, int section, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    auto *header = grid.horizontalHeader();
    const QPoint at(header->sectionViewportPosition(section) + header->sectionSize(section) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, modifiers, at);
}

bool waitArranged(Ui::ResultGrid &grid)
{
    return QTest::qWaitFor([&] { return !grid.arranger()->isBusy(); }, 10000);
}

Core::ResultSet numbered(int first, int count)
{
    Core::ResultSet rs({ column(u"id"_s, ColumnKind::Integer, 63), column(u"name"_s, ColumnKind::Text),
        column(u"n"_s, ColumnKind::Integer, 63) });
    for (int i = first; i < first + count; ++i)
        rs.appendRow({ QByteArray::number(i), "user-" + QByteArray::number(i) + "@example.com",
            i % 10 == 0 ? QByteArray() : QByteArray::number((i * 7919) % 1009 - 500) });
    return rs;
}

// Exposes the protected style-option hook.
class ProbeDelegate : public Ui::CellDelegate
{
public:
    using Ui::CellDelegate::initStyleOption;
};

} // namespace

class TestResultGrid : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void sortsEveryKeyTypeFromTheHeader_data()
    {
        QTest::addColumn<int>("section");
        QTest::addColumn<QList<int>>("ascending"); // ids; NULL (id 2) first as in MySQL
        QTest::newRow("signed") << 0 << QList<int> { 0, 1, 2, 3, 4 };
        QTest::newRow("unsigned 64-bit") << 1 << QList<int> { 2, 1, 3, 4, 0 };
        QTest::newRow("decimal") << 2 << QList<int> { 2, 1, 4, 0, 3 };
        QTest::newRow("float") << 3 << QList<int> { 2, 1, 0, 3, 4 };
        QTest::newRow("date") << 4 << QList<int> { 2, 1, 4, 3, 0 };
        QTest::newRow("time") << 5 << QList<int> { 2, 1, 4, 0, 3 };
        QTest::newRow("datetime") << 6 << QList<int> { 2, 1, 4, 3, 0 };
        QTest::newRow("text, case ignored (_ci)") << 7 << QList<int> { 2, 3, 0, 1, 4 };
        QTest::newRow("text by bytes (_bin)") << 8 << QList<int> { 2, 4, 1, 3, 0 };
        QTest::newRow("bit") << 9 << QList<int> { 2, 3, 0, 4, 1 };
        QTest::newRow("binary") << 10 << QList<int> { 2, 4, 1, 3, 0 };
    }

    void sortsEveryKeyTypeFromTheHeader()
    {
        QFETCH(int, section);
        QFETCH(QList<int>, ascending);
        ResultSetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResultSet(typedRows());
        Ui::ResultGrid grid;
        grid.setResultModel(&model);
        grid.resize(1200, 300);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));

        clickSection(grid, section); // ascending
        QVERIFY(waitArranged(grid));
        QCOMPARE(viewIds(model), ascending);
        QCOMPARE(grid.resultHeader()->markText(section), u"\u25b2"_s);
        clickSection(grid, section); // descending: NULL last
        QVERIFY(waitArranged(grid));
        QList<int> descending = ascending; // no two values are equal: descending is ascending reversed
        std::reverse(descending.begin(), descending.end());
        QCOMPARE(viewIds(model), descending);
        QCOMPARE(grid.resultHeader()->markText(section), u"\u25bc"_s);
        clickSection(grid, section); // none: arrival order
        QVERIFY(waitArranged(grid));
        QCOMPARE(viewIds(model), (QList<int> { 0, 1, 2, 3, 4 }));
        QVERIFY(grid.resultHeader()->markText(section).isEmpty());
        QVERIFY(!model.order());
    }

    void multiColumnWithShiftClick()
    {
        ResultSetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Core::ResultSet rs({ column(u"id"_s, ColumnKind::Integer, 63), column(u"team"_s, ColumnKind::Text),
            column(u"score"_s, ColumnKind::Integer, 63) });
        const QList<QList<QByteArray>> rows { { "0", "red", "5" }, { "1", "blue", "7" }, { "2", "Red", "9" },
            { "3", "blue", "7" }, { "4", "blue", "1" }, { "5", "red", QByteArray() } };
        for (const auto &row : rows)
            rs.appendRow(row);
        model.setResultSet(rs);
        Ui::ResultGrid grid;
        grid.setResultModel(&model);
        grid.resize(600, 300);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));

        clickSection(grid, 1); // team ascending (case ignored: red and Red are equal, stay in arrival order)
        clickSection(grid, 2, Qt::ShiftModifier); // then score ascending
        clickSection(grid, 2, Qt::ShiftModifier); // score descending
        QVERIFY(waitArranged(grid));
        QCOMPARE(grid.arranger()->sortKeys().size(), 2);
        QCOMPARE(viewIds(model), (QList<int> { 1, 3, 4, 2, 0, 5 })); // equal (blue, 7) keep their order
        QCOMPARE(grid.resultHeader()->markText(1), u"\u25b21"_s);
        QCOMPARE(grid.resultHeader()->markText(2), u"\u25bc2"_s);
        // NULLs first within the descending score, as asked from the header menu.
        grid.setColumnNullOrder(2, Core::NullOrder::First);
        QVERIFY(waitArranged(grid));
        QCOMPARE(viewIds(model), (QList<int> { 1, 3, 4, 5, 2, 0 }));
        // Text by bytes instead of the column's collation: "Red" before "blue".
        grid.setColumnTextOrder(1, Core::TextOrder::Binary);
        QVERIFY(waitArranged(grid));
        QCOMPARE(viewIds(model), (QList<int> { 2, 1, 3, 4, 5, 0 }));
        // A plain click replaces the keys.
        clickSection(grid, 0);
        QVERIFY(waitArranged(grid));
        QCOMPARE(grid.arranger()->sortKeys().size(), 1);
        QCOMPARE(viewIds(model), (QList<int> { 0, 1, 2, 3, 4, 5 }));
    }

    void sortKeepsTheCurrentCellOnItsRow()
    {
        ResultSetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResultSet(numbered(0, 200));
        Ui::ResultGrid grid;
        grid.setResultModel(&model);
        grid.show();
        grid.setCurrentIndex(model.index(37, 1));
        grid.sortByResultColumn(0, Qt::DescendingOrder);
        QVERIFY(waitArranged(grid));
        QCOMPARE(grid.currentIndex().row(), 162);
        QCOMPARE(grid.currentIndex().column(), 1);
        QCOMPARE(grid.currentIndex().data(ResultSetModel::SourceRowRole).toInt(), 37);
    }

    void stayInteractiveAndSayItIsSorting()
    {
        // Big enough that the sort takes a while: the model keeps answering from the previous order.
        Ui::ResultPane pane; // for the status text
        Ui::ResultGrid &grid = *pane.grid();
        pane.startRows(numbered(0, 1).columns());
        for (int b = 0; b < 40; ++b)
            pane.appendRows(numbered(b * 5000, 5000));
        pane.model()->flush();
        QSignalSpy busy(grid.arranger(), &Ui::ResultArranger::busyChanged);
        grid.sortByResultColumn(1, Qt::DescendingOrder);
        QVERIFY(grid.arranger()->isBusy()); // the call returned before the sort was done
        QCOMPARE(busy.size(), 1);
        QVERIFY(busy.at(0).at(1).toString().startsWith(u"Sorting 200"_s));
        QVERIFY(pane.arrangeText().startsWith(u"Sorting"_s));
        QCOMPARE(pane.model()->index(0, 0).data().toString(), u"0"_s); // still the arrival order
        QVERIFY(waitArranged(grid));
        // By the column's collation: "@" (0x40) sorts after "9", so user-9@ is the greatest.
        QCOMPARE(pane.model()->index(0, 1).data().toString(), u"user-9@example.com"_s);
        QVERIFY(pane.arrangeText().isEmpty());
    }

    void rowsArrivingWhileSortedAreFoldedIn()
    {
        ResultSetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFlushInterval(0);
        model.setColumns(numbered(0, 1).columns());
        model.appendBatch(numbered(0, 50));
        Ui::ResultGrid grid;
        grid.setResultModel(&model);
        grid.arranger()->setRefreshInterval(10);
        grid.sortByResultColumn(0, Qt::DescendingOrder);
        QVERIFY(waitArranged(grid));
        grid.verticalScrollBar()->setValue(3);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.appendBatch(numbered(50, 30));
        model.flush();
        QTRY_COMPARE(model.rowCount(), 80);
        QVERIFY(waitArranged(grid));
        QCOMPARE(model.index(0, 0).data().toString(), u"79"_s);
        QCOMPARE(model.index(79, 0).data().toString(), u"0"_s);
        QCOMPARE(resets.size(), 0); // grown in place, not reset
    }

    void filterBoxAndColumnConditions()
    {
        Ui::ResultPane pane;
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.startRows(numbered(0, 1).columns());
        pane.appendRows(numbered(0, 1000));
        pane.model()->flush();
        pane.resize(800, 500);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        auto &grid = *pane.grid();
        // The count beside the box is a status line of a fixed width: its texts never move the box.
        const QRect box = pane.filterEdit()->geometry();

        // Typed key by key: each keystroke cancels the previous filtering.
        QTest::keyClicks(pane.filterEdit(), u"USER-99@"_s);
        QTRY_COMPARE(pane.model()->rowCount(), 1);
        QVERIFY(waitArranged(grid));
        QCOMPARE(pane.model()->index(0, 0).data().toString(), u"99"_s);
        QCOMPARE(pane.arrangeText(), u"1 of 1,000 rows"_s);
        QCoreApplication::processEvents();
        QCOMPARE(pane.filterEdit()->geometry(), box);
        pane.filterEdit()->clear();
        QTRY_COMPARE(pane.model()->rowCount(), 1000);
        QCOMPARE(pane.filterEdit()->geometry(), box);

        // A condition from the header's popup: n > 400 (numbers, not text), through the editor's fields.
        auto *editor = grid.editColumnFilter(2);
        QVERIFY(editor);
        editor->operatorBox()->setCurrentIndex(editor->operatorBox()->findData(int(Core::FilterOp::Greater)));
        editor->valueEdit()->setText(u"400"_s);
        QTest::keyClick(editor->valueEdit(), Qt::Key_Return);
        QVERIFY(waitArranged(grid));
        QTRY_VERIFY(pane.model()->rowCount() > 0);
        for (int r = 0; r < pane.model()->rowCount(); ++r)
            QVERIFY(pane.model()->index(r, 2).data().toInt() > 400);
        const int above400 = pane.model()->rowCount();
        QCOMPARE(grid.resultHeader()->markText(2), u"\u2261"_s);
        // And the text filter on top: both hold.
        pane.filterEdit()->setText(u"@example"_s);
        QVERIFY(waitArranged(grid));
        QTRY_COMPARE(pane.model()->rowCount(), above400);
        // A value that is no number is refused in the popup, with the reason.
        auto *bad = grid.editColumnFilter(2);
        bad->valueEdit()->setText(u"many"_s);
        QVERIFY(!bad->accept());
        QVERIFY(bad->errorText().contains(u"many"_s));
        bad->close();
        // IS NULL: every tenth row has no n.
        grid.arranger()->removeConditions(2);
        grid.arranger()->addCondition({ 2, Core::FilterOp::IsNull, {} });
        QVERIFY(waitArranged(grid));
        QTRY_COMPARE(pane.model()->rowCount(), 100);
        // A regular expression on one column.
        grid.arranger()->removeConditions(2);
        grid.arranger()->addCondition({ 1, Core::FilterOp::Matches, u"^user-9\\d@"_s });
        QVERIFY(waitArranged(grid));
        QTRY_COMPARE(pane.model()->rowCount(), 10);
        // Sorted and filtered together.
        grid.sortByResultColumn(0, Qt::DescendingOrder);
        QVERIFY(waitArranged(grid));
        QCOMPARE(viewIds(*pane.model()), (QList<int> { 99, 98, 97, 96, 95, 94, 93, 92, 91, 90 }));
        // An invalid regular expression is reported and the view keeps its rows.
        grid.arranger()->addCondition({ 1, Core::FilterOp::Matches, u"("_s });
        QVERIFY(waitArranged(grid));
        QVERIFY(!grid.arranger()->lastError().isEmpty());
        QVERIFY(pane.arrangeText().contains(u"regular expression"_s));
        QCOMPARE(pane.model()->rowCount(), 10);
    }

    void findNextPreviousAndGoToRow()
    {
        Ui::ResultPane pane;
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.startRows(numbered(0, 1).columns());
        pane.appendRows(numbered(0, 300));
        pane.model()->flush();
        pane.resize(800, 500);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        auto &grid = *pane.grid();
        grid.setFocus();
        grid.setCurrentIndex(pane.model()->index(0, 0));
        QTest::keySequence(&grid, QKeySequence::Find); // Ctrl+F in the grid opens the results' find bar
        auto *bar = pane.findBar();
        QVERIFY(bar->isVisible());
        QTest::keyClicks(bar->findEdit(), u"R-12"_s); // user-12@…, user-120@… … user-129@…
        QTRY_VERIFY(!bar->isSearching() && bar->matchCount() == 11);
        QCOMPARE(bar->statusText(), u"11 matches"_s);
        QTest::keyClick(bar->findEdit(), Qt::Key_Return);
        QTRY_COMPARE(grid.currentIndex().row(), 12);
        QCOMPARE(grid.currentIndex().column(), 1);
        QCOMPARE(bar->statusText(), u"1 of 11"_s);
        bar->findNext();
        QCOMPARE(grid.currentIndex().row(), 120);
        bar->findPrevious();
        bar->findPrevious(); // wraps to the last
        QCOMPARE(grid.currentIndex().row(), 129);
        QCOMPARE(bar->statusText(), u"11 of 11"_s);
        // Matches are highlighted by the delegate.
        auto *delegate = qobject_cast<Ui::CellDelegate *>(grid.itemDelegate());
        QVERIFY(delegate);
        QCOMPARE(delegate->highlight(), u"R-12"_s);
        ProbeDelegate probe;
        probe.setHighlight(delegate->highlight(), Qt::CaseInsensitive);
        QStyleOptionViewItem option;
        option.widget = &grid;
        probe.initStyleOption(&option, pane.model()->index(12, 1));
        QVERIFY(option.backgroundBrush.style() != Qt::NoBrush);
        QStyleOptionViewItem other;
        other.widget = &grid;
        probe.initStyleOption(&other, pane.model()->index(13, 1));
        QCOMPARE(other.backgroundBrush.style(), Qt::NoBrush);
        // Matches follow a sort: descending, the first match is the highest id.
        grid.sortByResultColumn(0, Qt::DescendingOrder);
        QVERIFY(waitArranged(grid));
        QTRY_VERIFY(!bar->isSearching());
        grid.setCurrentIndex(pane.model()->index(0, 0));
        bar->findNext(); // waits for the new matches when they are still being searched
        QTRY_COMPARE(grid.currentIndex().data().toString(), u"user-129@example.com"_s);
        // Go to row (1-based, in view order).
        QVERIFY(bar->goToRow(u"250"_s));
        QCOMPARE(grid.currentIndex().row(), 249);
        QVERIFY(!bar->goToRow(u"301"_s));
        QVERIFY(bar->statusText().contains(u"301"_s));
    }

    void exportsWhatTheGridShows_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QStringList>("rows"); // the rows' lines, in the order written
        QTest::newRow("csv") << int(Core::ResultFormat::Csv)
                             << QStringList { u"99,user-99@example.com,497"_s, u"90,user-90@example.com,\r\n"_s,
                                    u"9,user-9@example.com,141"_s };
        QTest::newRow("json") << int(Core::ResultFormat::Json)
                              << QStringList { u"{\"id\": 99, \"name\": \"user-99@example.com\", \"n\": 497}"_s,
                                     u"{\"id\": 90, \"name\": \"user-90@example.com\", \"n\": null}"_s,
                                     u"{\"id\": 9, \"name\": \"user-9@example.com\", \"n\": 141}"_s };
        QTest::newRow("sql")
            << int(Core::ResultFormat::SqlInsert)
            << QStringList { u"INSERT INTO `result` (`id`, `name`, `n`) VALUES (99, 'user-99@example.com', 497);"_s,
                   u"INSERT INTO `result` (`id`, `name`, `n`) VALUES (90, 'user-90@example.com', NULL);"_s,
                   u"INSERT INTO `result` (`id`, `name`, `n`) VALUES (9, 'user-9@example.com', 141);"_s };
    }

    void exportsWhatTheGridShows()
    {
        // Sorted from the header and filtered from the box, the export writes the rows as the grid shows them.
        QFETCH(int, format);
        QFETCH(QStringList, rows);
        Ui::ResultPane pane;
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.startRows(numbered(0, 1).columns());
        pane.appendRows(numbered(0, 100));
        pane.model()->flush();
        pane.resize(800, 500);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        auto &grid = *pane.grid();
        clickSection(grid, 0);
        clickSection(grid, 0); // id descending
        QTest::keyClicks(pane.filterEdit(), u"user-9"_s);
        QVERIFY(waitArranged(grid));
        QTRY_COMPARE(pane.model()->rowCount(), 11);

        QTemporaryDir dir;
        const QString path = dir.filePath(u"shown"_s);
        QSignalSpy exported(&grid, &Ui::ResultGrid::exported);
        QVERIFY(grid.exportTo(path, Core::ResultFormat(format)));
        QTRY_COMPARE(exported.size(), 1);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        qsizetype at = 0;
        for (const QString &row : rows) { // each row, after the previous one
            const qsizetype found = text.indexOf(row, at);
            QVERIFY2(found >= 0, qPrintable(row + u"\n---\n"_s + text));
            at = found + row.size();
        }
        QCOMPARE(text.count(u"user-"_s), 11); // the filtered rows only
    }

    void exportCancelledFromItsProgressDialog()
    {
        Ui::ResultPane pane;
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.startRows(numbered(0, 1).columns());
        for (int b = 0; b < 40; ++b)
            pane.appendRows(numbered(b * 10000, 10000));
        pane.model()->flush();
        pane.show();
        QTemporaryDir dir;
        const QString path = dir.filePath(u"all.json"_s);
        auto &grid = *pane.grid();
        QSignalSpy exported(&grid, &Ui::ResultGrid::exported);
        auto *exporter = grid.exportTo(path, Core::ResultFormat::Json);
        QVERIFY(exporter);
        QSignalSpy finished(exporter, &Ui::ResultExporter::finished);
        auto *progress = grid.findChild<QProgressDialog *>();
        QVERIFY(progress);
        auto *cancel = progress->findChild<QPushButton *>(); // the dialog's only button
        QVERIFY(cancel);
        cancel->click(); // QProgressDialog::cancel() alone would not emit canceled()
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<Core::Result<void>>().error().code, u"export_cancelled"_s);
        QCOMPARE(exported.size(), 0);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {}); // no temporary left
    }

    void statisticsOfTheSelection()
    {
        Ui::ResultPane pane;
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        Core::ResultSet rs(typedColumns());
        const auto rows = typedRows();
        pane.startRows(rs.columns());
        pane.appendRows(rows);
        pane.model()->flush();
        pane.show();
        auto &grid = *pane.grid();
        // The amount column: 10.50, -3.00, NULL, 100.00, 0.01.
        grid.selectionModel()->select(
            QItemSelection(pane.model()->index(0, 2), pane.model()->index(4, 2)), QItemSelectionModel::ClearAndSelect);
        auto *stats = pane.statistics();
        QTRY_VERIFY(!stats->isComputing() && stats->stats().size() == 1);
        QCOMPARE(
            stats->text(), u"Count 5 · Distinct 4 · NULL 1 · Min -3.00 · Max 100.00 · Sum 107.51 · Avg 26.877500"_s);
        // Two columns: per-column figures.
        grid.selectionModel()->select(
            QItemSelection(pane.model()->index(0, 7), pane.model()->index(4, 8)), QItemSelectionModel::ClearAndSelect);
        QTRY_VERIFY(!stats->isComputing() && stats->stats().size() == 2);
        QCOMPARE(stats->stats().at(0).minimum, "apple"_ba); // name: case ignored
        QCOMPARE(stats->stats().at(0).maximum, "Date"_ba);
        QCOMPARE(stats->stats().at(1).minimum, "A"_ba); // code: by bytes
        QCOMPARE(stats->stats().at(1).distinct, 4);
        QVERIFY(stats->toolTip().contains(u"name"_s));
        QVERIFY(stats->stats().at(0).sum.isEmpty());
    }
};

QTEST_MAIN(TestResultGrid)
#include "tst_resultgrid.moc"

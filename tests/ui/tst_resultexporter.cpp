#include "core/jsontext.h"
#include "ui/results/resultexporter.h"
#include "ui/results/resultsetmodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Core::ResultSet batch(int first, int count)
{
    Core::ColumnInfo id;
    id.name = u"id"_s;
    id.kind = Core::ColumnKind::Integer;
    id.table = u"t"_s;
    Core::ColumnInfo name;
    name.name = u"na,me"_s;
    name.kind = Core::ColumnKind::Text;
    name.table = u"t"_s;
    Core::ColumnInfo amount;
    amount.name = u"amount"_s;
    amount.kind = Core::ColumnKind::Decimal;
    amount.table = u"t"_s;
    Core::ColumnInfo doc;
    doc.name = u"doc"_s;
    doc.kind = Core::ColumnKind::Json;
    doc.table = u"t"_s;
    Core::ColumnInfo blob;
    blob.name = u"blob"_s;
    blob.kind = Core::ColumnKind::Binary;
    blob.table = u"t"_s;
    Core::ResultSet rs({ id, name, amount, doc, blob });
    for (int i = first; i < first + count; ++i)
        rs.appendRow({ QByteArray::number(i),
            i % 5 == 0 ? QByteArray() : "n,\"" + QByteArray::number(i) + (i % 3 ? "\tx\ny\\" : "é\x01"),
            i % 7 == 0 ? QByteArray() : QByteArray::number(i) + ".50", i % 4 ? "{\"a\": [1, 2]}" : "not json",
            QByteArray("\x00\xff", 2) });
    return rs;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

} // namespace

class TestResultExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exportsLikeTheFormatter_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(Core::ResultFormat::Csv);
        QTest::newRow("tsv") << int(Core::ResultFormat::Tsv);
        QTest::newRow("json") << int(Core::ResultFormat::Json);
        QTest::newRow("sql") << int(Core::ResultFormat::SqlInsert);
        QTest::newRow("markdown") << int(Core::ResultFormat::Markdown);
    }

    void exportsLikeTheFormatter()
    {
        // The export (bytes straight from the cells, on a worker) says exactly what "copy as" says.
        QFETCH(int, format);
        Ui::ResultSetModel model;
        model.setColumns(batch(0, 0).columns());
        Core::ResultSet all(batch(0, 0).columns());
        for (int b = 0; b < 7; ++b) { // several batches: rows come from different chunks
            const auto rows = batch(b * 1000, 1000);
            model.appendBatch(rows);
            all.append(rows);
        }
        model.flush();

        QTemporaryDir dir;
        const QString path = dir.filePath(u"out"_s);
        Ui::ResultExporter exporter(&model, Core::ResultFormat(format), path);
        QSignalSpy progress(&exporter, &Ui::ResultExporter::progressChanged);
        QSignalSpy finished(&exporter, &Ui::ResultExporter::finished);
        exporter.start();
        QVERIFY(exporter.isRunning());
        QCOMPARE(exporter.totalRows(), 7000);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.at(0).at(0).value<Core::Result<void>>().ok(),
            qPrintable(finished.at(0).at(0).value<Core::Result<void>>().error().toString()));
        QCOMPARE(progress.first().at(0).value<qsizetype>(), 0);
        QCOMPARE(progress.last().at(0).value<qsizetype>(), 7000);
        QCOMPARE(QString::fromUtf8(readAll(path)), Core::ResultFormatter::format(Core::ResultFormat(format), all));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { u"out"_s }); // no temporary left
    }

    void jsonColumnsAreWrittenAsStored()
    {
        // A JSON column's valid text goes into the JSON export unchanged: keys in their order, a duplicate key
        // kept, an integer beyond 2^53 not turned into a double. Invalid text becomes a JSON string.
        Core::ColumnInfo doc;
        doc.name = u"doc"_s;
        doc.kind = Core::ColumnKind::Json;
        Core::ResultSet rs({ doc });
        rs.appendRow({ "{\"zeta\": 12345678901234567890, \"alpha\": [1, {\"k\": 2, \"k\": 3}]}" });
        rs.appendRow({ "12345678901234567890" });
        rs.appendRow({ "{broken" });
        rs.appendRow({ QByteArray() });
        Ui::ResultSetModel model;
        model.setResultSet(rs);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"out.json"_s);
        Ui::ResultExporter exporter(&model, Core::ResultFormat::Json, path);
        QSignalSpy finished(&exporter, &Ui::ResultExporter::finished);
        exporter.start();
        QTRY_COMPARE(finished.size(), 1);
        const QByteArray out = readAll(path);
        QVERIFY2(out.contains("\"doc\": {\"zeta\": 12345678901234567890, \"alpha\": [1, {\"k\": 2, \"k\": 3}]}"),
            out.constData());
        QVERIFY(out.contains("\"doc\": 12345678901234567890}"));
        QVERIFY(out.contains("\"doc\": \"{broken\"}"));
        QVERIFY(out.contains("\"doc\": null}"));
        QJsonParseError error;
        const QJsonDocument read = QJsonDocument::fromJson(out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(read.array().size(), 4);
        QVERIFY(Core::JsonText::isValid(out));
    }

    void exportsTheViewOrder()
    {
        Ui::ResultSetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResultSet(batch(0, 10));
        // As the grid shows it: rows 9, 3, 4 (sorted and filtered elsewhere).
        model.setOrder(std::make_shared<const std::vector<quint32>>(std::vector<quint32> { 9, 3, 4 }),
            Ui::ResultSetModel::OrderChange::Reset);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"view.csv"_s);
        Ui::ResultExporter exporter(&model, Core::ResultFormat::Csv, path);
        QSignalSpy finished(&exporter, &Ui::ResultExporter::finished);
        exporter.start();
        QTRY_COMPARE(finished.size(), 1);
        const auto lines = QString::fromUtf8(readAll(path)).split(u"\r\n"_s);
        QCOMPARE(lines.at(0), u"id,\"na,me\",amount,doc,blob"_s);
        QVERIFY(lines.at(1).startsWith(u"9,"_s));
        QVERIFY(lines.at(2).startsWith(u"3,"_s)); // row 3's name spans lines: look at the starts only
        QVERIFY(QString::fromUtf8(readAll(path)).contains(u"\r\n4,"_s));
        QVERIFY(!QString::fromUtf8(readAll(path)).contains(u"\r\n5,"_s));
    }

    void cancelLeavesNoFileAndKeepsTheOldOne()
    {
        Ui::ResultSetModel model;
        model.setColumns(batch(0, 0).columns());
        for (int b = 0; b < 40; ++b)
            model.appendBatch(batch(b * 10000, 10000));
        model.flush();
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cancelled.csv"_s);
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("previous export\n");
        }
        Ui::ResultExporter exporter(&model, Core::ResultFormat::Json, path);
        exporter.setProgressInterval(1);
        QSignalSpy finished(&exporter, &Ui::ResultExporter::finished);
        exporter.start();
        exporter.cancel(); // the worker stops at its next flush
        QTRY_COMPARE(finished.size(), 1);
        const auto result = finished.at(0).at(0).value<Core::Result<void>>();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, u"export_cancelled"_s);
        QCOMPARE(readAll(path), "previous export\n"_ba);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { u"cancelled.csv"_s });
    }

    void unwritablePathIsAnError()
    {
        Ui::ResultSetModel model;
        model.setResultSet(batch(0, 3));
        Ui::ResultExporter exporter(&model, Core::ResultFormat::Csv, u"/proc/no/such/dir/x.csv"_s);
        QSignalSpy finished(&exporter, &Ui::ResultExporter::finished);
        exporter.start();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<Core::Result<void>>().error().code, u"export_open"_s);
    }
};

QTEST_GUILESS_MAIN(TestResultExporter)
#include "tst_resultexporter.moc"

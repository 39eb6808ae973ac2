#include "ui/results/resultexporter.h"
#include "ui/results/resultsetmodel.h"

#include <QFile>
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
    name.name = u"name"_s;
    name.kind = Core::ColumnKind::Text;
    name.table = u"t"_s;
    Core::ResultSet rs({ id, name });
    for (int i = first; i < first + count; ++i)
        rs.appendRow({ QByteArray::number(i), i % 5 == 0 ? QByteArray() : "n,\"" + QByteArray::number(i) });
    return rs;
}

} // namespace

class TestResultExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exportsAllBatchesInSlices_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(Ui::ResultFormat::Csv);
        QTest::newRow("json") << int(Ui::ResultFormat::Json);
        QTest::newRow("sql") << int(Ui::ResultFormat::SqlInsert);
    }

    void exportsAllBatchesInSlices()
    {
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
        Ui::ResultExporter exporter(&model, Ui::ResultFormat(format), path);
        exporter.setRowsPerSlice(900);
        QSignalSpy progress(&exporter, &Ui::ResultExporter::progressChanged);
        QSignalSpy finished(&exporter, &Ui::ResultExporter::finished);
        exporter.start();
        QVERIFY(exporter.isRunning());
        QVERIFY(!QFile::exists(path)); // nothing visible until the export is complete
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(0).value<Core::Result<void>>().ok());
        QCOMPARE(progress.size(), 1 + 8); // start + ceil(7000 / 900) slices
        QCOMPARE(progress.last().at(0).value<qsizetype>(), 7000);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), Ui::ResultFormatter::format(Ui::ResultFormat(format), all));
    }

    void cancelLeavesNoFile()
    {
        Ui::ResultSetModel model;
        model.setResultSet(batch(0, 10000));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cancelled.csv"_s);
        Ui::ResultExporter exporter(&model, Ui::ResultFormat::Csv, path);
        exporter.setRowsPerSlice(100);
        QSignalSpy finished(&exporter, &Ui::ResultExporter::finished);
        connect(&exporter, &Ui::ResultExporter::progressChanged, &exporter, [&](qsizetype done, qsizetype) {
            if (done >= 300)
                exporter.cancel();
        });
        exporter.start();
        QTRY_COMPARE(finished.size(), 1);
        const auto result = finished.at(0).at(0).value<Core::Result<void>>();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, u"export_cancelled"_s);
        QVERIFY(!QFile::exists(path));
    }

    void unwritablePathIsAnError()
    {
        Ui::ResultSetModel model;
        model.setResultSet(batch(0, 3));
        Ui::ResultExporter exporter(&model, Ui::ResultFormat::Csv, u"/proc/no/such/dir/x.csv"_s);
        QSignalSpy finished(&exporter, &Ui::ResultExporter::finished);
        exporter.start();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<Core::Result<void>>().error().code, u"export_open"_s);
    }
};

QTEST_GUILESS_MAIN(TestResultExporter)
#include "tst_resultexporter.moc"

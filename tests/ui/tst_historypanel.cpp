#include "store/history.h"
#include "ui/editor/historymodel.h"
#include "ui/editor/historypanel.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestHistoryPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void searchAndActivate()
    {
        QTemporaryDir dir;
        Store::History history;
        QVERIFY(history.open(dir.filePath(u"h.sqlite"_s)).ok());
        const auto t0 = QDateTime::currentDateTimeUtc();
        const auto a = history.recordStarted(u"SELECT *\n  FROM customers"_s, u"dev"_s, t0);
        QVERIFY(history.recordFinished(*a, 12, 40).ok());
        const auto b = history.recordStarted(u"DELETE FROM orders"_s, u"prod"_s, t0.addSecs(5));
        QVERIFY(history.recordFinished(*b, 3, -1, u"ERROR 1142: DELETE command denied"_s).ok());
        QVERIFY(history.recordStarted(u"SELECT SLEEP(100)"_s, u"dev"_s, t0.addSecs(9)).ok()); // never finished

        Ui::HistoryPanel panel(&history);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *model = panel.model();
        QCOMPARE(model->rowCount(), 3);
        // Newest first; one line per statement; unfinished and failed entries are recognisable.
        QCOMPARE(model->index(0, Ui::HistoryModel::StatementColumn).data().toString(), u"SELECT SLEEP(100)"_s);
        QCOMPARE(model->index(0, Ui::HistoryModel::DurationColumn).data().toString(), u"unfinished"_s);
        QCOMPARE(
            model->index(1, Ui::HistoryModel::ErrorColumn).data().toString(), u"ERROR 1142: DELETE command denied"_s);
        QVERIFY(model->index(1, 0).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model->index(2, Ui::HistoryModel::StatementColumn).data().toString(), u"SELECT * FROM customers"_s);
        QCOMPARE(model->index(2, Ui::HistoryModel::RowsColumn).data().toString(), u"40"_s);
        QCOMPARE(model->index(2, Ui::HistoryModel::DurationColumn).data().toString(), u"12 ms"_s);

        // Typing searches after a short delay.
        QTest::keyClicks(panel.findChild<QLineEdit *>(), u"custom"_s);
        QTRY_COMPARE(model->rowCount(), 1);
        panel.setSearchText(u"prod"_s);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->entry(0).text, u"DELETE FROM orders"_s);
        panel.setSearchText(QString());
        QCOMPARE(model->rowCount(), 3);

        // Activating an entry hands its full text on.
        QSignalSpy activated(&panel, &Ui::HistoryPanel::entryActivated);
        Q_EMIT panel.view()->activated(model->index(2, 0));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), u"SELECT *\n  FROM customers"_s);
        QCOMPARE(activated.at(0).at(1).toString(), u"dev"_s);

        // New entries show after refresh().
        QVERIFY(history.recordStarted(u"SHOW TABLES"_s, u"dev"_s, t0.addSecs(20)).ok());
        panel.refresh();
        QCOMPARE(model->rowCount(), 4);
    }

    void kindColumnAndFilter()
    {
        QTemporaryDir dir;
        Store::History history;
        QVERIFY(history.open(dir.filePath(u"h.sqlite"_s)).ok());
        const auto t0 = QDateTime::currentDateTimeUtc();
        const QStringList statements { u"SELECT 1"_s, u"UPDATE t SET a = 1 -- WHERE id = 2"_s,
            u"UPDATE t SET a = 1 WHERE id = 2"_s, u"ALTER TABLE t ADD c INT"_s, u"BEGIN"_s, u"DROP TABLE t"_s };
        for (int i = 0; i < statements.size(); ++i)
            QVERIFY(history.recordStarted(statements[i], u"dev"_s, t0.addSecs(i)).ok());

        Ui::HistoryPanel panel(&history);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *model = panel.model();
        auto texts = [model] {
            QStringList out;
            for (int row = 0; row < model->rowCount(); ++row)
                out << model->entry(row).text;
            return out;
        };
        QCOMPARE(model->rowCount(), 6);
        // Newest first: DROP TABLE is row 0, the UPDATE without a real WHERE row 4.
        QCOMPARE(model->index(0, Ui::HistoryModel::KindColumn).data(Ui::HistoryModel::KindRole).toInt(),
            int(Core::StatementKind::Ddl));
        QVERIFY(model->index(0, Ui::HistoryModel::KindColumn).data(Ui::HistoryModel::DestructiveRole).toBool());
        QVERIFY(
            model->index(0, Ui::HistoryModel::KindColumn).data(Qt::ToolTipRole).toString().contains(u"DROP TABLE"_s));
        QVERIFY(model->index(4, Ui::HistoryModel::KindColumn).data().toString().startsWith(u"Write"_s));

        panel.setKindFilter(Ui::HistoryPanel::KindFilter::Writes);
        QCOMPARE(texts(), (QStringList { statements[2], statements[1] }));
        panel.setKindFilter(Ui::HistoryPanel::KindFilter::Destructive);
        QCOMPARE(texts(), (QStringList { statements[5], statements[1] }));
        panel.setKindFilter(Ui::HistoryPanel::KindFilter::SchemaChanges);
        QCOMPARE(texts(), (QStringList { statements[5], statements[3] }));
        panel.setKindFilter(Ui::HistoryPanel::KindFilter::Reads);
        QCOMPARE(texts(), QStringList { statements[0] });
        panel.setKindFilter(Ui::HistoryPanel::KindFilter::Other);
        QCOMPARE(texts(), QStringList { statements[4] });
        // The word search and the kind filter combine.
        panel.setKindFilter(Ui::HistoryPanel::KindFilter::Writes);
        panel.setSearchText(u"id = 2"_s);
        QCOMPARE(texts(), (QStringList { statements[2], statements[1] }));
        panel.setSearchText(u"ALTER"_s);
        QCOMPARE(model->rowCount(), 0);
        panel.setKindFilter(Ui::HistoryPanel::KindFilter::All);
        QCOMPARE(texts(), QStringList { statements[3] });
    }

    void closedHistoryShowsNothing()
    {
        Store::History closed;
        Ui::HistoryPanel panel(&closed);
        QCOMPARE(panel.model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"

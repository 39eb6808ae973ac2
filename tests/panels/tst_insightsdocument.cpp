// The Query Insights document against FakePlanetScale: loads a branch's patterns over HTTP, sorts by a
// header click, filters, sends the period, reports failures, and asks for a pattern in an editor.

#include "fakeplanetscale.h"
#include "screenshot.h"

#include "api/apiclient.h"
#include "ui/common/statusline.h"
#include "ui/deployrequests/deployrequestsummary.h"
#include "ui/insights/insightsdocument.h"
#include "ui/insights/patterndetail.h"
#include "ui/insights/queryanomalymodel.h"
#include "ui/insights/queryerrormodel.h"
#include "ui/insights/querypatternmodel.h"
#include "ui/insights/timeserieschart.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::StringLiterals;
using Ui::QueryPatternModel;

class TestInsightsDocument : public QObject
{
    Q_OBJECT

private:
    FakePlanetScale *m_fake = nullptr;
    Api::ApiClient *m_client = nullptr;
    const QString m_branch = u"acme/shop/main"_s;

    static QStringList column(const QAbstractItemModel *model, int column, int role = Qt::DisplayRole)
    {
        QStringList values;
        for (int row = 0; row < model->rowCount(); ++row)
            values << model->index(row, column).data(role).toString();
        return values;
    }

private Q_SLOTS:
    void init()
    {
        m_fake = new FakePlanetScale(this);
        QVERIFY(m_fake->start());
        m_fake->organizations = { FakePlanetScale::organization(u"acme"_s) };
        m_fake->databases.insert(u"acme"_s, { FakePlanetScale::database(u"shop"_s) });
        m_fake->branches.insert(u"acme/shop"_s, { FakePlanetScale::branch(u"main"_s, {}) });
        m_fake->insights.insert(m_branch,
            { FakePlanetScale::queryPattern(
                  u"aa"_s, u"SELECT * FROM `orders` WHERE `status` = ?"_s, 40, 900, 80, 400000, 40),
                FakePlanetScale::queryPattern(
                    u"bb"_s, u"SELECT `name` FROM `users` WHERE `id` = ?"_s, 5000, 250, 0.2, 5000, 5000),
                FakePlanetScale::queryPattern(u"cc"_s,
                    u"UPDATE `users` SET `name` = ? , `seen` = NOW ( ) WHERE `id` = ?"_s, 12, 30, 6, 12, 0, 2) });
        m_fake->insightErrors.insert(m_branch,
            { QJsonObject { { u"id"_s, u"e1"_s }, { u"error_fingerprint"_s, u"e1"_s },
                { u"started_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
                { u"total_duration_millis"_s, 3 }, { u"time_per_query"_s, 1.5 }, { u"error_count"_s, 2 },
                { u"error_message"_s, u"ERROR 1054: Unknown column 'nosuch' in 'SELECT'"_s } } });
        m_client = new Api::ApiClient(this);
        m_client->setBaseUrl(m_fake->baseUrl());
        m_client->setCredentials(Api::Credentials::serviceToken(u"tokenid"_s, u"secret"_s, u"test"_s));
    }
    void cleanup()
    {
        delete m_client;
        delete m_fake;
    }

    // A pattern seen once reads "1 query", not "1 queries", in the detail and in a deploy request's Summary.
    void figuresReadAsEnglish()
    {
        Core::QueryPattern one;
        one.queryCount = 1;
        one.rowsRead = 1;
        one.rowsReturned = 1;
        one.errorCount = 1;
        one.p99LatencyMs = 2.5;
        one.rowsReadPerReturned = 2000;
        const QString detail = Ui::PatternDetail::figuresOf(one);
        QVERIFY2(detail.startsWith(u"1 query · "_s), qPrintable(detail));
        QVERIFY2(detail.contains(u" · 1 row read, 1 returned, 0 affected · 1 error"_s), qPrintable(detail));
        const QString summary = Ui::DeployRequestSummary::figuresOf(one);
        QVERIFY2(summary.startsWith(u"1 query, p99 "_s), qPrintable(summary));
        QVERIFY2(summary.endsWith(QLocale().toString(2000) + u" rows read per row returned"_s), qPrintable(summary));

        Core::QueryPattern many = one;
        many.queryCount = 1200;
        many.rowsRead = 0;
        many.errorCount = 0;
        many.rowsReadPerReturned = 2.5;
        const QString detail2 = Ui::PatternDetail::figuresOf(many);
        QVERIFY2(detail2.startsWith(QLocale().toString(1200) + u" queries · "_s), qPrintable(detail2));
        QVERIFY2(detail2.contains(u" · 0 rows read, "_s) && detail2.endsWith(u" · 0 errors"_s), qPrintable(detail2));
        const QString summary2 = Ui::DeployRequestSummary::figuresOf(many);
        QVERIFY2(summary2.startsWith(QLocale().toString(1200) + u" queries, p99 "_s), qPrintable(summary2));
        QVERIFY2(summary2.endsWith(QLocale().toString(2.5, 'f', 1) + u" rows read per row returned"_s),
            qPrintable(summary2));

        // A write returns nothing: its rows read and affected, not a ratio to returned rows.
        Core::QueryPattern write = one;
        write.statementType = u"INSERT"_s;
        write.rowsRead = 200000;
        write.rowsReturned = 0;
        write.rowsAffected = 200000;
        write.rowsReadPerReturned = 200000;
        const QString summary3 = Ui::DeployRequestSummary::figuresOf(write);
        QCOMPARE(summary3,
            u"1 query, p99 %1 ms, %2 rows read, %2 affected"_s.arg(
                QLocale().toString(2.5, 'f', 2), QLocale().toString(200000)));
        QVERIFY(!summary3.contains(u"per row returned"_s));
    }
    void modelSortsAndFilters()
    {
        QueryPatternModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Core::QueryPattern> patterns;
        for (int i = 0; i < 50; ++i) {
            Core::QueryPattern p;
            p.fingerprint = QString::number(i);
            p.normalizedSql = u"SELECT * FROM `t%1`"_s.arg(i % 7);
            p.tables = { u"t%1"_s.arg(i % 7) };
            p.queryCount = (i * 37) % 11;
            p.timePerQueryMs = double((i * 13) % 17);
            p.p99LatencyMs = double((i * 5) % 23);
            p.rowsRead = (i * 7) % 19;
            p.rowsReadPerReturned = double(i % 5);
            p.errorCount = i % 3;
            patterns << p;
        }
        model.setPatterns(patterns);
        QCOMPARE(model.rowCount(), 50);
        for (int c = 0; c < QueryPatternModel::ColumnCount; ++c) {
            for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
                model.sort(c, order);
                for (int row = 1; row < model.rowCount(); ++row) {
                    const QVariant a = model.index(row - 1, c).data(QueryPatternModel::SortRole);
                    const QVariant b = model.index(row, c).data(QueryPatternModel::SortRole);
                    const int cmp = c == QueryPatternModel::QueryColumn
                        ? QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive)
                        : (a.toDouble() < b.toDouble()        ? -1
                                : a.toDouble() > b.toDouble() ? 1
                                                              : 0);
                    QVERIFY2(order == Qt::AscendingOrder ? cmp <= 0 : cmp >= 0,
                        qPrintable(u"column %1 row %2"_s.arg(c).arg(row)));
                }
            }
        }
        // A persistent index follows its pattern through a sort.
        model.sort(QueryPatternModel::CountColumn, Qt::AscendingOrder);
        const QPersistentModelIndex kept = model.index(3, 0);
        const QString fingerprint = kept.data(QueryPatternModel::FingerprintRole).toString();
        model.sort(QueryPatternModel::CountColumn, Qt::DescendingOrder);
        QCOMPARE(kept.data(QueryPatternModel::FingerprintRole).toString(), fingerprint);
        QVERIFY(kept.row() != 3);

        model.setFilterText(u"T3"_s);
        QCOMPARE(model.rowCount(), 7); // i = 3, 10, …, 45
        for (const QString &sql : column(&model, 0))
            QVERIFY(sql.contains(u"`t3`"_s));
        model.setFilterText({});
        QCOMPARE(model.rowCount(), 50);
    }

    void loadsSortsFiltersAndOpens()
    {
        Ui::InsightsDocument document(m_client, u"acme"_s, u"shop"_s, u"main"_s);
        document.resize(1100, 500);
        document.show();
        QSignalSpy loaded(&document, &Ui::InsightsDocument::loaded);
        QSignalSpy errorsLoaded(&document, &Ui::InsightsDocument::errorsLoaded);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.first().first().toInt(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(errorsLoaded.size(), 1, 5000);
        QCOMPARE(document.errorModel()->rowCount(), 1);
        QCOMPARE(
            document.errorModel()->index(0, Ui::QueryErrorModel::CountColumn).data().toString(), QLocale().toString(2));
        QVERIFY(
            document.errorModel()->index(0, Ui::QueryErrorModel::MessageColumn).data().toString().contains(u"1054"_s));
        QCOMPARE(document.pages()->tabText(1), u"Errors (1)"_s);
        QCOMPARE(document.windowTitle(), u"Insights · main"_s);
        QVERIFY(document.statusLine()->text().contains(u"3"_s));
        const QAbstractItemModel *model = document.view()->model();
        // Default: total time, longest first (900 ms, 250 ms, 30 ms).
        QCOMPARE(column(model, QueryPatternModel::QueryColumn, QueryPatternModel::FingerprintRole),
            (QStringList { u"aa"_s, u"bb"_s, u"cc"_s }));
        QCOMPARE(model->index(0, QueryPatternModel::CountColumn).data().toString(), QLocale().toString(40));
        QCOMPARE(model->index(0, QueryPatternModel::ReadPerReturnedColumn).data().toString(),
            QLocale().toString(10000.0, 'f', 1));

        // A click on the Count header sorts by count, largest first; a second click flips the order.
        QHeaderView *header = document.view()->horizontalHeader();
        const auto clickHeader = [&](int section) {
            const int x = header->sectionViewportPosition(section) + header->sectionSize(section) / 2;
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        };
        clickHeader(QueryPatternModel::CountColumn);
        const QStringList byCount = column(model, QueryPatternModel::QueryColumn, QueryPatternModel::FingerprintRole);
        clickHeader(QueryPatternModel::CountColumn);
        const QStringList byCountAgain
            = column(model, QueryPatternModel::QueryColumn, QueryPatternModel::FingerprintRole);
        QCOMPARE(byCount, (QStringList { u"bb"_s, u"aa"_s, u"cc"_s }));
        QCOMPARE(byCountAgain, (QStringList { u"cc"_s, u"aa"_s, u"bb"_s }));
        clickHeader(QueryPatternModel::P99Column);
        QCOMPARE(column(model, QueryPatternModel::QueryColumn, QueryPatternModel::FingerprintRole),
            (QStringList { u"aa"_s, u"cc"_s, u"bb"_s }));

        // The filter box keeps the patterns whose SQL matches.
        QTest::keyClicks(document.filterEdit(), u"users"_s);
        QCOMPARE(model->rowCount(), 2);
        document.filterEdit()->clear();
        QCOMPARE(model->rowCount(), 3);
        // The server's digest text spaces every token; the grid shows it as written, and a filter typed from
        // what is shown finds it.
        QCOMPARE(model->index(1, QueryPatternModel::QueryColumn).data().toString(),
            u"UPDATE `users` SET `name` = ?, `seen` = NOW () WHERE `id` = ?"_s);
        QTest::keyClicks(document.filterEdit(), u"?, `seen`"_s);
        QCOMPARE(model->rowCount(), 1);
        document.filterEdit()->clear();

        // Selecting shows the SQL; Enter (activation) asks for it in an editor.
        saveScreenshot(&document, u"insights-document"_s);
        QSignalSpy open(&document, &Ui::InsightsDocument::openInEditorRequested);
        document.view()->setFocus();
        document.view()->setCurrentIndex(model->index(1, 0));
        const QString sql = model->index(1, QueryPatternModel::QueryColumn).data().toString();
        QVERIFY(sql != model->index(1, 0).data(QueryPatternModel::SqlRole).toString());
        QCOMPARE(document.sqlView()->toPlainText(), sql);
        QTest::keyClick(document.view(), Qt::Key_Return);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().at(0).toString(), sql);
        QCOMPARE(open.first().at(1).toString(), sql.section(u' ', 0, 0));
        saveScreenshot(&document, u"insights-document-selected"_s);
    }

    void anomaliesSelectTheirPattern()
    {
        const auto anomaly = [](const QString &id, qint64 minutesAgo, int minutes, const QJsonArray &correlations) {
            const QDateTime end = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
            return QJsonObject { { u"id"_s, id },
                { u"period_start"_s, end.addSecs(-60 * minutes).toString(Qt::ISODate) },
                { u"period_end"_s, end.toString(Qt::ISODate) }, { u"minutes_in_violation"_s, minutes },
                { u"active"_s, minutesAgo == 0 }, { u"duration"_s, 60.0 * minutes },
                { u"metrics_start"_s, end.addSecs(-3600).toString(Qt::ISODate) },
                { u"metrics_end"_s, end.toString(Qt::ISODate) }, { u"correlations"_s, correlations } };
        };
        const auto correlation = [](const QString &fingerprint, const QString &sql, double r) {
            return QJsonObject { { u"id"_s, QString(fingerprint + u"-1"_s) }, { u"r"_s, r },
                { u"keyspace"_s, u"shop"_s }, { u"fingerprint"_s, fingerprint }, { u"normalized_sql"_s, sql },
                { u"syntax_highlighted_sql"_s, sql }, { u"tablet_type"_s, u"primary"_s } };
        };
        m_fake->insightAnomalies.insert(m_branch,
            { anomaly(u"a1"_s, 0, 4,
                  QJsonArray {
                      correlation(u"cc"_s, u"UPDATE `users` SET `name` = ? , `seen` = NOW ( ) WHERE `id` = ?"_s, 0.5),
                      correlation(u"bb"_s, u"SELECT `name` FROM `users` WHERE `id` = ?"_s, 0.75) }),
                anomaly(u"a2"_s, 90, 3, QJsonArray { correlation(u"zz"_s, u"SELECT ?"_s, 1.0) }) });
        Ui::InsightsDocument document(m_client, u"acme"_s, u"shop"_s, u"main"_s);
        document.resize(1100, 500);
        document.show();
        QSignalSpy loaded(&document, &Ui::InsightsDocument::loaded);
        QSignalSpy anomaliesLoaded(&document, &Ui::InsightsDocument::anomaliesLoaded);
        QVERIFY(loaded.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(anomaliesLoaded.size(), 1, 5000);
        QCOMPARE(anomaliesLoaded.first().first().toInt(), 2);
        QCOMPARE(document.pages()->tabText(2), u"Anomalies (2)"_s);
        const Ui::QueryAnomalyModel *model = document.anomalyModel();
        QCOMPARE(model->rowCount(), 2);
        // Period (the first one goes on), minutes, the closest pattern and how close.
        QVERIFY(model->index(0, Ui::QueryAnomalyModel::PeriodColumn).data().toString().contains(u"ongoing"_s));
        QVERIFY(!model->index(1, Ui::QueryAnomalyModel::PeriodColumn).data().toString().contains(u"ongoing"_s));
        QCOMPARE(model->index(0, Ui::QueryAnomalyModel::MinutesColumn).data().toString(), u"4 min"_s);
        QCOMPARE(model->index(0, Ui::QueryAnomalyModel::CorrelationColumn).data().toString(),
            QString(QLocale().toString(75.0, 'f', 0) + u" %"_s));
        QVERIFY(model->index(0, Ui::QueryAnomalyModel::PatternColumn)
                    .data()
                    .toString()
                    .startsWith(u"SELECT `name` FROM `users`"_s));
        QVERIFY(model->index(0, Ui::QueryAnomalyModel::PatternColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"UPDATE `users`"_s));

        // Selecting an anomaly selects its pattern (and shows its detail); activating it shows the page.
        document.pages()->setCurrentIndex(2);
        document.filterEdit()->setText(u"orders"_s);
        document.anomalyView()->setFocus();
        document.anomalyView()->setCurrentIndex(model->index(0, 0));
        QCOMPARE(document.view()->currentIndex().data(QueryPatternModel::FingerprintRole).toString(), u"bb"_s);
        QCOMPARE(document.filterEdit()->text(), QString());
        QCOMPARE(document.sqlView()->toPlainText(), u"SELECT `name` FROM `users` WHERE `id` = ?"_s);
        QCOMPARE(document.pages()->currentIndex(), 2);
        saveScreenshot(&document, u"insights-anomalies"_s);
        QTest::keyClick(document.anomalyView(), Qt::Key_Return);
        QCOMPARE(document.pages()->currentIndex(), 0);

        // A pattern not listed in this period: the status line says so, the selection stays.
        document.pages()->setCurrentIndex(2);
        document.anomalyView()->setCurrentIndex(model->index(1, 0));
        QCOMPARE(document.view()->currentIndex().data(QueryPatternModel::FingerprintRole).toString(), u"bb"_s);
        QVERIFY(document.statusLine()->text().contains(u"not among"_s));
    }

    void detailShowsSeriesPlanAndAdvice()
    {
        const qint64 t0 = QDateTime::currentSecsSinceEpoch() / 60 * 60 - 120;
        const auto series = [t0](const char *metric, const QJsonArray &values) {
            QJsonArray points;
            for (qsizetype i = 0; i < values.size(); ++i)
                points.append(QJsonArray { t0 + 60 * i, values.at(i) });
            return QString::fromUtf8(QJsonDocument(
                QJsonObject { { u"metric"_s, QString::fromLatin1(metric) }, { u"fingerprint"_s, u"aa"_s },
                    { u"points"_s,
                        points } }).toJson(QJsonDocument::Compact));
        };
        m_fake->queryMetrics.insert(m_branch,
            QJsonObject { { u"type"_s, u"query"_s },
                { u"start_date"_s, QDateTime::fromSecsSinceEpoch(t0, Qt::UTC).toString(Qt::ISODate) },
                { u"end_date"_s, QDateTime::fromSecsSinceEpoch(t0 + 180, Qt::UTC).toString(Qt::ISODate) },
                { u"interval"_s, 60 },
                { u"series"_s,
                    QJsonArray { series("queries", { 3, 7, 0 }), series("latency_p50", { 2.0, 4.0, QJsonValue() }),
                        series("latency_p99", { 9.0, 80.0, QJsonValue() }) } } });
        Ui::InsightsDocument document(m_client, u"acme"_s, u"shop"_s, u"main"_s);
        document.resize(1100, 700);
        document.show();
        QSignalSpy loaded(&document, &Ui::InsightsDocument::loaded);
        QVERIFY(loaded.wait(5000));
        Ui::PatternDetail *detail = document.detail();
        QStringList explained;
        detail->setExplainer([&explained](
                                 const QString &sql, QObject *, std::function<void(Core::Result<QString>)> done) {
            explained << sql;
            done(QStringLiteral(R"({"query_block":{"select_id":1,"table":{"table_name":"orders","access_type":"ALL",)"
                                R"("rows":400,"filtered":100,"attached_condition":"orders.status = 1"}}})"));
        });
        QSignalSpy metrics(detail, &Ui::PatternDetail::metricsLoaded);
        const QAbstractItemModel *model = document.view()->model();
        document.view()->setCurrentIndex(model->index(0, 0)); // aa: 400 000 rows read for 40 returned
        QVERIFY(metrics.wait(5000));
        QCOMPARE(metrics.first().first().toInt(), 3);
        FakePlanetScale::Request asked;
        for (const FakePlanetScale::Request &r : m_fake->requests()) {
            if (r.path.endsWith(u"/metrics/query"_s))
                asked = r;
        }
        QCOMPARE(asked.query.queryItemValue(u"fingerprint"_s), u"aa"_s);
        QCOMPARE(asked.query.queryItemValue(u"keyspace"_s), u"shop"_s);
        QVERIFY(asked.query.queryItemValue(u"metrics"_s).split(u',').contains(u"latency_p99"_s));
        QCOMPARE(detail->countChart()->lines().size(), 1);
        QCOMPARE(detail->countChart()->lines().first().points.size(), 3);
        QCOMPARE(detail->countChart()->maximum(), 7.0);
        QCOMPARE(detail->latencyChart()->lines().size(), 2);
        QCOMPARE(detail->latencyChart()->maximum(), 80.0);
        QVERIFY(!detail->latencyChart()->lines().first().points.last().hasValue());
        // The Qt Charts objects: one line series per run of steps with values, on the steps' time axis.
        const QList<QLineSeries *> counts = detail->countChart()->seriesOf(u"count"_s);
        QCOMPARE(counts.size(), 1);
        QCOMPARE(counts.first()->count(), 3);
        QCOMPARE(counts.first()->attachedAxes().size(), 2);
        QCOMPARE(detail->countChart()->timeAxis()->min().toUTC(),
            detail->countChart()->lines().first().points.first().at.toUTC());
        QCOMPARE(detail->countChart()->timeAxis()->max().toUTC(),
            detail->countChart()->lines().first().points.last().at.toUTC());
        // Three minute steps: a tick on each minute, so no "HH:mm" label repeats.
        QCOMPARE(detail->countChart()->timeAxis()->tickCount(), 3);
        QVERIFY(detail->countChart()->valueAxis()->max() >= 7.0);
        QCOMPARE(detail->countChart()->valueAxis()->min(), 0.0);
        double highest = 0;
        for (const QPointF &p : counts.first()->points())
            highest = std::max(highest, p.y());
        QCOMPARE(highest, 7.0);
        QCOMPARE(detail->latencyChart()->chart()->series().size(),
            detail->latencyChart()->seriesOf(u"p50"_s).size() + detail->latencyChart()->seriesOf(u"p99"_s).size());
        QCOMPARE(detail->latencyChart()->seriesOf(u"p99"_s).size(), 1);
        QCOMPARE(detail->latencyChart()->seriesOf(u"p99"_s).first()->count(), 2); // the empty step is left out
        double p99Max = 0;
        for (const QLineSeries *s : detail->latencyChart()->seriesOf(u"p99"_s)) {
            for (const QPointF &p : s->points())
                p99Max = std::max(p99Max, p.y());
        }
        QCOMPARE(p99Max, 80.0);

        // Far more rows read than returned: the index on the WHERE column, and a branch to try it on.
        QVERIFY(detail->suggestionLabel()->isVisible());
        QCOMPARE(detail->suggestedDdl(), u"ALTER TABLE `orders` ADD INDEX `idx_status` (`status`)"_s);
        QVERIFY(detail->suggestionLabel()->text().contains(detail->suggestedDdl()));
        QSignalSpy tryIt(detail, &Ui::PatternDetail::tryOnNewBranchRequested);
        QTest::mouseClick(detail->tryButton(), Qt::LeftButton);
        QCOMPARE(tryIt.size(), 1);
        QCOMPARE(tryIt.first().at(0).toString(), detail->suggestedDdl());
        QCOMPARE(tryIt.first().at(1).toString(), u"orders"_s);

        // Explain: the pattern with values, the plan as a tree with the table's access type and rows.
        QVERIFY(detail->explainButton()->isEnabled());
        QSignalSpy planned(detail, &Ui::PatternDetail::explained);
        QTest::mouseClick(detail->explainButton(), Qt::LeftButton);
        QCOMPARE(planned.size(), 1);
        QCOMPARE(planned.first().first().toInt(), 1);
        QCOMPARE(explained, QStringList { u"SELECT * FROM `orders` WHERE `status` = 1"_s });
        const auto found = detail->planView()->findItems(u"table orders"_s, Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first()->text(1).contains(u"ALL"_s) && found.first()->text(1).contains(u"400"_s),
            qPrintable(found.first()->text(1)));
        saveScreenshot(&document, u"insights-pattern-detail"_s);

        // A point lookup reads what it returns: no advice. An UPDATE is not explained.
        document.view()->setCurrentIndex(model->index(1, 0));
        QVERIFY(!detail->suggestionLabel()->isVisible());
        QVERIFY(!detail->tryButton()->isVisible());
        QVERIFY(detail->planView()->isHidden());
        document.view()->setCurrentIndex(model->index(2, 0));
        QVERIFY(!detail->explainButton()->isEnabled());

        // Show in Insights: a statement typed with its values finds its pattern.
        QSignalSpy shown(&document, &Ui::InsightsDocument::statementShown);
        document.showStatement(u"select name from users where id = 42"_s);
        QCOMPARE(shown.size(), 1);
        QVERIFY(shown.first().first().toBool());
        QCOMPARE(document.view()->currentIndex().data(QueryPatternModel::FingerprintRole).toString(), u"bb"_s);
        document.showStatement(u"SELECT 1 FROM nowhere"_s);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 5000);
        QVERIFY(!shown.last().first().toBool());
    }

    void sendsThePeriodAndReportsFailures()
    {
        Ui::InsightsDocument document(m_client, u"acme"_s, u"shop"_s, u"main"_s);
        QSignalSpy loaded(&document, &Ui::InsightsDocument::loaded);
        QVERIFY(loaded.wait(5000));
        const auto lastPatternsRequest = [this] {
            FakePlanetScale::Request last;
            for (const FakePlanetScale::Request &r : m_fake->requests()) {
                if (r.path.endsWith(u"/branches/main/insights"_s))
                    last = r;
            }
            return last;
        };
        QVERIFY(!lastPatternsRequest().path.isEmpty());
        QVERIFY(lastPatternsRequest().query.queryItemValue(u"period"_s).isEmpty());
        document.periodBox()->setCurrentIndex(document.periodBox()->findData(u"1h"_s));
        QVERIFY(loaded.wait(5000));
        QCOMPARE(lastPatternsRequest().query.queryItemValue(u"period"_s), u"1h"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->countRequests(u"GET"_s, u"/insights/errors"_s), 2, 5000);

        m_fake->failNext(u"GET"_s, u"/insights"_s, 403, u"forbidden"_s, u"Insights are not enabled"_s);
        QSignalSpy failed(&document, &Ui::InsightsDocument::loadFailed);
        document.reload();
        QVERIFY(failed.wait(5000));
        QCOMPARE(document.statusLine()->tone(), Ui::Tone::Danger);
        QVERIFY(!document.statusLine()->text().isEmpty());
        // The patterns already shown stay.
        QCOMPARE(document.model()->rowCount(), 3);
    }
};

QTEST_MAIN(TestInsightsDocument)
#include "tst_insightsdocument.moc"

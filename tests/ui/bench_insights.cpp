// Query Insights benchmark (issue 17). 1,000 query patterns as list_branch_queries answers them, through
// the real parser into the Insights document's table, and prints as `name = value` lines:
//   insights_1000_patterns_ms   parse + show + first paint + a click on the Count header and its repaint
//                               (target: < 100)
//   insights_sort_ms            the header click and its repaint alone
// and, in the same run, the reference: QStandardItemModel + QSortFilterProxyModel in a QTableView showing
// the same patterns (the usual Qt way), doing the same, and the ratios ours / reference (< 1 is faster).
// BENCH_PATTERNS overrides the pattern count. Each figure is the median of 7 runs.
#include "api/querypatternparser.h"
#include "ui/insights/querypatternmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

void figure(const char *name, double value)
{
    std::printf("%s = %.3f\n", name, value);
    std::fflush(stdout);
}

QJsonArray makePatterns(int n)
{
    QJsonArray items;
    for (int i = 0; i < n; ++i) {
        const qint64 count = 1 + (qint64(i) * 7919) % 100000;
        const double mean = 0.05 + double((i * 104729) % 5000) / 100.0;
        const qint64 returned = 1 + (i * 31) % 500;
        items.append(QJsonObject { { u"id"_s, QString::number(i, 16) }, { u"fingerprint"_s, QString::number(i, 16) },
            { u"statement_type"_s, u"SELECT"_s }, { u"keyspace"_s, u"shop"_s },
            { u"normalized_sql"_s,
                u"SELECT `c%1`, `name` FROM `table_%2` WHERE `id` = ? AND `status` IN (...) ORDER BY `created_at`"_s
                    .arg(i)
                    .arg(i % 40) },
            { u"tables"_s, QJsonArray { u"table_%1"_s.arg(i % 40) } }, { u"query_count"_s, count },
            { u"error_count"_s, i % 13 == 0 ? 3 : 0 }, { u"sum_rows_read"_s, returned * (1 + i % 900) },
            { u"sum_rows_returned"_s, returned }, { u"sum_rows_affected"_s, 0 },
            { u"rows_read_per_returned"_s, double(1 + i % 900) },
            { u"sum_total_duration_millis"_s, qint64(mean * double(count)) }, { u"time_per_query"_s, mean },
            { u"p50_latency"_s, mean * 0.8 }, { u"p99_latency"_s, mean * 3 }, { u"max_latency"_s, mean * 5 },
            { u"sum_total_duration_percent"_s, 0.1 }, { u"last_run_at"_s, u"2026-12-01T10:00:00.000Z"_s } });
    }
    return items;
}

void clickHeader(QTableView &view, int section)
{
    QHeaderView *header = view.horizontalHeader();
    // What a click does: the header flips its indicator and the view sorts (QTableView::sortByColumn).
    header->setSortIndicator(section, Qt::DescendingOrder);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Timing
{
    double total = 0;
    double sort = 0;
};

Timing ours(const QJsonArray &items)
{
    QElapsedTimer t;
    t.start();
    QList<Core::QueryPattern> patterns;
    patterns.reserve(items.size());
    for (const QJsonValue &item : items)
        patterns.append(Api::Parsers::parseQueryPattern(item).value());
    Ui::QueryPatternModel model;
    QTableView view;
    view.resize(1200, 700);
    view.setModel(&model);
    view.setSortingEnabled(true);
    view.sortByColumn(Ui::QueryPatternModel::TotalColumn, Qt::DescendingOrder);
    model.setPatterns(std::move(patterns));
    view.show();
    view.repaint();
    QElapsedTimer s;
    s.start();
    clickHeader(view, Ui::QueryPatternModel::CountColumn);
    view.viewport()->repaint();
    Timing timing { double(t.nsecsElapsed()) / 1e6, double(s.nsecsElapsed()) / 1e6 };
    if (model.index(0, Ui::QueryPatternModel::CountColumn).data(Ui::QueryPatternModel::SortRole).toDouble()
        < model.index(1, Ui::QueryPatternModel::CountColumn).data(Ui::QueryPatternModel::SortRole).toDouble())
        std::fprintf(stderr, "bench: our table is not sorted by count\n");
    return timing;
}

Timing reference(const QJsonArray &items)
{
    QElapsedTimer t;
    t.start();
    QList<Core::QueryPattern> patterns;
    patterns.reserve(items.size());
    for (const QJsonValue &item : items)
        patterns.append(Api::Parsers::parseQueryPattern(item).value());
    QStandardItemModel model(0, Ui::QueryPatternModel::ColumnCount);
    for (const Core::QueryPattern &p : patterns) {
        QList<QStandardItem *> row;
        const auto number = [](double v, const QString &text) {
            auto *item = new QStandardItem(text);
            item->setData(v, Qt::UserRole);
            return item;
        };
        row << new QStandardItem(p.normalizedSql) << number(double(p.queryCount), QString::number(p.queryCount))
            << number(p.timePerQueryMs * double(p.queryCount), QString::number(p.timePerQueryMs * double(p.queryCount)))
            << number(p.timePerQueryMs, QString::number(p.timePerQueryMs))
            << number(p.p50LatencyMs, QString::number(p.p50LatencyMs))
            << number(p.p99LatencyMs, QString::number(p.p99LatencyMs))
            << number(double(p.rowsRead), QString::number(p.rowsRead))
            << number(double(p.rowsReturned), QString::number(p.rowsReturned))
            << number(p.rowsReadPerReturned, QString::number(p.rowsReadPerReturned))
            << number(double(p.errorCount), QString::number(p.errorCount)) << new QStandardItem(p.lastRunAt.toString());
        model.appendRow(row);
    }
    QSortFilterProxyModel proxy;
    proxy.setSortRole(Qt::UserRole);
    proxy.setSourceModel(&model);
    QTableView view;
    view.resize(1200, 700);
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(Ui::QueryPatternModel::TotalColumn, Qt::DescendingOrder);
    view.show();
    view.repaint();
    QElapsedTimer s;
    s.start();
    clickHeader(view, Ui::QueryPatternModel::CountColumn);
    view.viewport()->repaint();
    return { double(t.nsecsElapsed()) / 1e6, double(s.nsecsElapsed()) / 1e6 };
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int n = qEnvironmentVariableIsSet("BENCH_PATTERNS") ? qEnvironmentVariableIntValue("BENCH_PATTERNS") : 1000;
    const QJsonArray items = makePatterns(n);
    std::vector<double> oursTotal, oursSort, refTotal, refSort;
    (void)ours(items); // warm-up: fonts, styles, first show
    (void)reference(items);
    for (int i = 0; i < 7; ++i) {
        const Timing a = ours(items);
        const Timing b = reference(items);
        oursTotal.push_back(a.total);
        oursSort.push_back(a.sort);
        refTotal.push_back(b.total);
        refSort.push_back(b.sort);
    }
    std::printf("patterns = %d\n", n);
    figure("insights_1000_patterns_ms", median(oursTotal));
    figure("insights_sort_ms", median(oursSort));
    figure("reference_qstandarditemmodel_ms", median(refTotal));
    figure("reference_sort_ms", median(refSort));
    figure("insights_over_reference", median(oursTotal) / median(refTotal));
    figure("insights_sort_over_reference", median(oursSort) / median(refSort));
    return 0;
}

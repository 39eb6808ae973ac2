// Query Insights over real HTTP: statements run through a branch password on the fixture's MariaDB
// (performance_schema on) come back from the sandbox as patterns with exact counts, rows and errors, through
// the real Api client; every answer is checked against the official OpenAPI document.

#include "api/branchesresource.h"
#include "api/insightsresource.h"
#include "api/passwordsresource.h"
#include "api/queryerrorparser.h"
#include "api/querymetricsparser.h"
#include "api/querypatternparser.h"
#include "local/insightshandler.h"
#include "local/naming.h"
#include "sandboxfixture.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

using Field = QString Api::InsightsQuery::*;

Api::InsightsQuery filter(Field field, const QString &value, Field other = nullptr, const QString &otherValue = {})
{
    Api::InsightsQuery query;
    query.*field = value;
    if (other)
        query.*other = otherValue;
    return query;
}

} // namespace

class TstLocalInsights : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(startSandbox()); }
    void cleanupTestCase() { stopSandbox(); }
    void percentilesAndTables();
    void patternsOfABranch();
    void parserRequiresTheDocumentsFields();
    void detailsOfAPattern();
    void percentilesFromTheStoredSamples();
    void timeSeriesOutliveTheSandbox();
    void anomaliesFromTheSamples();
    void metricsParser();

    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    std::unique_ptr<Sql::Connection> openBranch(const QString &db);
    Core::QueryMetrics metrics(const QString &db, const QString &fingerprint, const QStringList &names,
        const Api::InsightsQuery &query = filter(&Api::InsightsQuery::period, QStringLiteral("1h")));
    static double sum(const Core::MetricSeries *series);
    QList<Core::QueryPattern> patterns(const QString &db, const Api::InsightsQuery &query = {});
    static const Core::QueryPattern *find(const QList<Core::QueryPattern> &list, const QString &sqlPart);
};

QList<Core::QueryPattern> TstLocalInsights::patterns(const QString &db, const Api::InsightsQuery &query)
{
    Api::InsightsResource insights(m_client.get());
    return ok(
        await<QList<Core::QueryPattern>>([&](auto cb) { insights.listQueries(org, db, u"main"_s, query, this, cb); }),
        "insights");
}

const Core::QueryPattern *TstLocalInsights::find(const QList<Core::QueryPattern> &list, const QString &sqlPart)
{
    for (const Core::QueryPattern &p : list) {
        if (p.normalizedSql.contains(sqlPart))
            return &p;
    }
    return nullptr;
}

void TstLocalInsights::percentilesAndTables()
{
    const QList<double> sorted { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    QCOMPARE(Local::InsightsHandler::percentile(sorted, 50), 5.0);
    QCOMPARE(Local::InsightsHandler::percentile(sorted, 99), 10.0);
    QCOMPARE(Local::InsightsHandler::percentile({ 4 }, 99), 4.0);
    QCOMPARE(Local::InsightsHandler::percentile({}, 50), 0.0);
    QCOMPARE(Local::InsightsHandler::tablesOf(
                 u"SELECT * FROM `orders` `o` JOIN `shop` . `items` ON `o` . `id` = `items` . `order_id` WHERE ?"_s),
        (QStringList { u"orders"_s, u"items"_s }));
    QCOMPARE(Local::InsightsHandler::tablesOf(u"INSERT INTO `t` VALUES (...)"_s), QStringList { u"t"_s });
    QCOMPARE(Local::InsightsHandler::tablesOf(u"UPDATE `t` SET `v` = ?"_s), QStringList { u"t"_s });
}

void TstLocalInsights::patternsOfABranch()
{
    const QString db = m_prefix + u"-ins"_s;
    const QString quiet = m_prefix + u"-quiet"_s;
    createDatabase(db);
    createDatabase(quiet);
    Api::BranchesResource branches(m_client.get());
    ok(await<Core::Branch>([&](auto cb) { branches.get(org, db, u"main"_s, this, cb); }), "branch");
    const auto opened = openBranch(db);
    Sql::Connection &c = *opened;

    QVERIFY(c.execute("CREATE TABLE items (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(20))"));
    QString values;
    for (int i = 1; i <= 50; ++i)
        values += (i > 1 ? u","_s : QString()) + u"(%1, %2, 'n%1')"_s.arg(i).arg(i * 10);
    QVERIFY(c.execute((u"INSERT INTO items VALUES "_s + values).toUtf8()));
    // No index on v: each of these reads the 50 rows and returns one.
    for (int i = 1; i <= 7; ++i)
        QVERIFY(c.execute(u"SELECT * FROM items WHERE v = %1"_s.arg(i * 10).toUtf8()));
    // By primary key: one row read, one returned.
    for (int i = 1; i <= 5; ++i)
        QVERIFY(c.execute(u"SELECT note FROM items WHERE id = %1"_s.arg(i).toUtf8()));
    for (int i = 0; i < 3; ++i)
        QVERIFY(!c.execute("SELECT nosuch FROM items"));
    QVERIFY(c.execute("UPDATE items SET note = 'x' WHERE id <= 4"));

    QList<Core::QueryPattern> all;
    QTRY_VERIFY_WITH_TIMEOUT(
        (all = patterns(db), find(all, u"`v` = ?"_s) && find(all, u"`nosuch`"_s) && find(all, u"UPDATE"_s)), 10000);
    const Core::QueryPattern *scan = find(all, u"`v` = ?"_s);
    QCOMPARE(scan->queryCount, 7);
    QCOMPARE(scan->rowsRead, 350);
    QCOMPARE(scan->rowsReturned, 7);
    QCOMPARE(scan->rowsReadPerReturned, 50.0);
    QCOMPARE(scan->errorCount, 0);
    QCOMPARE(scan->statementType, u"SELECT"_s);
    QCOMPARE(scan->tables, QStringList { u"items"_s });
    QCOMPARE(scan->keyspace, db);
    QVERIFY(scan->maxLatencyMs > 0);
    QVERIFY(scan->p50LatencyMs > 0);
    QVERIFY2(scan->p50LatencyMs <= scan->p99LatencyMs && scan->p99LatencyMs <= scan->maxLatencyMs,
        qPrintable(u"%1 %2 %3"_s.arg(scan->p50LatencyMs).arg(scan->p99LatencyMs).arg(scan->maxLatencyMs)));
    QVERIFY(scan->timePerQueryMs > 0 && scan->timePerQueryMs <= scan->maxLatencyMs);
    QVERIFY(scan->lastRunAt.isValid());
    QVERIFY(qAbs(scan->lastRunAt.secsTo(QDateTime::currentDateTimeUtc())) < 120);
    QCOMPARE(scan->fingerprint.size(), 32);

    const Core::QueryPattern *point = find(all, u"SELECT `note`"_s);
    QVERIFY(point);
    QCOMPARE(point->queryCount, 5);
    QCOMPARE(point->rowsRead, 5);
    QCOMPARE(point->rowsReturned, 5);

    const Core::QueryPattern *failing = find(all, u"`nosuch`"_s);
    QCOMPARE(failing->queryCount, 3);
    QCOMPARE(failing->errorCount, 3);

    const Core::QueryPattern *update = find(all, u"UPDATE"_s);
    QCOMPARE(update->statementType, u"UPDATE"_s);
    QCOMPARE(update->rowsAffected, 4);

    // Default order: total time, longest first; percentages add up to 100.
    double percent = 0;
    for (qsizetype i = 0; i < all.size(); ++i) {
        percent += all[i].totalDurationPercent;
        if (i > 0)
            QVERIFY(all[i - 1].totalDurationMs >= all[i].totalDurationMs);
    }
    QVERIFY2(qAbs(percent - 100) < 0.01, qPrintable(QString::number(percent)));

    // Sorted by count, both ways; filtered by text, statement type and tablet type.
    const auto byCount
        = patterns(db, filter(&Api::InsightsQuery::sort, u"count"_s, &Api::InsightsQuery::dir, u"desc"_s));
    QCOMPARE(byCount.size(), all.size());
    QCOMPARE(byCount.first().queryCount, 7);
    for (qsizetype i = 1; i < byCount.size(); ++i)
        QVERIFY(byCount[i - 1].queryCount >= byCount[i].queryCount);
    const auto ascending
        = patterns(db, filter(&Api::InsightsQuery::sort, u"count"_s, &Api::InsightsQuery::dir, u"asc"_s));
    QCOMPARE(ascending.last().queryCount, 7);
    const auto text = patterns(db, filter(&Api::InsightsQuery::q, u"NOSUCH"_s));
    QCOMPARE(text.size(), 1);
    QCOMPARE(text.first().fingerprint, failing->fingerprint);
    const auto updates = patterns(db, filter(&Api::InsightsQuery::type, u"UPDATE"_s));
    QCOMPARE(updates.size(), 1);
    QCOMPARE(patterns(db, filter(&Api::InsightsQuery::tabletType, u"replica"_s)).size(), 0);
    QCOMPARE(patterns(db, filter(&Api::InsightsQuery::period, u"1h"_s)).size(), all.size());
    QCOMPARE(patterns(db, filter(&Api::InsightsQuery::to, u"2000-01-01T00:00:00Z"_s)).size(), 0);

    // Another database's branch saw none of it.
    QCOMPARE(patterns(quiet).size(), 0);

    // The failures, one entry per pattern and error number, with the server's message.
    Api::InsightsResource errorsResource(m_client.get());
    const auto errors = ok(
        await<QList<Core::QueryError>>([&](auto cb) { errorsResource.listErrors(org, db, u"main"_s, {}, this, cb); }),
        "errors");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().errorCount, 3);
    QVERIFY2(errors.first().message.contains(u"1054"_s) && errors.first().message.contains(u"nosuch"_s),
        qPrintable(errors.first().message));
    QVERIFY(errors.first().timePerQueryMs > 0);
    QVERIFY(qAbs(errors.first().lastOccurredAt.secsTo(QDateTime::currentDateTimeUtc())) < 120);
    QCOMPARE(ok(await<QList<Core::QueryError>>([&](auto cb) {
        errorsResource.listErrors(org, db, u"main"_s, filter(&Api::InsightsQuery::q, u"no such thing"_s), this, cb);
    }),
                 "errors q")
                 .size(),
        0);
    QCOMPARE(ok(await<QList<Core::QueryError>>(
                    [&](auto cb) { errorsResource.listErrors(org, quiet, u"main"_s, {}, this, cb); }),
                 "quiet errors")
                 .size(),
        0);

    // A wrong period is refused with the API's error shape.
    Api::InsightsResource insights(m_client.get());
    auto refused = await<QList<Core::QueryPattern>>([&](auto cb) {
        insights.listQueries(org, db, u"main"_s, filter(&Api::InsightsQuery::period, u"5y"_s), this, cb);
    });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);
}

void TstLocalInsights::parserRequiresTheDocumentsFields()
{
    QJsonObject item { { u"id"_s, u"abc"_s }, { u"fingerprint"_s, u"abc"_s }, { u"normalized_sql"_s, u"SELECT ?"_s },
        { u"statement_type"_s, u"SELECT"_s }, { u"query_count"_s, 3 }, { u"error_count"_s, 0 },
        { u"sum_rows_read"_s, 9 }, { u"sum_rows_returned"_s, 3 }, { u"sum_rows_affected"_s, 0 },
        { u"sum_total_duration_millis"_s, 12 }, { u"p50_latency"_s, 1.5 }, { u"p99_latency"_s, 4.0 },
        { u"max_latency"_s, 4.5 }, { u"time_per_query"_s, 2.0 }, { u"tables"_s, QJsonArray { u"t"_s } },
        { u"last_run_at"_s, QJsonValue() } };
    auto parsed = Api::Parsers::parseQueryPattern(item);
    QVERIFY(parsed);
    QCOMPARE(parsed->queryCount, 3);
    QCOMPARE(parsed->p99LatencyMs, 4.0);
    QVERIFY(!parsed->lastRunAt.isValid()); // nullable in the document
    for (const QString &field : { u"query_count"_s, u"fingerprint"_s, u"p99_latency"_s }) {
        QJsonObject without = item;
        without.remove(field);
        auto missing = Api::Parsers::parseQueryPattern(without);
        QVERIFY(!missing);
        QVERIFY2(missing.error().toString().contains(field), qPrintable(missing.error().toString()));
    }
    QJsonObject wrong = item;
    wrong.insert(u"query_count"_s, u"three"_s);
    QVERIFY(!Api::Parsers::parseQueryPattern(wrong));
}

std::unique_ptr<Sql::Connection> TstLocalInsights::openBranch(const QString &db)
{
    Api::PasswordsResource passwords(m_client.get());
    const auto password = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, u"main"_s, Api::CreatePasswordOptions { u"ins"_s, u"admin"_s, {}, false }, this, cb);
    }),
        "password");
    Sql::ConnectionOptions o = passwordConnection(password, db, u"main"_s);
    auto opened = Sql::Connection::open(o);
    if (!opened)
        qFatal("connect: %s", qPrintable(opened.error().toString()));
    return std::move(opened).value();
}

Core::QueryMetrics TstLocalInsights::metrics(
    const QString &db, const QString &fingerprint, const QStringList &names, const Api::InsightsQuery &query)
{
    Api::InsightsResource insights(m_client.get());
    return ok(await<Core::QueryMetrics>(
                  [&](auto cb) { insights.metrics(org, db, u"main"_s, names, fingerprint, db, query, 0, this, cb); }),
        "metrics");
}

double TstLocalInsights::sum(const Core::MetricSeries *series)
{
    double total = 0;
    for (const Core::MetricPoint &p : series->points)
        total += p.hasValue() ? p.value : 0;
    return total;
}

void TstLocalInsights::detailsOfAPattern()
{
    const QString db = m_prefix + u"-detail"_s;
    createDatabase(db);
    auto c = openBranch(db);
    QVERIFY(c->execute("CREATE TABLE items (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(20))"));
    QString values;
    for (int i = 1; i <= 40; ++i)
        values += (i > 1 ? u","_s : QString()) + u"(%1, %2, 'n%1')"_s.arg(i).arg(i * 10);
    QVERIFY(c->execute((u"INSERT INTO items VALUES "_s + values).toUtf8()));
    for (int i = 1; i <= 6; ++i)
        QVERIFY(c->execute(u"SELECT * FROM items WHERE v = %1"_s.arg(i * 10).toUtf8()));
    for (int i = 0; i < 2; ++i)
        QVERIFY(!c->execute("SELECT nosuch FROM items"));

    QList<Core::QueryPattern> all;
    QTRY_VERIFY_WITH_TIMEOUT((all = patterns(db), find(all, u"`v` = ?"_s) && find(all, u"`nosuch`"_s)), 10000);
    const Core::QueryPattern scan = *find(all, u"`v` = ?"_s);
    Api::InsightsResource insights(m_client.get());

    // get_query_summary: the same figures as the list.
    const auto summary = ok(await<Core::QueryPattern>([&](auto cb) {
        insights.getSummary(org, db, u"main"_s, scan.fingerprint, db, {}, this, cb);
    }),
        "summary");
    QCOMPARE(summary.fingerprint, scan.fingerprint);
    QCOMPARE(summary.queryCount, 6);
    QCOMPARE(summary.rowsRead, 240);
    QCOMPARE(summary.rowsReturned, 6);
    QCOMPARE(summary.normalizedSql, scan.normalizedSql);
    auto unknown = await<Core::QueryPattern>(
        [&](auto cb) { insights.getSummary(org, db, u"main"_s, QString(32, u'0'), db, {}, this, cb); });
    QVERIFY(unknown && !unknown->ok());
    QCOMPARE(unknown->error().httpStatus, 404);

    // get_query_statistics: each execution with its own rows, newest first.
    const auto runs = ok(await<QList<Core::QueryExecution>>([&](auto cb) {
        insights.listExecutions(org, db, u"main"_s, scan.fingerprint, db, {}, this, cb);
    }),
        "statistics");
    QCOMPARE(runs.size(), 6);
    for (qsizetype i = 0; i < runs.size(); ++i) {
        QCOMPARE(runs[i].fingerprint, scan.fingerprint);
        QCOMPARE(runs[i].rowsRead, 40);
        QCOMPARE(runs[i].rowsReturned, 1);
        QVERIFY(runs[i].errorMessage.isEmpty());
        QVERIFY(runs[i].explainable);
        QVERIFY(runs[i].startedAt.isValid());
        if (i > 0)
            QVERIFY(runs[i - 1].startedAt >= runs[i].startedAt);
    }
    QCOMPARE(ok(await<QList<Core::QueryExecution>>([&](auto cb) {
        insights.listExecutions(org, db, u"main"_s, scan.fingerprint, u"elsewhere"_s, {}, this, cb);
    }),
                 "other keyspace")
                 .size(),
        0);

    // get_branch_query_error: the failing executions of one error.
    const auto errors
        = ok(await<QList<Core::QueryError>>([&](auto cb) { insights.listErrors(org, db, u"main"_s, {}, this, cb); }),
            "errors");
    QCOMPARE(errors.size(), 1);
    const auto failed = ok(await<QList<Core::QueryExecution>>([&](auto cb) {
        insights.listErrorExecutions(org, db, u"main"_s, errors.first().fingerprint, {}, this, cb);
    }),
        "error executions");
    QCOMPARE(failed.size(), 2);
    for (const Core::QueryExecution &e : failed) {
        QVERIFY2(e.errorMessage.contains(u"1054"_s), qPrintable(e.errorMessage));
        QVERIFY(!e.explainable);
        QVERIFY(e.normalizedSql.contains(u"`nosuch`"_s));
    }
    QCOMPARE(ok(await<QList<Core::QueryExecution>>([&](auto cb) {
        insights.listErrorExecutions(org, db, u"main"_s, QString(32, u'f'), {}, this, cb);
    }),
                 "no such error")
                 .size(),
        0);
}

void TstLocalInsights::percentilesFromTheStoredSamples()
{
    const QString db = m_prefix + u"-pct"_s;
    createDatabase(db);
    auto c = openBranch(db);
    QVERIFY(c->execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)"));
    QVERIFY(c->execute("INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)"));
    for (int i = 0; i < 5; ++i)
        QVERIFY(c->execute(u"SELECT v FROM t WHERE id = %1"_s.arg(i % 3 + 1).toUtf8()));
    QList<Core::QueryPattern> all;
    QTRY_VERIFY_WITH_TIMEOUT((all = patterns(db), find(all, u"SELECT `v`"_s)), 10000);
    const QString fp = find(all, u"SELECT `v`"_s)->fingerprint;

    // A hundred statements of 10, 20 … 1000 ms, ten minutes ago, that the server's history ring no longer
    // holds (it never did): only the stored samples know them.
    const QString schema = branchSchema(db, u"main"_s);
    const QString table = Local::Naming::metaSchema() + u".insights_samples"_s;
    const qint64 tenMinutesAgo = QDateTime::currentSecsSinceEpoch() - 600;
    QStringList rows;
    for (int i = 1; i <= 100; ++i)
        rows.append(u"('%1', '%2', FROM_UNIXTIME(%3), %4)"_s.arg(schema, fp).arg(tenMinutesAgo).arg(i * 10));
    QVERIFY(admin(u"SET time_zone = '+00:00'"_s));
    QVERIFY(admin(u"INSERT INTO "_s + table + u" (schema_name, digest, at, latency_ms) VALUES "_s + rows.join(u',')));

    // Nearest rank over everything stored for the pattern (the five real ones and the hundred).
    const auto nearestRank = [&](double p, const QString &since) {
        const QString where = u" WHERE schema_name = '%1' AND digest = '%2' AND at >= '%3'"_s.arg(schema, fp, since);
        const qint64 n = scalar(u"SELECT COUNT(*) FROM "_s + table + where).toLongLong();
        const auto rank = qint64(std::ceil(p / 100.0 * double(n)));
        return scalar(
            u"SELECT latency_ms FROM "_s + table + where + u" ORDER BY latency_ms LIMIT 1 OFFSET %1"_s.arg(rank - 1))
            .toDouble();
    };
    const Core::QueryPattern stored
        = *find(patterns(db, filter(&Api::InsightsQuery::period, u"1h"_s)), u"SELECT `v`"_s);
    QCOMPARE(stored.queryCount, 5);
    QCOMPARE(stored.p50LatencyMs, nearestRank(50, u"2000-01-01"_s));
    QCOMPARE(stored.p99LatencyMs, nearestRank(99, u"2000-01-01"_s));
    QCOMPARE(stored.p99LatencyMs, 990.0);
    QCOMPARE(stored.maxLatencyMs, 1000.0); // no real statement took a second
    QVERIFY(stored.p50LatencyMs > 0 && stored.p50LatencyMs <= stored.p99LatencyMs);

    // get_query_summary says the same.
    Api::InsightsResource insights(m_client.get());
    const auto summary = ok(await<Core::QueryPattern>([&](auto cb) {
        insights.getSummary(org, db, u"main"_s, fp, db, filter(&Api::InsightsQuery::period, u"1h"_s), this, cb);
    }),
        "summary");
    QCOMPARE(summary.p50LatencyMs, stored.p50LatencyMs);
    QCOMPARE(summary.p99LatencyMs, stored.p99LatencyMs);
    QCOMPARE(summary.maxLatencyMs, stored.maxLatencyMs);

    // A window after them: only the real statements' latencies.
    const QString since = QDateTime::fromSecsSinceEpoch(tenMinutesAgo + 60, Qt::UTC).toString(Qt::ISODate);
    const Core::QueryPattern recent = *find(patterns(db, filter(&Api::InsightsQuery::from, since)), u"SELECT `v`"_s);
    QCOMPARE(recent.p99LatencyMs,
        nearestRank(99, QDateTime::fromSecsSinceEpoch(tenMinutesAgo + 60, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s)));
    QVERIFY2(recent.p50LatencyMs > 0 && recent.p50LatencyMs <= recent.p99LatencyMs
            && recent.p99LatencyMs <= recent.maxLatencyMs && recent.p99LatencyMs < 990,
        qPrintable(u"%1 %2 %3"_s.arg(recent.p50LatencyMs).arg(recent.p99LatencyMs).arg(recent.maxLatencyMs)));
}

void TstLocalInsights::timeSeriesOutliveTheSandbox()
{
    const QString db = m_prefix + u"-series"_s;
    createDatabase(db);
    auto c = openBranch(db);
    QVERIFY(c->execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)"));
    QVERIFY(c->execute("INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)"));
    for (int i = 0; i < 9; ++i)
        QVERIFY(c->execute(u"SELECT v FROM t WHERE id = %1"_s.arg(i % 3 + 1).toUtf8()));
    QList<Core::QueryPattern> all;
    QTRY_VERIFY_WITH_TIMEOUT((all = patterns(db), find(all, u"SELECT `v`"_s)), 10000);
    const QString fp = find(all, u"SELECT `v`"_s)->fingerprint;

    const QStringList names { u"queries"_s, u"rows_read"_s, u"latency_p50"_s, u"latency_p99"_s, u"latency_max"_s };
    const Core::QueryMetrics m = metrics(db, fp, names);
    QCOMPARE(m.series.size(), names.size());
    QVERIFY(m.intervalSeconds >= 60 && m.intervalSeconds % 60 == 0);
    QVERIFY(m.start < m.end);
    QCOMPARE(sum(m.find(u"queries"_s)), 9.0);
    QCOMPARE(sum(m.find(u"rows_read"_s)), 9.0);
    // Latencies per step are ordered wherever the step ran something.
    int withLatency = 0;
    const auto &p50 = m.find(u"latency_p50"_s)->points;
    const auto &p99 = m.find(u"latency_p99"_s)->points;
    const auto &max = m.find(u"latency_max"_s)->points;
    QCOMPARE(p50.size(), m.find(u"queries"_s)->points.size());
    for (qsizetype i = 0; i < p50.size(); ++i) {
        QCOMPARE(p50[i].at, m.find(u"queries"_s)->points[i].at);
        if (!p50[i].hasValue())
            continue;
        ++withLatency;
        QVERIFY(p50[i].value > 0 && p50[i].value <= p99[i].value && p99[i].value <= max[i].value);
    }
    QVERIFY(withLatency >= 1);
    // The whole branch's series holds the pattern's and the table's own statements.
    QVERIFY(sum(metrics(db, {}, { u"queries"_s }).find(u"queries"_s)) >= 10.0);
    // A window in the past has the steps but nothing in them.
    Api::InsightsQuery past;
    past.from = u"2001-01-01T00:00:00Z"_s;
    past.to = u"2001-01-01T01:00:00Z"_s;
    const Core::QueryMetrics old = metrics(db, fp, { u"queries"_s }, past);
    QVERIFY(!old.find(u"queries"_s)->points.isEmpty());
    QCOMPARE(sum(old.find(u"queries"_s)), 0.0);

    // The minutes are kept by the sandbox, not by performance_schema: a new sandbox on the server serves
    // them, and counts only what ran since (no statement twice).
    QVERIFY(restartSandbox());
    QCOMPARE(sum(metrics(db, fp, { u"queries"_s }).find(u"queries"_s)), 9.0);
    QVERIFY(c->execute("SELECT v FROM t WHERE id = 2"));
    QCOMPARE(sum(metrics(db, fp, { u"queries"_s }).find(u"queries"_s)), 10.0);

    Api::InsightsResource insights(m_client.get());
    auto refused = await<Core::QueryMetrics>(
        [&](auto cb) { insights.metrics(org, db, u"main"_s, { u"no_such_metric"_s }, fp, db, {}, 0, this, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 422);
}

void TstLocalInsights::anomaliesFromTheSamples()
{
    const QString db = m_prefix + u"-anomaly"_s;
    createDatabase(db);
    // Twelve quiet minutes at 1 ms, then three at 40 ms, ended ten minutes ago: one anomaly of 3 minutes.
    const QString table = Local::Naming::metaSchema() + u".insights_samples"_s;
    const QString digest = u"a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"_s;
    const qint64 lastMinute = QDateTime::currentSecsSinceEpoch() / 60 - 10;
    QStringList rows;
    for (qint64 m = lastMinute - 14; m <= lastMinute; ++m) {
        const double ms = m > lastMinute - 3 ? 40.0 : 1.0;
        for (int k = 0; k < 3; ++k) {
            rows.append(u"('%1', '%2', FROM_UNIXTIME(%3), %4)"_s.arg(branchSchema(db, u"main"_s), digest)
                            .arg(m * 60 + 10 + k)
                            .arg(ms));
        }
    }
    QVERIFY(admin(u"SET time_zone = '+00:00'"_s));
    QVERIFY(admin(u"INSERT INTO "_s + table + u" (schema_name, digest, at, latency_ms) VALUES "_s + rows.join(u',')));

    Api::InsightsResource insights(m_client.get());
    const auto anomalies = ok(await<QList<Core::QueryAnomaly>>([&](auto cb) {
        insights.listAnomalies(org, db, u"main"_s, filter(&Api::InsightsQuery::period, u"1h"_s), this, cb);
    }),
        "anomalies");
    QCOMPARE(anomalies.size(), 1);
    const Core::QueryAnomaly &a = anomalies.first();
    QCOMPARE(a.minutesInViolation, 3);
    QCOMPARE(a.durationSeconds, 180.0);
    QVERIFY(!a.active);
    QCOMPARE(a.periodStart.toSecsSinceEpoch(), (lastMinute - 2) * 60);
    QCOMPARE(a.periodEnd.toSecsSinceEpoch(), (lastMinute + 1) * 60);
    QCOMPARE(a.correlations.size(), 1);
    QCOMPARE(a.correlations.first().fingerprint, digest);
    QCOMPARE(a.correlations.first().r, 1.0);
    // get_branch_anomaly: the same anomaly by its id; an unknown id is 404.
    const auto one
        = ok(await<Core::QueryAnomaly>([&](auto cb) { insights.getAnomaly(org, db, u"main"_s, a.id, this, cb); }),
            "anomaly");
    QCOMPARE(one.id, a.id);
    QCOMPARE(one.periodStart, a.periodStart);
    QCOMPARE(one.periodEnd, a.periodEnd);
    QCOMPARE(one.minutesInViolation, 3);
    QCOMPARE(one.correlations.size(), 1);
    QCOMPARE(one.correlations.first().fingerprint, digest);
    auto unknown = await<Core::QueryAnomaly>(
        [&](auto cb) { insights.getAnomaly(org, db, u"main"_s, QString(32, u'0'), this, cb); });
    QVERIFY(unknown && !unknown->ok());
    QCOMPARE(unknown->error().httpStatus, 404);
    // Outside the window: none.
    QCOMPARE(ok(await<QList<Core::QueryAnomaly>>([&](auto cb) {
        insights.listAnomalies(org, db, u"main"_s,
            filter(&Api::InsightsQuery::period, u"15m"_s, &Api::InsightsQuery::to,
                QDateTime::currentDateTimeUtc().addDays(-1).toString(Qt::ISODate)),
            this, cb);
    }),
                 "old anomalies")
                 .size(),
        0);
}

void TstLocalInsights::metricsParser()
{
    const QJsonObject answer { { u"type"_s, u"query"_s }, { u"start_date"_s, u"2026-01-01T00:00:00Z"_s },
        { u"end_date"_s, u"2026-01-01T00:02:00Z"_s }, { u"interval"_s, 60 },
        { u"series"_s,
            QJsonArray {
                u"{\"metric\":\"queries\",\"fingerprint\":null,\"points\":[[1767225600,3],[1767225660,null]]}"_s,
                QJsonObject { { u"metric"_s, u"latency_p99"_s },
                    { u"points"_s, QJsonArray { QJsonArray { 1767225600, 2.5 } } } } } } };
    auto parsed = Api::Parsers::parseQueryMetrics(answer);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->intervalSeconds, 60);
    QCOMPARE(parsed->series.size(), 2);
    QCOMPARE(parsed->find(u"queries"_s)->points.size(), 2);
    QCOMPARE(parsed->find(u"queries"_s)->points[0].value, 3.0);
    QVERIFY(!parsed->find(u"queries"_s)->points[1].hasValue());
    QCOMPARE(parsed->find(u"latency_p99"_s)->points[0].at.toSecsSinceEpoch(), 1767225600);
    for (const char *field : { "interval", "series", "start_date" }) {
        QJsonObject without = answer;
        without.remove(QString::fromLatin1(field));
        auto missing = Api::Parsers::parseQueryMetrics(without);
        QVERIFY(!missing);
        QVERIFY2(
            missing.error().toString().contains(QString::fromLatin1(field)), qPrintable(missing.error().toString()));
    }
    QJsonObject broken = answer;
    broken.insert(u"series"_s, QJsonArray { u"not json"_s });
    QVERIFY(!Api::Parsers::parseQueryMetrics(broken));
    broken.insert(u"series"_s, QJsonArray { u"{\"metric\":\"queries\",\"points\":[[1,2,3]]}"_s });
    QVERIFY(!Api::Parsers::parseQueryMetrics(broken));
}

QTEST_MAIN(TstLocalInsights)
#include "tst_local_insights.moc"

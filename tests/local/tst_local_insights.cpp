// Query Insights over real HTTP: statements run through a branch password on the fixture's MariaDB
// (performance_schema on) come back from the sandbox as patterns with exact counts, rows and errors, through
// the real Api client; every answer is checked against the official OpenAPI document.

#include "api/branchesresource.h"
#include "api/insightsresource.h"
#include "api/passwordsresource.h"
#include "api/queryerrorparser.h"
#include "api/querypatternparser.h"
#include "local/insightshandler.h"
#include "sandboxfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

class TstLocalInsights : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(startSandbox()); }
    void cleanupTestCase() { stopSandbox(); }
    void percentilesAndTables();
    void patternsOfABranch();
    void parserRequiresTheDocumentsFields();

    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    QList<Core::QueryPattern> patterns(const QString &db, const Api::InsightsQuery &query = {});
    static const Core::QueryPattern *find(const QList<Core::QueryPattern> &list, const QString &sqlPart);
};

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

    Api::PasswordsResource passwords(m_client.get());
    const auto password = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, u"main"_s, Api::CreatePasswordOptions { u"ins"_s, u"admin"_s, {}, false }, this, cb);
    }),
        "password");
    Sql::ConnectionOptions o;
    o.host = m_db.host;
    o.port = m_db.port;
    o.user = password.username;
    o.password = password.plainText;
    o.caFile = m_sandbox->options().caFile;
    o.database = branchSchema(db, u"main"_s);
    auto opened = Sql::Connection::open(o);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    Sql::Connection &c = **opened;

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

QTEST_MAIN(TstLocalInsights)
#include "tst_local_insights.moc"

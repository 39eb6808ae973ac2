// Query-engine benchmark (issues 3 and 14). Creates a 1M x 8 table on the fixture's TLS server and measures,
// in one run with the contenders interleaved: a plain mysql_use_result loop, our text path, our binary path,
// the mariadb CLI (--batch --quick) and QSqlQueryModel over QMYSQL; then exporting the result to a CSV file
// (Core::ResultWriter, as the grid's export does) against the CLI writing the same rows to a file
// (export_csv_over_cli, target <= 1.0), and the result's memory over its payload (target <= 1.2).
// Prints `name = value` lines.
// BENCH_ROWS and BENCH_ROUNDS override the defaults (1000000 rows, 5 rounds; the best round counts).
#include "core/resultwriter.h"
#include "sql/connection.h"
#include "sql/connectionpool.h"

#include "testdb.h"
#include "testdboptions.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QTemporaryDir>
#include <QTimer>

#include <mysql.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

void print(const char *name, double value)
{
    std::printf("%s = %.3f\n", name, value);
    std::fflush(stdout);
}

qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

Sql::ConnectionOptions optionsFor(const TestDb &db)
{
    return testDbOptions(db);
}

bool run(Sql::Connection &c, const QByteArray &sql)
{
    const auto r = c.execute(sql);
    if (!r.ok())
        std::fprintf(stderr, "bench: %s failed: %s\n", sql.left(60).constData(), qPrintable(r.error().toString()));
    return r.ok();
}

struct RawResult
{
    double seconds = 0;
    quint64 rows = 0;
    quint64 payload = 0;
};

// The physical limit of the text protocol: fetch every row, touch the lengths, keep nothing.
RawResult rawUseResult(Sql::Connection &c, const QByteArray &query)
{
    RawResult out;
    QElapsedTimer timer;
    timer.start();
    MYSQL *m = c.handle();
    if (mysql_real_query(m, query.constData(), static_cast<unsigned long>(query.size())) != 0)
        return out;
    MYSQL_RES *res = mysql_use_result(m);
    const unsigned int fields = mysql_num_fields(res);
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
        const unsigned long *lengths = mysql_fetch_lengths(res);
        for (unsigned int f = 0; f < fields; ++f)
            out.payload += lengths[f];
        ++out.rows;
        Q_UNUSED(row);
    }
    mysql_free_result(res);
    out.seconds = timer.nsecsElapsed() / 1e9;
    return out;
}

struct PoolResult
{
    double seconds = 0;
    double firstBatchMs = -1;
    qsizetype rows = 0;
    int batches = 0;
    Core::ResultSet result;
};

// Our path as the GUI sees it: execute, receive batches on this thread, append them to one ResultSet.
PoolResult poolStream(Sql::ConnectionPool &pool, const Sql::Lease &lease, const QString &query, bool binary)
{
    PoolResult out;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    Sql::Run::Options options;
    options.allowBinaryProtocol = binary;
    const std::unique_ptr<Sql::Run> run = pool.run(lease, Core::SqlSplitter::split(query), options);
    QObject::connect(run.get(), &Sql::Run::columnsReceived, &loop,
        [&](const Sql::ResultHeader &h) { out.result = Core::ResultSet(h.columns); });
    QObject::connect(run.get(), &Sql::Run::rowsReceived, &loop, [&](const Sql::RowBatch &b) {
        if (out.firstBatchMs < 0)
            out.firstBatchMs = timer.nsecsElapsed() / 1e6;
        out.result.append(b.rows);
        ++out.batches;
    });
    QObject::connect(run.get(), &Sql::Run::statementFailed, &loop, [&](const Sql::StatementError &e) {
        std::fprintf(stderr, "bench: statement failed: %s\n", qPrintable(e.message));
    });
    QObject::connect(run.get(), &Sql::Run::finished, &loop, &QEventLoop::quit);
    loop.exec();
    out.seconds = timer.nsecsElapsed() / 1e9;
    out.rows = out.result.rowCount();
    return out;
}

// The mariadb client fetching the query and writing its rows (TSV) to `output` (default: nowhere).
double mariadbCli(const TestDb &db, const QString &query, const QString &output = QProcess::nullDevice())
{
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"MYSQL_PWD"_s, db.password); // never on the command line
    cli.setProcessEnvironment(env);
    cli.setStandardOutputFile(output);
    QElapsedTimer timer;
    timer.start();
    cli.start(u"mariadb"_s,
        { u"--no-defaults"_s, u"--batch"_s, u"--quick"_s, u"-h"_s, db.host, u"-P"_s, QString::number(db.port), u"-u"_s,
            db.user, u"--ssl-ca="_s + db.caFile, u"--ssl-verify-server-cert"_s, u"-D"_s, db.database, u"-e"_s, query });
    if (!cli.waitForFinished(600000) || cli.exitCode() != 0) {
        std::fprintf(stderr, "bench: mariadb CLI failed: %s\n", cli.readAllStandardError().constData());
        return -1;
    }
    return timer.nsecsElapsed() / 1e9;
}

// Worst time over reading a 40x8 window of cells (as a model's data() would) at several rows.
double windowReadMsMax(const Core::ResultSet &rs)
{
    double worst = 0;
    const qsizetype rows = rs.rowCount();
    for (qsizetype start : { qsizetype(0), rows / 2, std::max<qsizetype>(0, rows - 40) }) {
        QElapsedTimer timer;
        timer.start();
        qsizetype chars = 0;
        for (qsizetype r = start; r < std::min(rows, start + 40); ++r)
            for (int c = 0; c < rs.columnCount(); ++c)
                chars += rs.cellText(r, c).size();
        worst = std::max(worst, timer.nsecsElapsed() / 1e6);
        if (chars < 0)
            std::printf("impossible\n");
    }
    return worst;
}

// Our export of a received result to a CSV file, as the grid's exporter does it (on a worker there).
double exportCsv(const Core::ResultSet &result, const QString &path)
{
    Core::ResultWriter::Job job;
    job.rows = Core::ResultChunks(result.columns());
    job.rows.append(result);
    job.path = path;
    job.format = Core::ResultWriter::Format::Csv;
    QElapsedTimer timer;
    timer.start();
    const auto written = Core::ResultWriter::write(job, Core::CancelFlag());
    if (!written.ok()) {
        std::fprintf(stderr, "bench: export failed: %s\n", qPrintable(written.error().toString()));
        return -1;
    }
    return timer.nsecsElapsed() / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const TestDb db = TestDb::fromEnvironment();
    if (!db.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(TestDb::missingReason()));
        return 1;
    }
    const int rows = qEnvironmentVariableIsSet("BENCH_ROWS") ? qEnvironmentVariableIntValue("BENCH_ROWS") : 1000000;
    const int rounds = qEnvironmentVariableIsSet("BENCH_ROUNDS") ? qEnvironmentVariableIntValue("BENCH_ROUNDS") : 5;
    const Sql::ConnectionOptions options = optionsFor(db);

    auto opened = Sql::Connection::open(options);
    if (!opened.ok()) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    Sql::Connection &raw = *opened.value();
    QElapsedTimer setup;
    setup.start();
    if (!run(raw, "DROP TABLE IF EXISTS bench_t")
        || !run(raw,
            "CREATE TABLE bench_t (id BIGINT PRIMARY KEY, n INT, name VARCHAR(64), amount DECIMAL(12,2), "
            "created DATETIME, ratio DOUBLE, flag TINYINT, note TEXT) ENGINE=InnoDB")
        || !run(raw,
            "INSERT INTO bench_t SELECT seq, CAST((seq * 7919) % 1000003 AS SIGNED) - 500000, "
            "CONCAT('user-', seq, '@example.com'), ((seq * 37) % 10000000) / 100, "
            "'2020-01-01 00:00:00' + INTERVAL seq * 61 SECOND, seq / 7, seq % 128, "
            "SUBSTRING(CONCAT(MD5(seq), MD5(seq + 1)), 1, 40) FROM seq_1_to_"
                + QByteArray::number(rows))) {
        return 1;
    }
    print("setup_seconds", setup.elapsed() / 1000.0);
    print("rows", rows);

    const QString query = u"SELECT id, n, name, amount, created, ratio, flag, note FROM bench_t"_s;
    const QByteArray queryBytes = query.toUtf8();

    Sql::ConnectionPool::Settings settings;
    settings.maxConnections = 1;
    Sql::ConnectionPool pool(options, settings);
    Sql::Lease lease = pool.lease();
    poolStream(pool, lease, u"SELECT 1"_s, false); // warm: the handshake is not part of the timings

    double bestRaw = 1e99, bestText = 1e99, bestBinary = 1e99, bestCli = 1e99;
    double firstBatchText = 1e99, firstBatchBinary = 1e99;
    quint64 payload = 0;
    int batchesText = 0;
    double memoryOverPayload = 0, memoryOverPayloadSqueezed = 0, windowMs = 0;
    double bestExport = 1e99, bestCliToFile = 1e99;
    QTemporaryDir exportDir;
    for (int round = 0; round < rounds; ++round) {
        const RawResult r = rawUseResult(raw, queryBytes);
        bestRaw = std::min(bestRaw, r.seconds);
        payload = r.payload;
        {
            PoolResult t = poolStream(pool, lease, query, false);
            bestText = std::min(bestText, t.seconds);
            firstBatchText = std::min(firstBatchText, t.firstBatchMs);
            batchesText = t.batches;
            if (t.rows != qsizetype(r.rows))
                std::fprintf(stderr, "bench: text path got %lld rows, raw %llu\n", qint64(t.rows), r.rows);
        }
        {
            PoolResult b = poolStream(pool, lease, query, true);
            bestBinary = std::min(bestBinary, b.seconds);
            firstBatchBinary = std::min(firstBatchBinary, b.firstBatchMs);
            bestExport = std::min(bestExport, exportCsv(b.result, exportDir.filePath(u"ours.csv"_s)));
            if (round == rounds - 1 && payload > 0) {
                memoryOverPayload = double(b.result.memoryUsage()) / double(payload);
                windowMs = windowReadMsMax(b.result);
                b.result.squeeze();
                memoryOverPayloadSqueezed = double(b.result.memoryUsage()) / double(payload);
            }
        }
        bestCli = std::min(bestCli, mariadbCli(db, query));
        bestCliToFile = std::min(bestCliToFile, mariadbCli(db, query, exportDir.filePath(u"cli.tsv"_s)));
    }

    print("payload_mib", payload / 1048576.0);
    print("raw_use_result_seconds", bestRaw);
    print("text_seconds", bestText);
    print("binary_seconds", bestBinary);
    print("mariadb_cli_seconds", bestCli);
    print("text_vs_raw_use", bestRaw / bestText);
    print("binary_vs_raw_use", bestRaw / bestBinary);
    print("vs_mariadb_cli", bestCli / bestBinary); // default path: a lone SELECT goes binary
    print("text_vs_mariadb_cli", bestCli / bestText);
    print("first_batch_ms", std::min(firstBatchText, firstBatchBinary));
    print("first_batch_ms_text", firstBatchText);
    print("first_batch_ms_binary", firstBatchBinary);
    print("batches_text", batchesText);
    print("memory_over_payload", memoryOverPayload); // while streaming, spare capacity included
    print("memory_over_payload_squeezed", memoryOverPayloadSqueezed); // after ResultSet::squeeze()
    print("window_read_ms_max", windowMs);
    print("export_csv_seconds", bestExport);
    print("mariadb_cli_to_file_seconds", bestCliToFile);
    print("export_csv_over_cli", bestExport / bestCliToFile); // our export time / the client's (lower is better)

    // QSqlQueryModel over QMYSQL on the same query, for comparison (it buffers the whole result).
    {
        QSqlDatabase qdb = QSqlDatabase::addDatabase(u"QMYSQL"_s, u"bench"_s);
        qdb.setHostName(db.host);
        qdb.setPort(db.port);
        qdb.setUserName(db.user);
        qdb.setPassword(db.password);
        qdb.setDatabaseName(db.database);
        qdb.setConnectOptions(u"SSL_CA="_s + db.caFile);
        if (qdb.open()) {
            const qint64 before = residentBytes();
            QElapsedTimer timer;
            timer.start();
            auto *model = new QSqlQueryModel;
            model->setQuery(QSqlQuery(query, qdb));
            while (model->canFetchMore())
                model->fetchMore();
            const double seconds = timer.nsecsElapsed() / 1e9;
            const qint64 memory = residentBytes() - before;
            QElapsedTimer window;
            window.start();
            for (int r = model->rowCount() - 40; r < model->rowCount(); ++r)
                for (int c = 0; c < 8; ++c)
                    (void)model->data(model->index(r, c));
            print("qsqlquerymodel_seconds", seconds);
            print("qsqlquerymodel_rows", model->rowCount());
            print("qsqlquerymodel_memory_over_payload", payload ? double(memory) / double(payload) : 0);
            print("qsqlquerymodel_window_read_ms_at_end", window.nsecsElapsed() / 1e6);
            print("binary_vs_qsqlquerymodel", seconds / bestBinary);
            delete model;
        } else {
            std::fprintf(stderr, "bench: QMYSQL: %s\n", qPrintable(qdb.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(u"bench"_s);

    // Handshakes and per-query overhead: 10,000 SELECT 1 over a pool of N, N in flight at a time.
    {
        const int poolSize = 4;
        const int queries = 10000;
        Sql::ConnectionPool::Settings small;
        small.maxConnections = poolSize;
        Sql::ConnectionPool many(options, small);
        QEventLoop loop;
        int finished = 0, submitted = 0;
        const auto statements = Core::SqlSplitter::split(u"SELECT 1"_s);
        std::vector<std::unique_ptr<Sql::Run>> inFlight;
        std::function<void()> submit = [&] {
            std::unique_ptr<Sql::Run> run = many.run(statements);
            QObject::connect(run.get(), &Sql::Run::finished, &loop, [&, handle = run.get()] {
                ++finished;
                if (submitted < queries) {
                    ++submitted;
                    submit();
                }
                if (finished == queries)
                    loop.quit();
                // The finished handle goes once its signal returns.
                const auto done = std::find_if(
                    inFlight.begin(), inFlight.end(), [handle](const auto &r) { return r.get() == handle; });
                done->release()->deleteLater();
                inFlight.erase(done);
            });
            inFlight.push_back(std::move(run));
        };
        QElapsedTimer timer;
        timer.start();
        for (; submitted < poolSize; ++submitted)
            submit();
        loop.exec();
        const double concurrentUs = timer.nsecsElapsed() / 1e3 / queries;
        print("pool_size", poolSize);
        print("tls_handshakes", many.tlsHandshakes());
        print("queries", queries);
        print("pool_concurrent_us_per_query", concurrentUs);

        // Sequential latency through the pool (one at a time) against a warm direct SELECT 1.
        Sql::Lease one = many.lease();
        const int sequential = 2000;
        timer.restart();
        for (int i = 0; i < sequential; ++i)
            poolStream(many, one, u"SELECT 1"_s, false);
        const double poolUs = timer.nsecsElapsed() / 1e3 / sequential;
        timer.restart();
        for (int i = 0; i < sequential; ++i) {
            mysql_real_query(raw.handle(), "SELECT 1", 8);
            mysql_free_result(mysql_store_result(raw.handle()));
        }
        const double rawUs = timer.nsecsElapsed() / 1e3 / sequential;
        print("select1_raw_us", rawUs);
        print("select1_pool_us", poolUs);
        print("per_query_overhead_us", poolUs - rawUs);
        print("tls_handshakes_after_sequential", many.tlsHandshakes());
    }
    run(raw, "DROP TABLE bench_t");
    return 0;
}

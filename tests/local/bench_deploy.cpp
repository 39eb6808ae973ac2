// bench_deploy: the sandbox's online deploy against pt-online-schema-change (Debian percona-toolkit), same
// server, same run, identical tables (1,000,000 rows by default; BENCH_DEPLOY_ROWS), the same change
// (ADD COLUMN c INT NULL, ADD INDEX (v)), and the same application writer inserting at a fixed rate (200/s)
// into the table being changed during both runs. Each insert's latency counts from when it was due (a stall
// delays the ones behind it too). Prints:
//   deploy_ms_ours        API call to complete_pending_revert
//   deploy_ms_ptosc       pt-online-schema-change's run, start to exit
//   deploy_over_ptosc     ours / theirs (goal <= 1.0)
//   writer_p99_ms_ours / writer_p99_ms_ptosc   (goal: ours <= theirs)
//   cutover_block_ms_max  the longest writer insert that overlapped our cutover, from ready_to_cutover_at to
//                         cutover_at as the request records them (goal <= 1000)
//   rows_lost             rows the writer committed (or the table had) that our deploy lost (goal 0)
// and, as extra lines, each writer's max and where our deploy's time went (phase_*: ms after queued_at, from
// the request's timestamps and its journal) and the writer's longest stalls. BENCH_DEPLOY_CHUNK_MS sets our
// copy's chunk target (default 200 ms, branchdeck-local's), BENCH_DEPLOY_POLL_MS how often the bench asks for
// our request's state (default 10 ms); deploy_ms_ours_by_record is the same span ended by the request's own
// cutover_at (when it became complete_pending_revert), free of the polling's granularity.
// Both connect to the server the same way (its unix socket, as root).

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "apiwait.h"
#include "local/sandbox.h"
#include "sql/connection.h"
#include "sql/mysqllibrary.h"
#include "testdb.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const QString org = u"local"_s;

// An API call with room for a loaded machine (creating the request checks a million rows).
template<typename T>
std::optional<Api::ApiResult<T>> call(const std::function<void(std::function<void(Api::ApiResult<T>)>)> &start)
{
    return await<T>(start, 120000);
}

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_deploy: %s\n", qPrintable(what));
    std::exit(1);
}

void figure(const char *name, double value, int decimals = 1)
{
    std::printf("%s = %.*f\n", name, decimals, value);
    std::fflush(stdout);
}

// Inserts into `table` at a fixed rate; each latency counts from when the insert was due.
class Writer
{
public:
    struct Sample
    {
        qint64 dueMs; // on the bench's clock
        qint64 latencyUs;
    };

    Writer(Sql::ConnectionOptions options, QByteArray table, const QElapsedTimer &clock, int perSecond = 200)
        : m_options(std::move(options))
        , m_table(std::move(table))
        , m_clock(clock)
        , m_intervalUs(1000000 / perSecond)
    { }
    ~Writer() { stop(); }

    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    qint64 committed() const { return m_committed.load(); }
    qint64 failed() const { return m_failed.load(); }
    QList<Sample> samples() const
    {
        std::lock_guard lock(m_mutex);
        return m_samples;
    }
    static double percentile(QList<qint64> values, double p)
    {
        if (values.isEmpty())
            return 0;
        std::sort(values.begin(), values.end());
        const auto index = qsizetype(std::ceil(p * double(values.size()))) - 1;
        return double(values.at(qBound<qsizetype>(0, index, values.size() - 1)));
    }
    // In milliseconds, from microsecond samples (most inserts take well under a millisecond).
    double p99() const
    {
        QList<qint64> latencies;
        for (const Sample &s : samples())
            latencies << s.latencyUs;
        return percentile(latencies, 0.99) / 1000.0;
    }
    // The longest stalls, at most `n`, each the worst insert of its episode (episodes at least 1 s apart):
    // pairs of (due time on the bench's clock, latency), both in ms.
    QList<std::pair<qint64, qint64>> stalls(int n) const
    {
        QList<Sample> all = samples();
        std::sort(all.begin(), all.end(), [](const Sample &a, const Sample &b) { return a.latencyUs > b.latencyUs; });
        QList<std::pair<qint64, qint64>> out;
        for (const Sample &s : all) {
            if (out.size() >= n)
                break;
            const bool near
                = std::any_of(out.cbegin(), out.cend(), [&](const auto &o) { return qAbs(o.first - s.dueMs) < 1000; });
            if (!near)
                out << std::pair { s.dueMs, s.latencyUs / 1000 };
        }
        return out;
    }
    // The longest insert among those that were running at some point in [fromMs, toMs].
    qint64 worstBetween(qint64 fromMs, qint64 toMs) const
    {
        qint64 worst = 0;
        for (const Sample &s : samples()) {
            if (s.dueMs <= toMs && s.dueMs + s.latencyUs / 1000 >= fromMs)
                worst = qMax(worst, s.latencyUs);
        }
        return worst / 1000;
    }

private:
    void run()
    {
        Sql::MysqlLibrary::threadStarted();
        auto opened = Sql::Connection::open(m_options);
        if (!opened)
            die(u"writer: "_s + opened.error().toString());
        std::unique_ptr<Sql::Connection> c = std::move(opened).value();
        const qint64 startUs = m_clock.nsecsElapsed() / 1000;
        for (qint64 i = 0; !m_stop.load(); ++i) {
            const qint64 dueUs = startUs + i * m_intervalUs;
            const qint64 nowUs = m_clock.nsecsElapsed() / 1000;
            if (dueUs > nowUs)
                std::this_thread::sleep_for(std::chrono::microseconds(dueUs - nowUs));
            const bool ok = c->execute("INSERT INTO " + m_table + " (v, name, created) VALUES ("
                                 + QByteArray::number(i % 1000) + ", 'writer', NOW())")
                                .ok();
            const qint64 doneUs = m_clock.nsecsElapsed() / 1000;
            ok ? ++m_committed : ++m_failed;
            std::lock_guard lock(m_mutex);
            m_samples.append(Sample { dueUs / 1000, doneUs - dueUs });
        }
        c.reset();
        Sql::MysqlLibrary::threadFinished();
    }

    Sql::ConnectionOptions m_options;
    QByteArray m_table;
    const QElapsedTimer &m_clock;
    qint64 m_intervalUs;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::atomic<qint64> m_committed { 0 };
    std::atomic<qint64> m_failed { 0 };
    mutable std::mutex m_mutex;
    QList<Sample> m_samples;
};

class Bench
{
public:
    int run();

private:
    void exec(const QString &sql);
    qint64 count(const QString &table);
    QByteArray seedChecksum(const QString &table);
    void prepare();
    qint64 deployOurs(double *p99, qint64 *blockMax, qint64 *lost);
    std::pair<qint64, qint64> cutoverWindow();
    void printPhases();
    void printStalls(const Writer &writer);
    qint64 deployPtOsc(double *p99, qint64 *lost);

    TestDb m_db;
    QObject m_context; // receives the API client's answers
    Sql::ConnectionOptions m_root;
    std::unique_ptr<Sql::Connection> m_admin;
    std::unique_ptr<Local::Sandbox> m_sandbox;
    std::unique_ptr<Api::ApiClient> m_client;
    QElapsedTimer m_clock;
    QString m_name;
    qint64 m_rows = 1000000;
    qint64 m_dr = 0;
    QByteArray m_seed; // seedChecksum() of both tables before the deploys
};

void Bench::exec(const QString &sql)
{
    if (auto done = m_admin->query(sql.toUtf8()); !done)
        die(sql.left(120) + u": "_s + done.error().toString());
}

qint64 Bench::count(const QString &table)
{
    auto n = m_admin->query((u"SELECT COUNT(*) FROM "_s + table).toUtf8());
    if (!n || n->rows.isEmpty())
        die(u"count of "_s + table);
    return n->rows.constFirst().constFirst().toLongLong();
}

// The seeded rows' values, as they were inserted (the added column is not part of it).
QByteArray Bench::seedChecksum(const QString &table)
{
    auto sum = m_admin->query((u"SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS(',', id, v, name, created))) FROM "_s + table
        + u" WHERE id <= "_s + QString::number(m_rows))
                                  .toUtf8());
    if (!sum || sum->rows.isEmpty())
        die(u"checksum of "_s + table);
    return sum->rows.constFirst().at(0) + '/' + sum->rows.constFirst().at(1);
}

void Bench::prepare()
{
    m_name = u"bench"_s + QString::number(QRandomGenerator::global()->bounded(10000, 99999));
    auto created = call<QJsonValue>([&](auto cb) {
        m_client->send(
            Api::ApiRequest::post({ u"organizations"_s, org, u"databases"_s }, QJsonObject { { u"name"_s, m_name } }),
            &m_context, cb);
    });
    if (!created || !created->ok())
        die(u"database not created"_s);
    const QString main = u'`' + m_name + u"__main`"_s;
    const QString theirs = u"`ptosc_"_s + m_name + u'`';
    exec(u"CREATE TABLE "_s + main
        + u".items (id INT AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL, name VARCHAR(32) NOT NULL,"
          u" created DATETIME NOT NULL)"_s);
    exec(u"INSERT INTO "_s + main
        + u".items (v, name, created) SELECT seq % 1000, CONCAT('row-', seq),"
          u" '2026-01-01' + INTERVAL seq SECOND FROM "_s
        + main + u".seq_1_to_"_s + QString::number(m_rows));
    exec(u"CREATE DATABASE "_s + theirs);
    exec(u"CREATE TABLE "_s + theirs + u".items LIKE "_s + main + u".items"_s);
    exec(u"INSERT INTO "_s + theirs + u".items SELECT * FROM "_s + main + u".items"_s);
    Api::BranchesResource branches(m_client.get());
    auto branch = call<Core::Branch>([&](auto cb) {
        branches.create(org, m_name, Api::CreateBranchOptions { u"dev"_s, u"main"_s, {}, {}, {}, {} }, &m_context, cb);
    });
    if (!branch || !branch->ok())
        die(u"branch not created"_s);
    exec(u"ALTER TABLE `"_s + m_name + u"__dev`.items ADD COLUMN c INT NULL, ADD INDEX idx_v (v)"_s);
    Api::DeployRequestsResource drs(m_client.get());
    auto dr = call<Core::DeployRequest>([&](auto cb) {
        drs.create(
            org, m_name, Api::CreateDeployRequestOptions { u"dev"_s, u"main"_s, {}, true, false }, &m_context, cb);
    });
    if (!dr || !dr->ok() || dr->value().deploymentStateName != u"ready"_s)
        die(u"deploy request not ready"_s);
    m_dr = dr->value().number;
    exec(u"ANALYZE TABLE "_s + main + u".items, "_s + theirs + u".items"_s);
    m_seed = seedChecksum(main + u".items"_s);
    if (seedChecksum(theirs + u".items"_s) != m_seed)
        die(u"the two tables differ before the deploys"_s);
}

// From the request's own record (ready_to_cutover_at .. cutover_at, UTC), on the bench's clock.
std::pair<qint64, qint64> Bench::cutoverWindow()
{
    auto r = m_admin->query((u"SELECT TIMESTAMPDIFF(MICROSECOND, ready_to_cutover_at, UTC_TIMESTAMP(6)),"
                             u" TIMESTAMPDIFF(MICROSECOND, cutover_at, UTC_TIMESTAMP(6))"
                             u" FROM branchdeck_sandbox.deploy_requests WHERE database_name = '"_s
        + m_name + u"' AND number = "_s + QString::number(m_dr))
                                .toUtf8());
    const qint64 now = m_clock.elapsed();
    if (!r || r->rows.isEmpty() || r->rows.constFirst().size() < 2 || r->rows.constFirst().at(0).isNull()
        || r->rows.constFirst().at(1).isNull())
        die(u"the request's cutover times are missing"_s);
    return { now - r->rows.constFirst().at(0).toLongLong() / 1000,
        now - r->rows.constFirst().at(1).toLongLong() / 1000 };
}

// Where our deploy's time went, from the request's own timestamps and its journal (ms after queued_at):
// extra lines, for profiling; the goal figures are printed by run().
void Bench::printPhases()
{
    const QString from = u"branchdeck_sandbox.deploy_requests WHERE database_name = '"_s + m_name + u"' AND number = "_s
        + QString::number(m_dr);
    auto r = m_admin->query((u"SELECT TIMESTAMPDIFF(MICROSECOND, queued_at, submitted_at),"
                             u" TIMESTAMPDIFF(MICROSECOND, queued_at, started_at),"
                             u" TIMESTAMPDIFF(MICROSECOND, queued_at, ready_to_cutover_at),"
                             u" TIMESTAMPDIFF(MICROSECOND, queued_at, cutover_at), id FROM "_s
        + from)
                                .toUtf8());
    if (!r || r->rows.isEmpty())
        return;
    const QList<QByteArray> &row = r->rows.constFirst();
    const char *names[] = { "phase_submitted_ms", "phase_started_ms", "phase_ready_to_cutover_ms", "phase_cutover_ms" };
    for (int i = 0; i < 4; ++i)
        std::printf("%s = %lld\n", names[i], row.at(i).toLongLong() / 1000);
    auto steps = m_admin->query((u"SELECT step, COUNT(*), MIN(TIMESTAMPDIFF(MICROSECOND, r.queued_at, j.created_at)),"
                                 u" MAX(TIMESTAMPDIFF(MICROSECOND, r.queued_at, j.created_at))"
                                 u" FROM branchdeck_sandbox.deploy_journal AS j JOIN branchdeck_sandbox.deploy_requests"
                                 u" AS r ON r.id = j.deploy_request_id WHERE j.deploy_request_id = '"_s
        + QString::fromUtf8(row.at(4)) + u"' GROUP BY step ORDER BY MIN(j.id)"_s)
                                    .toUtf8());
    if (!steps)
        return;
    for (const QList<QByteArray> &s : steps->rows)
        std::printf("phase_step_%s_ms = %lld (last %lld, %lld entries)\n", s.at(0).constData(),
            s.at(2).toLongLong() / 1000, s.at(3).toLongLong() / 1000, s.at(1).toLongLong());
    std::fflush(stdout);
}

// The writer's longest stalls during our deploy, in ms after queued_at like the phases (extra lines).
void Bench::printStalls(const Writer &writer)
{
    auto r = m_admin->query((u"SELECT TIMESTAMPDIFF(MICROSECOND, queued_at, UTC_TIMESTAMP(6))"
                             u" FROM branchdeck_sandbox.deploy_requests WHERE database_name = '"_s
        + m_name + u"' AND number = "_s + QString::number(m_dr))
                                .toUtf8());
    const qint64 now = m_clock.elapsed();
    if (!r || r->rows.isEmpty() || r->rows.constFirst().constFirst().isNull())
        return;
    const qint64 queued = now - r->rows.constFirst().constFirst().toLongLong() / 1000;
    for (const auto &[due, latency] : writer.stalls(5))
        std::printf("writer_stall_ours = %lld ms at %lld ms\n", latency, due - queued);
    std::fflush(stdout);
}

qint64 Bench::deployOurs(double *p99, qint64 *blockMax, qint64 *lost)
{
    const QString table = u'`' + m_name + u"__main`.items"_s;
    Writer writer(m_root, table.toUtf8(), m_clock);
    writer.start();
    spin(500);
    Api::DeployRequestsResource drs(m_client.get());
    const int pollMs = qEnvironmentVariableIntValue("BENCH_DEPLOY_POLL_MS") > 0
        ? qEnvironmentVariableIntValue("BENCH_DEPLOY_POLL_MS")
        : 10;
    int polls = 0;
    QElapsedTimer timer;
    timer.start();
    const qint64 calledAt = m_clock.elapsed();
    auto deploying = call<Core::DeployRequest>([&](auto cb) { drs.deploy(org, m_name, m_dr, false, &m_context, cb); });
    if (!deploying || !deploying->ok())
        die(u"deploy refused"_s);
    const qint64 deployCall = timer.elapsed();
    qint64 slowestPoll = 0;
    QString state;
    while (state != u"complete_pending_revert"_s) {
        const qint64 polled = timer.elapsed();
        auto dr = call<Core::DeployRequest>([&](auto cb) { drs.get(org, m_name, m_dr, &m_context, cb); });
        ++polls;
        slowestPoll = qMax(slowestPoll, timer.elapsed() - polled);
        if (!dr || !dr->ok())
            die(u"deploy request not readable"_s);
        state = dr->value().deploymentStateName;
        if (state == u"complete_error"_s)
            die(u"our deploy failed: "_s
                + (dr->value().deployment ? dr->value().deployment->deployCheckErrors : QString()));
        if (timer.elapsed() > 900000)
            die(u"our deploy took more than 15 minutes"_s);
        if (state != u"complete_pending_revert"_s)
            spin(pollMs);
    }
    const qint64 elapsed = timer.elapsed();
    const auto [cutoverFrom, cutoverTo] = cutoverWindow();
    std::printf("deploy_call_ms_ours = %lld\nslowest_poll_ms_ours = %lld\npolls_ours = %d\n"
                "deploy_ms_ours_by_record = %lld\n",
        deployCall, slowestPoll, polls, cutoverTo - calledAt);
    printPhases();
    spin(300);
    writer.stop();
    printStalls(writer);
    *p99 = writer.p99();
    *blockMax = writer.worstBetween(cutoverFrom, cutoverTo);
    *lost = m_rows + writer.committed() - count(table);
    if (seedChecksum(table) != m_seed)
        die(u"our deploy changed seeded rows"_s);
    std::printf("writer_inserts_ours = %lld\nwriter_failures_ours = %lld\nwriter_max_ms_ours = %lld\n"
                "cutover_window_ms_ours = %lld\n",
        writer.committed(), writer.failed(), writer.worstBetween(0, m_clock.elapsed()), cutoverTo - cutoverFrom);
    return elapsed;
}

qint64 Bench::deployPtOsc(double *p99, qint64 *lost)
{
    const QString schema = u"ptosc_"_s + m_name;
    const QString table = u'`' + schema + u"`.items"_s;
    const QString tool = QStandardPaths::findExecutable(u"pt-online-schema-change"_s);
    if (tool.isEmpty())
        die(u"pt-online-schema-change not found: install percona-toolkit (packaging/debian-packages.txt)"_s);
    Writer writer(m_root, table.toUtf8(), m_clock);
    writer.start();
    spin(500);
    QProcess pt;
    pt.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    const qint64 startedAt = m_clock.elapsed();
    pt.start(tool,
        { u"--alter"_s, u"ADD COLUMN c INT NULL, ADD INDEX idx_v (v)"_s, u"--execute"_s, u"--noversion-check"_s,
            u"--recursion-method=none"_s, u"D="_s + schema + u",t=items,S="_s + m_db.socket + u",u=root"_s });
    if (!pt.waitForFinished(900000) || pt.exitStatus() != QProcess::NormalExit || pt.exitCode() != 0)
        die(u"pt-online-schema-change failed:\n"_s + QString::fromLocal8Bit(pt.readAll()).right(3000));
    const qint64 elapsed = timer.elapsed();
    spin(300);
    writer.stop();
    *p99 = writer.p99();
    *lost = m_rows + writer.committed() - count(table);
    if (seedChecksum(table) != m_seed)
        std::printf("ptosc_changed_seeded_rows = 1\n");
    std::printf("writer_inserts_ptosc = %lld\nwriter_failures_ptosc = %lld\nwriter_max_ms_ptosc = %lld\n",
        writer.committed(), writer.failed(), writer.worstBetween(0, m_clock.elapsed()));
    for (const auto &[due, latency] : writer.stalls(5))
        std::printf("writer_stall_ptosc = %lld ms at %lld ms\n", latency, due - startedAt);
    return elapsed;
}

int Bench::run()
{
    m_db = TestDb::fromEnvironment();
    if (!m_db.isValid() || m_db.socket.isEmpty())
        die(TestDb::missingReason());
    if (const int rows = qEnvironmentVariableIntValue("BENCH_DEPLOY_ROWS"); rows > 0)
        m_rows = rows;
    m_root.socket = m_db.socket;
    m_root.user = u"root"_s;
    m_root.allowPlaintext = true;
    auto admin = Sql::Connection::open(m_root);
    if (!admin)
        die(admin.error().toString());
    m_admin = std::move(admin).value();
    Local::SandboxOptions options;
    options.admin = m_root;
    options.mysqlHost = m_db.host;
    options.mysqlPort = m_db.port;
    options.caFile = m_db.caFile;
    options.deploy.chunkRows = 1000;
    options.deploy.chunkTargetMs = 200; // what branchdeck-local runs with by default
    if (const int ms = qEnvironmentVariableIntValue("BENCH_DEPLOY_CHUNK_MS"); ms > 0)
        options.deploy.chunkTargetMs = ms; // to compare chunk sizes
    if (qEnvironmentVariableIsSet("BENCH_DEPLOY_DEFER_INDEXES"))
        options.deploy.deferIndexes = qEnvironmentVariableIntValue("BENCH_DEPLOY_DEFER_INDEXES") != 0;
    if (qEnvironmentVariableIsSet("BENCH_DEPLOY_CHECK_BESIDE"))
        options.deploy.checkBeside = qEnvironmentVariableIntValue("BENCH_DEPLOY_CHECK_BESIDE") != 0;
    std::printf("defer_indexes = %d\ncheck_beside = %d\n", options.deploy.deferIndexes ? 1 : 0,
        options.deploy.checkBeside ? 1 : 0);
    m_sandbox = std::make_unique<Local::Sandbox>();
    if (auto started = m_sandbox->start(options); !started)
        die(started.error().toString());
    m_client = std::make_unique<Api::ApiClient>();
    m_client->setBaseUrl(m_sandbox->apiUrl());
    // The sandbox sets no request limit. The client's default budget (below PlanetScale's 600 a minute) held
    // the 10 ms polls back once about 540 had gone out within a minute: a deploy longer than ~8 s then waited
    // ~40 s for its next poll, and that wait counted as our deploy time.
    m_client->setRequestBudget(1000000, std::chrono::minutes(1));
    m_client->setCredentials(
        Api::Credentials::serviceToken(m_sandbox->serviceTokenId(), m_sandbox->serviceToken(), u"bench"_s));
    m_clock.start();

    std::printf("rows = %lld\nwriter_rate_per_s = 200\n", m_rows);
    prepare();
    double p99Ours = 0, p99Theirs = 0;
    qint64 block = 0, lostOurs = 0, lostTheirs = 0;
    const qint64 ours = deployOurs(&p99Ours, &block, &lostOurs);
    const qint64 theirs = deployPtOsc(&p99Theirs, &lostTheirs);
    figure("deploy_ms_ours", double(ours), 0);
    figure("deploy_ms_ptosc", double(theirs), 0);
    figure("deploy_over_ptosc", double(ours) / double(qMax<qint64>(1, theirs)), 3);
    figure("writer_p99_ms_ours", p99Ours, 2);
    figure("writer_p99_ms_ptosc", p99Theirs, 2);
    figure("cutover_block_ms_max", double(block), 0);
    figure("rows_lost", double(lostOurs), 0);
    figure("rows_lost_ptosc", double(lostTheirs), 0);

    m_sandbox.reset();
    exec(u"DROP DATABASE IF EXISTS `ptosc_"_s + m_name + u'`');
    exec(u"DROP DATABASE IF EXISTS `"_s + m_name + u"__main`"_s);
    exec(u"DROP DATABASE IF EXISTS `"_s + m_name + u"__dev`"_s);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return Bench().run();
}

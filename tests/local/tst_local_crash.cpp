// Crash safety of deployments, on the sandbox's own private MariaDB (no other test shares its deploy worker):
// - the crash matrix: for every failpoint of a deployment, a cutover and a revert, `branchdeck-local` kills
//   itself with SIGKILL there while an application writes; a new start recovers, and within a bound the
//   request is in its terminal state, the live table holds exactly the rows a direct ALTER on a copy of the
//   application's data gives, no shadow or trigger is left, and a revert is still possible once swapped;
// - the MariaDB server killed in the middle of a copy: the API answers 503 meanwhile, and once the server
//   is back the deployment resumes and completes, losing nothing: an operator's server (--mysql) restarted
//   by its operator, and the sandbox's own private server, which the sandbox starts again itself;
// - a cancel while the deployment is submitting ends in complete_cancel.

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "apiwait.h"
#include "local/failpoint.h"
#include "local/mariadbinstance.h"
#include "sql/connection.h"
#include "sql/mysqllibrary.h"
#include "sql/servererrors.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const QString org = u"local"_s;

// An application writing to `items` and, in the same transaction, to its ledger (the old shape, never
// deployed): the ledger is what the table must hold.
class Writer
{
public:
    Writer(Sql::ConnectionOptions options, QByteArray table, QByteArray ledger)
        : m_options(std::move(options))
        , m_table(std::move(table))
        , m_ledger(std::move(ledger))
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
    int commits() const { return m_commits.load(); }

private:
    void run()
    {
        Sql::MysqlLibrary::threadStarted();
        std::unique_ptr<Sql::Connection> c;
        QRandomGenerator random(7);
        for (int i = 0; !m_stop.load(); ++i) {
            if (!c || c->isBroken()) {
                auto opened = Sql::Connection::open(m_options);
                c = opened ? std::move(opened).value() : nullptr;
                if (!c) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                    continue;
                }
            }
            const int id = 1 + int(random.bounded(1600));
            const QByteArray n = QByteArray::number(i);
            QList<QByteArray> statements;
            switch (i % 3) {
            case 0:
                statements = { "INSERT INTO " + m_table + " (name, v) VALUES ('w" + n + "', " + n + ")",
                    "INSERT INTO " + m_ledger + " (id, name, v) VALUES (LAST_INSERT_ID(), 'w" + n + "', " + n + ")" };
                break;
            case 1:
                statements = { "UPDATE " + m_table + " SET v = v + 1 WHERE id = " + QByteArray::number(id),
                    "UPDATE " + m_ledger + " SET v = v + 1 WHERE id = " + QByteArray::number(id) };
                break;
            default:
                statements = { "DELETE FROM " + m_table + " WHERE id = " + QByteArray::number(id),
                    "DELETE FROM " + m_ledger + " WHERE id = " + QByteArray::number(id) };
                break;
            }
            bool ok = c->execute("START TRANSACTION").ok();
            for (const QByteArray &sql : statements)
                ok = ok && c->execute(sql).ok();
            ok = ok && c->execute("COMMIT").ok();
            if (ok)
                ++m_commits;
            else if (!c->isBroken())
                (void)c->execute("ROLLBACK");
            std::this_thread::sleep_for(std::chrono::milliseconds(3));
        }
        c.reset();
        Sql::MysqlLibrary::threadFinished();
    }

    Sql::ConnectionOptions m_options;
    QByteArray m_table;
    QByteArray m_ledger;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_commits { 0 };
};

} // namespace

class TstLocalCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void crashMatrix_data();
    void crashMatrix();
    void cancelWhileSubmitting();
    void instantDeployResumesAfterACrashMidTable();
    void chunkNotCheckedBeforeTheCrashIsCheckedAfter();
    void serverKilledMidCopy();
    void ownServerKilledMidCopy();

private:
    bool startSandbox(const QByteArray &failpoint = {}, const QStringList &extra = {});
    void killSandbox();
    // True once the sandbox process has ended (waiting up to `ms`).
    bool sandboxDied(int ms = 5000);
    bool admin(const QString &sql);
    QString scalar(const QString &sql);
    // A database with `items` (and its ledger) filled with `rows` rows, a branch that adds a column and an
    // index, and a deploy request; returns its number.
    qint64 prepare(const QString &db, int rows, bool autoCutover = true);
    void createDatabase(const QString &db);
    QString state(const QString &db, qint64 number);
    QString waitFor(const QString &db, qint64 number, const QString &wanted, int timeoutMs);
    QString rowsOf(const QString &table, bool withExtra);
    QString leftovers(const QString &schema);
    // Deploys request `number` and returns once its copy has passed `rows` rows (a database of 6000).
    bool deployUntilCopied(const QString &db, qint64 number, int rows);
    // GET of the request over plain HTTP: the status, and the body's error code when it is not 200.
    int rawGet(const QString &db, qint64 number, QString *code);
    void verifyDeployed(const QString &db);
    void verifyReverted(const QString &db);
    // After a server crash and restart (`server`): the deployment interrupted mid-copy completes under the
    // writer, the sandbox is still running, and no row is lost.
    void verifyResumedAfterRestart(
        const QString &db, qint64 number, Writer &writer, const Local::MariadbInstance::Endpoint &server);
    QString schemaOf(const QString &db) const { return db + u"__main"_s; }

    QTemporaryDir m_dir;
    QString m_sandboxDir;
    Local::MariadbInstance::Endpoint m_mysql;
    Sql::ConnectionOptions m_root;
    std::unique_ptr<Sql::Connection> m_admin;
    std::unique_ptr<QProcess> m_sandbox;
    std::unique_ptr<Api::ApiClient> m_client;
    QByteArray m_authorization;
    int m_databases = 0;
};

void TstLocalCrash::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sandboxDir = m_dir.filePath(u"sandbox"_s);
    auto mysql = Local::MariadbInstance::startOrReuse(m_sandboxDir);
    QVERIFY2(mysql.ok(), qPrintable(mysql.ok() ? QString() : mysql.error().toString()));
    m_mysql = *mysql;
    m_root.socket = m_mysql.socket;
    m_root.user = u"root"_s;
    m_root.allowPlaintext = true;
    auto admin = Sql::Connection::open(m_root);
    QVERIFY2(admin.ok(), qPrintable(admin.ok() ? QString() : admin.error().toString()));
    m_admin = std::move(admin).value();
    m_client = std::make_unique<Api::ApiClient>();
}

void TstLocalCrash::cleanupTestCase()
{
    killSandbox();
    m_admin.reset();
    (void)Local::MariadbInstance::stop(m_sandboxDir);
}

bool TstLocalCrash::startSandbox(const QByteArray &failpoint, const QStringList &extra)
{
    killSandbox();
    const QString statePath = QDir(m_sandboxDir).filePath(u"sandbox.json"_s);
    QFile::remove(statePath);
    m_sandbox = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"BRANCHDECK_FAILPOINT"_s);
    if (!failpoint.isEmpty())
        env.insert(u"BRANCHDECK_FAILPOINT"_s, QString::fromLatin1(failpoint));
    m_sandbox->setProcessEnvironment(env);
    m_sandbox->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_sandbox->setStandardOutputFile(QProcess::nullDevice());
    m_sandbox->start(QStringLiteral(BRANCHDECK_LOCAL_BIN),
        QStringList { u"start"_s, u"--dir"_s, m_sandboxDir, u"--foreground"_s, u"--chunk-rows"_s, u"200"_s,
            u"--chunk-ms"_s, u"0"_s }
            + extra);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        QFile file(statePath);
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
            if (state.value(u"pid"_s).toInteger() == m_sandbox->processId()) {
                m_client->setBaseUrl(QUrl(state.value(u"api_url"_s).toString()));
                m_client->setCredentials(Api::Credentials::serviceToken(state.value(u"service_token_id"_s).toString(),
                    state.value(u"service_token"_s).toString(), u"test"_s));
                m_authorization = (state.value(u"service_token_id"_s).toString() + u':'
                    + state.value(u"service_token"_s).toString())
                                      .toUtf8();
                return true;
            }
        }
        if (m_sandbox->state() == QProcess::NotRunning)
            return false;
        QTest::qWait(50);
    }
    return false;
}

void TstLocalCrash::killSandbox()
{
    if (!m_sandbox)
        return;
    if (m_sandbox->state() != QProcess::NotRunning) {
        m_sandbox->kill();
        m_sandbox->waitForFinished(10000);
    }
    m_sandbox.reset();
}

bool TstLocalCrash::sandboxDied(int ms)
{
    return m_sandbox->state() == QProcess::NotRunning || m_sandbox->waitForFinished(ms);
}

bool TstLocalCrash::admin(const QString &sql)
{
    return m_admin->execute(sql.toUtf8()).ok();
}

QString TstLocalCrash::scalar(const QString &sql)
{
    auto result = m_admin->query(sql.toUtf8());
    if (!result || result->rows.isEmpty())
        return {};
    const QByteArray cell = result->rows.constFirst().value(sql.startsWith(u"SHOW CREATE"_s) ? 1 : 0);
    return cell.isNull() ? QString() : QString::fromUtf8(cell);
}

void TstLocalCrash::createDatabase(const QString &db)
{
    auto created = await<QJsonValue>([&](auto cb) {
        m_client->send(
            Api::ApiRequest::post({ u"organizations"_s, org, u"databases"_s }, QJsonObject { { u"name"_s, db } }), this,
            cb);
    });
    if (!created || !created->ok())
        qFatal("database %s not created", qPrintable(db));
}

qint64 TstLocalCrash::prepare(const QString &db, int rows, bool autoCutover)
{
    createDatabase(db);
    const QString main = u'`' + schemaOf(db) + u'`';
    const QString ledger = u"`ledger_"_s + db.section(u'-', -1) + u'`';
    const QStringList setup = {
        u"CREATE TABLE "_s + main
            + u".items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL,"
              u" v INT NOT NULL)"_s,
        u"CREATE TABLE "_s + main + u".audit (n INT NOT NULL)"_s,
        u"INSERT INTO "_s + main + u".audit VALUES (0)"_s,
        u"CREATE TRIGGER "_s + main + u".items_count AFTER INSERT ON "_s + main
            + u".items FOR EACH ROW UPDATE audit SET n = n + 1"_s,
        u"INSERT INTO "_s + main + u".items (name, v) SELECT CONCAT('n', seq), seq FROM "_s + main + u".seq_1_to_"_s
            + QString::number(rows),
        u"CREATE DATABASE "_s + ledger,
        u"CREATE TABLE "_s + ledger
            + u".items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL,"
              u" v INT NOT NULL)"_s,
        u"INSERT INTO "_s + ledger + u".items SELECT * FROM "_s + main + u".items"_s,
    };
    for (const QString &sql : setup) {
        if (!admin(sql))
            qFatal("%s: %s", qPrintable(sql), qPrintable(m_admin->lastErrorMessage()));
    }
    Api::BranchesResource branches(m_client.get());
    auto branch = await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions { u"dev"_s, u"main"_s, {}, {}, {}, {} }, this, cb);
    });
    if (!branch || !branch->ok())
        qFatal("branch not created");
    if (!admin(u"ALTER TABLE `"_s + db + u"__dev`.items ADD COLUMN extra INT NULL, ADD INDEX idx_name (name)"_s))
        qFatal("alter: %s", qPrintable(m_admin->lastErrorMessage()));
    Api::DeployRequestsResource drs(m_client.get());
    auto dr = await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"dev"_s, u"main"_s, {}, autoCutover, false }, this, cb);
    });
    if (!dr || !dr->ok() || dr->value().deploymentStateName != u"ready"_s)
        qFatal("deploy request not ready");
    return dr->value().number;
}

QString TstLocalCrash::state(const QString &db, qint64 number)
{
    Api::DeployRequestsResource drs(m_client.get());
    auto dr = await<Core::DeployRequest>([&](auto cb) { drs.get(org, db, number, this, cb); });
    return dr && dr->ok() ? dr->value().deploymentStateName : QString();
}

QString TstLocalCrash::waitFor(const QString &db, qint64 number, const QString &wanted, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QString last;
    while (timer.elapsed() < timeoutMs) {
        last = state(db, number);
        if (last == u"complete_error"_s || last == u"complete_revert_error"_s)
            qWarning("%s: %s", qPrintable(last),
                qPrintable(
                    scalar(u"SELECT deploy_errors FROM branchdeck_sandbox.deploy_requests WHERE database_name = '"_s
                        + db + u"' AND number = "_s + QString::number(number))));
        if (last == wanted || last == u"complete_error"_s || last == u"complete_revert_error"_s)
            return last;
        spin(40);
    }
    return last;
}

QString TstLocalCrash::rowsOf(const QString &table, bool withExtra)
{
    return scalar(u"SELECT CONCAT(COUNT(*), ':', COALESCE(BIT_XOR(CRC32(CONCAT_WS('#', id, name, v"_s
        + (withExtra ? u", IFNULL(extra, 'N')"_s : QString()) + u"))), 0)) FROM "_s + table);
}

QString TstLocalCrash::leftovers(const QString &schema)
{
    return scalar(u"SELECT CONCAT((SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"_s + schema
        + u"' AND TABLE_NAME LIKE '\\_bd\\_%'), '/', (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE"
          u" EVENT_OBJECT_SCHEMA = '"_s
        + schema
        + u"' AND TRIGGER_NAME LIKE '\\_bd\\_%'), '/', (SELECT COUNT(*) FROM information_schema.TRIGGERS"
          u" WHERE EVENT_OBJECT_SCHEMA = '"_s
        + schema + u"' AND TRIGGER_NAME = 'items_count' AND EVENT_OBJECT_TABLE = 'items'))"_s);
}

bool TstLocalCrash::deployUntilCopied(const QString &db, qint64 number, int rows)
{
    Api::DeployRequestsResource drs(m_client.get());
    auto deploying = await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, number, false, this, cb); });
    if (!deploying || !deploying->ok())
        return false;
    QElapsedTimer timer;
    timer.start();
    QString copied;
    while (timer.elapsed() < 20000) {
        copied
            = scalar(u"SELECT COALESCE(MAX(rows_copied), 0) FROM branchdeck_sandbox.deploy_operations o JOIN"
                     u" branchdeck_sandbox.deploy_requests r ON r.id = o.deploy_request_id WHERE r.database_name = '"_s
                + db + u'\'');
        if (copied.toInt() >= rows)
            break;
        spin(20);
    }
    if (copied.toInt() < rows || copied.toInt() >= 6000)
        qWarning("copied: %s", qPrintable(copied));
    return copied.toInt() >= rows && copied.toInt() < 6000;
}

int TstLocalCrash::rawGet(const QString &db, qint64 number, QString *code)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(m_client->baseUrl().toString() + u"/organizations/local/databases/"_s + db
        + u"/deploy-requests/"_s + QString::number(number)));
    request.setRawHeader("Authorization", m_authorization);
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(20000))
        return 0;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    *code = body.value(u"code"_s).toString();
    // The API's error shape: a code and a message.
    if (status != 200 && body.value(u"message"_s).toString().isEmpty())
        *code += u" (no message)"_s;
    return status;
}

// The live table equals what a direct ALTER on a copy of the ledger gives; only the revert's archive is left.
void TstLocalCrash::verifyDeployed(const QString &db)
{
    const QString ledger = u"`ledger_"_s + db.section(u'-', -1) + u'`';
    QVERIFY(admin(u"DROP TABLE IF EXISTS "_s + ledger + u".expected"_s));
    QVERIFY(admin(u"CREATE TABLE "_s + ledger + u".expected LIKE "_s + ledger + u".items"_s));
    QVERIFY(admin(u"INSERT INTO "_s + ledger + u".expected SELECT * FROM "_s + ledger + u".items"_s));
    QVERIFY(admin(u"ALTER TABLE "_s + ledger + u".expected ADD COLUMN extra INT NULL, ADD INDEX idx_name (name)"_s));
    const QString main = u'`' + schemaOf(db) + u'`';
    QCOMPARE(rowsOf(main + u".items"_s, true), rowsOf(ledger + u".expected"_s, true));
    static const QRegularExpression counter(u" AUTO_INCREMENT=\\d+"_s);
    QString live = scalar(u"SHOW CREATE TABLE "_s + main + u".items"_s).remove(counter);
    QString expected = scalar(u"SHOW CREATE TABLE "_s + ledger + u".expected"_s).remove(counter);
    expected.replace(u"CREATE TABLE `expected`"_s, u"CREATE TABLE `items`"_s);
    QCOMPARE(live.replace(u"AUTO_INCREMENT,"_s, u","_s), expected.replace(u"AUTO_INCREMENT,"_s, u","_s));
    QCOMPARE(leftovers(schemaOf(db)), u"1/0/1"_s);
}

void TstLocalCrash::verifyResumedAfterRestart(
    const QString &db, qint64 number, Writer &writer, const Local::MariadbInstance::Endpoint &server)
{
    m_mysql = server;
    auto reopened = Sql::Connection::open(m_root);
    QVERIFY(reopened.ok());
    m_admin = std::move(reopened).value();
    QCOMPARE(waitFor(db, number, u"complete_pending_revert"_s, 60000), u"complete_pending_revert"_s);
    spin(100);
    writer.stop();
    QVERIFY(m_sandbox->state() == QProcess::Running);
    verifyDeployed(db);
}

void TstLocalCrash::verifyReverted(const QString &db)
{
    const QString ledger = u"`ledger_"_s + db.section(u'-', -1) + u'`';
    QCOMPARE(rowsOf(u'`' + schemaOf(db) + u"`.items"_s, false), rowsOf(ledger + u".items"_s, false));
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + schemaOf(db) + u"`.items"_s).contains(u"extra"_s));
    QCOMPARE(leftovers(schemaOf(db)), u"0/0/1"_s);
}

void TstLocalCrash::crashMatrix_data()
{
    QTest::addColumn<QByteArray>("failpoint");
    for (const QString &name : Local::Failpoint::all())
        QTest::newRow(qPrintable(name)) << name.toLatin1();
}

void TstLocalCrash::crashMatrix()
{
    QFETCH(QByteArray, failpoint);
    const bool inRevert = failpoint.startsWith("revert_");
    const bool swapped = failpoint.startsWith("cutover_renamed") || failpoint.startsWith("cutover_swap")
        || failpoint.startsWith("cutover_triggers") || failpoint.startsWith("cutover_complete");
    QVERIFY(startSandbox(failpoint));
    const QString db = u"crash-"_s + QString::number(++m_databases);
    const qint64 number = prepare(db, 1500);
    Writer writer(m_root, QByteArray("`" + schemaOf(db).toUtf8() + "`.items"),
        QByteArray("`ledger_" + QByteArray::number(m_databases) + "`.items"));
    writer.start();
    spin(100);

    Api::DeployRequestsResource drs(m_client.get());
    // The worker runs on its own thread: it may reach the failpoint before the answer is sent.
    auto deploying = await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, number, false, this, cb); });
    QVERIFY((deploying && deploying->ok()) || sandboxDied());
    if (inRevert) {
        QCOMPARE(waitFor(db, number, u"complete_pending_revert"_s, 30000), u"complete_pending_revert"_s);
        spin(100);
        auto reverting = await<Core::DeployRequest>([&](auto cb) { drs.revert(org, db, number, this, cb); });
        QVERIFY((reverting && reverting->ok()) || sandboxDied());
    }
    // The sandbox dies at the failpoint (SIGKILL, as a crash would).
    QVERIFY2(sandboxDied(30000), "the failpoint was not reached");
    QCOMPARE(m_sandbox->exitStatus(), QProcess::CrashExit);

    // A new start recovers: a terminal state within a bound.
    QVERIFY(startSandbox());
    const QString terminal = inRevert ? u"complete_revert"_s : u"complete_pending_revert"_s;
    QCOMPARE(waitFor(db, number, terminal, 30000), terminal);
    spin(100);
    writer.stop();
    QVERIFY(writer.commits() > 0);
    if (inRevert) {
        verifyReverted(db);
        return;
    }
    verifyDeployed(db);
    if (!swapped)
        return;
    // Swapped before the crash: the revert is still there, and loses nothing either.
    auto reverting = await<Core::DeployRequest>([&](auto cb) { drs.revert(org, db, number, this, cb); });
    QVERIFY(reverting && reverting->ok());
    QCOMPARE(waitFor(db, number, u"complete_revert"_s, 30000), u"complete_revert"_s);
    verifyReverted(db);
}

// A chunk's copy is checked right after the chunk committed, and how far the checks got is journaled with
// the next chunk. The sandbox dies right after the first chunk committed (its check not journaled); while
// it is down, a row of that chunk's copy is changed behind its back. The restart checks that chunk before
// copying on: the deploy ends in complete_error saying the copy differs, the live table is as it was, and
// nothing is left behind.
void TstLocalCrash::chunkNotCheckedBeforeTheCrashIsCheckedAfter()
{
    QVERIFY(startSandbox("copy_chunk_committed"));
    const QString db = u"crash-"_s + QString::number(++m_databases);
    const qint64 number = prepare(db, 1500);
    const QString main = u'`' + schemaOf(db) + u'`';
    const QString before = rowsOf(main + u".items"_s, false);
    Api::DeployRequestsResource drs(m_client.get());
    auto deploying = await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, number, false, this, cb); });
    QVERIFY((deploying && deploying->ok()) || sandboxDied());
    QVERIFY2(sandboxDied(30000), "the failpoint was not reached");

    const QString op = u"branchdeck_sandbox.deploy_operations o JOIN branchdeck_sandbox.deploy_requests r ON r.id ="
                       u" o.deploy_request_id WHERE r.database_name = '"_s
        + db + u"' AND o.operation_name = 'alter'"_s;
    QCOMPARE(scalar(u"SELECT CONCAT(o.rows_copied, '/', ISNULL(o.verified_up_to)) FROM "_s + op), u"200/1"_s);
    const QString shadow = scalar(u"SELECT CONCAT('_bd_', o.id, '_n') FROM "_s + op);
    QVERIFY(admin(u"UPDATE "_s + main + u".`"_s + shadow + u"` SET name = 'changed' WHERE id = 150"_s));

    QVERIFY(startSandbox());
    QCOMPARE(waitFor(db, number, u"complete_pending_revert"_s, 30000), u"complete_error"_s);
    QVERIFY(scalar(u"SELECT deploy_errors FROM branchdeck_sandbox.deploy_requests WHERE database_name = '"_s + db
        + u"' AND number = "_s + QString::number(number))
                .contains(u"differs"_s));
    QCOMPARE(rowsOf(main + u".items"_s, false), before);
    QVERIFY(!scalar(u"SHOW CREATE TABLE "_s + main + u".items"_s).contains(u"extra"_s));
    QCOMPARE(leftovers(schemaOf(db)), u"0/0/1"_s);
}

void TstLocalCrash::cancelWhileSubmitting()
{
    // The deployment pauses while submitting; a cancel accepted then is never overwritten.
    QVERIFY(startSandbox("deploy_submitting=sleep:2500"));
    const QString db = u"crash-"_s + QString::number(++m_databases);
    const qint64 number = prepare(db, 500);
    Api::DeployRequestsResource drs(m_client.get());
    QVERIFY(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, number, false, this, cb); })->ok());
    QCOMPARE(waitFor(db, number, u"submitting"_s, 10000), u"submitting"_s);
    auto cancelling = await<Core::DeployRequest>([&](auto cb) { drs.cancel(org, db, number, this, cb); });
    QVERIFY(cancelling && cancelling->ok());
    QCOMPARE(cancelling->value().deploymentStateName, u"in_progress_cancel"_s);
    QCOMPARE(waitFor(db, number, u"complete_cancel"_s, 20000), u"complete_cancel"_s);
    spin(500);
    QCOMPARE(state(db, number), u"complete_cancel"_s);
    QVERIFY(!scalar(u"SHOW CREATE TABLE `"_s + schemaOf(db) + u"`.items"_s).contains(u"extra"_s));
    QCOMPARE(leftovers(schemaOf(db)), u"0/0/1"_s);
}

void TstLocalCrash::instantDeployResumesAfterACrashMidTable()
{
    // One table changed by two statements (the branch drops a foreign key and adds a column: the foreign key
    // goes first, on its own), deployed in place. The sandbox is killed right after the first ALTER, before the
    // journal says it ran. Resumed, the deployment must not run it again (before: "Can't DROP FOREIGN KEY",
    // complete_error) but go on with the second.
    QVERIFY(startSandbox("instant_altered"));
    const QString db = u"crash-"_s + QString::number(++m_databases);
    createDatabase(db);
    const QString main = u'`' + schemaOf(db) + u'`';
    for (const QString &sql : QStringList { u"CREATE TABLE "_s + main + u".p (id INT PRIMARY KEY)"_s,
             u"CREATE TABLE "_s + main
                 + u".c (id INT PRIMARY KEY, pid INT NULL, CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES p (id))"_s,
             u"INSERT INTO "_s + main + u".p VALUES (1), (2)"_s,
             u"INSERT INTO "_s + main + u".c VALUES (1, 1), (2, 2), (3, NULL)"_s })
        QVERIFY2(admin(sql), qPrintable(m_admin->lastErrorMessage()));
    Api::BranchesResource branches(m_client.get());
    QVERIFY(await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions { u"dev"_s, u"main"_s, {}, {}, {}, {} }, this, cb);
    })->ok());
    QVERIFY(admin(u"ALTER TABLE `"_s + db + u"__dev`.c DROP FOREIGN KEY fk_p, ADD COLUMN z INT NULL"_s));
    Api::DeployRequestsResource drs(m_client.get());
    auto dr = await<Core::DeployRequest>([&](auto cb) {
        drs.create(org, db, Api::CreateDeployRequestOptions { u"dev"_s, u"main"_s, {}, true, false }, this, cb);
    });
    QVERIFY(dr && dr->ok());
    const qint64 number = dr->value().number;
    const QString ddl = scalar(u"SELECT o.ddl_statement FROM branchdeck_sandbox.deploy_operations o JOIN"
                               u" branchdeck_sandbox.deploy_requests r ON r.id = o.deploy_request_id"
                               u" WHERE r.database_name = '"_s
        + db + u"' AND o.table_name = 'c'"_s);
    QVERIFY2(ddl.count(u"ALTER TABLE"_s) == 2 && ddl.indexOf(u"DROP FOREIGN KEY"_s) < ddl.indexOf(u"ADD COLUMN"_s),
        qPrintable(ddl));

    QVERIFY(await<Core::DeployRequest>([&](auto cb) { drs.deploy(org, db, number, true, this, cb); })->ok());
    QVERIFY(sandboxDied(30000));
    const auto definition = [&] { return scalar(u"SHOW CREATE TABLE "_s + main + u".c"_s); };
    QVERIFY2(!definition().contains(u"FOREIGN KEY"_s) && !definition().contains(u"`z`"_s), qPrintable(definition()));

    QVERIFY(startSandbox());
    QCOMPARE(waitFor(db, number, u"complete"_s, 30000), u"complete"_s);
    QVERIFY2(!definition().contains(u"FOREIGN KEY"_s) && definition().contains(u"`z`"_s), qPrintable(definition()));
    QCOMPARE(scalar(u"SELECT CONCAT(COUNT(*), '/', SUM(pid)) FROM "_s + main + u".c"_s), u"3/3"_s);
}

void TstLocalCrash::serverKilledMidCopy()
{
    // The server restarts under a running sandbox as an operator's server would (systemd, say): the sandbox
    // is given it with --mysql and an account of the operator's, which the restart keeps, and leaves the
    // server's restart to its operator (ownServerKilledMidCopy: the private server, which it restarts itself).
    QVERIFY(admin(u"CREATE USER IF NOT EXISTS 'crash_operator'@'127.0.0.1' IDENTIFIED BY 'crash-operator-pw'"_s));
    QVERIFY(admin(u"GRANT ALL PRIVILEGES ON *.* TO 'crash_operator'@'127.0.0.1' WITH GRANT OPTION"_s));
    QVERIFY(startSandbox({},
        { u"--throttle-ms"_s, u"40"_s, u"--mysql"_s,
            u"mysql://crash_operator:crash-operator-pw@127.0.0.1:"_s + QString::number(m_mysql.port), u"--ca"_s,
            m_mysql.caFile }));
    const QString db = u"crash-"_s + QString::number(++m_databases);
    const qint64 number = prepare(db, 6000);
    Writer writer(m_root, QByteArray("`" + schemaOf(db).toUtf8() + "`.items"),
        QByteArray("`ledger_" + QByteArray::number(m_databases) + "`.items"));
    writer.start();
    QVERIFY(deployUntilCopied(db, number, 1000));

    // The server dies in the middle of the copy.
    m_admin.reset();
    QVERIFY(::kill(pid_t(m_mysql.pid), SIGKILL) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(!Local::MariadbInstance::processAlive(m_mysql.pid), 10000);

    // Meanwhile the API says so: 503 with the error shape.
    QString code;
    QCOMPARE(rawGet(db, number, &code), 503);
    QCOMPARE(code, u"unavailable"_s);

    // The server comes back (crash recovery); the sandbox reconnects and the deployment resumes.
    auto restarted = Local::MariadbInstance::startOrReuse(m_sandboxDir);
    QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error().toString()));
    QCOMPARE(restarted->port, m_mysql.port); // back where its clients look for it
    verifyResumedAfterRestart(db, number, writer, *restarted);
}

void TstLocalCrash::ownServerKilledMidCopy()
{
    // The sandbox runs its own private MariaDB, whose account gets a fresh password at every start: killed
    // from outside, the server is started again by the sandbox itself, which takes that password. The API
    // answers 503 meanwhile, and the deployment interrupted in the middle of its copy completes.
    QVERIFY(startSandbox({}, { u"--throttle-ms"_s, u"40"_s }));
    const QString db = u"crash-"_s + QString::number(++m_databases);
    const qint64 number = prepare(db, 6000);
    Writer writer(m_root, QByteArray("`" + schemaOf(db).toUtf8() + "`.items"),
        QByteArray("`ledger_" + QByteArray::number(m_databases) + "`.items"));
    writer.start();
    QVERIFY(deployUntilCopied(db, number, 1000));

    auto before = Local::MariadbInstance::running(m_sandboxDir);
    QVERIFY(before.ok());
    m_admin.reset();
    QVERIFY(::kill(pid_t(before->pid), SIGKILL) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(!Local::MariadbInstance::processAlive(before->pid), 10000);
    QString code;
    QCOMPARE(rawGet(db, number, &code), 503);
    QCOMPARE(code, u"unavailable"_s);

    // Within a bound the API answers again; until then every answer is the 503.
    QElapsedTimer timer;
    timer.start();
    int status = 503;
    while (status != 200 && timer.elapsed() < 60000) {
        spin(100);
        status = rawGet(db, number, &code);
        QVERIFY2(status == 200 || (status == 503 && code == u"unavailable"_s),
            qPrintable(QString::number(status) + u' ' + code));
    }
    QCOMPARE(status, 200);
    auto after = Local::MariadbInstance::running(m_sandboxDir);
    QVERIFY(after.ok());
    QVERIFY(after->pid != before->pid); // started again, by the sandbox
    QCOMPARE(after->port, before->port);
    verifyResumedAfterRestart(db, number, writer, *after);
}

QTEST_GUILESS_MAIN(TstLocalCrash)
#include "tst_local_crash.moc"

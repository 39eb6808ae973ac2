#include "sandboxfixture.h"
#include "testdboptions.h"

#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "local/deployqueue.h"
#include "local/naming.h"
#include "local/serverprivileges.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Sql::ConnectionOptions adminOptions(const TestDb &db)
{
    return testDbOptions(db, false);
}

} // namespace

bool SandboxFixture::startSandbox()
{
    m_db = TestDb::fromEnvironment();
    if (!m_db.isValid()) {
        qWarning("%s", qPrintable(TestDb::missingReason()));
        return false;
    }
    if (!m_dir.isValid())
        return false;
    m_record = m_dir.filePath(u"answers.jsonl"_s);
    m_prefix = u"t"_s + QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    auto admin = Sql::Connection::open(adminOptions(m_db));
    if (!admin) {
        qWarning("admin connection: %s", qPrintable(admin.error().toString()));
        return false;
    }
    m_admin = std::move(admin).value();
    // The sandbox runs as an account with exactly the privileges README documents for --mysql
    // (Local::ServerPrivileges::needed), so every API and deploy test proves that they are enough.
    m_options.admin = adminOptions(m_db);
    m_options.admin.user = u"bdfix_"_s + m_prefix;
    m_options.admin.password = Local::Naming::randomSecret(18);
    if (!createSandboxAccount()) {
        qWarning("the fixture's minimal sandbox account could not be made");
        return false;
    }
    m_options.mysqlHost = m_db.host;
    m_options.mysqlPort = m_db.port;
    m_options.caFile = m_db.caFile;
    m_options.deploy.chunkRows = 500;
    m_options.deploy.throttleMs = 20; // makes the copy take long enough to watch it and write during it
    m_options.recordFile = m_record;
    m_client = std::make_unique<Api::ApiClient>();
    if (!restartSandbox())
        return false;
    if (!m_sandbox->accountWarning().isEmpty()) {
        qWarning("%s", qPrintable(m_sandbox->accountWarning()));
        return false;
    }
    return true;
}

bool SandboxFixture::createSandboxAccount()
{
    const QString account = u"'"_s + m_options.admin.user + u"'@'%'"_s;
    return admin(u"CREATE USER "_s + account + u" IDENTIFIED BY '"_s + m_options.admin.password + u"' REQUIRE SSL"_s)
        && admin(u"GRANT "_s + Local::ServerPrivileges::needed(Local::ServerPrivileges::Flavor::MariaDb).join(u", "_s)
            + u" ON *.* TO "_s + account + u" WITH GRANT OPTION"_s);
}

bool SandboxFixture::holdTheCopier(int timeoutMs)
{
    m_sandbox->deployQueue()->claimCopier(true);
    // The holder's account: this process's sandbox is the only one logged in as m_options.admin.user.
    const QString holder = u"SELECT USER FROM information_schema.PROCESSLIST WHERE ID = IS_USED_LOCK('"_s
        + Local::Naming::copierLock() + u"')"_s;
    QElapsedTimer timer;
    timer.start();
    while (scalar(holder) != m_options.admin.user) {
        if (timer.elapsed() > timeoutMs)
            return false;
        spin(100);
    }
    return true;
}

void SandboxFixture::stopAskingForTheCopier()
{
    m_sandbox->deployQueue()->claimCopier(false);
}

bool SandboxFixture::restartSandbox()
{
    m_sandbox.reset();
    m_sandbox = std::make_unique<Local::Sandbox>();
    auto started = m_sandbox->start(m_options);
    if (!started) {
        qWarning("sandbox: %s", qPrintable(started.error().toString()));
        return false;
    }
    m_client->setBaseUrl(m_sandbox->apiUrl());
    m_client->setCredentials(
        Api::Credentials::serviceToken(m_sandbox->serviceTokenId(), m_sandbox->serviceToken(), u"test"_s));
    return m_sandbox->apiUrl().host() == u"127.0.0.1"_s;
}

void SandboxFixture::stopSandbox()
{
    m_client.reset();
    m_sandbox.reset();
    // The fixture's sandbox account has server-wide rights: nobody logs in with it after the test. It is locked,
    // not dropped: while this sandbox held the server's copier it may have restored another test's branch, whose
    // triggers were made as this account, and a trigger whose definer is gone fails every write on its table
    // (error 1449; the copy triggers have their own definer). The fixture's server and its accounts go with
    // testdb_stop.
    if (m_admin && !m_options.admin.user.isEmpty())
        admin(u"ALTER USER IF EXISTS '"_s + m_options.admin.user + u"'@'%' ACCOUNT LOCK"_s);
}

void SandboxFixture::spin(int ms)
{
    ::spin(ms);
}

Sql::ConnectionOptions SandboxFixture::passwordConnection(
    const Core::Password &password, const QString &db, const QString &branch) const
{
    Sql::ConnectionOptions o;
    o.host = m_db.host;
    o.port = m_db.port;
    o.user = password.username;
    o.password = password.plainText;
    o.caFile = m_sandbox->options().caFile;
    if (!db.isEmpty())
        o.database = branchSchema(db, branch);
    return o;
}

bool SandboxFixture::admin(const QString &sql)
{
    return m_admin->execute(sql.toUtf8()).ok();
}

QString SandboxFixture::scalar(const QString &sql)
{
    auto result = m_admin->query(sql.toUtf8());
    if (!result || result->rows.isEmpty())
        return {};
    // SHOW CREATE TABLE / VIEW has the text in its second column.
    const QList<QByteArray> &row = result->rows.constFirst();
    const QByteArray cell = row.value(sql.startsWith(u"SHOW CREATE"_s) ? 1 : 0);
    return cell.isNull() ? QString() : QString::fromUtf8(cell);
}

QString SandboxFixture::withoutAutoIncrement(QString ddl)
{
    return ddl.remove(QRegularExpression(u" AUTO_INCREMENT=\\d+"_s));
}

void SandboxFixture::createDatabase(const QString &name)
{
    auto created = await<QJsonValue>([&](auto cb) {
        m_client->send(
            Api::ApiRequest::post({ u"organizations"_s, org, u"databases"_s }, QJsonObject { { u"name"_s, name } }),
            this, cb);
    });
    QVERIFY(created && created->ok());
    QCOMPARE(created->value().toObject().value(u"name"_s).toString(), name);
    QCOMPARE(created->value().toObject().value(u"default_branch"_s).toString(), u"main"_s);
}

Core::Branch SandboxFixture::createBranch(const QString &db, const QString &name, const QString &parent)
{
    Api::BranchesResource branches(m_client.get());
    const QByteArray what = "create branch " + name.toUtf8();
    return ok(await<Core::Branch>([&](auto cb) {
        branches.create(org, db, Api::CreateBranchOptions { name, parent, {}, {}, {}, {} }, this, cb);
    }),
        what.constData());
}

Core::DeployRequest SandboxFixture::waitForState(
    const QString &db, qint64 number, const QString &state, int timeoutMs, double *sawProgress)
{
    Api::DeployRequestsResource drs(m_client.get());
    QElapsedTimer timer;
    timer.start();
    Core::DeployRequest last;
    while (timer.elapsed() < timeoutMs) {
        last = ok(await<Core::DeployRequest>([&](auto cb) { drs.get(org, db, number, this, cb); }), "dr get");
        if (sawProgress) {
            const auto ops
                = ok(await<QList<Core::DeployOperation>>([&](auto cb) { drs.operations(org, db, number, this, cb); }),
                    "operations");
            for (const Core::DeployOperation &op : ops) {
                if (op.progressPercentage && *op.progressPercentage > 0 && *op.progressPercentage < 100)
                    *sawProgress = *op.progressPercentage;
            }
        }
        if (last.deploymentStateName == state)
            return last;
        if (last.deploymentStateName == u"complete_error"_s || last.deploymentStateName == u"complete_revert_error"_s)
            break;
        spin(40);
    }
    return last;
}

void SandboxFixture::checkRecordedAnswersAgainstOpenApi()
{
    // The official document is vendored next to the checker (tests/local/README.md gives its origin).
    const QString yaml = qEnvironmentVariable("BRANCHDECK_SOURCE_DIR") + u"/tests/local/planetscale-openapi.yaml"_s;
    QVERIFY2(QFile::exists(yaml), qPrintable(u"the OpenAPI document is missing: "_s + yaml));
    QProcess check;
    check.setProcessChannelMode(QProcess::MergedChannels);
    check.start(u"python3"_s, { QStringLiteral(BRANCHDECK_OPENAPI_CHECK), yaml, m_record });
    QVERIFY(check.waitForFinished(120000));
    const QString output = QString::fromUtf8(check.readAll());
    qInfo().noquote() << output.trimmed();
    QVERIFY2(check.exitCode() == 0, qPrintable(output));
    QVERIFY(output.contains(u"operations"_s));

    // The checker itself can fail: a branch or deploy request without its required `id`, or with null in a
    // required, non-nullable field, is caught; null where the document says nullable is accepted.
    QFile record(m_record);
    QVERIFY(record.open(QIODevice::ReadOnly));
    QJsonObject sample;
    for (const QByteArray &line : record.readAll().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const QString route = object.value(u"route"_s).toString();
        if ((route.endsWith(u"/branches/{branch}"_s) || route.endsWith(u"/deploy-requests/{number}"_s))
            && object.value(u"method"_s) == u"get"_s && object.value(u"status"_s).toInt() == 200 && sample.isEmpty())
            sample = object;
    }
    QVERIFY(!sample.isEmpty());
    const bool isBranch = sample.value(u"route"_s).toString().endsWith(u"/branches/{branch}"_s);
    const QString nullableField = isBranch ? u"parent_branch"_s : u"closed_at"_s;
    const auto mutated = [&](const std::function<void(QJsonObject &)> &change) {
        QJsonObject body = sample.value(u"body"_s).toObject();
        change(body);
        QJsonObject line = sample;
        line.insert(u"body"_s, body);
        return line;
    };
    QString mutatedOutput;
    QCOMPARE(runChecker(yaml, mutated([](QJsonObject &b) { b.remove(u"id"_s); }), &mutatedOutput), 1);
    QVERIFY2(mutatedOutput.contains(u"required field 'id' is missing"_s), qPrintable(mutatedOutput));
    QCOMPARE(runChecker(yaml, mutated([](QJsonObject &b) { b.insert(u"state"_s, QJsonValue()); }), &mutatedOutput), 1);
    QVERIFY2(mutatedOutput.contains(u".state: null where the document requires a value"_s), qPrintable(mutatedOutput));
    QCOMPARE(
        runChecker(yaml, mutated([&](QJsonObject &b) { b.insert(nullableField, QJsonValue()); }), &mutatedOutput), 0);
}

int SandboxFixture::runChecker(const QString &yaml, const QJsonObject &line, QString *output)
{
    const QString path = m_dir.filePath(u"mutated.jsonl"_s);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return -1;
    out.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    out.close();
    QProcess checker;
    checker.setProcessChannelMode(QProcess::MergedChannels);
    checker.start(u"python3"_s, { QStringLiteral(BRANCHDECK_OPENAPI_CHECK), yaml, path });
    if (!checker.waitForFinished(120000))
        return -1;
    *output = QString::fromUtf8(checker.readAll());
    return checker.exitCode();
}

#pragma once

#include "api/apiclient.h"
#include "api/apiresult.h"
#include "apiwait.h"
#include "core/branch.h"
#include "core/deployrequest.h"
#include "core/password.h"
#include "local/sandbox.h"
#include "sql/connection.h"
#include "testdb.h"

#include <QEventLoop>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

// A Local::Sandbox in the test process over the fixture's TLS MariaDB (what `branchdeck-local start --mysql`
// runs), the real Api client pointed at it, and an admin connection to check the database for real. Every
// answer the sandbox sends is recorded for the OpenAPI check.
class SandboxFixture : public QObject
{
    Q_OBJECT

protected:
    static inline const QString org = QStringLiteral("local");

    bool startSandbox(); // initTestCase: QVERIFY(startSandbox())
    // The sandbox's server account (ServerPrivileges::needed), made again after a test dropped it.
    bool createSandboxAccount();
    bool restartSandbox(); // a new Sandbox on the same server; the client follows its new port
    void stopSandbox();
    // Tests share the server, and its one copier (a worker holding GET_LOCK 'branchdeck_sandbox.deployer') runs
    // every sandbox's deployments and backups. A test whose failpoints must fire, or that needs to know whose
    // account made the copy, makes this process's worker ask for it (DeployQueue::claimCopier) and waits
    // until the lock's holder is one of this sandbox's connections. False after timeoutMs.
    bool holdTheCopier(int timeoutMs = 150000);
    void stopAskingForTheCopier();
    // Runs tests/local/openapi_check.py over the recorded answers and checks that it can fail.
    void checkRecordedAnswersAgainstOpenApi();
    // Runs the checker over one recorded answer; returns its exit code.
    int runChecker(const QString &yaml, const QJsonObject &line, QString *output);

    template<typename T> T ok(const std::optional<Api::ApiResult<T>> &result, const char *what)
    {
        if (!result)
            qFatal("%s: no answer", what);
        if (!result->ok())
            qFatal("%s: %s", what, qPrintable(result->error().toString()));
        return result->value();
    }
    Core::DeployRequest waitForState(
        const QString &db, qint64 number, const QString &state, int timeoutMs, double *sawProgress = nullptr);
    void createDatabase(const QString &name);
    // A branch of `parent` through the API, as a user makes one; a failure ends the test (qFatal, naming it).
    Core::Branch createBranch(const QString &db, const QString &name, const QString &parent = QStringLiteral("main"));
    static QString branchSchema(const QString &db, const QString &branch) { return db + QStringLiteral("__") + branch; }
    // How a client logs in with a password the sandbox handed out: the fixture's server over verified TLS,
    // in the branch's schema when one is named.
    Sql::ConnectionOptions passwordConnection(
        const Core::Password &password, const QString &db = {}, const QString &branch = {}) const;
    bool admin(const QString &sql);
    QString scalar(const QString &sql); // first column of the first row (second column for SHOW CREATE)
    static QString withoutAutoIncrement(QString ddl);
    static void spin(int ms);

    TestDb m_db;
    QTemporaryDir m_dir;
    QString m_record;
    QString m_prefix; // unique per run: tests share the server
    Local::SandboxOptions m_options;
    std::unique_ptr<Local::Sandbox> m_sandbox;
    std::unique_ptr<Api::ApiClient> m_client;
    std::unique_ptr<Sql::Connection> m_admin;
};

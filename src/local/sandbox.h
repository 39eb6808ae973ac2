#pragma once

#include "core/result.h"
#include "local/deploysettings.h"
#include "local/httphead.h"
#include "sql/connectionoptions.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Local {

class SqlSession;
class MetaStore;
class JsonViews;
class Accounts;
class InsightsSampler;
class DeployQueue;
class ApiServer;
class ServerKeeper;

struct SandboxOptions
{
    Sql::ConnectionOptions admin; // an account with ALL PRIVILEGES WITH GRANT OPTION
    QString mysqlHost; // what clients connect to (access_host_url)
    quint16 mysqlPort = 0;
    QString caFile; // the CA clients must trust for that server
    quint16 apiPort = 0; // 0: a free port
    DeploySettings deploy;
    QString recordFile; // optional: every answer as a JSON line (OpenAPI check)
    HttpLimits http; // body size, time-outs and connection cap of the API
    // DIR when the sandbox runs the private MariaDB under DIR/mysql: it starts that server again (and takes
    // its new password) when it dies or is restarted behind the sandbox's back. Empty for --mysql.
    QString privateServerDir;
};

// The running sandbox: metadata, API server on 127.0.0.1, deploy worker and the password reaper.
class Sandbox : public QObject
{
    Q_OBJECT

public:
    explicit Sandbox(QObject *parent = nullptr);
    ~Sandbox() override;

    Core::Result<void> start(const SandboxOptions &options);

    QUrl apiUrl() const; // http://127.0.0.1:<port>/v1
    quint16 apiPort() const { return m_port; }
    QString serviceTokenId() const { return m_tokenId; }
    QString serviceToken() const { return m_token; }
    const SandboxOptions &options() const { return m_options; }
    DeployQueue *deployQueue() const { return m_deploys.get(); }
    int openApiConnections() const;
    // Set when the server account has privileges the sandbox does not use, or lacks some (see README).
    QString accountWarning() const { return m_accountWarning; }

    // DIR/sandbox.json, mode 0600: api_url, service_token_id, service_token, ca_file, mysql_host, mysql_port,
    // schema_pattern, pid.
    Core::Result<void> writeStateFile(const QString &path) const;

Q_SIGNALS:
    void failed(const QString &message);

private:
    void reapPasswords();
    void sampleInsights();

    SandboxOptions m_options;
    std::shared_ptr<ServerKeeper> m_keeper;
    std::unique_ptr<SqlSession> m_session;
    std::unique_ptr<MetaStore> m_meta;
    std::unique_ptr<JsonViews> m_views;
    std::unique_ptr<Accounts> m_accounts;
    std::unique_ptr<DeployQueue> m_deploys;
    std::unique_ptr<ApiServer> m_server;
    QTimer m_reaper;
    std::unique_ptr<InsightsSampler> m_insights;
    QTimer m_insightsTimer;
    QString m_tokenId;
    QString m_token;
    quint16 m_port = 0;
    QString m_accountWarning;
};

} // namespace Local

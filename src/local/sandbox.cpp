#include "local/sandbox.h"

#include "local/accounts.h"
#include "local/apiserver.h"
#include "local/deployqueue.h"
#include "local/insightssampler.h"
#include "local/jsonviews.h"
#include "local/metastore.h"
#include "local/naming.h"
#include "local/serverkeeper.h"
#include "local/serverprivileges.h"
#include "local/sqlsession.h"
#include "local/triggerdefiner.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Local {

namespace {
constexpr int insightsSampleMs = 10000;
}

Sandbox::Sandbox(QObject *parent)
    : QObject(parent)
{ }

Sandbox::~Sandbox()
{
    m_server.reset();
    m_deploys.reset(); // joins the worker before the session it may share the server with goes
}

Core::Result<void> Sandbox::start(const SandboxOptions &options)
{
    m_options = options;
    m_keeper = std::make_shared<ServerKeeper>(options.admin, options.privateServerDir);
    auto session = SqlSession::open(m_keeper);
    if (!session)
        return session.error();
    m_session = std::move(session).value();
    if (auto report = ServerPrivileges::check(*m_session))
        m_accountWarning = ServerPrivileges::warning(*report);
    m_meta = std::make_unique<MetaStore>(*m_session);
    if (auto done = m_meta->ensureSchema(); !done)
        return done;
    // The copy triggers' definer, made once per server; a deployment makes sure of it again before it is needed
    // (and fails then, naming it, when the account cannot make accounts).
    if (auto done = TriggerDefiner::ensure(*m_session); !done && m_accountWarning.isEmpty())
        m_accountWarning = done.error().toString();
    (void)m_session->use(Naming::metaSchema());
    auto token = m_meta->serviceToken();
    if (!token)
        return token.error();
    m_tokenId = token->first;
    m_token = token->second;

    m_accounts = std::make_unique<Accounts>(*m_meta);
    m_deploys = std::make_unique<DeployQueue>(m_keeper, options.deploy);
    connect(m_deploys.get(), &DeployQueue::failed, this, &Sandbox::failed);

    // The server object needs the final base URL for `url` fields, which needs the port: bind first with a
    // probe-free approach — create the server, listen, then hand the views the URL.
    const QString hostPort = options.mysqlHost + u':' + QString::number(options.mysqlPort);
    m_views = std::make_unique<JsonViews>(QString(), hostPort);
    Services services { m_session.get(), m_meta.get(), m_views.get(), m_accounts.get(), m_deploys.get() };
    m_server = std::make_unique<ApiServer>(services, m_tokenId, m_token);
    if (!options.recordFile.isEmpty() && !m_server->setRecordFile(options.recordFile))
        return Core::makeError(u"record_failed"_s, u"The record file cannot be written."_s, options.recordFile);
    m_port = m_server->listenOnLoopback(options.apiPort, options.http);
    if (m_port == 0)
        return Core::makeError(
            u"listen_failed"_s, u"The API port on 127.0.0.1 is not free."_s, QString::number(options.apiPort));
    *m_views = JsonViews(apiUrl().toString(), hostPort);

    m_deploys->start();
    m_reaper.setInterval(2000);
    connect(&m_reaper, &QTimer::timeout, this, &Sandbox::reapPasswords);
    m_reaper.start();
    reapPasswords();
    // Query Insights' time series: what ran since the last sample lands in the current minute, so a
    // sample every few seconds keeps the minutes right.
    m_insights = std::make_unique<InsightsSampler>(services);
    m_insightsTimer.setInterval(insightsSampleMs);
    connect(&m_insightsTimer, &QTimer::timeout, this, &Sandbox::sampleInsights);
    m_insightsTimer.start();
    return {};
}

void Sandbox::sampleInsights()
{
    // A server that is away (restart) loses nothing: the next sample takes the difference.
    (void)m_insights->sample();
}

void Sandbox::reapPasswords()
{
    if (auto dropped = m_accounts->dropExpired(); !dropped)
        Q_EMIT failed(dropped.error().toString());
}

int Sandbox::openApiConnections() const
{
    return m_server ? m_server->openConnections() : 0;
}

QUrl Sandbox::apiUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    url.setPath(u"/v1"_s);
    return url;
}

Core::Result<void> Sandbox::writeStateFile(const QString &path) const
{
    const QJsonObject state { { u"api_url"_s, apiUrl().toString() },
        { u"organization"_s, JsonViews::organizationName() }, { u"service_token_id"_s, m_tokenId },
        { u"service_token"_s, m_token }, { u"ca_file"_s, m_options.caFile }, { u"mysql_host"_s, m_options.mysqlHost },
        { u"mysql_port"_s, m_options.mysqlPort }, { u"schema_pattern"_s, u"{database}__{branch}"_s },
        { u"pid"_s, QCoreApplication::applicationPid() } };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Core::makeError(u"state_file"_s, u"The sandbox state file cannot be written."_s, path);
    // Owner-only before the secret is written.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(state).toJson());
    if (!file.commit())
        return Core::makeError(u"state_file"_s, u"The sandbox state file cannot be written."_s, path);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

} // namespace Local

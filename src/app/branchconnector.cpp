#include "app/branchconnector.h"

#include "api/apiclient.h"
#include "api/passwordsresource.h"

#include <QDateTime>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace App {

BranchConnector::BranchConnector(Api::ApiClient *client, BranchRef branch, QString caFile, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_branch(std::move(branch))
    , m_caFile(std::move(caFile))
{
    m_renewTimer.setSingleShot(true);
    connect(&m_renewTimer, &QTimer::timeout, this, &BranchConnector::renew);
}

BranchConnector::~BranchConnector()
{
    deletePassword();
}

void BranchConnector::open(const QString &role, qint64 ttlSeconds, Ready ready)
{
    const bool replica = role == replicaRole();
    Api::CreatePasswordOptions options;
    options.name = u"branchdeck-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    options.role = replica ? u"reader"_s : role; // replicas take no writes
    options.replica = replica;
    if (ttlSeconds > 0)
        options.ttlSeconds = ttlSeconds;
    Api::PasswordsResource passwords(m_client);
    passwords.create(m_branch.org, m_branch.database, m_branch.branch, options, this,
        [this, ttlSeconds, ready = std::move(ready)](Api::ApiResult<Core::Password> result) {
            if (!result.ok()) {
                ready(result.error().toCoreError());
                return;
            }
            m_password = result.value();
            if (ttlSeconds > 0)
                m_renewTimer.start(std::chrono::seconds(ttlSeconds / 2));
            ready(optionsFor(m_password, m_caFile, m_branch));
        });
}

Sql::ConnectionOptions BranchConnector::optionsFor(
    const Core::Password &password, const QString &caFile, const BranchRef &branch)
{
    Sql::ConnectionOptions options;
    const QString address = password.accessHostUrl;
    const qsizetype colon = address.lastIndexOf(u':');
    bool portOk = false;
    const quint16 port = colon > 0 ? address.mid(colon + 1).toUShort(&portOk) : 0;
    options.host = portOk ? address.left(colon) : address;
    options.port = portOk ? port : 3306;
    options.user = password.username;
    options.password = password.plainText;
    options.caFile = caFile;
    // PlanetScale routes through vtgate: "@primary" targets the branch's primary, "@replica" its replicas
    // (only a replica password may). The sandbox (the only target that hands us its own CA) keeps branch B
    // of database D in the schema D__B (src/local/README.md).
    const QString vtgateTarget = password.replica ? u"@replica"_s : u"@primary"_s;
    options.database = caFile.isEmpty() ? vtgateTarget : branch.database + u"__"_s + branch.branch;
    return options;
}

void BranchConnector::renew()
{
    if (!m_client || m_password.id.isEmpty())
        return;
    Api::PasswordsResource passwords(m_client);
    passwords.renew(m_branch.org, m_branch.database, m_branch.branch, m_password.id, this,
        [this](Api::ApiResult<Core::Password> result) {
            if (!result.ok()) {
                Q_EMIT renewalFailed(result.error().userText);
                return;
            }
            const qint64 ttl = result.value().ttlSeconds.value_or(0);
            if (ttl > 0)
                m_renewTimer.start(std::chrono::seconds(ttl / 2));
        });
}

void BranchConnector::deletePassword()
{
    if (!m_client || m_password.id.isEmpty())
        return;
    // Fire and forget: the client outlives us; a context of the client keeps the request alive.
    Api::PasswordsResource passwords(m_client);
    passwords.remove(m_branch.org, m_branch.database, m_branch.branch, m_password.id, m_client.data(),
        [](Api::ApiResult<Api::NoContent>) {});
    m_password = {};
}

} // namespace App

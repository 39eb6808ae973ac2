#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "core/password.h"
#include "core/result.h"
#include "sql/connectionoptions.h"

#include <functional>

namespace Api {
class ApiClient;
}

namespace App {

// Where a branch lives in the API: organization, database, branch.
struct BranchRef
{
    QString org;
    QString database;
    QString branch;
    bool production = false;
    // The branch has replicas (PlanetScale's has_replicas; the sandbox's production branches): only then does
    // a tab on it offer the Primary / Replica choice and Open on Replica. Not part of the target.
    bool hasReplicas = false;

    QString target() const { return QStringLiteral("branch:%1/%2/%3").arg(org, database, branch); }
};

// The credentials of one SQL tab on a branch: mints a password through the API, renews it at half its
// life, and deletes it when the tab goes away. The plain-text password lives only in memory.
class BranchConnector final : public QObject
{
    Q_OBJECT
public:
    BranchConnector(Api::ApiClient *client, BranchRef branch, QString caFile, QObject *parent = nullptr);
    ~BranchConnector() override;

    using Ready = std::function<void(Core::Result<Sql::ConnectionOptions>)>;
    // Creates a password with `role` and a TTL, then answers with the connection options for it. The role
    // replicaRole() asks for a replica password (read-only, role reader): it reaches the branch's replicas.
    void open(const QString &role, qint64 ttlSeconds, Ready ready);
    // A tab's role when it runs on the replicas (saved with the tab like the password roles).
    static QString replicaRole() { return QStringLiteral("replica"); }
    const Core::Password &password() const { return m_password; }
    // Extends the password's life; the connector calls it itself at half the life. Failures are reported
    // through renewalFailed (the window shows them in its status bar).
    void renew();
    const BranchRef &branch() const { return m_branch; }

    // Connection options for a minted password: host[:port] from access_host_url ("aws.connect.psdb.cloud"
    // or "127.0.0.1:3307"), and the database the branch is reached through: "@primary", or "@replica" for a
    // replica password, on PlanetScale; the branch's schema on the sandbox (whose one server is its replica).
    static Sql::ConnectionOptions optionsFor(
        const Core::Password &password, const QString &caFile, const BranchRef &branch);

Q_SIGNALS:
    void renewalFailed(const QString &message);

private:
    void deletePassword();

    QPointer<Api::ApiClient> m_client;
    BranchRef m_branch;
    QString m_caFile;
    Core::Password m_password;
    QTimer m_renewTimer;
};

} // namespace App

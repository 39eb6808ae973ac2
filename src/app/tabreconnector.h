#pragma once

#include "app/branchconnector.h"
#include "core/result.h"
#include "sql/connectionoptions.h"
#include "store/connectionprofile.h"
#include "store/tabautosave.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Api {
class ApiClient;
}

namespace App {

// Brings a restored SQL tab back to the target it was bound to, with the same identity: a branch tab gets
// a new password with the same role (the branch is looked up first, so a deleted branch is named as such,
// and its production guard is kept even if the API is unreachable); a saved connection reconnects with
// its password from the keychain. Nothing is ever pointed at another or a default host: what cannot be
// reached is reported, and the tab stays disconnected.
class TabReconnector final : public QObject
{
    Q_OBJECT
public:
    struct Connected
    {
        Store::ConnectionProfile profile;
        Sql::ConnectionOptions options;
        BranchConnector *connector = nullptr; // branch tabs: owns the password; the tab takes it
    };
    using Done = std::function<void(Core::Result<Connected>)>;

    TabReconnector(Api::ApiClient *client, QObject *parent = nullptr);

    void setSandboxCa(const QString &caFile) { m_sandboxCa = caFile; }
    void reconnect(const Store::TabState &state, QObject *context, Done done);

    // "branch:org/db/branch" → the branch (production from the saved state); nullopt for other targets.
    static std::optional<BranchRef> branchOf(const Store::TabState &state);
    // The profile a branch tab shows: "db/branch (role)", the role, the production guard.
    static Store::ConnectionProfile profileForBranch(
        const BranchRef &branch, const QString &role, const Sql::ConnectionOptions &options);

private:
    void reconnectBranch(const BranchRef &branch, const QString &role, QObject *context, Done done);
    void reconnectProfile(const Store::TabState &state, QObject *context, Done done);

    QPointer<Api::ApiClient> m_client;
    QString m_sandboxCa;
};

} // namespace App

#include "app/tabreconnector.h"

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "app/profileoptions.h"
#include "store/profilestore.h"
#include "store/secretstore.h"

using namespace Qt::StringLiterals;

namespace App {

TabReconnector::TabReconnector(Api::ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

std::optional<BranchRef> TabReconnector::branchOf(const Store::TabState &state)
{
    if (!state.target.startsWith(u"branch:"_s))
        return std::nullopt;
    const QStringList parts = state.target.mid(7).split(u'/');
    if (parts.size() != 3 || parts.contains(QString()))
        return std::nullopt;
    return BranchRef { parts[0], parts[1], parts[2], state.production };
}

Store::ConnectionProfile TabReconnector::profileForBranch(
    const BranchRef &branch, const QString &role, const Sql::ConnectionOptions &options)
{
    Store::ConnectionProfile profile;
    profile.id = branch.target();
    profile.name = QStringLiteral("%1/%2 (%3)").arg(branch.database, branch.branch, role);
    profile.host = options.host;
    profile.port = options.port;
    profile.user = options.user;
    profile.database = options.database;
    profile.caFile = options.caFile;
    profile.production = branch.production;
    profile.role = role;
    return profile;
}

void TabReconnector::reconnect(const Store::TabState &state, QObject *context, Done done)
{
    if (const auto branch = branchOf(state)) {
        // Rows from before roles were saved come back with the least privilege.
        reconnectBranch(*branch, state.role.isEmpty() ? u"reader"_s : state.role, context, std::move(done));
        return;
    }
    if (state.target.startsWith(u"branch:"_s)) {
        done(Core::makeError(u"bad_target"_s, tr("The saved target %1 is not a branch address.").arg(state.target)));
        return;
    }
    reconnectProfile(state, context, std::move(done));
}

void TabReconnector::reconnectBranch(const BranchRef &saved, const QString &role, QObject *context, Done done)
{
    if (!m_client || !m_client->credentials().isValid()) {
        done(Core::makeError(u"not_signed_in"_s,
            tr("Not signed in: sign in (File › Sign In…) to the API that holds %1/%2.")
                .arg(saved.database, saved.branch)));
        return;
    }
    Api::BranchesResource(m_client).get(saved.org, saved.database, saved.branch, context,
        [this, saved, role, context, done](Api::ApiResult<Core::Branch> r) {
            if (!r) {
                if (r.error().httpStatus == 404)
                    return done(Core::makeError(u"branch_gone"_s,
                        tr("The branch %1 of %2 (organization %3) no longer exists.")
                            .arg(saved.branch, saved.database, saved.org)));
                return done(Core::makeError(u"branch_unreachable"_s,
                    tr("Could not look up the branch %1: %2").arg(saved.branch, r.error().userText)));
            }
            BranchRef branch = saved;
            branch.production = saved.production || r.value().production; // the guard is never dropped
            branch.hasReplicas = r.value().hasReplicas;
            auto *connector = new BranchConnector(m_client, branch, m_sandboxCa, context);
            connector->open(role, 3600, [branch, role, connector, done](Core::Result<Sql::ConnectionOptions> options) {
                if (!options.ok()) {
                    connector->deleteLater();
                    return done(Core::makeError(u"password_refused"_s,
                        tr("Could not create a %1 password for %2: %3")
                            .arg(role, branch.branch, options.error().message)));
                }
                done(Connected { profileForBranch(branch, role, options.value()), options.value(), connector });
            });
        });
}

void TabReconnector::reconnectProfile(const Store::TabState &state, QObject *context, Done done)
{
    Store::ProfileStore profiles;
    std::optional<Store::ConnectionProfile> profile;
    if (profiles.open().ok()) {
        if (auto found = profiles.profile(state.target); found.ok())
            profile = found.value();
    }
    if (!profile) {
        done(Core::makeError(
            u"password_needed"_s, tr("The password of %1 is not saved; press Connect to enter it.").arg(state.title)));
        return;
    }
    auto *secrets = new Store::SecretStore(context);
    secrets->readPassword(profile->id, context, [profile, secrets, done](Core::Result<QString> password) {
        secrets->deleteLater();
        if (!password.ok())
            return done(Core::makeError(u"password_needed"_s,
                tr("The password of %1 is not in the keychain (%2); press Connect to enter it.")
                    .arg(profile->displayName(), password.error().message)));
        done(Connected { *profile, App::ProfileOptions::from(*profile, password.value()), nullptr });
    });
}

} // namespace App

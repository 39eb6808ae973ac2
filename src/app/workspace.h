#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

#include "app/branchconnector.h"
#include "sql/connectionoptions.h"
#include "sql/poolregistry.h"
#include "store/connectionprofile.h"
#include "store/history.h"
#include "store/tabautosave.h"

namespace Api {
class ApiClient;
}
namespace Ui {
class BranchBrowser;
class DeployRequestPanel;
class HistoryPanel;
class MainWindow;
class QueryTab;
struct SignInSession;
} // namespace Ui

namespace App {

class DdlRedirect;

// Wires the layers into the window: stores, the API client, the panels and the SQL tabs with their pools
// (one per server, from the registry it owns). MainWindow only assembles; this object decides what talks
// to what. The per-server connection cap is the setting sql/maxConnectionsPerServer (default 8).
class Workspace final : public QObject
{
    Q_OBJECT
public:
    explicit Workspace(Ui::MainWindow *window, QObject *parent = nullptr);
    ~Workspace() override;

    // Opens a tab on a server given directly (the --url option); the password comes from the caller.
    Ui::QueryTab *openDirect(const Store::ConnectionProfile &profile, const QString &password);
    // Signs in to the local sandbox when its sandbox.json can be found; false when there is none.
    bool signInToSandbox();
    void showSignIn();
    // Points the API client and the panels at a signed-in session (PlanetScale or the sandbox).
    void signIn(const Ui::SignInSession &session);
    void openBranch(const BranchRef &branch); // asks for the password role
    // Mints a password with this role; `text` fills the new tab's editor when given.
    void openBranch(const BranchRef &branch, const QString &role, const QString &text = {});
    void restoreTabs();
    // Once a schema change succeeds in the next tab opened on `branch`, opens the create-deploy-request
    // dialog for it (the end of the "DDL refused on production" path).
    void offerDeployRequestAfterDdl(const BranchRef &branch);

    Api::ApiClient *apiClient() const { return m_client; }
    Ui::BranchBrowser *branchBrowser() const { return m_browser; }
    Ui::DeployRequestPanel *deployRequestPanel() const { return m_deploys; }
    DdlRedirect *ddlRedirect() const { return m_ddlRedirect; }
    Sql::PoolRegistry &pools() { return m_pools; }

Q_SIGNALS:
    void tabOpened(Ui::QueryTab *tab);
    void signedIn(const QString &description);

private:
    Ui::QueryTab *addTab(
        const Store::ConnectionProfile &profile, const Sql::ConnectionOptions &options, QObject *owned = nullptr);
    void closeTab(int index);
    void newTabLikeCurrent();
    void watchRefusedDdl(Ui::QueryTab *tab, const BranchRef &branch);
    void showConnection(const Store::ConnectionProfile &profile, const QString &serverVersion,
        const QString &tlsVersion, const QString &cipher);

    Ui::MainWindow *m_window;
    Api::ApiClient *m_client;
    DdlRedirect *m_ddlRedirect;
    Store::History m_history;
    Store::TabAutosave m_autosave;
    Ui::BranchBrowser *m_browser = nullptr;
    Ui::DeployRequestPanel *m_deploys = nullptr;
    Ui::HistoryPanel *m_historyPanel = nullptr;
    QString m_sandboxCa;
    Sql::PoolRegistry m_pools; // declared before the tabs' bindings: the pools outlive their users
    // What each tab runs on: its options (with its password, in memory only) so "New tab" can open another
    // on the same target, and its server's pool, held while the tab lives.
    struct TabBinding
    {
        Sql::ConnectionOptions options;
        std::shared_ptr<Sql::ConnectionPool> pool;
    };
    QHash<QWidget *, TabBinding> m_tabs;
};

} // namespace App

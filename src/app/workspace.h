#pragma once

#include <QObject>
#include <QPointer>

#include "app/branchconnector.h"
#include "sql/connectionoptions.h"
#include "sql/poolregistry.h"
#include "store/connectionprofile.h"
#include "store/history.h"
#include "ui/common/signindialog.h"

#include <optional>

namespace Api {
class ApiClient;
}
namespace Sql {
class ConnectionPool;
}
namespace Ui {
class BranchBrowser;
class QuickOpenDialog;
struct QuickOpenItem;
class DeployRequestPanel;
class HistoryPanel;
class InsightsDocument;
class MainWindow;
class PasswordsView;
class BackupsView;
class QueryTab;
struct SignInSession;
} // namespace Ui

namespace App {

class DdlRedirect;
class SavedConnections;
class DocumentOpener;
class QuickOpener;
class SqlTabs;
class TableRowCounter;
class BranchDdlRunner;

// Wires the layers into the window: stores, the API client, the navigators, the documents and the SQL tabs
// with their pools (one per server, from the registry it owns). MainWindow only assembles; this object
// decides what talks to what. The per-server connection cap is the setting sql/maxConnectionsPerServer
// (default 8).
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
    // The sign-in dialog, on one way in when given (the welcome page's choice).
    void showSignIn(std::optional<Ui::SignInSession::Kind> kind = std::nullopt);
    // The first window on a database (the demo): when no document came back from the last session, selects
    // ORG/DATABASE in the tree, lists its deploy requests and, on the very first run, opens the first open one.
    void startOn(const QString &org, const QString &database);
    // Points the API client and the panels at a signed-in session (PlanetScale or the sandbox).
    void signIn(const Ui::SignInSession &session);
    void openBranch(const BranchRef &branch); // asks for the password role
    // Mints a password with this role; `text` fills the new tab's editor when given.
    void openBranch(const BranchRef &branch, const QString &role, const QString &text = {});
    // The passwords document of a branch (opened, or focused when open).
    Ui::PasswordsView *openPasswords(
        const QString &org, const QString &database, const QString &branch, bool production);
    // The Query Insights document of the branch (opened, or focused when it is open).
    Ui::InsightsDocument *openInsights(const BranchRef &branch);
    Ui::BackupsView *openBackups(const QString &org, const QString &database, const QString &branch);
    // Restores the autosaved SQL tabs bound to their targets; returns how many.
    int restoreTabs();
    // Once a schema change succeeds in the next tab opened on `branch`, opens the create-deploy-request
    // dialog for it (the end of the "DDL refused on production" path).
    void offerDeployRequestAfterDdl(const BranchRef &branch);

    Api::ApiClient *apiClient() const { return m_client; }
    Ui::BranchBrowser *branchBrowser() const { return m_browser; }
    Ui::DeployRequestPanel *deployRequestPanel() const { return m_deploys; }
    DdlRedirect *ddlRedirect() const { return m_ddlRedirect; }
    SqlTabs *sqlTabs() const { return m_sqlTabs; }
    SavedConnections *savedConnections() const { return m_saved; }
    DocumentOpener *documents() const { return m_documents; }
    // The non-SQL documents open at the last orderly shutdown come back (deploy requests, schemas,
    // comparisons), and the one that was current is focused again.
    void restoreDocuments();
    void saveDocuments();
    // Ctrl+K: the quick-open box over what the tree, the deploy requests and the tables offer.
    Ui::QuickOpenDialog *showQuickOpen();
    void openItem(const Ui::QuickOpenItem &item);
    Sql::PoolRegistry &pools() { return m_pools; }

Q_SIGNALS:
    void tabOpened(Ui::QueryTab *tab);
    void signedIn(const QString &description);

private:
    void watchRefusedDdl(Ui::QueryTab *tab, const BranchRef &branch);
    // Ctrl+Shift+I and the editor's context menu: the statement under the cursor in the branch's Insights.
    void addShowInInsights(Ui::QueryTab *tab, const BranchRef &branch);
    // A development branch was created for `ddl`: its editor opens with it, a deploy request follows.
    void openDevelopmentBranch(const BranchRef &created, const QString &ddl);
    QWidget *emptyHint() const; // the centre's text once signed in, while no document is open
    // The status bar's API side: the signed-in session's endpoint and the organization worked in.
    void showApiStatus(const QString &organization);

    Ui::MainWindow *m_window;
    Api::ApiClient *m_client;
    DdlRedirect *m_ddlRedirect;
    Store::History m_history;
    Sql::PoolRegistry m_pools; // the tabs hold their pools (shared); the registry only remembers them
    SqlTabs *m_sqlTabs = nullptr;
    SavedConnections *m_saved = nullptr;
    TableRowCounter *m_rowCounter = nullptr;
    BranchDdlRunner *m_ddlRunner = nullptr;
    DocumentOpener *m_documents = nullptr;
    QuickOpener *m_quickOpener = nullptr;
    Ui::BranchBrowser *m_browser = nullptr;
    Ui::DeployRequestPanel *m_deploys = nullptr;
    Ui::HistoryPanel *m_historyPanel = nullptr;
    QString m_apiDescription; // of the signed-in session; empty until then
    QString m_apiOrganization;
};

} // namespace App

#pragma once

#include "app/branchconnector.h"
#include "sql/connectionoptions.h"
#include "sql/jobtypes.h"
#include "store/connectionprofile.h"
#include "store/tabautosave.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace Api {
class ApiClient;
}
namespace Sql {
class ConnectionPool;
class PoolRegistry;
} // namespace Sql
namespace Store {
class History;
}
namespace Ui {
class DisconnectedTab;
class HistoryPanel;
class MainWindow;
class QueryTab;
} // namespace Ui

namespace App {

class TabReconnector;

// The SQL editor documents: opening them on a branch (a minted password) or a server, closing them (cancel,
// forget the autosave), autosave, and bringing them back after a restart or a crash bound to the same
// target with the same role and production guard — or, when that target cannot be reached, as a
// disconnected tab that keeps its text and says why. Each tab is the document "sql:<tab id>".
class SqlTabs final : public QObject
{
    Q_OBJECT
public:
    SqlTabs(Ui::MainWindow *window, Api::ApiClient *client, Store::History *history, Sql::PoolRegistry *pools,
        QObject *parent = nullptr);

    void setHistoryPanel(Ui::HistoryPanel *panel) { m_historyPanel = panel; }
    void setSandboxCa(const QString &caFile);
    const QString &sandboxCa() const { return m_sandboxCa; }
    bool autosaveOpen() const { return m_autosave.isOpen(); }

    // A server given directly. A restored tab waiting for the same target is connected instead of adding a
    // second one (relaunching with the same --url); otherwise a new tab.
    Ui::QueryTab *openDirect(const Store::ConnectionProfile &profile, const QString &password);
    // Mints a password with this role; `text` fills the new tab's editor when given.
    void openBranch(const BranchRef &branch, const QString &role, const QString &text = {});
    void newTabLikeCurrent();

    // Restores the autosaved tabs (each at once, as a disconnected tab that reconnects in the background).
    // Tabs already open are skipped. Returns how many were restored.
    int restore();
    // Retries every disconnected tab (after signing in).
    void reconnectAll();
    // Orderly shutdown: the open tabs become the autosave set.
    void saveAll();

    // Whether a tab (connected or waiting) is bound to this target.
    bool hasTabOn(const QString &target) const;
    QList<Ui::QueryTab *> tabs() const;
    QList<Ui::DisconnectedTab *> disconnectedTabs() const;
    Ui::QueryTab *currentTab() const;
    static QString keyOf(const QString &tabId) { return QStringLiteral("sql:") + tabId; }

Q_SIGNALS:
    void tabOpened(Ui::QueryTab *tab);
    // A restored tab is connected again, or could not be (message says why).
    void tabRestored(Ui::QueryTab *tab);
    void restoreFailed(Ui::DisconnectedTab *tab, const QString &message);

private:
    // openBranch once the branch is known (production, replicas).
    void openBranchAs(const BranchRef &branch, const QString &role, const QString &text);
    Ui::QueryTab *addTab(const Store::ConnectionProfile &profile, const Sql::ConnectionOptions &options,
        QObject *owned = nullptr, Ui::DisconnectedTab *replacing = nullptr);
    void reconnect(Ui::DisconnectedTab *tab);
    void askPasswordAndConnect(Ui::DisconnectedTab *tab);
    void onAboutToClose(QWidget *document);
    // The status bar's SQL side follows the current document: its tab's server and TLS, or that there is none.
    void showCurrentConnection();
    void onConnectionOpened(const Sql::ConnectionPool *pool, const Sql::ConnectionInfo &info);

    Ui::MainWindow *m_window;
    QPointer<Api::ApiClient> m_client;
    Store::History *m_history;
    Sql::PoolRegistry *m_pools;
    Store::TabAutosave m_autosave;
    Ui::HistoryPanel *m_historyPanel = nullptr;
    TabReconnector *m_reconnector;
    QString m_sandboxCa;
    // What each tab runs on: its options (with its password, in memory only) so "New tab" can open another
    // on the same target, and its server's pool, held while the tab lives.
    struct TabBinding
    {
        Sql::ConnectionOptions options;
        std::shared_ptr<Sql::ConnectionPool> pool;
        std::optional<Sql::ConnectionInfo> connection; // once the pool has opened a connection
    };
    QHash<QWidget *, TabBinding> m_tabs;
};

} // namespace App

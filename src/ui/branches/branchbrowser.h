#pragma once

#include "core/branch.h"
#include "ui/common/statusline.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTreeView;

namespace Api {
class ApiClient;
}

namespace Ui {

class BranchTreeModel;

// The branch navigator (a dock): a filterable organizations › databases › branches tree with icons and
// badges, and the branch actions (new, delete, promote/demote, safe migrations, refresh schema, open SQL
// editor, compare, deploy request) in a context menu. Opening a branch (double-click, Enter) asks for its
// schema document; the window puts documents in the centre.
class BranchBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit BranchBrowser(Api::ApiClient *client, QWidget *parent = nullptr);

    BranchTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }

    void setFilterText(const QString &text);
    // The organization to open as soon as the organizations are loaded (from the sign-in).
    void setDefaultOrganization(const QString &org);
    QString statusText() const;
    bool selectBranch(const QString &org, const QString &database, const QString &branch);
    bool selectDatabase(const QString &org, const QString &database);
    bool selectOrganization(const QString &org);
    // The context menu for a model (not proxy) index; the caller owns it.
    QMenu *createContextMenu(const QModelIndex &index, QWidget *parent);

    // Actions, also reachable from the context menu. Deleting a production branch asks for its name.
    void newBranch(const QString &org, const QString &database, const QString &parentBranch);
    void requestDelete(const QString &org, const QString &database, const QString &branch);
    void deleteBranch(const QString &org, const QString &database, const QString &branch);
    void setProduction(const QString &org, const QString &database, const QString &branch, bool production);
    void setSafeMigrations(const QString &org, const QString &database, const QString &branch, bool enabled);
    void refreshSchema(const QString &org, const QString &database, const QString &branch);

Q_SIGNALS:
    void branchSelected(const QString &org, const QString &database, const QString &branch);
    void databaseSelected(const QString &org, const QString &database);
    void sqlEditorRequested(const QString &org, const QString &database, const QString &branch);
    // Double-click or Enter on a branch, or "Show schema": its schema document.
    void branchActivated(const QString &org, const QString &database, const QString &branch);
    // A keyspace node opened: its branch's schema document shows the keyspace's VSchema.
    void keyspaceActivated(const QString &org, const QString &database, const QString &branch, const QString &keyspace);
    void comparisonRequested(const QString &org, const QString &database, const QString &base, const QString &head);
    void schemaRefreshed(const QString &org, const QString &database, const QString &branch);
    void deployRequestCreationRequested(const QString &org, const QString &database, const QString &branch);
    void passwordsRequested(const QString &org, const QString &database, const QString &branch, bool production);
    void insightsRequested(const QString &org, const QString &database, const QString &branch);
    void backupsRequested(const QString &org, const QString &database, const QString &branch);
    void branchDeleted(const QString &org, const QString &database, const QString &branch);
    // The API refused the credentials (401): the window offers to sign in again.
    void signInRequested(const QString &message);
    // Any branch action finished (ok or not); message is what the status line shows.
    void actionFinished(bool ok, const QString &message);

private:
    void onCurrentChanged(const QModelIndex &proxyIndex);
    void showContextMenu(const QPoint &pos);
    void showStatus(const QString &text, bool error = false);
    void finishAction(bool ok, const QString &message);

    QPointer<Api::ApiClient> m_client;
    BranchTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_tree;
    StatusLine *m_status;
    QString m_defaultOrg;
};

} // namespace Ui

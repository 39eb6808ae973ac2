#pragma once

#include "api/apiresult.h"
#include "core/branch.h"
#include "core/database.h"
#include "core/keyspace.h"
#include "core/organization.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <vector>

namespace Api {
class ApiClient;
}

namespace Ui {

struct BranchTreeNode;

// Organizations › databases › branches › keyspaces, loaded lazily: organizations when the view first asks,
// the databases of an organization, the branches of a database and the keyspaces of a branch when they are
// expanded (fetchMore). Branches are nested under their parent branch; a branch's keyspaces follow its child
// branches. Answers that are not the latest for a node are dropped.
class BranchTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { Organization, Database, Branch, Keyspace };
    Q_ENUM(Kind)

    enum Role {
        KindRole = Qt::UserRole + 1,
        OrganizationRole, // organization name (every node)
        DatabaseRole, // database name (database and branch nodes)
        BranchRole, // branch name (branch nodes; a keyspace's branch is its parent's)
        ParentBranchRole,
        ProductionRole, // bool
        SafeMigrationsRole, // bool
        ReadyRole, // bool
        StateRole, // branch or database state as the server spells it
        LoadingRole, // bool: children being fetched
        ErrorRole, // the last load error of this node, as a sentence
        KeyspaceRole, // keyspace name (keyspace nodes)
    };

    explicit BranchTreeModel(Api::ApiClient *client, QObject *parent = nullptr);
    ~BranchTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Starts over from the organizations (after signing in again).
    void reload();
    // Fetches the branches of a database again (after create, delete, promote, ...).
    void reloadDatabase(const QString &org, const QString &database);
    // Replaces one branch's values in place (the answer of promote, demote, safe migrations).
    void updateBranch(const QString &org, const QString &database, const Core::Branch &branch);

    QModelIndex organizationIndex(const QString &org) const;
    QModelIndex databaseIndex(const QString &org, const QString &database) const;
    QModelIndex branchIndex(const QString &org, const QString &database, const QString &branch) const;
    std::optional<Core::Branch> branch(const QModelIndex &index) const;
    std::optional<Core::Database> database(const QModelIndex &index) const;
    // Every loaded branch of a database, in server order.
    QList<Core::Branch> branches(const QString &org, const QString &database) const;
    bool isLoading() const { return m_loadingCount > 0; }

Q_SIGNALS:
    void loadFailed(const QString &message);
    void loadingChanged(bool loading);
    void databaseLoaded(const QString &org, const QString &database);

private:
    using Node = BranchTreeNode;

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    void startLoad(Node *node);
    void finishLoad(Node *node, const QString &error);
    void setOrganizations(Node *node, QList<Core::Organization> orgs);
    void setDatabases(Node *node, QList<Core::Database> databases);
    void setBranches(Node *node, QList<Core::Branch> branches);
    void setKeyspaces(Node *node, QList<Core::Keyspace> keyspaces);
    void clearChildren(Node *node);
    Node *findChild(const Node *node, Kind kind, const QString &name) const;
    Node *findBranch(Node *node, const QString &name) const;

    QPointer<Api::ApiClient> m_client;
    std::unique_ptr<Node> m_root;
    int m_loadingCount = 0;
};

} // namespace Ui

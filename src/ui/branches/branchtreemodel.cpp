#include "ui/branches/branchtreemodel.h"

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "api/databasesresource.h"
#include "api/organizationsresource.h"
#include "ui/branches/branchtreenode.h"
#include "ui/common/icons.h"
#include "ui/common/statebadgedelegate.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

using Load = BranchTreeNode::Load;

BranchTreeModel::BranchTreeModel(Api::ApiClient *client, QObject *parent)
    : QAbstractItemModel(parent)
    , m_client(client)
    , m_root(std::make_unique<Node>())
{
    m_root->isRoot = true;
}

BranchTreeModel::~BranchTreeModel() = default;

BranchTreeModel::Node *BranchTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex BranchTreeModel::indexOf(const Node *node) const
{
    if (!node || node->isRoot)
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

QModelIndex BranchTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *node = nodeOf(parent);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, 0, node->children[std::size_t(row)].get());
}

QModelIndex BranchTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int BranchTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int BranchTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool BranchTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    if (!node->children.empty())
        return true;
    return node->lazy() && (node->load == Load::NotLoaded || node->load == Load::Loading);
}

bool BranchTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    // Nothing signed in yet: asking would only fail (the welcome page offers the ways in).
    return node->lazy() && node->load == Load::NotLoaded && m_client && m_client->credentials().isValid();
}

void BranchTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    startLoad(nodeOf(parent));
}

QVariant BranchTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name();
    case Qt::ToolTipRole:
        return node->toolTip();
    case KindRole:
        return QVariant::fromValue(node->kind);
    case OrganizationRole:
        return node->orgName;
    case DatabaseRole:
        return node->kind == Kind::Organization ? QVariant() : QVariant(node->dbName);
    case BranchRole:
        return node->kind == Kind::Branch ? QVariant(node->branch.name) : QVariant();
    case KeyspaceRole:
        return node->kind == Kind::Keyspace ? QVariant(node->keyspace.name) : QVariant();
    case ParentBranchRole:
        return node->kind == Kind::Branch ? QVariant(node->branch.parentBranch) : QVariant();
    case ProductionRole:
        return node->kind == Kind::Branch && node->branch.production;
    case SafeMigrationsRole:
        return node->kind == Kind::Branch && node->branch.safeMigrations;
    case ReadyRole:
        if (node->kind == Kind::Branch)
            return node->branch.ready;
        if (node->kind == Kind::Database)
            return node->database.ready;
        return true;
    case StateRole:
        if (node->kind == Kind::Branch)
            return node->branch.state;
        if (node->kind == Kind::Database)
            return node->database.state;
        return {};
    case Qt::DecorationRole:
        switch (node->kind) {
        case Kind::Organization:
            return Icons::get(u"group"_s);
        case Kind::Database:
            return Icons::get(u"server-database"_s);
        case Kind::Branch:
            return Icons::get(node->branch.production ? u"security-high"_s : u"vcs-branch"_s);
        case Kind::Keyspace:
            return Icons::get(u"network-server-database"_s);
        }
        return {};
    case LoadingRole:
        return node->load == Load::Loading;
    case ErrorRole:
        return node->error;
    case StateBadgeDelegate::BadgesRole: {
        const BadgeList badges = node->badges();
        return badges.isEmpty() ? QVariant() : QVariant::fromValue(badges);
    }
    default:
        return {};
    }
}

void BranchTreeModel::startLoad(Node *node)
{
    if (!m_client)
        return;
    node->load = Load::Loading;
    node->error.clear();
    if (++m_loadingCount == 1)
        Q_EMIT loadingChanged(true);
    if (!node->isRoot) {
        const QModelIndex idx = indexOf(node);
        Q_EMIT dataChanged(idx, idx);
    }

    const std::weak_ptr<char> alive = node->alive;
    // Each answer is applied only if the node still exists and this was its latest request.
    auto guard = [this, node, alive](Api::RequestId id) {
        return !alive.expired() && node->request == id && node->load == Load::Loading;
    };

    if (node->isRoot) {
        node->request = Api::OrganizationsResource(m_client).list(
            this, [this, node, guard](Api::ApiResult<QList<Core::Organization>> r) {
                if (!guard(r.requestId()))
                    return;
                if (!r)
                    return finishLoad(node, r.error().userText);
                setOrganizations(node, std::move(r).value());
                finishLoad(node, {});
            });
    } else if (node->kind == Kind::Organization) {
        node->request = Api::DatabasesResource(m_client).list(
            node->orgName, this, [this, node, guard](Api::ApiResult<QList<Core::Database>> r) {
                if (!guard(r.requestId()))
                    return;
                if (!r)
                    return finishLoad(node, r.error().userText);
                setDatabases(node, std::move(r).value());
                finishLoad(node, {});
            });
    } else if (node->kind == Kind::Database) {
        node->request = Api::BranchesResource(m_client).list(node->orgName, node->dbName, Api::BranchFilter {}, this,
            [this, node, guard](Api::ApiResult<QList<Core::Branch>> r) {
                if (!guard(r.requestId()))
                    return;
                if (!r)
                    return finishLoad(node, r.error().userText);
                setBranches(node, std::move(r).value());
                finishLoad(node, {});
                Q_EMIT databaseLoaded(node->orgName, node->dbName);
            });
    } else if (node->kind == Kind::Branch) {
        node->request = Api::BranchesResource(m_client).keyspaces(node->orgName, node->dbName, node->branch.name, this,
            [this, node, guard](Api::ApiResult<QList<Core::Keyspace>> r) {
                if (!guard(r.requestId()))
                    return;
                if (!r)
                    return finishLoad(node, r.error().userText);
                setKeyspaces(node, std::move(r).value());
                finishLoad(node, {});
            });
    }
}

void BranchTreeModel::finishLoad(Node *node, const QString &error)
{
    node->request = 0;
    node->load = error.isEmpty() ? Load::Loaded : Load::Failed;
    node->error = error;
    if (!node->isRoot) {
        const QModelIndex idx = indexOf(node);
        Q_EMIT dataChanged(idx, idx);
    }
    if (--m_loadingCount == 0)
        Q_EMIT loadingChanged(false);
    if (!error.isEmpty()) {
        const QString where = node->isRoot     ? tr("organizations")
            : node->kind == Kind::Organization ? tr("databases of %1").arg(node->orgName)
            : node->kind == Kind::Branch       ? tr("keyspaces of %1").arg(node->branch.name)
                                               : tr("branches of %1").arg(node->dbName);
        Q_EMIT loadFailed(tr("Could not load the %1: %2").arg(where, error));
    }
}

void BranchTreeModel::setOrganizations(Node *node, QList<Core::Organization> orgs)
{
    if (orgs.isEmpty())
        return;
    beginInsertRows({}, 0, int(orgs.size()) - 1);
    for (Core::Organization &org : orgs) {
        auto child = std::make_unique<Node>();
        child->kind = Kind::Organization;
        child->parent = node;
        child->orgName = org.name;
        child->organization = std::move(org);
        node->children.push_back(std::move(child));
    }
    endInsertRows();
}

void BranchTreeModel::setDatabases(Node *node, QList<Core::Database> databases)
{
    if (databases.isEmpty())
        return;
    beginInsertRows(indexOf(node), 0, int(databases.size()) - 1);
    for (Core::Database &db : databases) {
        auto child = std::make_unique<Node>();
        child->kind = Kind::Database;
        child->parent = node;
        child->orgName = node->orgName;
        child->dbName = db.name;
        child->database = std::move(db);
        node->children.push_back(std::move(child));
    }
    endInsertRows();
}

void BranchTreeModel::setBranches(Node *node, QList<Core::Branch> branches)
{
    clearChildren(node);
    if (branches.isEmpty())
        return;
    // Build the parent/child forest off-model, then insert its top level in one go.
    QHash<QString, Node *> byName;
    std::vector<std::unique_ptr<Node>> all;
    for (Core::Branch &b : branches) {
        auto child = std::make_unique<Node>();
        child->kind = Kind::Branch;
        child->orgName = node->orgName;
        child->dbName = node->dbName;
        child->branch = std::move(b);
        byName.insert(child->branch.name, child.get());
        all.push_back(std::move(child));
    }
    std::vector<std::unique_ptr<Node>> roots;
    for (auto &child : all) {
        Node *parentNode = byName.value(child->branch.parentBranch);
        // A cycle or self-reference in bad data must not make a branch unreachable.
        for (Node *p = parentNode; p; p = byName.value(p->branch.parentBranch)) {
            if (p == child.get()) {
                parentNode = nullptr;
                break;
            }
            if (p->branch.parentBranch == p->branch.name)
                break;
        }
        if (parentNode && parentNode != child.get()) {
            child->parent = parentNode;
            parentNode->children.push_back(std::move(child));
        } else {
            child->parent = node;
            roots.push_back(std::move(child));
        }
    }
    beginInsertRows(indexOf(node), 0, int(roots.size()) - 1);
    node->children = std::move(roots);
    endInsertRows();
}

void BranchTreeModel::setKeyspaces(Node *node, QList<Core::Keyspace> keyspaces)
{
    // After the child branches, replacing the keyspaces of an earlier load.
    const auto first = std::find_if(node->children.begin(), node->children.end(),
        [](const std::unique_ptr<Node> &child) { return child->kind == Kind::Keyspace; });
    if (first != node->children.end()) {
        const int from = int(first - node->children.begin());
        beginRemoveRows(indexOf(node), from, int(node->children.size()) - 1);
        node->children.erase(first, node->children.end());
        endRemoveRows();
    }
    if (keyspaces.isEmpty())
        return;
    const int at = int(node->children.size());
    beginInsertRows(indexOf(node), at, at + int(keyspaces.size()) - 1);
    for (Core::Keyspace &k : keyspaces) {
        auto child = std::make_unique<Node>();
        child->kind = Kind::Keyspace;
        child->parent = node;
        child->orgName = node->orgName;
        child->dbName = node->dbName;
        child->keyspace = std::move(k);
        node->children.push_back(std::move(child));
    }
    endInsertRows();
}

void BranchTreeModel::clearChildren(Node *node)
{
    if (node->children.empty())
        return;
    beginRemoveRows(indexOf(node), 0, int(node->children.size()) - 1);
    node->children.clear();
    endRemoveRows();
}

void BranchTreeModel::reload()
{
    const bool wasLoading = m_loadingCount > 0;
    beginResetModel();
    m_root = std::make_unique<Node>(); // answers in flight find their node gone and are dropped
    m_root->isRoot = true;
    m_loadingCount = 0;
    endResetModel();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
}

void BranchTreeModel::reloadDatabase(const QString &org, const QString &database)
{
    Node *orgNode = findChild(m_root.get(), Kind::Organization, org);
    Node *dbNode = orgNode ? findChild(orgNode, Kind::Database, database) : nullptr;
    if (!dbNode)
        return;
    if (dbNode->load == Load::Loading) {
        dbNode->request = 0; // drops the answer in flight
        if (--m_loadingCount == 0)
            Q_EMIT loadingChanged(false);
    }
    startLoad(dbNode);
}

void BranchTreeModel::updateBranch(const QString &org, const QString &database, const Core::Branch &branch)
{
    Node *orgNode = findChild(m_root.get(), Kind::Organization, org);
    Node *dbNode = orgNode ? findChild(orgNode, Kind::Database, database) : nullptr;
    Node *node = dbNode ? findBranch(dbNode, branch.name) : nullptr;
    if (!node)
        return;
    const QString parentBranch = node->branch.parentBranch;
    node->branch = branch;
    node->branch.parentBranch = branch.parentBranch.isEmpty() ? parentBranch : branch.parentBranch;
    const QModelIndex idx = indexOf(node);
    Q_EMIT dataChanged(idx, idx);
}

BranchTreeModel::Node *BranchTreeModel::findChild(const Node *node, Kind kind, const QString &name) const
{
    for (const auto &child : node->children) {
        if (child->kind == kind && child->name() == name)
            return child.get();
    }
    return nullptr;
}

BranchTreeModel::Node *BranchTreeModel::findBranch(Node *node, const QString &name) const
{
    for (const auto &child : node->children) {
        if (child->kind == Kind::Branch && child->branch.name == name)
            return child.get();
        if (Node *found = findBranch(child.get(), name))
            return found;
    }
    return nullptr;
}

QModelIndex BranchTreeModel::organizationIndex(const QString &org) const
{
    return indexOf(findChild(m_root.get(), Kind::Organization, org));
}

QModelIndex BranchTreeModel::databaseIndex(const QString &org, const QString &database) const
{
    const Node *orgNode = findChild(m_root.get(), Kind::Organization, org);
    return orgNode ? indexOf(findChild(orgNode, Kind::Database, database)) : QModelIndex();
}

QModelIndex BranchTreeModel::branchIndex(const QString &org, const QString &database, const QString &branch) const
{
    const QModelIndex db = databaseIndex(org, database);
    return db.isValid() ? indexOf(findBranch(nodeOf(db), branch)) : QModelIndex();
}

std::optional<Core::Branch> BranchTreeModel::branch(const QModelIndex &index) const
{
    if (!index.isValid() || nodeOf(index)->kind != Kind::Branch)
        return std::nullopt;
    return nodeOf(index)->branch;
}

std::optional<Core::Database> BranchTreeModel::database(const QModelIndex &index) const
{
    const Node *node = index.isValid() ? nodeOf(index) : nullptr;
    while (node && !node->isRoot && (node->kind == Kind::Branch || node->kind == Kind::Keyspace))
        node = node->parent;
    if (!node || node->isRoot || node->kind != Kind::Database)
        return std::nullopt;
    return node->database;
}

QList<Core::Branch> BranchTreeModel::branches(const QString &org, const QString &database) const
{
    QList<Core::Branch> result;
    const QModelIndex db = databaseIndex(org, database);
    if (!db.isValid())
        return result;
    const auto collect = [&result](const Node *node, const auto &self) -> void {
        for (const auto &child : node->children) {
            if (child->kind != Kind::Branch)
                continue; // a branch's keyspaces
            result.append(child->branch);
            self(child.get(), self);
        }
    };
    collect(nodeOf(db), collect);
    return result;
}

} // namespace Ui

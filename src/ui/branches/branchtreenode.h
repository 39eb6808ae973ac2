#pragma once

#include "api/apiresult.h"
#include "core/branch.h"
#include "core/database.h"
#include "core/keyspace.h"
#include "core/organization.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/common/statebadgedelegate.h"

#include <memory>
#include <vector>

namespace Ui {

// One node of BranchTreeModel (the invisible root, an organization, a database, a branch or a keyspace):
// what was loaded for it, the state of loading its children, and how it presents itself in the tree (tooltip,
// badges). The model owns the tree and talks to the API; a node only knows its own values.
struct BranchTreeNode
{
    enum class Load { NotLoaded, Loading, Loaded, Failed };
    using Kind = BranchTreeModel::Kind;

    bool isRoot = false;
    Kind kind = Kind::Organization;
    BranchTreeNode *parent = nullptr;
    std::vector<std::unique_ptr<BranchTreeNode>> children;
    Load load = Load::NotLoaded;
    QString error;
    Api::RequestId request = 0;
    QString orgName;
    QString dbName;
    Core::Organization organization;
    Core::Database database;
    Core::Branch branch;
    Core::Keyspace keyspace;
    std::shared_ptr<char> alive = std::make_shared<char>(0); // callbacks check it before touching the node

    QString name() const;
    int row() const; // among its parent's children
    bool lazy() const { return isRoot || kind != Kind::Keyspace; } // children come from fetchMore
    QString toolTip() const;
    BadgeList badges() const;
};

} // namespace Ui

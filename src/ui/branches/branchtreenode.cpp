#include "ui/branches/branchtreenode.h"

#include "ui/common/plural.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Ui {

QString BranchTreeNode::name() const
{
    switch (kind) {
    case Kind::Organization:
        return organization.name;
    case Kind::Database:
        return database.name;
    case Kind::Branch:
        return branch.name;
    case Kind::Keyspace:
        return keyspace.name;
    }
    return {};
}

int BranchTreeNode::row() const
{
    if (!parent)
        return 0;
    for (std::size_t i = 0; i < parent->children.size(); ++i) {
        if (parent->children[i].get() == this)
            return int(i);
    }
    return 0;
}

QString BranchTreeNode::toolTip() const
{
    if (!error.isEmpty())
        return error;
    if (kind == Kind::Branch) {
        const Core::Branch &b = branch;
        QStringList lines { BranchTreeModel::tr("Branch %1").arg(b.name) };
        if (!b.parentBranch.isEmpty())
            lines << BranchTreeModel::tr("Branched from %1").arg(b.parentBranch);
        lines << (b.production ? BranchTreeModel::tr("Production branch") : BranchTreeModel::tr("Development branch"));
        if (b.safeMigrations)
            lines << BranchTreeModel::tr("Safe migrations on: schema changes go through deploy requests");
        if (!b.ready)
            lines << BranchTreeModel::tr("Not ready (%1)")
                         .arg(b.state.isEmpty() ? BranchTreeModel::tr("pending") : b.state);
        if (b.createdAt.isValid())
            lines << BranchTreeModel::tr("Created %1")
                         .arg(QLocale().toString(b.createdAt.toLocalTime(), QLocale::ShortFormat));
        return lines.join(u'\n');
    }
    if (kind == Kind::Keyspace) {
        const Core::Keyspace &k = keyspace;
        const QStringList lines {
            countText(k.shards, BranchTreeModel::tr("Keyspace %1: %2, 1 shard"),
                BranchTreeModel::tr("Keyspace %1: %2, %n shards"))
                .arg(k.name, k.sharded ? BranchTreeModel::tr("sharded") : BranchTreeModel::tr("unsharded")),
            countText(k.replicas, BranchTreeModel::tr("1 replica"), BranchTreeModel::tr("%n replicas")),
            BranchTreeModel::tr("Open to see its VSchema")
        };
        return lines.join(u'\n');
    }
    if (kind == Kind::Database && !database.defaultBranch.isEmpty())
        return BranchTreeModel::tr("Database %1, default branch %2").arg(database.name, database.defaultBranch);
    return name();
}

BadgeList BranchTreeNode::badges() const
{
    BadgeList badges;
    if (kind == Kind::Branch) {
        if (branch.production)
            badges.append({ BranchTreeModel::tr("production"), Badge::Tone::Danger });
        if (branch.safeMigrations)
            badges.append({ BranchTreeModel::tr("safe migrations"), Badge::Tone::Success });
        if (!branch.ready)
            badges.append({ branch.state.isEmpty() || branch.state == u"ready"_s ? BranchTreeModel::tr("not ready")
                                                                                 : branch.state,
                Badge::Tone::Neutral });
    } else if (kind == Kind::Database && !database.ready && !database.state.isEmpty()) {
        badges.append({ database.state, Badge::Tone::Neutral });
    }
    if (load == Load::Loading)
        badges.append({ BranchTreeModel::tr("loading…"), Badge::Tone::Info });
    if (load == Load::Failed)
        badges.append({ BranchTreeModel::tr("failed"), Badge::Tone::Danger });
    return badges;
}

} // namespace Ui

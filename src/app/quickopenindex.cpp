#include "app/quickopenindex.h"

#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "app/documentopener.h"
#include "ui/branches/branchtreemodel.h"

using namespace Qt::StringLiterals;
using Kind = Ui::QuickOpenItem::Kind;
using Role = Ui::BranchTreeModel::Role;

namespace App {

QuickOpenIndex::QuickOpenIndex(Api::ApiClient *client, Ui::BranchTreeModel *tree, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_tree(tree)
{ }

QList<QuickOpenIndex::DatabaseRef> QuickOpenIndex::loadedDatabases() const
{
    QList<DatabaseRef> result;
    for (int o = 0; o < m_tree->rowCount(); ++o) {
        const QModelIndex org = m_tree->index(o, 0);
        for (int d = 0; d < m_tree->rowCount(org); ++d) {
            const QModelIndex db = m_tree->index(d, 0, org);
            const auto database = m_tree->database(db);
            if (database)
                result.append({ org.data(Role::OrganizationRole).toString(), database->name, database->defaultBranch });
        }
    }
    return result;
}

// The tree nests a branch under its parent: every level is walked.
void QuickOpenIndex::appendBranches(
    QList<Ui::QuickOpenItem> &items, const QModelIndex &parent, const QString &org, const QString &db) const
{
    for (int b = 0; b < m_tree->rowCount(parent); ++b) {
        const QModelIndex branch = m_tree->index(b, 0, parent);
        const QString name = branch.data(Role::BranchRole).toString();
        if (name.isEmpty())
            continue;
        items.append({ Kind::Branch, name, u"%1 / %2"_s.arg(org, db), DocumentOpener::schemaKey(org, db, name),
            branch.data(Role::ProductionRole).toBool() });
        appendBranches(items, branch, org, db);
    }
}

QList<Ui::QuickOpenItem> QuickOpenIndex::items() const
{
    QList<Ui::QuickOpenItem> items;
    for (int o = 0; o < m_tree->rowCount(); ++o) {
        const QModelIndex orgIndex = m_tree->index(o, 0);
        const QString org = orgIndex.data(Role::OrganizationRole).toString();
        items.append({ Kind::Organization, org, {}, u"organization:"_s + org, false });
        for (int d = 0; d < m_tree->rowCount(orgIndex); ++d) {
            const QModelIndex dbIndex = m_tree->index(d, 0, orgIndex);
            const QString db = dbIndex.data(Role::DatabaseRole).toString();
            items.append({ Kind::Database, db, org, u"database:%1/%2"_s.arg(org, db), false });
            appendBranches(items, dbIndex, org, db);
            items += m_fetched.value(org + u'/' + db);
        }
    }
    return items;
}

void QuickOpenIndex::refresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const DatabaseRef &db : loadedDatabases()) {
        const QString key = db.org + u'/' + db.database;
        if (m_fetchedAt.contains(key) && m_fetchedAt.value(key).secsTo(now) < 60)
            continue;
        // Branches are found by name too: a database the tree has not opened yet loads them now.
        const QModelIndex dbIndex = m_tree->databaseIndex(db.org, db.database);
        if (m_tree->canFetchMore(dbIndex))
            m_tree->fetchMore(dbIndex);
        m_fetchedAt.insert(key, now);
        fetch(db);
    }
}

void QuickOpenIndex::fetch(const DatabaseRef &db)
{
    if (!m_client)
        return;
    const QString key = db.org + u'/' + db.database;
    auto keep = [this, key](Kind kind, QList<Ui::QuickOpenItem> fresh) {
        QList<Ui::QuickOpenItem> &list = m_fetched[key];
        list.erase(
            std::remove_if(list.begin(), list.end(), [kind](const auto &i) { return i.kind == kind; }), list.end());
        list += fresh;
        --m_pending;
        Q_EMIT itemsChanged();
    };
    ++m_pending;
    Api::DeployRequestsResource(m_client).list(db.org, db.database, Api::DeployRequestFilter {}, this,
        [db, keep](Api::ApiResult<QList<Core::DeployRequest>> r) {
            QList<Ui::QuickOpenItem> fresh;
            if (r) {
                for (const Core::DeployRequest &dr : r.value())
                    fresh.append({ Kind::DeployRequest, u"#%1 %2 → %3"_s.arg(dr.number).arg(dr.branch, dr.intoBranch),
                        u"%1 / %2 · %3"_s.arg(db.org, db.database, dr.state),
                        DocumentOpener::deployRequestKey(db.org, db.database, dr.number), false });
            }
            keep(Kind::DeployRequest, fresh);
        });
    if (db.defaultBranch.isEmpty())
        return;
    ++m_pending;
    Api::BranchesResource(m_client).schema(
        db.org, db.database, db.defaultBranch, {}, this, [db, keep](Api::ApiResult<QList<Core::TableDdl>> r) {
            QList<Ui::QuickOpenItem> fresh;
            if (r) {
                for (const Core::TableDdl &t : r.value())
                    fresh.append({ Kind::Table, t.name, u"%1 / %2 / %3"_s.arg(db.org, db.database, db.defaultBranch),
                        DocumentOpener::schemaKey(db.org, db.database, db.defaultBranch) + u"#"_s + t.name, false });
            }
            keep(Kind::Table, fresh);
        });
}

} // namespace App

#pragma once

#include "ui/common/quickopendialog.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Api {
class ApiClient;
}
namespace Ui {
class BranchTreeModel;
}

namespace App {

// What quick open offers: the organizations, databases and branches the branch tree has loaded, the
// deploy requests of those databases and the tables of their default branches. Built on demand; what
// needs the API (deploy requests, tables) is fetched in the background when the dialog opens — at most
// once a minute per database — and the dialog's list grows as the answers arrive.
class QuickOpenIndex final : public QObject
{
    Q_OBJECT
public:
    QuickOpenIndex(Api::ApiClient *client, Ui::BranchTreeModel *tree, QObject *parent = nullptr);

    QList<Ui::QuickOpenItem> items() const;
    // Fetches what is missing or stale; itemsChanged() follows each answer.
    void refresh();
    int pendingRequests() const { return m_pending; }

Q_SIGNALS:
    void itemsChanged();

private:
    struct DatabaseRef
    {
        QString org;
        QString database;
        QString defaultBranch;
    };
    QList<DatabaseRef> loadedDatabases() const;
    void appendBranches(
        QList<Ui::QuickOpenItem> &items, const QModelIndex &parent, const QString &org, const QString &db) const;
    void fetch(const DatabaseRef &db);

    QPointer<Api::ApiClient> m_client;
    Ui::BranchTreeModel *m_tree;
    QHash<QString, QList<Ui::QuickOpenItem>> m_fetched; // "org/db" → deploy requests and tables
    QHash<QString, QDateTime> m_fetchedAt;
    int m_pending = 0;
};

} // namespace App

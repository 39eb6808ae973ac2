#pragma once

#include "core/backup.h"
#include "core/branch.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QTableView;
class QToolBar;

namespace Api {
class ApiClient;
}

namespace Ui {

class BackupListModel;
class NewBranchDialog;
class StatusLine;

// The document "backups:org/db/branch": the branch's backups with state, size, created and expiry, and the
// branches restored from each; *Create backup* (followed until it succeeds or fails), *Delete*, *Restore to
// new branch…* (the new-branch dialog with that backup chosen). Polls while a backup is pending or running.
class BackupsView : public QWidget
{
    Q_OBJECT
public:
    BackupsView(Api::ApiClient *client, const QString &org, const QString &database, const QString &branch,
        QWidget *parent = nullptr);

    static QString keyFor(const QString &org, const QString &database, const QString &branch)
    {
        return QStringLiteral("backups:%1/%2/%3").arg(org, database, branch);
    }

    BackupListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString statusText() const;
    QString currentId() const;
    bool selectBackup(const QString &id);
    void setPollInterval(std::chrono::milliseconds interval) { m_poll.setInterval(interval); }

    void reload();
    void createBackup(const QString &name = {});
    void requestDelete(const QString &id); // asks first
    void remove(const QString &id);
    NewBranchDialog *restore(const QString &id); // opened (not modal)

Q_SIGNALS:
    void loaded(int count);
    void actionFinished(bool ok, const QString &message);
    void branchRestored(const Core::Branch &branch); // a restore's new branch is ready

private:
    void buildToolBar();
    void updateActions();
    void finish(bool ok, const QString &message);
    void schedulePoll();

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QString m_branch;
    BackupListModel *m_model;
    QToolBar *m_toolBar;
    QTableView *m_table;
    StatusLine *m_status;
    QTimer m_poll;
    QAction *m_delete = nullptr;
    QAction *m_restore = nullptr;
};

} // namespace Ui

#pragma once

#include "api/apiresult.h"
#include "core/backup.h"
#include "core/branch.h"
#include "ui/common/statusline.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace Api {
class ApiClient;
class Poller;
} // namespace Api

namespace Ui {

// New branch: name, parent and data (schema only, the parent's latest successful backup, or one backup);
// creates it, then waits (polling) until the branch is ready, with progress. The dialog stays open on
// errors so the user can correct the name and try again.
class NewBranchDialog : public QDialog
{
    Q_OBJECT
public:
    NewBranchDialog(Api::ApiClient *client, const QString &org, const QString &database, const QStringList &branches,
        const QString &parentBranch, QWidget *parent = nullptr);

    void setName(const QString &name);
    QString name() const;
    QString parentBranch() const;
    // What the new branch starts with: "" schema only, latestBackup() (seed_data), or a backup id.
    QString dataSource() const;
    static QString latestBackup() { return QStringLiteral("last_successful_backup"); }
    // Restoring one backup: preselects it once the parent's backups are loaded.
    void selectBackup(const QString &backupId);
    int backupCount() const { return int(m_backups.size()); }
    QString statusText() const;
    // PlanetScale's rule: lowercase letters, digits and dashes, starting with a letter or digit.
    static bool isValidName(const QString &name);
    void setPollIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow);

    void accept() override; // starts the creation; the dialog closes when the branch is ready

Q_SIGNALS:
    void branchCreated(const Core::Branch &branch); // created, maybe not ready yet
    void branchReady(const Core::Branch &branch);
    void branchFailed(const Core::Branch &branch); // created, but filling it from a backup failed (restoreError)
    void backupsLoaded(int successful);

private:
    void validate();
    void setBusy(bool busy, const QString &text);
    void showError(const QString &text);
    void waitForReady(const Core::Branch &branch);
    void loadBackups();
    void fillDataChoices();

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QLineEdit *m_name;
    QComboBox *m_parent;
    QComboBox *m_data;
    QList<Core::Backup> m_backups; // the parent's successful backups, newest first
    QString m_wantedBackup;
    Api::RequestId m_backupsRequest = 0;
    StatusLine *m_status;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    Api::Poller *m_poller;
    Api::RequestId m_request = 0;
    bool m_busy = false;
};

} // namespace Ui

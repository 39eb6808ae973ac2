#pragma once

#include "core/result.h"
#include "store/connectionprofile.h"

#include <QDialog>
#include <QHash>

class QListWidget;
class QPushButton;

namespace Store {
class ProfileStore;
class SecretStore;
} // namespace Store

namespace Ui {

class StatusLine;

// File › Saved Connections: the direct connections to MySQL/MariaDB servers the user saved (profiles without
// secrets, in the ProfileStore; a password only in the keychain, keyed by the profile's id). New, Edit and
// Delete change the store; Connect asks the app to open a SQL tab on the selected one.
class SavedConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    SavedConnectionsDialog(Store::ProfileStore *profiles, Store::SecretStore *secrets, QWidget *parent = nullptr);

    void reload();
    int count() const;
    QString nameAt(int row) const;
    void select(const QString &id);
    QString selectedId() const;
    QString message() const;

    // Saves a new (empty id) or edited profile; a non-empty password goes to the keychain when `savePassword`,
    // and is kept for this dialog's Connect either way. The stored profile is listed and selected.
    Core::Result<Store::ConnectionProfile> saveProfile(
        const Store::ConnectionProfile &profile, const QString &password, bool savePassword);
    // Deletes the selected profile and its keychain entry.
    Core::Result<void> removeSelected();
    // Opens the editor for a new profile (modal); saved, it is listed and selected.
    void addProfile() { editProfile({}); }
    // Emits connectRequested for the selected profile (with a password typed in this dialog, else empty).
    void connectSelected();

Q_SIGNALS:
    void connectRequested(const Store::ConnectionProfile &profile, const QString &password);

private:
    void editProfile(const Store::ConnectionProfile &profile);
    void confirmRemove();
    void updateButtons();

    Store::ProfileStore *m_profiles;
    Store::SecretStore *m_secrets;
    QListWidget *m_list;
    StatusLine *m_status;
    QPushButton *m_connect;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QHash<QString, QString> m_typed; // id → password typed here (memory only)
};

} // namespace Ui

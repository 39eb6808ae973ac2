#pragma once

#include "store/connectionprofile.h"
#include "store/profilestore.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace Store {
class SecretStore;
}

namespace Ui {
class MainWindow;
class SavedConnectionsDialog;
} // namespace Ui

namespace App {

class SqlTabs;

// Direct connections to any MySQL/MariaDB server from the window: File › New Connection… (a profile saved
// without its secret, the password in the keychain when wanted) and File › Saved Connections… (connect,
// edit, delete). Connecting reads the password from the keychain and asks for it when it is not there.
class SavedConnections final : public QObject
{
    Q_OBJECT
public:
    SavedConnections(Ui::MainWindow *window, SqlTabs *tabs, QObject *parent = nullptr);
    ~SavedConnections() override;

    // Asked when the keychain has no password for a profile; std::nullopt cancels. Default: a dialog.
    using PasswordPrompt = std::function<std::optional<QString>(const Store::ConnectionProfile &)>;
    void setPasswordPrompt(PasswordPrompt prompt) { m_prompt = std::move(prompt); }

    // Shows the saved connections (one dialog, raised when already open); returns it.
    Ui::SavedConnectionsDialog *showSaved();
    // The list with the editor of a new profile opened on top of it.
    void newConnection();
    // Opens a SQL tab on a saved profile; an empty password is looked up in the keychain, then asked for.
    void connectProfile(const Store::ConnectionProfile &profile, const QString &password);

    Store::ProfileStore &profiles() { return m_profiles; }

private:
    std::optional<QString> askPassword(const Store::ConnectionProfile &profile);
    void open(const Store::ConnectionProfile &profile, const QString &password);

    Ui::MainWindow *m_window;
    SqlTabs *m_tabs;
    Store::ProfileStore m_profiles;
    Store::SecretStore *m_secrets;
    QPointer<Ui::SavedConnectionsDialog> m_dialog;
    PasswordPrompt m_prompt;
};

} // namespace App

#include "app/savedconnections.h"

#include "app/sqltabs.h"
#include "store/secretstore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/savedconnectionsdialog.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace App {

SavedConnections::SavedConnections(Ui::MainWindow *window, SqlTabs *tabs, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_tabs(tabs)
    , m_secrets(new Store::SecretStore(this))
{
    if (auto opened = m_profiles.open(); !opened.ok())
        m_window->showStatusMessage(tr("Saved connections are not available: %1").arg(opened.error().message));
    connect(window, &Ui::MainWindow::savedConnectionsRequested, this, &SavedConnections::showSaved);
    connect(window, &Ui::MainWindow::newConnectionRequested, this, &SavedConnections::newConnection);
}

SavedConnections::~SavedConnections()
{
    delete m_dialog;
}

Ui::SavedConnectionsDialog *SavedConnections::showSaved()
{
    if (!m_dialog) {
        m_dialog = new Ui::SavedConnectionsDialog(&m_profiles, m_secrets, m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &Ui::SavedConnectionsDialog::connectRequested, this,
            [this](const Store::ConnectionProfile &profile, const QString &password) {
                if (m_dialog)
                    m_dialog->close();
                connectProfile(profile, password);
            });
    }
    m_dialog->reload();
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

void SavedConnections::newConnection()
{
    Ui::SavedConnectionsDialog *dialog = showSaved();
    // After the list is on screen, so that the new profile lands in it.
    QTimer::singleShot(0, dialog, &Ui::SavedConnectionsDialog::addProfile);
}

void SavedConnections::connectProfile(const Store::ConnectionProfile &profile, const QString &password)
{
    if (!password.isEmpty())
        return open(profile, password);
    m_window->showStatusMessage(tr("Reading the password of %1 from the keychain…").arg(profile.displayName()));
    m_secrets->readPassword(profile.id, this, [this, profile](Core::Result<QString> stored) {
        if (stored.ok() && !stored.value().isEmpty())
            return open(profile, stored.value());
        if (const auto typed = askPassword(profile))
            open(profile, *typed);
        else
            m_window->showStatusMessage(tr("Not connected to %1.").arg(profile.displayName()));
    });
}

std::optional<QString> SavedConnections::askPassword(const Store::ConnectionProfile &profile)
{
    if (m_prompt)
        return m_prompt(profile);
    bool ok = false;
    const QString password = QInputDialog::getText(m_window, tr("Connect %1").arg(profile.displayName()),
        tr("Password for %1@%2:").arg(profile.user, profile.host), QLineEdit::Password, {}, &ok);
    return ok ? std::optional<QString>(password) : std::nullopt;
}

void SavedConnections::open(const Store::ConnectionProfile &profile, const QString &password)
{
    m_window->showStatusMessage(tr("Connecting to %1…").arg(profile.displayName()));
    m_tabs->openDirect(profile, password);
}

} // namespace App

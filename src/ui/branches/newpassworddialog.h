#pragma once

#include "core/connectionstrings.h"
#include "core/password.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace Api {
class ApiClient;
}

namespace Ui {

class ConnectionStringBox;

// New branch password: name, role, lifetime (and replica, where the branch has replicas). Once created the
// dialog shows the user name and the password — the only time the API returns it — with the connection
// strings for the common clients, ready to copy.
class NewPasswordDialog : public QDialog
{
    Q_OBJECT
public:
    // `target` resolves a password to host, port and database (see PasswordsView::targetFor).
    NewPasswordDialog(Api::ApiClient *client, const QString &org, const QString &database, const QString &branch,
        std::function<Core::ConnectionTarget(const Core::Password &)> target, QWidget *parent = nullptr);

    void setName(const QString &name);
    void setRole(const QString &role);
    void setTtlSeconds(qint64 seconds); // 0: never expires
    void setReplica(bool replica);
    QString statusText() const;
    bool isCreated() const;
    ConnectionStringBox *connectionStrings() const { return m_strings; }

    void accept() override; // creates; a second accept (Done) closes

Q_SIGNALS:
    void passwordCreated(const Core::Password &password); // carries the plain text: never keep it

private:
    void showCreated(const Core::Password &password);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QString m_branch;
    std::function<Core::ConnectionTarget(const Core::Password &)> m_target;
    QStackedWidget *m_pages;
    QLineEdit *m_name;
    QComboBox *m_role;
    QComboBox *m_ttl;
    QCheckBox *m_replica;
    QLabel *m_status;
    QLineEdit *m_username;
    QLineEdit *m_secret;
    ConnectionStringBox *m_strings;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
    bool m_created = false;
};

} // namespace Ui

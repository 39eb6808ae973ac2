#pragma once

#include "core/connectionstrings.h"
#include "core/password.h"

#include <QPointer>
#include <QWidget>

class QTableView;
class QToolBar;

namespace Api {
class ApiClient;
}

namespace Ui {

class ConnectionStringBox;
class NewPasswordDialog;
class PasswordListModel;
class StatusLine;

// The document "passwords:org/db/branch": every password of a branch with role, age and expiry; create
// (the secret shown once, with connection strings), rename, renew, revoke; and the connection string of the
// selected password for the client the user picks (with a placeholder for the secret the API no longer
// returns).
class PasswordsView : public QWidget
{
    Q_OBJECT
public:
    // caFile: the CA the sandbox hands out; empty for PlanetScale (public CAs).
    PasswordsView(Api::ApiClient *client, const QString &org, const QString &database, const QString &branch,
        bool production, const QString &caFile, QWidget *parent = nullptr);

    static QString keyFor(const QString &org, const QString &database, const QString &branch)
    {
        return QStringLiteral("passwords:%1/%2/%3").arg(org, database, branch);
    }
    // Host, port and database a password reaches: PlanetScale's database (or @replica for replica
    // passwords); in the sandbox the branch's own schema, with its CA.
    static Core::ConnectionTarget targetFor(
        const Core::Password &password, const QString &database, const QString &branch, const QString &caFile);

    PasswordListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    ConnectionStringBox *connectionStrings() const { return m_strings; }
    QString statusText() const;
    QString currentId() const;
    bool selectPassword(const QString &id);

    void reload();
    NewPasswordDialog *newPassword(); // opened (not modal); the view follows what it creates
    void rename(const QString &id, const QString &name);
    void renew(const QString &id);
    void requestRevoke(const QString &id); // asks first
    void revoke(const QString &id);

Q_SIGNALS:
    void loaded(int count);
    // An action finished; message is what the status line shows.
    void actionFinished(bool ok, const QString &message);

private:
    void buildToolBar();
    void updateActions();
    void askRename();
    void finish(bool ok, const QString &message);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QString m_branch;
    QString m_caFile;
    PasswordListModel *m_model;
    QToolBar *m_toolBar;
    QTableView *m_table;
    ConnectionStringBox *m_strings;
    StatusLine *m_status;
    QAction *m_rename = nullptr;
    QAction *m_renew = nullptr;
    QAction *m_revoke = nullptr;
};

} // namespace Ui

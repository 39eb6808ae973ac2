#pragma once

#include "store/connectionprofile.h"

#include <QDialog>

#include <memory>

namespace Ui {

class ConnectionProfileForm;

// Edits one connection profile. Pasting a mysql:// URL fills the form (the password goes to the password
// field, never into the profile). The password is returned separately for the keychain.
class ConnectionProfileDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionProfileDialog(QWidget *parent = nullptr);
    ~ConnectionProfileDialog() override;

    void setProfile(const Store::ConnectionProfile &profile);
    Store::ConnectionProfile profile() const;
    void setPassword(const QString &password);
    QString password() const;
    bool savePassword() const;

    // Fills the form from a connection URL; false (and a message shown) when it cannot be parsed.
    bool applyUrl(const QString &url);
    QString message() const;
    // Empty when the form can be saved, else why not.
    QString validationProblem() const;

    void accept() override;

private:
    void updateState();
    void showMessage(const QString &text, bool error);

    std::unique_ptr<ConnectionProfileForm> m_form;
    QString m_id;
    QString m_color;
};

} // namespace Ui

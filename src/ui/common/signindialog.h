#pragma once

#include "api/credentials.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

namespace Ui {

class SignInDialogForm;

// Where the app talks to after signing in, and as whom.
struct SignInSession
{
    enum class Kind { ServiceToken, PscaleLogin, Sandbox };
    Kind kind = Kind::ServiceToken;
    QUrl apiUrl;
    Api::Credentials credentials;
    QString defaultOrganization;
    QString caFile; // the sandbox's CA for MySQL connections; empty for PlanetScale
    QString description; // for the status bar: "service token a1b2… on api.planetscale.com"
};

// Sign in to PlanetScale (service token, or the token `pscale auth login` stored) or to the local sandbox
// (found through its sandbox.json). The choice, token id, sandbox path and default organization are
// remembered in the settings; secrets only in the system keychain: when there is none, remembering fails
// with a clear message and nothing is written elsewhere. The sign-in is checked with one API call before
// the dialog closes.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    SignInSession session() const { return m_session; }
    QString messageText() const;
    void setKind(SignInSession::Kind kind);
    void setServiceToken(const QString &id, const QString &token);
    void setSandboxPath(const QString &path);
    void setDefaultOrganization(const QString &org);
    void setRemember(bool remember);
    // The PlanetScale API address (tests point it at a local server).
    void setPlanetScaleUrl(const QUrl &url) { m_planetScaleUrl = url; }

    void accept() override;

    static constexpr const char *keychainService = "Branchdeck";

Q_SIGNALS:
    void signedIn(const Ui::SignInSession &session);

private:
    using SessionCallback = std::function<void(std::optional<SignInSession>, QString error)>;
    SignInSession::Kind kind() const;
    void updatePages();
    void updateSandboxStatus();
    void loadSettings();
    void saveSettings();
    void resolve(SessionCallback done);
    void readPscaleToken(SignInSession session, SessionCallback done);
    void verify(const SignInSession &session);
    void finish(const SignInSession &session);
    void showMessage(const QString &text, bool error);
    void setBusy(bool busy);

    std::unique_ptr<SignInDialogForm> m_form;
    SignInSession m_session;
    QUrl m_planetScaleUrl;
    QString m_rememberedTokenId;
    bool m_busy = false;
};

} // namespace Ui

#include "ui/common/signindialog.h"

#include "api/apiclient.h"
#include "api/credentiallocator.h"
#include "api/organizationsresource.h"
#include "api/sandboxlocator.h"
#include "store/secretstore.h"
#include "ui_signindialog.h"

#include <QFileDialog>
#include <QPushButton>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

const QString serviceTokenKeyPrefix = u"planetscale-service-token/"_s;
const QString oauthTokenKey = u"planetscale-oauth-token"_s;

QString kindName(SignInSession::Kind kind)
{
    switch (kind) {
    case SignInSession::Kind::PscaleLogin:
        return u"pscale"_s;
    case SignInSession::Kind::Sandbox:
        return u"sandbox"_s;
    case SignInSession::Kind::ServiceToken:
        break;
    }
    return u"service-token"_s;
}

} // namespace

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_form(std::make_unique<SignInDialogForm>())
    , m_planetScaleUrl(Api::ApiClient::defaultBaseUrl())
{
    m_form->setupUi(this);
    m_form->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));

    for (QRadioButton *radio : { m_form->serviceTokenRadio, m_form->oauthRadio, m_form->sandboxRadio })
        connect(radio, &QRadioButton::toggled, this, &SignInDialog::updatePages);
    connect(m_form->sandboxPathEdit, &QLineEdit::textChanged, this, &SignInDialog::updateSandboxStatus);
    connect(m_form->browseButton, &QToolButton::clicked, this, [this] {
        auto *dialog
            = new QFileDialog(this, tr("Find the sandbox's sandbox.json"), {}, tr("sandbox.json (sandbox.json)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_form->sandboxPathEdit->setText(file); });
        dialog->open();
    });
    connect(m_form->buttonBox, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(m_form->buttonBox, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    loadSettings();
    if (m_form->sandboxPathEdit->text().isEmpty())
        m_form->sandboxPathEdit->setText(Api::SandboxLocator::find());
    updatePages();
    updateSandboxStatus();
}

SignInDialog::~SignInDialog() = default;

SignInSession::Kind SignInDialog::kind() const
{
    if (m_form->oauthRadio->isChecked())
        return SignInSession::Kind::PscaleLogin;
    if (m_form->sandboxRadio->isChecked())
        return SignInSession::Kind::Sandbox;
    return SignInSession::Kind::ServiceToken;
}

void SignInDialog::setKind(SignInSession::Kind k)
{
    (k == SignInSession::Kind::PscaleLogin      ? m_form->oauthRadio
            : k == SignInSession::Kind::Sandbox ? m_form->sandboxRadio
                                                : m_form->serviceTokenRadio)
        ->setChecked(true);
}

void SignInDialog::setServiceToken(const QString &id, const QString &token)
{
    m_form->tokenIdEdit->setText(id);
    m_form->tokenEdit->setText(token);
}

void SignInDialog::setSandboxPath(const QString &path)
{
    m_form->sandboxPathEdit->setText(path);
}

void SignInDialog::setDefaultOrganization(const QString &org)
{
    m_form->orgEdit->setText(org);
}

void SignInDialog::setRemember(bool remember)
{
    m_form->rememberCheck->setChecked(remember);
}

QString SignInDialog::messageText() const
{
    return !m_form->messageLabel->isHidden() ? m_form->messageLabel->text() : QString();
}

void SignInDialog::updatePages()
{
    m_form->serviceTokenPage->setEnabled(kind() == SignInSession::Kind::ServiceToken);
    m_form->oauthPage->setEnabled(kind() == SignInSession::Kind::PscaleLogin);
    m_form->sandboxPage->setEnabled(kind() == SignInSession::Kind::Sandbox);
    m_form->rememberCheck->setText(kind() == SignInSession::Kind::Sandbox
            ? tr("&Remember this sign-in")
            : tr("&Remember this sign-in (the secret goes to the system keychain)"));
}

void SignInDialog::updateSandboxStatus()
{
    const QString path = m_form->sandboxPathEdit->text().trimmed();
    if (path.isEmpty()) {
        m_form->sandboxStatusLabel->setText(
            tr("No local sandbox found. Start one with `branchdeck-local start --dir DIR` "
               "and pick DIR/sandbox.json."));
        return;
    }
    const auto info = Api::SandboxLocator::read(path);
    m_form->sandboxStatusLabel->setText(
        info ? tr("Sandbox at %1").arg(info->apiUrl.toDisplayString()) : info.error().message);
}

void SignInDialog::loadSettings()
{
    QSettings settings;
    settings.beginGroup(u"signIn"_s);
    const QString k = settings.value(u"kind"_s).toString();
    setKind(k == u"pscale"_s    ? SignInSession::Kind::PscaleLogin
            : k == u"sandbox"_s ? SignInSession::Kind::Sandbox
                                : SignInSession::Kind::ServiceToken);
    m_rememberedTokenId = settings.value(u"serviceTokenId"_s).toString();
    m_form->tokenIdEdit->setText(m_rememberedTokenId);
    if (!m_rememberedTokenId.isEmpty())
        m_form->tokenEdit->setPlaceholderText(tr("stored in the system keychain"));
    m_form->sandboxPathEdit->setText(settings.value(u"sandboxPath"_s).toString());
    m_form->orgEdit->setText(settings.value(u"defaultOrganization"_s).toString());
}

void SignInDialog::saveSettings()
{
    QSettings settings;
    settings.beginGroup(u"signIn"_s);
    settings.setValue(u"kind"_s, kindName(m_session.kind));
    settings.setValue(u"serviceTokenId"_s, m_session.credentials.serviceTokenId());
    settings.setValue(u"sandboxPath"_s, m_form->sandboxPathEdit->text().trimmed());
    settings.setValue(u"defaultOrganization"_s, m_session.defaultOrganization);
}

void SignInDialog::showMessage(const QString &text, bool error)
{
    m_form->messageLabel->showStatus(text, error);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_form->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void SignInDialog::accept()
{
    if (m_busy)
        return;
    setBusy(true);
    showMessage(tr("Checking the sign-in…"), false);
    resolve([this](std::optional<SignInSession> session, const QString &error) {
        if (!session) {
            setBusy(false);
            showMessage(error, true);
            return;
        }
        verify(*session);
    });
}

void SignInDialog::resolve(SessionCallback done)
{
    SignInSession s;
    s.kind = kind();
    s.apiUrl = m_planetScaleUrl;
    s.defaultOrganization = m_form->orgEdit->text().trimmed();
    switch (s.kind) {
    case SignInSession::Kind::Sandbox: {
        const auto info = Api::SandboxLocator::read(m_form->sandboxPathEdit->text().trimmed());
        if (!info)
            return done(std::nullopt, info.error().message);
        s.apiUrl = info->apiUrl;
        s.caFile = info->caFile;
        s.credentials = Api::Credentials::serviceToken(info->serviceTokenId, info->serviceToken, info->path);
        s.description = tr("local sandbox at %1").arg(info->apiUrl.toDisplayString());
        return done(s, {});
    }
    case SignInSession::Kind::ServiceToken: {
        const QString id = m_form->tokenIdEdit->text().trimmed();
        const QString token = m_form->tokenEdit->text().trimmed();
        if (id.isEmpty())
            return done(std::nullopt, tr("Enter the service token's ID (12 characters)."));
        if (id.startsWith(u"pscale_tkn_"_s))
            return done(std::nullopt,
                tr("The ID and the token look swapped: the token is the value starting with pscale_tkn_."));
        s.description = tr("service token %1 on %2").arg(id, s.apiUrl.host());
        if (!token.isEmpty()) {
            s.credentials = Api::Credentials::serviceToken(id, token, tr("sign-in"));
            return done(s, {});
        }
        if (id != m_rememberedTokenId)
            return done(std::nullopt, tr("Enter the service token."));
        auto *store = new Store::SecretStore(this, QString::fromLatin1(keychainService));
        store->readPassword(
            serviceTokenKeyPrefix + id, this, [this, store, s, id, done](Core::Result<QString> r) mutable {
                store->deleteLater();
                if (!r || r.value().isEmpty())
                    return done(std::nullopt,
                        tr("The token for %1 is not in the system keychain (%2). Enter it again.")
                            .arg(id, r ? tr("not found") : r.error().message));
                s.credentials = Api::Credentials::serviceToken(id, r.value(), tr("system keychain"));
                done(s, {});
            });
        return;
    }
    case SignInSession::Kind::PscaleLogin: {
        const QString pasted = m_form->oauthTokenEdit->text().trimmed();
        s.description = tr("pscale login on %1").arg(s.apiUrl.host());
        if (!pasted.isEmpty()) {
            s.credentials = Api::Credentials::oauthToken(pasted, tr("sign-in"));
            return done(s, {});
        }
        // A token pasted here before (our keychain entry), else the one pscale keeps in the keyring, else
        // the one in its config folder.
        auto *ours = new Store::SecretStore(this, QString::fromLatin1(keychainService));
        ours->readPassword(oauthTokenKey, this, [this, ours, s, done](Core::Result<QString> mine) mutable {
            ours->deleteLater();
            if (mine && !mine.value().isEmpty()) {
                s.credentials = Api::Credentials::oauthToken(mine.value(), tr("system keychain"));
                return done(s, {});
            }
            readPscaleToken(s, done);
        });
        return;
    }
    }
}

void SignInDialog::readPscaleToken(SignInSession s, SessionCallback done)
{
    auto *store = new Store::SecretStore(this, u"pscale"_s);
    store->readPassword(u"access-token"_s, this, [this, store, s, done](Core::Result<QString> r) mutable {
        store->deleteLater();
        Api::CredentialSources sources;
        sources.environment = QProcessEnvironment();
        const QString keyring = r ? r.value() : QString();
        sources.keyringAccessToken = [keyring] { return keyring; };
        const Api::Credentials found = Api::CredentialLocator::locate(sources);
        if (!found.isValid() || found.scheme() != Api::AuthScheme::OAuthToken)
            return done(std::nullopt,
                tr("No `pscale auth login` token was found in the keyring or in %1. "
                   "Run `pscale auth login`, or paste a token.")
                    .arg(Api::CredentialLocator::defaultConfigDir()));
        s.credentials = found;
        if (s.defaultOrganization.isEmpty())
            s.defaultOrganization = Api::CredentialLocator::defaults(sources).organization;
        done(s, {});
    });
}

void SignInDialog::verify(const SignInSession &session)
{
    auto *client = new Api::ApiClient(this);
    client->setBaseUrl(session.apiUrl);
    client->setCredentials(session.credentials);
    Api::OrganizationsResource(client).list(this, [this, client, session](Api::ApiResult<QList<Core::Organization>> r) {
        client->deleteLater();
        if (!r) {
            setBusy(false);
            showMessage(tr("Sign-in failed: %1").arg(r.error().userText), true);
            return;
        }
        SignInSession s = session;
        if (!s.defaultOrganization.isEmpty()) {
            bool known = false;
            for (const Core::Organization &org : r.value())
                known = known || org.name == s.defaultOrganization;
            if (!known && !r.value().isEmpty()) {
                setBusy(false);
                showMessage(tr("This sign-in has no access to the organization %1.").arg(s.defaultOrganization), true);
                return;
            }
        } else if (r.value().size() == 1) {
            s.defaultOrganization = r.value().first().name;
        }
        finish(s);
    });
}

void SignInDialog::finish(const SignInSession &session)
{
    m_session = session;
    const bool remember = m_form->rememberCheck->isChecked();
    const auto done = [this] {
        setBusy(false);
        showMessage({}, false);
        Q_EMIT signedIn(m_session);
        QDialog::accept();
    };
    if (!remember)
        return done();
    saveSettings();
    // Secrets typed here go to the keychain; the sandbox's token stays in its own 0600 file.
    QString key;
    QString secret;
    if (session.kind == SignInSession::Kind::ServiceToken && !m_form->tokenEdit->text().trimmed().isEmpty()) {
        key = serviceTokenKeyPrefix + session.credentials.serviceTokenId();
        secret = m_form->tokenEdit->text().trimmed();
    } else if (session.kind == SignInSession::Kind::PscaleLogin
        && !m_form->oauthTokenEdit->text().trimmed().isEmpty()) {
        key = oauthTokenKey;
        secret = m_form->oauthTokenEdit->text().trimmed();
    }
    if (key.isEmpty())
        return done();
    auto *store = new Store::SecretStore(this, QString::fromLatin1(keychainService));
    store->writePassword(key, secret, this, [this, store, done](Core::Result<void> r) {
        store->deleteLater();
        if (!r) {
            setBusy(false);
            showMessage(tr("Signed in, but the token could not be stored in the system keychain: %1 "
                           "Nothing was written to disk. Uncheck \"Remember\" to sign in for this session only.")
                            .arg(r.error().message),
                true);
            return;
        }
        done();
    });
}

} // namespace Ui

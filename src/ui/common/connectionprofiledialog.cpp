#include "ui/common/connectionprofiledialog.h"

#include "store/connectionurl.h"
#include "ui_connectionprofiledialog.h"

#include <QFileDialog>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {
bool isLocalHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    // 127.0.0.0/8 and ::1 (the query engine applies the same rule when it connects).
    return host.startsWith(u"127."_s) || host == u"::1"_s || host == u"[::1]"_s;
}
} // namespace

ConnectionProfileDialog::ConnectionProfileDialog(QWidget *parent)
    : QDialog(parent)
    , m_form(std::make_unique<ConnectionProfileForm>())
{
    m_form->setupUi(this);
    m_form->tlsCombo->addItem(tr("Verify certificate and host name"), int(Store::TlsMode::VerifyIdentity));
    m_form->tlsCombo->addItem(tr("Disabled (loopback or socket only)"), int(Store::TlsMode::Disabled));
    connect(m_form->urlEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().contains(u"://"_s))
            applyUrl(text);
    });
    connect(m_form->caBrowseButton, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA Certificate"), m_form->caEdit->text(), tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_form->caEdit->setText(file);
    });
    connect(m_form->buttonBox, &QDialogButtonBox::accepted, this, &ConnectionProfileDialog::accept);
    connect(m_form->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (auto *edit : { m_form->hostEdit, m_form->userEdit, m_form->nameEdit })
        connect(edit, &QLineEdit::textChanged, this, &ConnectionProfileDialog::updateState);
    connect(m_form->tlsCombo, &QComboBox::currentIndexChanged, this, &ConnectionProfileDialog::updateState);
    setProfile({});
}

ConnectionProfileDialog::~ConnectionProfileDialog() = default;

void ConnectionProfileDialog::setProfile(const Store::ConnectionProfile &p)
{
    m_id = p.id;
    m_color = p.color;
    m_form->nameEdit->setText(p.name);
    m_form->hostEdit->setText(p.host);
    m_form->portSpin->setValue(p.port);
    m_form->userEdit->setText(p.user);
    m_form->databaseEdit->setText(p.database);
    m_form->tlsCombo->setCurrentIndex(m_form->tlsCombo->findData(int(p.tlsMode)));
    m_form->caEdit->setText(p.caFile);
    m_form->productionCheck->setChecked(p.production);
    updateState();
}

Store::ConnectionProfile ConnectionProfileDialog::profile() const
{
    Store::ConnectionProfile p;
    p.id = m_id;
    p.color = m_color;
    p.name = m_form->nameEdit->text().trimmed();
    p.host = m_form->hostEdit->text().trimmed();
    p.port = quint16(m_form->portSpin->value());
    p.user = m_form->userEdit->text().trimmed();
    p.database = m_form->databaseEdit->text().trimmed();
    p.tlsMode = Store::TlsMode(m_form->tlsCombo->currentData().toInt());
    p.caFile = m_form->caEdit->text().trimmed();
    p.production = m_form->productionCheck->isChecked();
    return p;
}

void ConnectionProfileDialog::setPassword(const QString &password)
{
    m_form->passwordEdit->setText(password);
}

QString ConnectionProfileDialog::password() const
{
    return m_form->passwordEdit->text();
}

bool ConnectionProfileDialog::savePassword() const
{
    return m_form->savePasswordCheck->isChecked();
}

bool ConnectionProfileDialog::applyUrl(const QString &url)
{
    const auto parsed = Store::ConnectionUrl::parse(url);
    if (!parsed.ok()) {
        showMessage(parsed.error().message, true);
        return false;
    }
    auto p = parsed->profile;
    p.id = m_id;
    p.color = m_color;
    p.production = m_form->productionCheck->isChecked();
    p.name = m_form->nameEdit->text().trimmed();
    if (p.name.isEmpty())
        p.name = p.database.isEmpty() ? p.host : p.database + u" @ "_s + p.host;
    setProfile(p);
    if (!parsed->password.isEmpty())
        m_form->passwordEdit->setText(parsed->password);
    // The URL may hold a password: do not leave it visible in the URL field.
    {
        const QSignalBlocker blocker(m_form->urlEdit);
        m_form->urlEdit->clear();
    }
    showMessage(parsed->notes.isEmpty() ? tr("Filled from the connection URL.") : parsed->notes.join(u'\n'), false);
    return true;
}

QString ConnectionProfileDialog::message() const
{
    return m_form->messageLabel->text();
}

void ConnectionProfileDialog::showMessage(const QString &text, bool error)
{
    m_form->messageLabel->showStatus(text, error);
}

QString ConnectionProfileDialog::validationProblem() const
{
    const auto p = profile();
    if (p.host.isEmpty())
        return tr("Enter the server's host name.");
    if (p.user.isEmpty())
        return tr("Enter the user name.");
    if (p.tlsMode == Store::TlsMode::Disabled && !isLocalHost(p.host))
        return tr("Without TLS, Branchdeck connects only to this computer (loopback). Use TLS for %1.").arg(p.host);
    return {};
}

void ConnectionProfileDialog::updateState()
{
    const QString problem = validationProblem();
    m_form->buttonBox->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
    m_form->caEdit->setEnabled(profile().tlsMode == Store::TlsMode::VerifyIdentity);
    m_form->caBrowseButton->setEnabled(m_form->caEdit->isEnabled());
    if (!problem.isEmpty() && !m_form->hostEdit->text().isEmpty())
        showMessage(problem, true);
    else if (m_form->messageLabel->tone() == Tone::Danger)
        showMessage(QString(), false);
}

void ConnectionProfileDialog::accept()
{
    const QString problem = validationProblem();
    if (!problem.isEmpty()) {
        showMessage(problem, true);
        return;
    }
    QDialog::accept();
}

} // namespace Ui

#include "ui/branches/newpassworddialog.h"

#include "api/passwordsresource.h"
#include "ui/branches/connectionstringbox.h"
#include "ui/common/plural.h"
#include "ui/common/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

NewPasswordDialog::NewPasswordDialog(Api::ApiClient *client, const QString &org, const QString &database,
    const QString &branch, std::function<Core::ConnectionTarget(const Core::Password &)> target, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_org(org)
    , m_database(database)
    , m_branch(branch)
    , m_target(std::move(target))
    , m_pages(new QStackedWidget(this))
    , m_name(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_ttl(new QComboBox(this))
    , m_replica(new QCheckBox(tr("Connect to replicas (read only)"), this))
    , m_status(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_secret(new QLineEdit(this))
    , m_strings(new ConnectionStringBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New password for %1/%2").arg(database, branch));
    m_name->setObjectName(u"passwordName"_s);
    m_name->setPlaceholderText(tr("e.g. billing-service"));
    m_role->setObjectName(u"passwordRole"_s);
    m_role->addItem(tr("reader — can read"), u"reader"_s);
    m_role->addItem(tr("writer — can write"), u"writer"_s);
    m_role->addItem(tr("readwriter — can read and write"), u"readwriter"_s);
    m_role->addItem(tr("admin — can read, write and administer"), u"admin"_s);
    m_ttl->setObjectName(u"passwordTtl"_s);
    m_ttl->addItem(tr("Never expires"), qint64(0));
    m_ttl->addItem(tr("1 hour"), qint64(3600));
    m_ttl->addItem(tr("1 day"), qint64(86400));
    m_ttl->addItem(tr("1 week"), qint64(7 * 86400));
    m_ttl->addItem(tr("30 days"), qint64(30 * 86400));
    m_replica->setObjectName(u"passwordReplica"_s);
    connect(m_replica, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_role->setCurrentIndex(0); // replicas are read-only: reader is what works
    });
    m_status->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create password"));

    auto *ask = new QWidget(this);
    auto *form = new QFormLayout(ask);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("&Expires:"), m_ttl);
    form->addRow(QString(), m_replica);

    auto *created = new QWidget(this);
    auto *warning = new QLabel(tr("Copy the password now: it is not shown again."), created);
    Theme::setTone(warning, Tone::Warning);
    m_username->setObjectName(u"createdUsername"_s);
    m_secret->setObjectName(u"createdPassword"_s);
    for (QLineEdit *edit : { m_username, m_secret })
        edit->setReadOnly(true);
    auto *createdForm = new QFormLayout;
    createdForm->addRow(tr("Username:"), m_username);
    createdForm->addRow(tr("Password:"), m_secret);
    auto *createdLayout = new QVBoxLayout(created);
    createdLayout->setContentsMargins(0, 0, 0, 0);
    createdLayout->addWidget(warning);
    createdLayout->addLayout(createdForm);
    createdLayout->addWidget(m_strings, 1);

    m_pages->addWidget(ask);
    m_pages->addWidget(created);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewPasswordDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewPasswordDialog::reject);
}

void NewPasswordDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void NewPasswordDialog::setRole(const QString &role)
{
    m_role->setCurrentIndex(qMax(0, m_role->findData(role)));
}

void NewPasswordDialog::setTtlSeconds(qint64 seconds)
{
    const int index = m_ttl->findData(seconds);
    if (index >= 0) {
        m_ttl->setCurrentIndex(index);
        return;
    }
    m_ttl->addItem(countText(seconds, tr("1 second"), tr("%n seconds")), seconds);
    m_ttl->setCurrentIndex(m_ttl->count() - 1);
}

void NewPasswordDialog::setReplica(bool replica)
{
    m_replica->setChecked(replica);
}

QString NewPasswordDialog::statusText() const
{
    return m_status->text();
}

bool NewPasswordDialog::isCreated() const
{
    return m_created;
}

void NewPasswordDialog::accept()
{
    if (m_created) {
        QDialog::accept();
        return;
    }
    if (m_busy || !m_client)
        return;
    Api::CreatePasswordOptions options;
    options.name = m_name->text().trimmed();
    options.role = m_role->currentData().toString();
    if (const qint64 ttl = m_ttl->currentData().toLongLong(); ttl > 0)
        options.ttlSeconds = ttl;
    options.replica = m_replica->isChecked();
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_status->setText(tr("Creating the password…"));
    Theme::setTone(m_status, Tone::Neutral);
    Api::PasswordsResource(m_client).create(
        m_org, m_database, m_branch, options, this, [this](Api::ApiResult<Core::Password> r) {
            m_busy = false;
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
            if (!r) {
                m_status->setText(tr("Could not create the password: %1").arg(r.error().userText));
                Theme::setTone(m_status, Tone::Danger);
                return;
            }
            showCreated(r.value());
            Q_EMIT passwordCreated(r.value());
        });
}

void NewPasswordDialog::showCreated(const Core::Password &password)
{
    m_created = true;
    m_username->setText(password.username);
    m_secret->setText(password.plainText);
    m_strings->setTarget(m_target(password));
    m_pages->setCurrentIndex(1);
    m_status->setText(tr("Password %1 created.").arg(password.name));
    Theme::setTone(m_status, Tone::Success);
    m_buttons->button(QDialogButtonBox::Cancel)->setVisible(false);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Done"));
}

} // namespace Ui

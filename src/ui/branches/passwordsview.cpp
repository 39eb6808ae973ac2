#include "ui/branches/passwordsview.h"

#include "api/passwordsresource.h"
#include "ui/branches/connectionstringbox.h"
#include "ui/branches/newpassworddialog.h"
#include "ui/branches/passwordlistmodel.h"
#include "ui/common/confirmaction.h"
#include "ui/common/icons.h"
#include "ui/common/plural.h"
#include "ui/common/statusline.h"

#include <QHeaderView>
#include <QInputDialog>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

PasswordsView::PasswordsView(Api::ApiClient *client, const QString &org, const QString &database, const QString &branch,
    bool production, const QString &caFile, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_org(org)
    , m_database(database)
    , m_branch(branch)
    , m_caFile(caFile)
    , m_model(new PasswordListModel(this))
    , m_toolBar(new QToolBar(this))
    , m_table(new QTableView(this))
    , m_strings(new ConnectionStringBox(this))
    , m_status(new StatusLine(this))
{
    setWindowTitle(tr("Passwords · %1/%2").arg(database, branch));
    setWindowIcon(Icons::get(u"security-high"_s));
    setToolTip(tr("Passwords of branch %1 of %2").arg(branch, database));
    setProperty("production", production);
    m_table->setObjectName(u"passwordTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_status->setObjectName(u"passwordsStatus"_s);
    buildToolBar();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"passwordsSplitter"_s);
    splitter->addWidget(m_table);
    splitter->addWidget(m_strings);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateActions(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { updateActions(); });
    connect(m_strings, &ConnectionStringBox::copied, this,
        [this](const QString &label) { finish(true, tr("Copied the %1 connection string.").arg(label)); });
    updateActions();
    reload();
}

Core::ConnectionTarget PasswordsView::targetFor(
    const Core::Password &password, const QString &database, const QString &branch, const QString &caFile)
{
    Core::ConnectionTarget t;
    const QString address = password.accessHostUrl;
    const qsizetype colon = address.lastIndexOf(u':');
    bool portOk = false;
    const quint16 port = colon > 0 ? address.mid(colon + 1).toUShort(&portOk) : 0;
    t.host = portOk ? address.left(colon) : address;
    t.port = portOk ? port : 3306;
    t.user = password.username;
    t.password = password.plainText;
    t.caFile = caFile;
    // The sandbox keeps branch B of database D in the schema D__B (src/local/README.md).
    if (!caFile.isEmpty())
        t.database = database + u"__"_s + branch;
    else
        t.database = password.replica ? u"@replica"_s : database;
    return t;
}

void PasswordsView::buildToolBar()
{
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QAction *add
        = m_toolBar->addAction(Icons::get(u"list-add"_s), tr("New password…"), this, [this] { newPassword(); });
    add->setObjectName(u"newPassword"_s);
    m_rename = m_toolBar->addAction(Icons::get(u"document-edit"_s), tr("Rename…"), this, &PasswordsView::askRename);
    m_rename->setObjectName(u"renamePassword"_s);
    m_renew = m_toolBar->addAction(Icons::get(u"view-refresh"_s), tr("Renew"), this, [this] { renew(currentId()); });
    m_renew->setObjectName(u"renewPassword"_s);
    m_renew->setToolTip(tr("Extend a password with a lifetime by another lifetime from now"));
    m_revoke = m_toolBar->addAction(
        Icons::get(u"edit-delete"_s), tr("Revoke…"), this, [this] { requestRevoke(currentId()); });
    m_revoke->setObjectName(u"revokePassword"_s);
    m_toolBar->addSeparator();
    QAction *copy = m_toolBar->addAction(
        Icons::get(u"edit-copy"_s), tr("Copy connection string"), m_strings, &ConnectionStringBox::copy);
    copy->setObjectName(u"copyConnectionString"_s);
    QAction *refresh = m_toolBar->addAction(Icons::get(u"view-refresh"_s), tr("Refresh"), this, &PasswordsView::reload);
    refresh->setObjectName(u"refreshPasswords"_s);
    m_table->addActions({ m_rename, m_renew, m_revoke, copy });
}

QString PasswordsView::statusText() const
{
    return m_status->text();
}

QString PasswordsView::currentId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(PasswordListModel::IdRole).toString() : QString();
}

bool PasswordsView::selectPassword(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_model->index(row, 0));
    return true;
}

void PasswordsView::updateActions()
{
    const int row = m_model->rowOf(currentId());
    m_rename->setEnabled(row >= 0);
    m_revoke->setEnabled(row >= 0);
    m_renew->setEnabled(row >= 0 && m_model->password(row).renewable);
    m_strings->setEnabled(row >= 0);
    m_strings->setTarget(
        row >= 0 ? targetFor(m_model->password(row), m_database, m_branch, m_caFile) : Core::ConnectionTarget {});
}

void PasswordsView::finish(bool ok, const QString &message)
{
    m_status->showStatus(message, !ok);
    Q_EMIT actionFinished(ok, message);
}

void PasswordsView::reload()
{
    const QString selected = currentId();
    Api::PasswordsResource(m_client).list(
        m_org, m_database, m_branch, this, [this, selected](Api::ApiResult<QList<Core::Password>> r) {
            if (!r)
                return finish(false, tr("Could not list the passwords: %1").arg(r.error().userText));
            m_model->setPasswords(r.value());
            m_table->resizeColumnsToContents();
            if (!selectPassword(selected) && m_model->rowCount() > 0)
                m_table->setCurrentIndex(m_model->index(0, 0));
            m_status->showMessage(countText(r.value().size(), tr("1 password."), tr("%n passwords.")));
            Q_EMIT loaded(int(r.value().size()));
        });
}

NewPasswordDialog *PasswordsView::newPassword()
{
    const QString database = m_database, branch = m_branch, ca = m_caFile;
    auto *dialog = new NewPasswordDialog(
        m_client, m_org, m_database, m_branch,
        [database, branch, ca](const Core::Password &p) { return targetFor(p, database, branch, ca); }, this);
    dialog->setObjectName(u"newPasswordDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewPasswordDialog::passwordCreated, this, [this](const Core::Password &p) {
        m_model->updatePassword(p); // without its secret
        selectPassword(p.id);
        finish(true, tr("Password %1 created.").arg(p.name));
    });
    dialog->open();
    return dialog;
}

void PasswordsView::askRename()
{
    const int row = m_model->rowOf(currentId());
    if (row < 0)
        return;
    const Core::Password p = m_model->password(row);
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename password"));
    dialog->setLabelText(tr("New name for %1:").arg(p.name));
    dialog->setTextValue(p.name);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id = p.id](const QString &name) {
        if (!name.trimmed().isEmpty())
            rename(id, name.trimmed());
    });
    dialog->open();
}

void PasswordsView::rename(const QString &id, const QString &name)
{
    Api::PasswordsResource(m_client).rename(
        m_org, m_database, m_branch, id, name, this, [this, name](Api::ApiResult<Core::Password> r) {
            if (!r)
                return finish(false, tr("Could not rename the password: %1").arg(r.error().userText));
            m_model->updatePassword(r.value());
            updateActions();
            finish(true, tr("Password renamed to %1.").arg(name));
        });
}

void PasswordsView::renew(const QString &id)
{
    Api::PasswordsResource(m_client).renew(
        m_org, m_database, m_branch, id, this, [this](Api::ApiResult<Core::Password> r) {
            if (!r)
                return finish(false, tr("Could not renew the password: %1").arg(r.error().userText));
            m_model->updatePassword(r.value());
            finish(true,
                tr("Password %1 renewed: it expires %2.")
                    .arg(r->name, PasswordListModel::expiryText(r.value(), QDateTime::currentDateTimeUtc())));
        });
}

void PasswordsView::requestRevoke(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QString name = m_model->password(row).name;
    confirmThenAct(this,
        { u"confirmRevokeDialog"_s, tr("Revoke password"),
            tr("Revoke %1? Clients using it are disconnected and cannot connect with it again.").arg(name),
            tr("Revoke") },
        [this, id] { revoke(id); });
}

void PasswordsView::revoke(const QString &id)
{
    const int row = m_model->rowOf(id);
    const QString name = row >= 0 ? m_model->password(row).name : id;
    Api::PasswordsResource(m_client).remove(
        m_org, m_database, m_branch, id, this, [this, id, name](Api::ApiResult<Api::NoContent> r) {
            if (!r)
                return finish(false, tr("Could not revoke %1: %2").arg(name, r.error().userText));
            m_model->removePassword(id);
            updateActions();
            finish(true, tr("Password %1 revoked.").arg(name));
        });
}

} // namespace Ui

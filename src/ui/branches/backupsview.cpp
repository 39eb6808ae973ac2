#include "ui/branches/backupsview.h"

#include "api/backupsresource.h"
#include "ui/branches/backuplistmodel.h"
#include "ui/branches/newbranchdialog.h"
#include "ui/common/confirmaction.h"
#include "ui/common/icons.h"
#include "ui/common/plural.h"
#include "ui/common/statusline.h"

#include <QHeaderView>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

BackupsView::BackupsView(
    Api::ApiClient *client, const QString &org, const QString &database, const QString &branch, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_org(org)
    , m_database(database)
    , m_branch(branch)
    , m_model(new BackupListModel(this))
    , m_toolBar(new QToolBar(this))
    , m_table(new QTableView(this))
    , m_status(new StatusLine(this))
{
    setWindowTitle(tr("Backups · %1/%2").arg(database, branch));
    setWindowIcon(Icons::get(u"document-save"_s));
    setToolTip(tr("Backups of branch %1 of %2").arg(branch, database));
    m_table->setObjectName(u"backupTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_status->setObjectName(u"backupsStatus"_s);
    buildToolBar();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    m_poll.setSingleShot(true);
    m_poll.setInterval(std::chrono::seconds(1));
    connect(&m_poll, &QTimer::timeout, this, &BackupsView::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateActions(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { updateActions(); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { updateActions(); });
    updateActions();
    reload();
}

void BackupsView::buildToolBar()
{
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QAction *create
        = m_toolBar->addAction(Icons::get(u"list-add"_s), tr("Create backup"), this, [this] { createBackup(); });
    create->setObjectName(u"createBackup"_s);
    create->setToolTip(tr("Copy the branch's tables and rows as of now (one consistent snapshot)"));
    m_restore = m_toolBar->addAction(
        Icons::get(u"vcs-branch"_s), tr("Restore to new branch…"), this, [this] { restore(currentId()); });
    m_restore->setObjectName(u"restoreBackup"_s);
    m_restore->setToolTip(tr("A new branch with this backup's tables and rows; this branch is not touched"));
    m_delete = m_toolBar->addAction(
        Icons::get(u"edit-delete"_s), tr("Delete…"), this, [this] { requestDelete(currentId()); });
    m_delete->setObjectName(u"deleteBackup"_s);
    m_toolBar->addSeparator();
    QAction *refresh = m_toolBar->addAction(Icons::get(u"view-refresh"_s), tr("Refresh"), this, &BackupsView::reload);
    refresh->setObjectName(u"refreshBackups"_s);
    m_table->addActions({ m_restore, m_delete });
}

QString BackupsView::statusText() const
{
    return m_status->text();
}

QString BackupsView::currentId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(BackupListModel::IdRole).toString() : QString();
}

bool BackupsView::selectBackup(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_model->index(row, 0));
    return true;
}

void BackupsView::updateActions()
{
    const int row = m_model->rowOf(currentId());
    const QString state = row >= 0 ? m_model->backup(row).state : QString();
    m_restore->setEnabled(state == u"success"_s);
    m_delete->setEnabled(row >= 0 && state != u"running"_s && !m_model->backup(row).isProtected);
    m_delete->setToolTip(row >= 0 && m_model->backup(row).isProtected ? tr("The backup is protected from deletion")
                                                                      : tr("Delete the backup and its copy"));
}

void BackupsView::finish(bool ok, const QString &message)
{
    m_status->showStatus(message, !ok);
    Q_EMIT actionFinished(ok, message);
}

void BackupsView::schedulePoll()
{
    if (m_model->hasUnfinished() && !m_poll.isActive())
        m_poll.start();
}

void BackupsView::reload()
{
    const QString selected = currentId();
    Api::BackupsResource(m_client).list(
        m_org, m_database, m_branch, this, [this, selected](Api::ApiResult<QList<Core::Backup>> r) {
            if (!r)
                return finish(false, tr("Could not list the backups: %1").arg(r.error().userText));
            m_model->setBackups(r.value());
            m_table->resizeColumnsToContents();
            if (!selectBackup(selected) && m_model->rowCount() > 0)
                m_table->setCurrentIndex(m_model->index(0, 0));
            if (!m_model->hasUnfinished()) {
                m_status->showMessage(countText(r.value().size(), tr("1 backup."), tr("%n backups.")));
            }
            schedulePoll();
            Q_EMIT loaded(int(r.value().size()));
        });
}

void BackupsView::createBackup(const QString &name)
{
    Api::CreateBackupOptions options;
    options.name = name;
    Api::BackupsResource(m_client).create(
        m_org, m_database, m_branch, options, this, [this](Api::ApiResult<Core::Backup> r) {
            if (!r)
                return finish(false, tr("Could not create a backup: %1").arg(r.error().userText));
            m_model->updateBackup(r.value());
            selectBackup(r->id);
            finish(true, tr("Backup %1 started: the branch's rows are copied in one snapshot.").arg(r->name));
            schedulePoll();
        });
}

void BackupsView::requestDelete(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QString name = m_model->backup(row).name;
    confirmThenAct(this,
        { u"confirmDeleteBackupDialog"_s, tr("Delete backup"),
            tr("Delete backup %1? Its copy of the rows is removed; branches restored from it keep theirs.").arg(name),
            tr("Delete") },
        [this, id] { remove(id); });
}

void BackupsView::remove(const QString &id)
{
    const int row = m_model->rowOf(id);
    const QString name = row >= 0 ? m_model->backup(row).name : id;
    Api::BackupsResource(m_client).remove(
        m_org, m_database, m_branch, id, this, [this, id, name](Api::ApiResult<Api::NoContent> r) {
            if (!r)
                return finish(false, tr("Could not delete %1: %2").arg(name, r.error().userText));
            m_model->removeBackup(id);
            updateActions();
            finish(true, tr("Backup %1 deleted.").arg(name));
        });
}

NewBranchDialog *BackupsView::restore(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0 || m_model->backup(row).state != u"success"_s)
        return nullptr;
    auto *dialog = new NewBranchDialog(m_client, m_org, m_database, { m_branch }, m_branch, this);
    dialog->setObjectName(u"restoreBackupDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Restore backup %1 to a new branch").arg(m_model->backup(row).name));
    dialog->selectBackup(id);
    connect(dialog, &NewBranchDialog::branchReady, this, [this](const Core::Branch &b) {
        finish(true, tr("Branch %1 restored from the backup.").arg(b.name));
        reload(); // the backup now lists the branch
        Q_EMIT branchRestored(b);
    });
    connect(dialog, &NewBranchDialog::branchFailed, this, [this](const Core::Branch &b) {
        finish(false, tr("Restoring into %1 failed: %2").arg(b.name, b.restoreError));
        reload();
    });
    dialog->open();
    return dialog;
}

} // namespace Ui

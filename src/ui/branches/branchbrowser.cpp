#include "ui/branches/branchbrowser.h"

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/branches/newbranchdialog.h"
#include "ui/common/icons.h"
#include "ui/common/statebadgedelegate.h"
#include "ui/common/theme.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QDialog *makeTypedConfirmation(const QString &branch, const QString &database, QWidget *parent)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(u"confirmDeleteDialog"_s);
    dialog->setWindowTitle(BranchBrowser::tr("Delete production branch"));
    auto *text = new QLabel(BranchBrowser::tr("<b>%1</b> is a production branch of %2. Deleting it deletes its "
                                              "data for good.<br>Type <b>%1</b> to confirm.")
                                .arg(branch.toHtmlEscaped(), database.toHtmlEscaped()),
        dialog);
    text->setWordWrap(true);
    auto *edit = new QLineEdit(dialog);
    edit->setObjectName(u"confirmName"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(BranchBrowser::tr("Delete"));
    ok->setEnabled(false);
    QObject::connect(
        edit, &QLineEdit::textChanged, ok, [ok, branch](const QString &t) { ok->setEnabled(t == branch); });
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(edit);
    layout->addWidget(buttons);
    return dialog;
}

} // namespace

BranchBrowser::BranchBrowser(Api::ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new BranchTreeModel(client, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_status(new StatusLine(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter organizations, databases and branches"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setObjectName(u"branchTree"_s);
    m_tree->setModel(m_proxy);
    m_tree->setHeaderHidden(true);
    m_tree->setItemDelegate(new StateBadgeDelegate(m_tree));
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setUniformRowHeights(true);
    m_status->setVisible(false);

    m_tree->setIconSize(QSize(16, 16));
    m_tree->setExpandsOnDoubleClick(false);
    m_tree->setToolTip(tr("Double-click a branch to see its schema; right-click for its actions"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_status);

    connect(m_filter, &QLineEdit::textChanged, this, &BranchBrowser::setFilterText);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &BranchBrowser::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &proxyIndex) {
        const QModelIndex idx = m_proxy->mapToSource(proxyIndex);
        if (m_model->branch(idx))
            Q_EMIT branchActivated(idx.data(BranchTreeModel::OrganizationRole).toString(),
                idx.data(BranchTreeModel::DatabaseRole).toString(), idx.data(BranchTreeModel::BranchRole).toString());
        else if (!idx.data(BranchTreeModel::KeyspaceRole).toString().isEmpty())
            Q_EMIT keyspaceActivated(idx.data(BranchTreeModel::OrganizationRole).toString(),
                idx.data(BranchTreeModel::DatabaseRole).toString(),
                idx.parent().data(BranchTreeModel::BranchRole).toString(),
                idx.data(BranchTreeModel::KeyspaceRole).toString());
        else
            m_tree->setExpanded(proxyIndex, !m_tree->isExpanded(proxyIndex));
    });
    if (client) {
        connect(client, &Api::ApiClient::authenticationFailed, this, [this](const Api::ApiError &error) {
            showStatus(error.userText, true);
            Q_EMIT signInRequested(error.userText);
        });
    }
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &where) {
        if (where.isValid() || m_defaultOrg.isEmpty())
            return;
        const QModelIndex org = m_model->organizationIndex(m_defaultOrg);
        if (org.isValid()) {
            m_model->fetchMore(org);
            m_tree->expand(m_proxy->mapFromSource(org));
        }
    });
    connect(m_model, &BranchTreeModel::loadFailed, this, [this](const QString &message) { showStatus(message, true); });
    connect(m_model, &BranchTreeModel::loadingChanged, this, [this](bool loading) {
        if (loading && m_status->isHidden())
            showStatus(tr("Loading…"));
        else if (!loading && m_status->text() == tr("Loading…"))
            showStatus({});
    });
    connect(m_model, &BranchTreeModel::databaseLoaded, this, [this](const QString &org, const QString &db) {
        m_tree->expand(m_proxy->mapFromSource(m_model->databaseIndex(org, db)));
        m_tree->expandRecursively(m_proxy->mapFromSource(m_model->databaseIndex(org, db)));
    });
}

void BranchBrowser::setDefaultOrganization(const QString &org)
{
    m_defaultOrg = org;
    const QModelIndex idx = m_model->organizationIndex(org);
    if (idx.isValid())
        m_tree->expand(m_proxy->mapFromSource(idx));
}

void BranchBrowser::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text);
    if (!text.isEmpty())
        m_tree->expandAll();
}

QString BranchBrowser::statusText() const
{
    return !m_status->isHidden() ? m_status->text() : QString();
}

void BranchBrowser::showStatus(const QString &text, bool error)
{
    m_status->showStatus(text, error);
}

void BranchBrowser::finishAction(bool ok, const QString &message)
{
    showStatus(message, !ok);
    Q_EMIT actionFinished(ok, message);
}

bool BranchBrowser::selectBranch(const QString &org, const QString &database, const QString &branch)
{
    const QModelIndex idx = m_proxy->mapFromSource(m_model->branchIndex(org, database, branch));
    if (!idx.isValid())
        return false;
    m_tree->setCurrentIndex(idx);
    return true;
}

bool BranchBrowser::selectDatabase(const QString &org, const QString &database)
{
    const QModelIndex idx = m_proxy->mapFromSource(m_model->databaseIndex(org, database));
    if (!idx.isValid())
        return false;
    m_tree->setCurrentIndex(idx);
    m_tree->expand(idx);
    m_tree->scrollTo(idx);
    return true;
}

bool BranchBrowser::selectOrganization(const QString &org)
{
    const QModelIndex idx = m_proxy->mapFromSource(m_model->organizationIndex(org));
    if (!idx.isValid())
        return false;
    m_tree->setCurrentIndex(idx);
    m_tree->expand(idx);
    return true;
}

void BranchBrowser::onCurrentChanged(const QModelIndex &proxyIndex)
{
    const QModelIndex idx = m_proxy->mapToSource(proxyIndex);
    const QString org = idx.data(BranchTreeModel::OrganizationRole).toString();
    const QString db = idx.data(BranchTreeModel::DatabaseRole).toString();
    if (const auto b = m_model->branch(idx)) {
        Q_EMIT databaseSelected(org, db);
        Q_EMIT branchSelected(org, db, b->name);
    } else {
        if (!db.isEmpty())
            Q_EMIT databaseSelected(org, db);
    }
}

void BranchBrowser::showContextMenu(const QPoint &pos)
{
    const QModelIndex idx = m_proxy->mapToSource(m_tree->indexAt(pos));
    if (!idx.isValid())
        return;
    QMenu *menu = createContextMenu(idx, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_tree->viewport()->mapToGlobal(pos));
}

QMenu *BranchBrowser::createContextMenu(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const QString org = index.data(BranchTreeModel::OrganizationRole).toString();
    const QString db = index.data(BranchTreeModel::DatabaseRole).toString();
    const auto b = m_model->branch(index);
    if (!b) {
        if (const auto database = m_model->database(index)) {
            menu->addAction(tr("New branch…"), this,
                [this, org, db, parentBranch = database->defaultBranch] { newBranch(org, db, parentBranch); });
            menu->addAction(tr("Refresh branches"), this, [this, org, db] { m_model->reloadDatabase(org, db); });
        } else {
            menu->addAction(tr("Reload"), this, [this] { m_model->reload(); });
        }
        return menu;
    }
    const QString name = b->name;
    menu->addAction(Icons::get(u"table"_s), tr("Show schema"), this,
            [this, org, db, name] { Q_EMIT branchActivated(org, db, name); })
        ->setObjectName(u"showSchema"_s);
    QAction *open = menu->addAction(Icons::get(u"code-context"_s), tr("Open SQL editor"), this,
        [this, org, db, name] { Q_EMIT sqlEditorRequested(org, db, name); });
    open->setEnabled(b->ready);
    open->setObjectName(u"openSqlEditor"_s);
    menu->addAction(tr("Passwords…"), this,
            [this, org, db, name, production = b->production] { Q_EMIT passwordsRequested(org, db, name, production); })
        ->setObjectName(u"branchPasswords"_s);
    menu->addAction(tr("Backups…"), this, [this, org, db, name] { Q_EMIT backupsRequested(org, db, name); })
        ->setObjectName(u"branchBackups"_s);
    menu->addAction(tr("New branch from %1…").arg(name), this, [this, org, db, name] { newBranch(org, db, name); })
        ->setObjectName(u"newBranch"_s);
    QAction *dr = menu->addAction(tr("Create deploy request…"), this,
        [this, org, db, name] { Q_EMIT deployRequestCreationRequested(org, db, name); });
    dr->setObjectName(u"createDeployRequest"_s);
    dr->setEnabled(!b->parentBranch.isEmpty() && !b->production);
    menu->addAction(tr("Query Insights"), this, [this, org, db, name] { Q_EMIT insightsRequested(org, db, name); })
        ->setObjectName(u"queryInsights"_s);
    menu->addSeparator();
    QAction *compare = menu->addAction(Icons::get(u"vcs-diff"_s), tr("Compare with parent"), this,
        [this, org, db, name, parent = b->parentBranch] { Q_EMIT comparisonRequested(org, db, parent, name); });
    compare->setEnabled(!b->parentBranch.isEmpty());
    compare->setObjectName(u"compareWithParent"_s);
    menu->addAction(tr("Refresh schema"), this, [this, org, db, name] { refreshSchema(org, db, name); })
        ->setObjectName(u"refreshSchema"_s);
    menu->addSeparator();
    QAction *promote = b->production ? menu->addAction(tr("Demote to development"), this,
                           [this, org, db, name] { setProduction(org, db, name, false); })
                                     : menu->addAction(tr("Promote to production"), this,
                                         [this, org, db, name] { setProduction(org, db, name, true); });
    promote->setObjectName(b->production ? u"demote"_s : u"promote"_s);
    QAction *safe = b->safeMigrations ? menu->addAction(tr("Disable safe migrations"), this,
                        [this, org, db, name] { setSafeMigrations(org, db, name, false); })
                                      : menu->addAction(tr("Enable safe migrations"), this,
                                          [this, org, db, name] { setSafeMigrations(org, db, name, true); });
    safe->setObjectName(b->safeMigrations ? u"disableSafeMigrations"_s : u"enableSafeMigrations"_s);
    safe->setEnabled(b->production || b->safeMigrations);
    if (!b->production && !b->safeMigrations)
        safe->setToolTip(tr("Safe migrations apply to production branches"));
    menu->addSeparator();
    QAction *del = menu->addAction(tr("Delete branch…"), this, [this, org, db, name] { requestDelete(org, db, name); });
    del->setObjectName(u"deleteBranch"_s);
    del->setEnabled(!b->deletionProtected);
    return menu;
}

void BranchBrowser::newBranch(const QString &org, const QString &database, const QString &parentBranch)
{
    QStringList names;
    for (const Core::Branch &b : m_model->branches(org, database))
        names << b.name;
    auto *dialog = new NewBranchDialog(m_client, org, database, names, parentBranch, this);
    dialog->setObjectName(u"newBranchDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewBranchDialog::branchCreated, this, [this, org, database](const Core::Branch &b) {
        m_model->reloadDatabase(org, database);
        showStatus(tr("Branch %1 created.").arg(b.name));
    });
    connect(dialog, &NewBranchDialog::branchReady, this, [this, org, database](const Core::Branch &b) {
        m_model->updateBranch(org, database, b);
        finishAction(true, tr("Branch %1 is ready.").arg(b.name));
    });
    dialog->open();
}

void BranchBrowser::requestDelete(const QString &org, const QString &database, const QString &branch)
{
    const QModelIndex idx = m_model->branchIndex(org, database, branch);
    const bool production = idx.data(BranchTreeModel::ProductionRole).toBool();
    QDialog *dialog = nullptr;
    if (production) {
        dialog = makeTypedConfirmation(branch, database, this);
    } else {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete branch"),
            tr("Delete branch %1 of %2? Its schema and data are deleted.").arg(branch, database), QMessageBox::Cancel,
            this);
        box->addButton(tr("Delete"), QMessageBox::AcceptRole);
        box->setObjectName(u"confirmDeleteDialog"_s);
        dialog = box;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, org, database, branch] { deleteBranch(org, database, branch); });
    dialog->open();
}

void BranchBrowser::deleteBranch(const QString &org, const QString &database, const QString &branch)
{
    showStatus(tr("Deleting %1…").arg(branch));
    Api::BranchesResource(m_client).remove(
        org, database, branch, false, this, [this, org, database, branch](Api::ApiResult<Api::NoContent> r) {
            if (!r)
                return finishAction(false, tr("Could not delete %1: %2").arg(branch, r.error().userText));
            m_model->reloadDatabase(org, database);
            Q_EMIT branchDeleted(org, database, branch);
            finishAction(true, tr("Branch %1 deleted.").arg(branch));
        });
}

void BranchBrowser::setProduction(const QString &org, const QString &database, const QString &branch, bool production)
{
    showStatus(production ? tr("Promoting %1…").arg(branch) : tr("Demoting %1…").arg(branch));
    auto done = [this, org, database, branch, production](Api::ApiResult<Core::Branch> r) {
        if (!r)
            return finishAction(false,
                (production ? tr("Could not promote %1: %2") : tr("Could not demote %1: %2"))
                    .arg(branch, r.error().userText));
        m_model->updateBranch(org, database, r.value());
        if (r.value().production != production)
            return finishAction(
                true, tr("The request to change %1 was recorded; it may need another administrator.").arg(branch));
        finishAction(true,
            production ? tr("%1 is now a production branch.").arg(branch)
                       : tr("%1 is now a development branch.").arg(branch));
    };
    Api::BranchesResource res(m_client);
    if (production)
        res.promote(org, database, branch, this, done);
    else
        res.demote(org, database, branch, this, done);
}

void BranchBrowser::setSafeMigrations(const QString &org, const QString &database, const QString &branch, bool enabled)
{
    showStatus(enabled ? tr("Enabling safe migrations on %1…").arg(branch)
                       : tr("Disabling safe migrations on %1…").arg(branch));
    Api::BranchesResource(m_client).setSafeMigrations(
        org, database, branch, enabled, this, [this, org, database, branch, enabled](Api::ApiResult<Core::Branch> r) {
            if (!r)
                return finishAction(
                    false, tr("Could not change safe migrations on %1: %2").arg(branch, r.error().userText));
            m_model->updateBranch(org, database, r.value());
            finishAction(true,
                enabled ? tr("Safe migrations are on for %1.").arg(branch)
                        : tr("Safe migrations are off for %1.").arg(branch));
        });
}

void BranchBrowser::refreshSchema(const QString &org, const QString &database, const QString &branch)
{
    showStatus(tr("Refreshing the schema of %1…").arg(branch));
    Api::BranchesResource(m_client).refreshSchema(
        org, database, branch, this, [this, org, database, branch](Api::ApiResult<Api::NoContent> r) {
            if (!r)
                return finishAction(
                    false, tr("Could not refresh the schema of %1: %2").arg(branch, r.error().userText));
            Q_EMIT schemaRefreshed(org, database, branch);
            finishAction(true, tr("Schema of %1 refreshed.").arg(branch));
        });
}

} // namespace Ui

#include "ui/branches/newbranchdialog.h"

#include "api/backupsresource.h"
#include "api/branchesresource.h"
#include "api/poller.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

NewBranchDialog::NewBranchDialog(Api::ApiClient *client, const QString &org, const QString &database,
    const QStringList &branches, const QString &parentBranch, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_org(org)
    , m_database(database)
    , m_name(new QLineEdit(this))
    , m_parent(new QComboBox(this))
    , m_data(new QComboBox(this))
    , m_status(new StatusLine(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_poller(new Api::Poller(this))
{
    setWindowTitle(tr("New branch of %1").arg(database));
    m_name->setPlaceholderText(tr("e.g. add-orders-index"));
    m_name->setObjectName(u"branchName"_s);
    m_parent->addItems(branches);
    m_parent->setCurrentText(parentBranch);
    m_parent->setObjectName(u"parentBranch"_s);
    m_data->setObjectName(u"dataSource"_s);
    m_data->setToolTip(tr("Schema only: empty tables. A backup: its tables and rows (PlanetScale's data branching)."));
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create branch"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Branch from:"), m_parent);
    form->addRow(tr("&Data:"), m_data);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    m_poller->setIntervals(std::chrono::seconds(1), std::chrono::seconds(5));
    connect(m_name, &QLineEdit::textChanged, this, &NewBranchDialog::validate);
    connect(m_parent, &QComboBox::currentTextChanged, this, &NewBranchDialog::loadBackups);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewBranchDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewBranchDialog::reject);
    fillDataChoices();
    validate();
    loadBackups();
}

void NewBranchDialog::loadBackups()
{
    m_backups.clear();
    fillDataChoices();
    if (!m_client || parentBranch().isEmpty())
        return;
    const QString parent = parentBranch();
    m_backupsRequest = Api::BackupsResource(m_client).list(
        m_org, m_database, parent, this,
        [this, parent](Api::ApiResult<QList<Core::Backup>> r) {
            if (r.requestId() != m_backupsRequest || parent != parentBranch())
                return;
            m_backupsRequest = 0;
            // Without backups (or without the right to list them) the branch can still be schema only.
            m_backups = r ? r.value() : QList<Core::Backup>();
            std::sort(m_backups.begin(), m_backups.end(),
                [](const Core::Backup &a, const Core::Backup &b) { return a.createdAt > b.createdAt; });
            fillDataChoices();
            Q_EMIT backupsLoaded(int(m_backups.size()));
        },
        u"success"_s);
}

void NewBranchDialog::fillDataChoices()
{
    const QString current = m_wantedBackup.isEmpty() ? dataSource() : m_wantedBackup;
    m_data->clear();
    m_data->addItem(tr("Schema only"), QString());
    m_data->addItem(tr("Latest backup (data)"), latestBackup());
    for (const Core::Backup &b : std::as_const(m_backups))
        m_data->addItem(
            tr("Backup %1 · %2").arg(b.name, b.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)), b.id);
    if (m_backups.isEmpty()) {
        if (auto *items = qobject_cast<QStandardItemModel *>(m_data->model())) {
            items->item(1)->setEnabled(false);
            items->item(1)->setToolTip(tr("%1 has no successful backup yet.").arg(parentBranch()));
        }
    }
    const int index = m_data->findData(current);
    m_data->setCurrentIndex(index >= 0 ? index : 0);
    if (index >= 0 && current == m_wantedBackup)
        m_wantedBackup.clear();
}

QString NewBranchDialog::dataSource() const
{
    return m_data->currentData().toString();
}

void NewBranchDialog::selectBackup(const QString &backupId)
{
    m_wantedBackup = backupId;
    fillDataChoices();
}

bool NewBranchDialog::isValidName(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9-]{0,62}$"_s);
    return re.match(name).hasMatch();
}

void NewBranchDialog::setName(const QString &name)
{
    m_name->setText(name);
}

QString NewBranchDialog::name() const
{
    return m_name->text().trimmed();
}

QString NewBranchDialog::parentBranch() const
{
    return m_parent->currentText();
}

QString NewBranchDialog::statusText() const
{
    return m_status->text();
}

void NewBranchDialog::setPollIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow)
{
    m_poller->setIntervals(fast, slow);
}

void NewBranchDialog::validate()
{
    if (m_busy)
        return;
    const QString n = name();
    const bool ok = isValidName(n);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok && m_parent->count() > 0);
    if (!n.isEmpty() && !ok)
        showError(tr("Use lowercase letters, digits and dashes only, starting with a letter or digit."));
    else
        m_status->clearMessage();
}

void NewBranchDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_name->setEnabled(!busy);
    m_parent->setEnabled(!busy);
    m_data->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_status->showMessage(text);
}

void NewBranchDialog::showError(const QString &text)
{
    m_status->showError(text);
}

void NewBranchDialog::accept()
{
    if (m_busy || !m_client || !isValidName(name()))
        return;
    Api::CreateBranchOptions options;
    options.name = name();
    options.parentBranch = parentBranch();
    const QString data = dataSource();
    if (data == latestBackup())
        options.seedData = data;
    else if (!data.isEmpty())
        options.backupId = data;
    setBusy(true,
        data.isEmpty() ? tr("Creating %1 from %2…").arg(name(), parentBranch())
                       : tr("Creating %1 from %2 with the rows of %3…")
                             .arg(name(), parentBranch(),
                                 data == latestBackup() ? tr("its latest backup") : m_data->currentText()));
    m_request = Api::BranchesResource(m_client).create(
        m_org, m_database, options, this, [this](Api::ApiResult<Core::Branch> r) {
            if (r.requestId() != m_request)
                return;
            m_request = 0;
            if (!r) {
                setBusy(false, {});
                showError(tr("The branch was not created: %1").arg(r.error().userText));
                return;
            }
            Q_EMIT branchCreated(r.value());
            if (r.value().ready) {
                Q_EMIT branchReady(r.value());
                QDialog::accept();
                return;
            }
            waitForReady(r.value());
        });
}

void NewBranchDialog::waitForReady(const Core::Branch &branch)
{
    setBusy(true, tr("Branch %1 created; waiting until it is ready…").arg(branch.name));
    const QString branchName = branch.name;
    m_poller->start([this, branchName](quint64 round) {
        Api::BranchesResource(m_client).get(
            m_org, m_database, branchName, this, [this, round](Api::ApiResult<Core::Branch> r) {
                if (!r) {
                    if (m_poller->report(round, Api::Poller::Outcome::Failed))
                        m_status->showMessage(tr("Still waiting (last check failed: %1)").arg(r.error().userText));
                    return;
                }
                if (r.value().ready) {
                    if (!m_poller->report(round, Api::Poller::Outcome::Finished))
                        return;
                    setBusy(false, tr("Branch %1 is ready.").arg(r.value().name));
                    Q_EMIT branchReady(r.value());
                    QDialog::accept();
                    return;
                }
                if (!r.value().restoreError.isEmpty()) {
                    // The sandbox could not fill it from the backup: it stays empty and never becomes ready.
                    if (!m_poller->report(round, Api::Poller::Outcome::Finished))
                        return;
                    setBusy(false, {});
                    showError(tr("Branch %1 was created but not filled (%2); it holds no data: delete it or restore "
                                 "again.")
                                  .arg(r.value().name, r.value().restoreError));
                    Q_EMIT branchFailed(r.value());
                    return;
                }
                if (m_poller->report(round, Api::Poller::Outcome::Unchanged)) {
                    m_status->showMessage(
                        tr("Waiting until %1 is ready (state: %2)…")
                            .arg(r.value().name, r.value().state.isEmpty() ? tr("pending") : r.value().state));
                }
            });
    });
}

} // namespace Ui

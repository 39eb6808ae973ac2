#include "ui/deployrequests/createdeployrequestdialog.h"

#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

CreateDeployRequestDialog::CreateDeployRequestDialog(Api::ApiClient *client, const QString &org,
    const QString &database, const QList<Core::Branch> &branches, const QString &initialBranch, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_org(org)
    , m_database(database)
    , m_branches(branches)
    , m_branch(new QComboBox(this))
    , m_into(new QComboBox(this))
    , m_notes(new QPlainTextEdit(this))
    , m_autoApply(new QCheckBox(tr("Apply the changes as soon as the deployment is ready (auto-apply)"), this))
    , m_lint(new StatusLine(this))
    , m_status(new StatusLine(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New deploy request — %1").arg(database));
    for (const Core::Branch &b : branches) {
        m_into->addItem(b.name);
        if (!b.production)
            m_branch->addItem(b.name);
    }
    m_branch->setCurrentText(initialBranch);
    m_notes->setPlaceholderText(tr("What does this change and why?"));
    m_autoApply->setChecked(true);
    m_lint->setObjectName(u"deployRequestLint"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create deploy request"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Deploy:"), m_branch);
    form->addRow(tr("&Into:"), m_into);
    form->addRow(tr("&Notes:"), m_notes);
    form->addRow(QString(), m_autoApply);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_lint);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_branch, &QComboBox::currentTextChanged, this, &CreateDeployRequestDialog::branchChanged);
    connect(m_into, &QComboBox::currentTextChanged, this, [this] {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!branch().isEmpty() && branch() != intoBranch());
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateDeployRequestDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateDeployRequestDialog::reject);
    branchChanged();
}

void CreateDeployRequestDialog::branchChanged()
{
    // Into the branch's parent by default.
    for (const Core::Branch &b : m_branches) {
        if (b.name == branch() && !b.parentBranch.isEmpty())
            m_into->setCurrentText(b.parentBranch);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!branch().isEmpty() && branch() != intoBranch());
    requestLint();
}

void CreateDeployRequestDialog::requestLint()
{
    m_lintRequest = 0;
    m_lint->clearMessage();
    if (!m_client || branch().isEmpty())
        return;
    m_lint->showMessage(tr("Linting %1…").arg(branch()));
    const QString linted = branch();
    m_lintRequest = Api::BranchesResource(m_client).lint(
        m_org, m_database, linted, this, [this, linted](Api::ApiResult<QList<Core::LintError>> r) {
            if (r.requestId() != m_lintRequest)
                return;
            m_lintRequest = 0;
            if (!r) {
                m_lint->showMessage(tr("Lint unavailable: %1").arg(r.error().userText));
                Q_EMIT lintLoaded(-1);
                return;
            }
            const QList<Core::LintError> &found = r.value();
            if (found.isEmpty()) {
                m_lint->showMessage(tr("Lint of %1: no findings.").arg(linted), Tone::Success);
            } else {
                // A few lines, then a count: the schema view lists them all.
                constexpr qsizetype shown = 6;
                QStringList lines { found.size() == 1
                        ? tr("Lint of %1: 1 finding to consider before deploying").arg(linted)
                        : tr("Lint of %1: %2 findings to consider before deploying").arg(linted).arg(found.size()) };
                for (qsizetype i = 0; i < found.size() && i < shown; ++i)
                    lines << u"• "_s + found[i].lintError + u" — "_s + found[i].errorDescription;
                if (found.size() > shown)
                    lines << tr("…and %1 more (see the branch's schema).").arg(found.size() - shown);
                m_lint->showMessage(lines.join(u'\n'), Tone::Warning);
            }
            Q_EMIT lintLoaded(int(found.size()));
        });
}

QString CreateDeployRequestDialog::lintText() const
{
    return m_lint->text();
}

QString CreateDeployRequestDialog::branch() const
{
    return m_branch->currentText();
}

QString CreateDeployRequestDialog::intoBranch() const
{
    return m_into->currentText();
}

void CreateDeployRequestDialog::setIntoBranch(const QString &branchName)
{
    m_into->setCurrentText(branchName);
}

void CreateDeployRequestDialog::setNotes(const QString &notes)
{
    m_notes->setPlainText(notes);
}

void CreateDeployRequestDialog::setAutoApply(bool on)
{
    m_autoApply->setChecked(on);
}

QString CreateDeployRequestDialog::statusText() const
{
    return m_status->text();
}

void CreateDeployRequestDialog::accept()
{
    if (m_request || !m_client || branch().isEmpty() || branch() == intoBranch())
        return;
    Api::CreateDeployRequestOptions options;
    options.branch = branch();
    options.intoBranch = intoBranch();
    options.notes = m_notes->toPlainText().trimmed();
    options.autoCutover = m_autoApply->isChecked();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_status->showMessage(tr("Creating the deploy request…"));
    m_request = Api::DeployRequestsResource(m_client).create(
        m_org, m_database, options, this, [this](Api::ApiResult<Core::DeployRequest> r) {
            if (r.requestId() != m_request)
                return;
            m_request = 0;
            if (!r) {
                m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                m_status->showError(tr("The deploy request was not created: %1").arg(r.error().userText));
                return;
            }
            Q_EMIT deployRequestCreated(r.value());
            QDialog::accept();
        });
}

} // namespace Ui

#pragma once

#include "api/apiresult.h"
#include "core/branch.h"
#include "core/deployrequest.h"
#include "ui/common/statusline.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace Api {
class ApiClient;
}

namespace Ui {

// Create a deploy request from a branch: into its parent by default, notes, auto-apply (cutover as soon
// as the deployment is ready), and the branch's lint findings before it is created (advice: creating
// stays possible). Stays open on errors.
class CreateDeployRequestDialog : public QDialog
{
    Q_OBJECT
public:
    CreateDeployRequestDialog(Api::ApiClient *client, const QString &org, const QString &database,
        const QList<Core::Branch> &branches, const QString &initialBranch, QWidget *parent = nullptr);

    QString branch() const;
    QString intoBranch() const;
    void setIntoBranch(const QString &branch);
    void setNotes(const QString &notes);
    void setAutoApply(bool on);
    QString statusText() const;
    QString lintText() const;

    void accept() override;

Q_SIGNALS:
    void deployRequestCreated(const Core::DeployRequest &request);
    // The lint of the selected branch answered (-1: it failed).
    void lintLoaded(int findingCount);

private:
    void branchChanged();
    void requestLint();

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QList<Core::Branch> m_branches;
    QComboBox *m_branch;
    QComboBox *m_into;
    QPlainTextEdit *m_notes;
    QCheckBox *m_autoApply;
    StatusLine *m_lint;
    StatusLine *m_status;
    QDialogButtonBox *m_buttons;
    Api::RequestId m_request = 0;
    Api::RequestId m_lintRequest = 0;
};

} // namespace Ui

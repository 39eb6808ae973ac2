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
// as the deployment is ready). Stays open on errors.
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

    void accept() override;

Q_SIGNALS:
    void deployRequestCreated(const Core::DeployRequest &request);

private:
    void branchChanged();

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QList<Core::Branch> m_branches;
    QComboBox *m_branch;
    QComboBox *m_into;
    QPlainTextEdit *m_notes;
    QCheckBox *m_autoApply;
    StatusLine *m_status;
    QDialogButtonBox *m_buttons;
    Api::RequestId m_request = 0;
};

} // namespace Ui

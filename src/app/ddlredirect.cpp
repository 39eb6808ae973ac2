#include "app/ddlredirect.h"

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "api/watchers.h"
#include "core/sqlclassifier.h"

#include <QDateTime>
#include <QInputDialog>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace App {

DdlRedirect::DdlRedirect(Api::ApiClient *client, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_dialogParent(dialogParent)
{ }

bool DdlRedirect::isRefusedDdl(
    const BranchRef &branch, const QString &statement, unsigned errorNumber, const QString &message)
{
    if (!branch.production)
        return false;
    const bool isDdl = Core::SqlClassifier::classify(statement).changesSchema();
    // 1142: command denied (the sandbox, and MySQL without DDL grants); PlanetScale's vtgate answers
    // safe-migration refusals with 1105 and a message naming direct DDL.
    return isDdl && (errorNumber == 1142 || message.contains(u"direct DDL"_s, Qt::CaseInsensitive));
}

void DdlRedirect::offer(const BranchRef &production, const QString &statement, Opened opened, const QString &question)
{
    const QString suggested
        = u"%1-change-%2"_s.arg(production.branch, QDateTime::currentDateTime().toString(u"MMdd-hhmm"_s));
    const QString name = m_prompt ? m_prompt(production, suggested) : askName(production, suggested, question);
    if (!name.trimmed().isEmpty())
        createBranch(production, name.trimmed(), statement, std::move(opened));
}

QString DdlRedirect::askName(const BranchRef &production, const QString &suggested, const QString &question) const
{
    bool ok = false;
    const QString name = QInputDialog::getText(m_dialogParent, tr("Schema changes go through a deploy request"),
        !question.isEmpty()
            ? question
            : tr("%1 is a production branch: direct schema changes are refused there.\n\n"
                 "Create a development branch from it, run the statement there, and open a deploy request "
                 "when it is ready. Name of the new branch:")
                  .arg(production.branch),
        QLineEdit::Normal, suggested, &ok);
    return ok ? name : QString();
}

void DdlRedirect::createBranch(
    const BranchRef &production, const QString &name, const QString &statement, Opened opened)
{
    if (!m_client)
        return;
    Api::BranchesResource branches(m_client);
    Api::CreateBranchOptions options;
    options.name = name;
    options.parentBranch = production.branch;
    branches.create(production.org, production.database, options, this,
        [this, production, name, statement, opened](Api::ApiResult<Core::Branch> created) {
            if (!created.ok()) {
                QMessageBox::warning(m_dialogParent, tr("Cannot create %1").arg(name), created.error().userText);
                return;
            }
            Api::BranchesResource watcher(m_client);
            BranchRef branch { production.org, production.database, name, false };
            Api::watchBranchUntilReady(watcher, production.org, production.database, name, this,
                [this, branch, statement, opened](const Api::ApiResult<Core::Branch> &answer) {
                    if (!answer.ok())
                        QMessageBox::warning(
                            m_dialogParent, tr("Branch %1").arg(branch.branch), answer.error().userText);
                    else if (answer.value().ready)
                        opened(branch, statement);
                });
        });
}

} // namespace App

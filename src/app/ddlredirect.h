#pragma once

#include <QObject>
#include <QPointer>

#include "app/branchconnector.h"

#include <functional>

class QWidget;

namespace Api {
class ApiClient;
}

namespace App {

// DDL refused on a production branch (safe migrations: no password carries DDL privileges) is not a dead
// end: offer to create a development branch from it, where the same statement can run, so that it reaches
// production through a deploy request. PlanetScale's own workflow, one click away.
class DdlRedirect final : public QObject
{
    Q_OBJECT
public:
    DdlRedirect(Api::ApiClient *client, QWidget *dialogParent, QObject *parent = nullptr);

    // True when the failure is production refusing a schema change (so offer() makes sense).
    static bool isRefusedDdl(
        const BranchRef &branch, const QString &statement, unsigned errorNumber, const QString &message);

    // Asks the user; on yes creates the branch, waits until it is ready, then calls `opened` with it.
    // `question` replaces the default text of the name dialog (production refusing DDL).
    using Opened = std::function<void(const BranchRef &branch, const QString &statement)>;
    void offer(const BranchRef &production, const QString &statement, Opened opened, const QString &question = {});

    // Asks for the new branch's name; an empty answer declines. The default is a modal input dialog.
    using Prompt = std::function<QString(const BranchRef &production, const QString &suggested)>;
    void setPrompt(Prompt prompt) { m_prompt = std::move(prompt); }

private:
    QString askName(const BranchRef &production, const QString &suggested, const QString &question) const;
    void createBranch(const BranchRef &production, const QString &name, const QString &statement, Opened opened);

    QPointer<Api::ApiClient> m_client;
    QPointer<QWidget> m_dialogParent;
    Prompt m_prompt;
};

} // namespace App

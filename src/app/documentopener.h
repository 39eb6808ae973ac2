#pragma once

#include "core/result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace Api {
class ApiClient;
}
namespace Core {
struct DeployRequest;
}
namespace Ui {
class BranchBrowser;
class BranchComparisonView;
class BranchSchemaView;
class DeployRequestDetail;
class DeployQueueView;
class SchemaRecommendationsView;
class DeployRequestPanel;
class MainWindow;
} // namespace Ui

namespace App {

class TableRowCounter;

// Opens the documents that are not SQL tabs — deploy requests, branch schemas, branch comparisons — by key,
// so navigators, quick open, the first run and the session restore all go through one place, and reopening
// focuses the open tab. Keys:
//   deploy-request:ORG/DATABASE/NUMBER   schema:ORG/DATABASE/BRANCH   compare:ORG/DATABASE/BASE...HEAD
//   deploy-queue:ORG/DATABASE   recommendations:ORG/DATABASE
//   insights:ORG/DATABASE/BRANCH, passwords:ORG/DATABASE/BRANCH, backups:ORG/DATABASE/BRANCH (made by the
//   openers the workspace sets per kind: they need the SQL tabs, the sandbox's CA or the tree)
// Adding a document type: a key scheme, a case in open(), a factory method here.
class DocumentOpener final : public QObject
{
    Q_OBJECT
public:
    DocumentOpener(Ui::MainWindow *window, Api::ApiClient *client, Ui::BranchBrowser *browser,
        Ui::DeployRequestPanel *deploys, TableRowCounter *rows, QObject *parent = nullptr);

    // Any key above; null for a key it does not know.
    QWidget *open(const QString &key);
    Ui::DeployRequestDetail *openDeployRequest(const QString &org, const QString &database, qint64 number);
    Ui::DeployRequestDetail *openDeployRequest(
        const QString &org, const QString &database, const Core::DeployRequest &request);
    Ui::DeployQueueView *openDeployQueue(const QString &org, const QString &database);
    Ui::SchemaRecommendationsView *openRecommendations(const QString &org, const QString &database);
    Ui::BranchSchemaView *openSchema(
        const QString &org, const QString &database, const QString &branch, const QString &table = {});
    Ui::BranchComparisonView *openComparison(
        const QString &org, const QString &database, const QString &base, const QString &head);

    using BranchDocumentOpener
        = std::function<QWidget *(const QString &org, const QString &database, const QString &branch)>;
    // A branch document kind ("insights", "passwords", "backups") the workspace makes: open() reaches it by key,
    // and its open documents are part of the session.
    void setBranchDocumentOpener(const QString &kind, BranchDocumentOpener opener)
    {
        m_branchDocuments.insert(kind, std::move(opener));
    }
    // How a recommendation's DDL runs on its new branch (Workspace: a short-lived admin password).
    using DdlRunner = std::function<void(const QString &org, const QString &database, const QString &branch,
        const QString &ddl, std::function<void(Core::Result<void>)> done)>;
    void setDdlRunner(DdlRunner runner) { m_runDdl = std::move(runner); }

    // The open documents this class can bring back, in tab order (the session).
    QStringList openKeys() const;
    void setPollIntervals(int fastMs, int slowMs); // tests

    static QString deployRequestKey(const QString &org, const QString &database, qint64 number);
    static QString schemaKey(const QString &org, const QString &database, const QString &branch);
    static QString comparisonKey(const QString &org, const QString &database, const QString &base, const QString &head);

Q_SIGNALS:
    void sqlEditorRequested(const QString &org, const QString &database, const QString &branch);
    void deployRequestCreationRequested(const QString &org, const QString &database, const QString &branch);

private:
    Ui::DeployRequestDetail *makeDeployRequest(const QString &org, const QString &database);
    // The base branch's Insights patterns that use the changed tables, into the document's Summary.
    void showAffectedPatterns(Ui::DeployRequestDetail *doc, const QString &org, const QString &database,
        const QString &branch, const QStringList &tables);
    QStringList branchNames(const QString &org, const QString &database) const;

    Ui::MainWindow *m_window;
    QPointer<Api::ApiClient> m_client;
    Ui::BranchBrowser *m_browser;
    Ui::DeployRequestPanel *m_deploys;
    TableRowCounter *m_rows;
    DdlRunner m_runDdl;
    QHash<QString, BranchDocumentOpener> m_branchDocuments;
    int m_fastPollMs = 0;
    int m_slowPollMs = 0;
};

} // namespace App

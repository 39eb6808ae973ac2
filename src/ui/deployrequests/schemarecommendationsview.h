#pragma once

#include "api/apiresult.h"
#include "core/deployrequest.h"
#include "core/result.h"
#include "core/schemarecommendation.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QToolButton;

namespace Api {
class ApiClient;
}

namespace Ui {

class CreateDeployRequestDialog;
class SchemaRecommendationDetail;
class StatusLine;

// The schema recommendations of one database as a document (key "recommendations:org/db"): each with its
// table, kind, what it says and the DDL that makes it, open ones first. *Apply on a new branch* creates a
// branch off the default branch, runs the DDL there (through the runner the window gives it: a branch
// password and an SQL connection) and opens the create-deploy-request dialog on it; the deployment of that
// request closes the recommendation. *Dismiss* closes it without a change.
class SchemaRecommendationsView : public QWidget
{
    Q_OBJECT
public:
    enum Column { TableColumn, KindColumn, DescriptionColumn, DdlColumn, StateColumn, ColumnCount };

    // Runs `ddl` on `branch` of this database and answers through `done`.
    using DdlRunner
        = std::function<void(const QString &branch, const QString &ddl, std::function<void(Core::Result<void>)> done)>;

    SchemaRecommendationsView(Api::ApiClient *client, QString org, QString database, QWidget *parent = nullptr);

    static QString keyFor(const QString &org, const QString &database)
    {
        return QStringLiteral("recommendations:%1/%2").arg(org, database);
    }
    const QString &organization() const { return m_org; }
    const QString &database() const { return m_database; }
    void setDdlRunner(DdlRunner runner) { m_runDdl = std::move(runner); }
    void reload();

    QStandardItemModel *model() const { return m_model; }
    void selectRow(int row);
    int openCount() const;
    QString statusText() const;
    // The dialog Apply opened last (null before, or once it closed).
    CreateDeployRequestDialog *deployRequestDialog() const;
    SchemaRecommendationDetail *detail() const { return m_detail; }
    static QString kindText(const QString &type);

Q_SIGNALS:
    void loaded(int recommendations);
    void dismissed(qint64 number);
    // Apply's branch exists and the DDL ran on it; the create-deploy-request dialog is open.
    void branchPrepared(const QString &branch);
    void deployRequestCreated(const QString &org, const QString &database, const Core::DeployRequest &request);

private:
    void show(const QList<Core::SchemaRecommendation> &recommendations);
    const Core::SchemaRecommendation *current() const;
    void updateButtons();
    void dismissCurrent();
    void applyCurrent();
    void runOnBranch(const Core::SchemaRecommendation &rec, const QString &branch);
    void openDeployRequestDialog(const Core::SchemaRecommendation &rec, const QString &branch);
    void setBusy(bool busy);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QString m_defaultBranch;
    DdlRunner m_runDdl;
    QList<Core::SchemaRecommendation> m_recommendations;
    Api::RequestId m_request = 0;
    bool m_busy = false;
    QLabel *m_summary;
    QToolButton *m_refresh;
    QTableView *m_view;
    QStandardItemModel *m_model;
    QPushButton *m_apply;
    QPushButton *m_dismiss;
    StatusLine *m_status;
    SchemaRecommendationDetail *m_detail;
    QPointer<CreateDeployRequestDialog> m_dialog;
};

} // namespace Ui

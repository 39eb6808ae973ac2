#pragma once

#include "api/apiresult.h"
#include "core/queryanomaly.h"
#include "core/queryerror.h"
#include "core/querypattern.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QToolButton;

namespace Api {
class ApiClient;
}

namespace Ui {

class PatternDetail;
class QueryAnomalyModel;
class QueryErrorModel;
class QueryPatternModel;
class StatusLine;

// The Query Insights document of one branch (key "insights:org/db/branch"): its query patterns in a
// sortable table with a filter box and a period, the selected pattern's detail below (PatternDetail), and
// on a second page its errors (list_branch_query_errors), on a third its anomalies (list_branch_anomalies:
// selecting one selects the pattern that followed it most closely, activating it shows that pattern's page).
// Activating a pattern (double-click, Enter) asks for it in an SQL editor on the branch.
class InsightsDocument : public QWidget
{
    Q_OBJECT
public:
    InsightsDocument(Api::ApiClient *client, QString org, QString database, QString branch, QWidget *parent = nullptr);

    static QString keyFor(const QString &org, const QString &database, const QString &branch)
    {
        return QStringLiteral("insights:%1/%2/%3").arg(org, database, branch);
    }
    const QString &organization() const { return m_org; }
    const QString &database() const { return m_database; }
    const QString &branch() const { return m_branch; }

    void reload();
    QueryPatternModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *periodBox() const { return m_period; }
    StatusLine *statusLine() const { return m_status; }
    QPlainTextEdit *sqlView() const;
    PatternDetail *detail() const { return m_detail; }
    // Selects the pattern of this statement (typed in an editor: literals and all), now or once the
    // patterns have loaded; statementShown says whether one matched.
    void showStatement(const QString &sql);
    QueryErrorModel *errorModel() const { return m_errorModel; }
    QTabWidget *pages() const { return m_pages; }
    QueryAnomalyModel *anomalyModel() const { return m_anomalyModel; }
    QTableView *anomalyView() const { return m_anomalyView; }
    // Makes the pattern with this fingerprint current (filter cleared); false when it is not listed.
    bool selectFingerprint(const QString &fingerprint);

Q_SIGNALS:
    void loaded(int patterns);
    void loadFailed(const QString &message);
    void errorsLoaded(int errors);
    void anomaliesLoaded(int anomalies);
    // The user wants this pattern's SQL in an editor on the branch.
    void openInEditorRequested(const QString &sql, const QString &statementType);
    void statementShown(bool found);

private:
    void onLoaded(Api::ApiResult<QList<Core::QueryPattern>> result);
    void onErrorsLoaded(Api::ApiResult<QList<Core::QueryError>> result);
    void onAnomaliesLoaded(Api::ApiResult<QList<Core::QueryAnomaly>> result);
    void showAnomalyPattern(const QModelIndex &index, bool showPage);
    void showSelected();
    void activate(const QModelIndex &index);
    bool selectStatement(const QString &sql);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QString m_branch;
    QueryPatternModel *m_model;
    QueryErrorModel *m_errorModel;
    QueryAnomalyModel *m_anomalyModel;
    QTabWidget *m_pages;
    QTableView *m_view;
    QTableView *m_anomalyView;
    QLineEdit *m_filter;
    QComboBox *m_period;
    QToolButton *m_refresh;
    QToolButton *m_openInEditor;
    PatternDetail *m_detail;
    QString m_pendingStatement;
    StatusLine *m_status;
    quint64 m_latest = 0;
    quint64 m_latestErrors = 0;
    quint64 m_latestAnomalies = 0;
};

} // namespace Ui

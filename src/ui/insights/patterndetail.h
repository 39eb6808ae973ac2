#pragma once

#include "api/apiresult.h"
#include "core/querymetrics.h"
#include "core/querypattern.h"
#include "core/result.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Api {
class ApiClient;
}

namespace Ui {

class TimeSeriesChart;

// The selected pattern of an Insights document: its figures, its count and latency (p50, p99) over the
// period (get_branch_query_metrics), its normalized SQL highlighted, and what to do about it: open it in
// an editor, EXPLAIN it on the branch (the plan as a tree: tables, access types, rows), and when it reads
// far more rows than it returns, the index that would help and a button to try that index on a new branch.
class PatternDetail : public QWidget
{
    Q_OBJECT
public:
    // Runs `EXPLAIN FORMAT=JSON sql` on the branch; answers with the JSON text. Set by the owner, who has
    // the connections; without one the Explain button stays disabled.
    using Explainer
        = std::function<void(const QString &sql, QObject *context, std::function<void(Core::Result<QString>)> done)>;

    PatternDetail(Api::ApiClient *client, QString org, QString database, QString branch, QWidget *parent = nullptr);

    void setExplainer(Explainer explainer);
    // Shows `pattern` (an empty fingerprint clears the view) and loads its series over `period` (API names).
    void setPattern(const Core::QueryPattern &pattern, const QString &period);
    const Core::QueryPattern &pattern() const { return m_pattern; }
    void explain();

    QPlainTextEdit *sqlView() const { return m_sql; }
    TimeSeriesChart *countChart() const { return m_counts; }
    TimeSeriesChart *latencyChart() const { return m_latency; }
    QTreeWidget *planView() const { return m_plan; }
    QLabel *suggestionLabel() const { return m_suggestion; }
    QPushButton *explainButton() const { return m_explain; }
    QPushButton *tryButton() const { return m_try; }
    QString suggestedDdl() const { return m_ddl; }
    // The pattern's figures line: "1 query · p50 … · 1 row read, 1 returned, 0 affected · 0 errors".
    static QString figuresOf(const Core::QueryPattern &pattern);

Q_SIGNALS:
    void openInEditorRequested(const QString &sql, const QString &statementType);
    // The suggested index, to be tried on a new branch off this one.
    void tryOnNewBranchRequested(const QString &ddl, const QString &table);
    void metricsLoaded(int steps);
    void metricsFailed(const QString &message);
    void explained(int tables);
    void explainFailed(const QString &message);

private:
    void onMetrics(Api::ApiResult<Core::QueryMetrics> result);
    void showPlan(const QString &json);
    int addPlanNode(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QString m_branch;
    Core::QueryPattern m_pattern;
    Explainer m_explainer;
    QString m_ddl;
    QLabel *m_figures;
    TimeSeriesChart *m_counts;
    TimeSeriesChart *m_latency;
    QPlainTextEdit *m_sql;
    QLabel *m_suggestion;
    QPushButton *m_openInEditor;
    QPushButton *m_explain;
    QPushButton *m_try;
    QTreeWidget *m_plan;
    quint64 m_latestMetrics = 0;
    int m_explainGeneration = 0;
};

} // namespace Ui

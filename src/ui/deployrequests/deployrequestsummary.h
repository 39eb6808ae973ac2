#pragma once

#include "core/deployrequest.h"
#include "core/querypattern.h"
#include "schema/schemacomparison.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QTableWidget;
class QTextBrowser;

namespace Ui {

// The Summary section of a deploy-request document: its notes, the checks (lint errors and data-loss
// warnings, or a clear "nothing found"), the tables it touches with what happens to each and how many
// rows they hold on the branch it deploys into, and the query patterns there that use those tables.
class DeployRequestSummary : public QWidget
{
    Q_OBJECT
public:
    enum Column { TableColumn, ChangeColumn, RowsColumn, StatementColumn, ColumnCount };

    explicit DeployRequestSummary(QWidget *parent = nullptr);

    void setDeployRequest(const Core::DeployRequest &request);
    void setTables(const QList<Schema::TableDiff> &diffs);
    void setTablesMessage(const QString &message);
    // Row counts of the base branch's tables; `estimated` says they are the server's estimates.
    void setRowCounts(const QHash<QString, qint64> &rows, bool estimated);
    void setRowCountError(const QString &message);
    // The Insights patterns of the base branch that use the changed tables (busiest first): the queries
    // the change can speed up or slow down. An empty message with no patterns hides the section.
    void setAffectedPatterns(const QList<Core::QueryPattern> &patterns, const QString &message = {});
    void clear();

    QTableWidget *tables() const { return m_tables; }
    QString notesText() const;
    QString checksText() const;
    QString rowsText(const QString &table) const;
    QString affectedPatternsText() const;
    // One pattern's figures as the Summary lists them: "1 query, p99 2.50 ms, 3.0 rows read per row returned".
    static QString figuresOf(const Core::QueryPattern &pattern);

Q_SIGNALS:
    void tableActivated(const QString &name);

private:
    void updateChecks();
    static QLabel *heading(const QString &text, QWidget *parent);

    Core::DeployRequest m_request;
    QList<Schema::TableDiff> m_diffs;
    QHash<QString, qint64> m_rows;
    bool m_estimated = true;
    QString m_rowError;
    QTextBrowser *m_notes;
    QLabel *m_checks;
    QLabel *m_tablesMessage;
    QTableWidget *m_tables;
    QLabel *m_queriesHeading;
    QLabel *m_queries;
};

} // namespace Ui

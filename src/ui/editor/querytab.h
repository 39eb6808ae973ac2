#pragma once

#include "sql/connectionpool.h" // complete type for the Lease member's QPointer
#include "sql/jobtypes.h"
#include "sql/lease.h"
#include "sql/run.h"
#include "store/connectionprofile.h"
#include "store/tabautosave.h"
#include "ui/editor/runledger.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QTabWidget;
class QTimer;

namespace Store {
class History;
}

namespace Ui {

class CompletionFetcher;
class FindBar;
class OlapOffer;
class ResultPane;
class RunToolbar;
class SqlEditor;
class StatusLine;

// One SQL editor tab: the editor above a tab widget of results, one per statement. Takes a lease on the
// server's pool at its first run and holds it for its lifetime (session affinity), records every statement in the
// history before it runs, autosaves its text every few seconds and after each run, and asks before destructive
// statements on a production target.
class QueryTab : public QWidget
{
    Q_OBJECT
public:
    QueryTab(Sql::ConnectionPool *pool, Store::ConnectionProfile profile, QWidget *parent = nullptr);
    ~QueryTab() override;

    void setHistory(Store::History *history) { m_ledger.setHistory(history); }
    // Autosave target; the tab's id is its key (a new UUID unless restore() gave one).
    void setAutosave(Store::TabAutosave *autosave, int autosaveIntervalMs = 3000);
    void restore(const Store::TabState &state);
    Store::TabState state() const;
    QString id() const { return m_id; }

    // Asked before a destructive statement runs on a production target; returns true to run.
    // The default shows a message box naming the statement.
    using ConfirmHandler = std::function<bool(const QString &statement, const QString &reason)>;
    void setConfirmHandler(ConfirmHandler handler) { m_confirm = std::move(handler); }

    // Whether a failing statement ends the run (the default) or the remaining statements still run.
    void setStopOnError(bool stop);
    bool stopOnError() const;

    const Store::ConnectionProfile &profile() const { return m_profile; }
    QString title() const;
    QColor titleColor() const; // a warning colour for production targets, else invalid
    SqlEditor *editor() const { return m_editor; }
    QTabWidget *results() const { return m_results; }
    ResultPane *resultPane(int index) const;
    bool isRunning() const { return m_run != nullptr; }
    bool hasSession() const { return m_lease.isValid(); } // holds a leased connection of its own
    // Branch tabs: shows the primary/replica choice in the run toolbar (targetSwitchRequested when changed),
    // and lets the row-limit offer propose the replica.
    void enableTargetChoice(bool onReplica);
    RunToolbar *toolbar() const { return m_toolbar; }

public Q_SLOTS:
    void runCurrent(); // Ctrl+Enter: the selection or the statement under the cursor
    void runAll(); // Ctrl+Shift+Enter
    void cancel(); // Esc
    // Runs the statement PlanetScale's row limit stopped again after SET workload = olap, in this tab's
    // session (offered in a bar under the results when the limit is hit).
    void rerunWithOlap();
    void saveNow();
    void showFindBar();
    // Fetches the tables and columns of the profile's database in the background for completion.
    void refreshCompletions();

Q_SIGNALS:
    void completionsRefreshed();
    void runStarted();
    void runFinished();
    // A run changed the schema (a statement the classifier calls DDL succeeded): schema views go stale.
    void schemaChanged();
    void titleChanged();
    void statusMessageChanged(const QString &message);
    // Each statement of a run as it ends; the text is the statement as it was submitted.
    void statementFinished(const Sql::StatementSummary &summary);
    void statementFailed(const Sql::StatementError &error);
    // The user asked for a tab on the branch's replica (or primary), starting with `text`.
    void targetSwitchRequested(bool replica, const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void run(const QList<Core::SqlStatement> &statements);
    bool confirmDestructive(const QList<Core::SqlStatement> &statements);
    ResultPane *paneFor(int statementIndex, int resultIndex, bool create);
    void markNextRunning(int after);
    void finishHistory(int statementIndex, qint64 durationMs, qint64 rows, const QString &error = {});

    void onColumns(const Sql::ResultHeader &header);
    void onRows(const Sql::RowBatch &batch);
    void onStatementFinished(const Sql::StatementSummary &summary);
    void onStatementFailed(const Sql::StatementError &error);
    void onJobFinished(const Sql::JobSummary &summary);

    QPointer<Sql::ConnectionPool> m_pool; // the server's, shared with its other tabs
    Sql::Lease m_lease;
    Store::ConnectionProfile m_profile;
    Store::TabAutosave *m_autosave = nullptr;
    QString m_id;
    QString m_title;
    ConfirmHandler m_confirm;

    RunToolbar *m_toolbar = nullptr;
    SqlEditor *m_editor;
    FindBar *m_findBar;
    QTabWidget *m_results;
    StatusLine *m_status; // a single line: ticks every 100 ms while running, repainted, never relaid out
    OlapOffer *m_olapOffer; // shown after a Vitess row-limit error
    QTimer *m_ticker;
    QTimer *m_autosaveTimer;
    CompletionFetcher *m_completion;

    std::unique_ptr<Sql::Run> m_run; // the run under way, if any
    RunLedger m_ledger; // the statements of the last run: history entries, clocks, result panes
    bool m_dirty = false;
};

} // namespace Ui

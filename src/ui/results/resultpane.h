#pragma once

#include "core/resultset.h"
#include "core/sqlsplitter.h"
#include "sql/jobtypes.h"
#include "ui/common/statusline.h"

#include <QElapsedTimer>
#include <QWidget>

class QLineEdit;
class QStackedWidget;
class QToolButton;

namespace Ui {

class ResultFindBar;
class ResultGrid;
class ResultSetModel;
class SelectionStatistics;

// The outcome of one statement (or one result set of a CALL): a streaming grid with a filter box (rows
// containing the text; the grid's headers add sorting and per-column conditions), find (Ctrl+F) and
// statistics of the selection, or a message ("3 rows affected", an error), and a status line with rows,
// warnings and time that updates live while rows arrive.
class ResultPane : public QWidget
{
    Q_OBJECT
public:
    enum class State { Running, Finished, Failed, Cancelled };

    explicit ResultPane(QWidget *parent = nullptr);

    void startRows(const QList<Core::ColumnInfo> &columns);
    void appendRows(const Core::ResultSet &batch);
    void finish(const Sql::StatementSummary &summary);
    void fail(const Sql::StatementError &error);
    // Marks a statement that never ran (an earlier one failed) or was stopped before it answered.
    void skip(const QString &why);
    void updateLiveStatus(); // called by the tab's ticker while running

    State state() const { return m_state; }
    bool hasRows() const;
    QString statusText() const;
    QString messageText() const;
    ResultSetModel *model() const { return m_model; }
    ResultGrid *grid() const { return m_grid; }
    QLineEdit *filterEdit() const { return m_filter; }
    ResultFindBar *findBar() const { return m_findBar; }
    SelectionStatistics *statistics() const { return m_statistics; }
    // "Sorting…", "12 of 1,000 rows", or why the filter could not be applied.
    QString arrangeText() const;

    static QString errorText(const Sql::StatementError &error);

    // The statement this result came from (text and range in the editor), for a re-run by the server.
    void setSource(const Core::SqlStatement &statement);
    const Core::SqlStatement &source() const { return m_source; }
    bool isTruncated() const { return m_truncated; }
    QToolButton *serverButton() const { return m_serverButton; }
    // Asks for the statement again with the grid's sort keys and filter done by the server (derived table);
    // emits serverRunRequested, or says in the pane why it cannot.
    void requestServerRun();

Q_SIGNALS:
    void serverRunRequested(const Core::SqlStatement &statement);

private:
    void showMessage(const QString &text, bool error);
    // The finished line becomes a paragraph (wrapped, selectable): one relayout, at the end.
    void showFinalStatus(const QString &text, Tone tone);
    void updateArrangeStatus();
    QString receivedText() const; // "1 row", "2,000 rows"

    State m_state = State::Running;
    ResultSetModel *m_model;
    ResultGrid *m_grid;
    QLineEdit *m_filter;
    StatusLine *m_arrangeStatus; // beside the filter box, of a fixed width: its counts never move the box
    QToolButton *m_serverButton;
    ResultFindBar *m_findBar;
    SelectionStatistics *m_statistics;
    StatusLine *m_message;
    StatusLine *m_status; // a single line while rows stream: its ticks repaint it without a relayout
    QStackedWidget *m_stack;
    QElapsedTimer m_elapsed;
    Core::SqlStatement m_source;
    bool m_truncated = false;
};

} // namespace Ui

#pragma once

#include "core/resultset.h"
#include "sql/jobtypes.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QStackedWidget;

namespace Ui {

class ResultGrid;
class ResultSetModel;

// The outcome of one statement (or one result set of a CALL): a streaming grid with a filter, or a
// message ("3 rows affected", an error), and a status line with rows, warnings and time that updates
// live while rows arrive.
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

    static QString errorText(const Sql::StatementError &error);

private:
    void showMessage(const QString &text, bool error);

    State m_state = State::Running;
    ResultSetModel *m_model;
    ResultGrid *m_grid;
    QLineEdit *m_filter;
    QLabel *m_message;
    QLabel *m_status;
    QStackedWidget *m_stack;
    QElapsedTimer m_elapsed;
};

} // namespace Ui

#pragma once

#include <QToolBar>

class QAction;
class QComboBox;

namespace Ui {

// The query tab's toolbar: Run (Ctrl+Enter), Run All (Ctrl+Shift+Enter), Cancel (Esc), Find (Ctrl+F),
// a "continue after errors" toggle, the primary/replica choice of branch tabs, and the connection target on the right,
// in a warning badge for production. The actions' shortcuts are added to `shortcutOwner`, so they work anywhere inside
// it.
class RunToolbar : public QToolBar
{
    Q_OBJECT
public:
    RunToolbar(const QString &target, bool production, QWidget *shortcutOwner, QWidget *parent = nullptr);

    void setRunning(bool running);
    bool continueOnError() const;
    void setContinueOnError(bool enabled);
    // Branch tabs: a Primary / Replica choice showing where this tab runs; choosing the other one asks for a
    // tab there (targetChosen), this tab stays where it is.
    void showTargetChoice(bool onReplica);
    QComboBox *targetChoice() const { return m_target; }

Q_SIGNALS:
    void runRequested();
    void runAllRequested();
    void cancelRequested();
    void findRequested();
    void targetChosen(bool replica);

private:
    QAction *m_run;
    QAction *m_runAll;
    QAction *m_cancel;
    QAction *m_continue;
    QComboBox *m_target;
    QAction *m_targetAction;
};

} // namespace Ui

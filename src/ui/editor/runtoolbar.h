#pragma once

#include <QToolBar>

class QAction;

namespace Ui {

// The query tab's toolbar: Run (Ctrl+Enter), Run All (Ctrl+Shift+Enter), Cancel (Esc), Find (Ctrl+F),
// a "continue after errors" toggle, and the connection target on the right, in a warning badge for
// production. The actions' shortcuts are added to `shortcutOwner`, so they work anywhere inside it.
class RunToolbar : public QToolBar
{
    Q_OBJECT
public:
    RunToolbar(const QString &target, bool production, QWidget *shortcutOwner, QWidget *parent = nullptr);

    void setRunning(bool running);
    bool continueOnError() const;
    void setContinueOnError(bool enabled);

Q_SIGNALS:
    void runRequested();
    void runAllRequested();
    void cancelRequested();
    void findRequested();

private:
    QAction *m_run;
    QAction *m_runAll;
    QAction *m_cancel;
    QAction *m_continue;
};

} // namespace Ui

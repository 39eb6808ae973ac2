#pragma once

#include <QString>

namespace Ui {
class MainWindow;
}

namespace App {

class Workspace;

// --smoke-test: once restored tabs have reconnected (or given up) and the tab asked for on the command line
// is open — at most 20 s — prints the window and one line per document, then closes the window. Tests of the
// real binary (start-up, restore after SIGKILL) read these lines:
//   smoke: window=Branchdeck visible=1 docks=3
//   document: key=sql:… kind=sql title=… target=… role=… production=1 connected=1 host=… port=…
class SmokeReport
{
public:
    static void printWhenSettled(Ui::MainWindow *window, Workspace *workspace, const QString &waitForTarget);
    static QString describe(Ui::MainWindow *window);
};

} // namespace App

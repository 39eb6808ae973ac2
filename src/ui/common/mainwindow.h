#pragma once

#include <QMainWindow>

#include "ui/common/aboutdialog.h"

class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;

namespace Ui {

// MainWindow only assembles: branch dock (left), editor tabs (centre), deploy-request dock (right),
// menus and the status bar. Panels own their models, actions and requests.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(AboutDialog::Components components, QWidget *parent = nullptr);

    void setBranchPanel(QWidget *panel);
    void setDeployRequestPanel(QWidget *panel);
    int addEditorTab(QWidget *tab, const QString &title);
    QTabWidget *editorTabs() const { return m_tabs; }
    // Further panels (history, …) as docks, tabbed with what is already in that area.
    QDockWidget *addPanelDock(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area);

    // Status bar: where we are connected and how (TLS version/cipher, verified or not).
    void setConnectionStatus(const QString &text, const QString &tlsText, bool verified);
    void setApiStatus(const QString &text);
    void showStatusMessage(const QString &text);

Q_SIGNALS:
    void newEditorTabRequested();
    void signInRequested();
    void editorTabCloseRequested(int index);

private:
    void buildMenus();
    void buildStatusBar();
    QDockWidget *makeDock(const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    void showAbout();

    AboutDialog::Components m_components;
    QTabWidget *m_tabs = nullptr;
    QDockWidget *m_branchDock = nullptr;
    QDockWidget *m_deployDock = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_tlsLabel = nullptr;
    QLabel *m_apiLabel = nullptr;
    QMenu *m_viewMenu = nullptr;
};

} // namespace Ui

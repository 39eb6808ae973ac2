#pragma once

#include <QHash>
#include <QMainWindow>

#include "ui/common/aboutdialog.h"
#include "ui/common/theme.h"

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QSplitter;
class QToolBar;

namespace Ui {

class DocumentArea;
class ShortcutsDialog;

// MainWindow only assembles: documents in the centre (DocumentArea), navigators in docks around them
// (branch tree on the left, deploy requests on the right, history), menus, a slim toolbar and the status
// bar. What the documents and navigators do is theirs; App::Workspace wires them.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(AboutDialog::Components components, QWidget *parent = nullptr);

    DocumentArea *documents() const { return m_documents; }
    void setBranchNavigator(QWidget *panel);
    void setDeployRequestNavigator(QWidget *panel);
    // Further navigators (history, …) as docks, tabbed with what is already in that area.
    QDockWidget *addNavigator(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    QDockWidget *branchDock() const { return m_branchDock; }
    QDockWidget *deployRequestDock() const { return m_deployDock; }

    // Status bar: where we are connected and how (TLS version/cipher, verified or not).
    void setConnectionStatus(const QString &text, const QString &tlsText, bool verified);
    void setApiStatus(const QString &text);
    void showStatusMessage(const QString &text);

    // Window geometry, dock layout, splitter sizes (also of documents opened later) and the theme.
    void saveLayout(QSettings &settings) const;
    void restoreLayout(QSettings &settings);
    void setScheme(Theme::Scheme scheme);

    // A menu action by object name (tests, and the shortcuts list).
    QAction *action(const QString &objectName) const;
    // Sections of the keyboard-shortcuts list besides the menus: title → a sample widget whose actions carry
    // the shortcuts (the SQL editor's, the results grid's), owned by the window.
    void addShortcutSource(const QString &title, QWidget *sample);
    ShortcutsDialog *showShortcuts();

Q_SIGNALS:
    void newEditorTabRequested();
    void signInRequested();
    void newConnectionRequested();
    void savedConnectionsRequested();
    void quickOpenRequested();
    void closing();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    QDockWidget *makeDock(const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    void showAbout();
    void updateNavigation();
    void restoreSplitters(QWidget *root);
    void rememberSplitters(QWidget *root) const;

    AboutDialog::Components m_components;
    DocumentArea *m_documents = nullptr;
    QDockWidget *m_branchDock = nullptr;
    QDockWidget *m_deployDock = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_tlsLabel = nullptr;
    QLabel *m_apiLabel = nullptr;
    QMenu *m_viewMenu = nullptr;
    QActionGroup *m_schemes = nullptr;
    QList<std::pair<QString, QWidget *>> m_shortcutSources;
    mutable QHash<QString, QByteArray> m_splitterStates;
};

} // namespace Ui

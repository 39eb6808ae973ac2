#include "ui/common/mainwindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

// Shown in a dock until its panel is set: says what will appear there and how to get it.
QWidget *emptyState(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setMargin(16);
    label->setEnabled(false);
    return label;
}

} // namespace

MainWindow::MainWindow(AboutDialog::Components components, QWidget *parent)
    : QMainWindow(parent)
    , m_components(std::move(components))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"Branchdeck"_s);
    setWindowIcon(QIcon(u":/icons/branchdeck.svg"_s));
    resize(1500, 900);
    setDockNestingEnabled(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"editorTabs"_s);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::editorTabCloseRequested);
    setCentralWidget(m_tabs);

    m_branchDock = makeDock(tr("Branches"), u"branchDock"_s, Qt::LeftDockWidgetArea);
    m_branchDock->setWidget(emptyState(tr("Organizations, databases and branches appear here once you sign in "
                                          "to PlanetScale or start the local sandbox."),
        m_branchDock));
    m_deployDock = makeDock(tr("Deploy requests"), u"deployRequestDock"_s, Qt::RightDockWidgetArea);
    m_deployDock->setWidget(emptyState(tr("Deploy requests of the selected database appear here."), m_deployDock));
    resizeDocks({ m_branchDock, m_deployDock }, { 280, 500 }, Qt::Horizontal);

    buildMenus();
    buildStatusBar();
}

QDockWidget *MainWindow::makeDock(const QString &title, const QString &objectName, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setFeatures(
        QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::buildMenus()
{
    auto *file = menuBar()->addMenu(tr("&File"));
    auto *newTab = file->addAction(tr("&New SQL Tab"), this, &MainWindow::newEditorTabRequested);
    newTab->setShortcut(QKeySequence::AddTab);
    newTab->setObjectName(u"actionNewTab"_s);
    auto *signIn = file->addAction(tr("&Sign In…"), this, &MainWindow::signInRequested);
    signIn->setObjectName(u"actionSignIn"_s);
    file->addSeparator();
    auto *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    auto *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    view->addAction(m_branchDock->toggleViewAction());
    view->addAction(m_deployDock->toggleViewAction());

    auto *help = menuBar()->addMenu(tr("&Help"));
    auto *about = help->addAction(tr("&About Branchdeck"), this, &MainWindow::showAbout);
    about->setObjectName(u"actionAbout"_s);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildStatusBar()
{
    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_connectionLabel->setObjectName(u"connectionStatus"_s);
    m_tlsLabel = new QLabel(this);
    m_tlsLabel->setObjectName(u"tlsStatus"_s);
    m_apiLabel = new QLabel(tr("API: not signed in"), this);
    m_apiLabel->setObjectName(u"apiStatus"_s);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_tlsLabel);
    statusBar()->addPermanentWidget(m_apiLabel);
}

void MainWindow::setBranchPanel(QWidget *panel)
{
    m_branchDock->setWidget(panel);
}

void MainWindow::setDeployRequestPanel(QWidget *panel)
{
    m_deployDock->setWidget(panel);
}

int MainWindow::addEditorTab(QWidget *tab, const QString &title)
{
    const int index = m_tabs->addTab(tab, title);
    m_tabs->setCurrentIndex(index);
    return index;
}

void MainWindow::setConnectionStatus(const QString &text, const QString &tlsText, bool verified)
{
    m_connectionLabel->setText(text);
    m_tlsLabel->setText(tlsText);
    // Green for a verified TLS identity, red for anything weaker, so it is noticed.
    m_tlsLabel->setStyleSheet(verified ? u"color: #1a7f37;"_s : u"color: #cf222e; font-weight: bold;"_s);
}

QDockWidget *MainWindow::addPanelDock(
    QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area)
{
    QDockWidget *dock = makeDock(title, objectName, area);
    dock->setWidget(panel);
    QDockWidget *neighbour = area == Qt::LeftDockWidgetArea ? m_branchDock : m_deployDock;
    tabifyDockWidget(neighbour, dock);
    neighbour->raise();
    m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::showStatusMessage(const QString &text)
{
    statusBar()->showMessage(text, 8000);
}

void MainWindow::setApiStatus(const QString &text)
{
    m_apiLabel->setText(text);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(m_components, this);
    dialog.exec();
}

} // namespace Ui

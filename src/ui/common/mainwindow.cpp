#include "ui/common/mainwindow.h"

#include "ui/common/documentarea.h"
#include "ui/common/icons.h"
#include "ui/common/shortcutsdialog.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

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

QAction *menuAction(QMenu *menu, const QString &text, const QString &objectName, const QString &icon = {},
    const QList<QKeySequence> &keys = {})
{
    auto *action = menu->addAction(text);
    action->setObjectName(objectName);
    if (!icon.isEmpty())
        action->setIcon(Icons::get(icon));
    action->setShortcuts(keys);
    return action;
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
    setDocumentMode(true);

    m_documents = new DocumentArea(this);
    m_documents->setObjectName(u"documents"_s);
    setCentralWidget(m_documents);
    connect(m_documents, &DocumentArea::navigationChanged, this, &MainWindow::updateNavigation);
    connect(m_documents, &DocumentArea::documentAdded, this, [this](QWidget *document) { restoreSplitters(document); });
    connect(m_documents, &DocumentArea::aboutToClose, this, [this](QWidget *document) { rememberSplitters(document); });

    m_branchDock = makeDock(tr("Branches"), u"branchDock"_s, Qt::LeftDockWidgetArea);
    m_branchDock->setWidget(emptyState(tr("Organizations, databases and branches appear here once you sign in "
                                          "to PlanetScale or start the local sandbox."),
        m_branchDock));
    m_deployDock = makeDock(tr("Deploy requests"), u"deployRequestDock"_s, Qt::RightDockWidgetArea);
    m_deployDock->setWidget(emptyState(tr("Deploy requests of the selected database appear here."), m_deployDock));
    resizeDocks({ m_branchDock, m_deployDock }, { 260, 320 }, Qt::Horizontal);

    buildMenus();
    buildToolBar();
    buildStatusBar();
    updateNavigation();
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
    connect(menuAction(file, tr("&New SQL Tab"), u"actionNewTab"_s, u"tab-new"_s, { QKeySequence::AddTab }),
        &QAction::triggered, this, &MainWindow::newEditorTabRequested);
    connect(menuAction(file, tr("New &Connection…"), u"actionNewConnection"_s, u"network-connect"_s,
                { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N) }),
        &QAction::triggered, this, &MainWindow::newConnectionRequested);
    connect(menuAction(file, tr("Sa&ved Connections…"), u"actionSavedConnections"_s, u"network-server-database"_s),
        &QAction::triggered, this, &MainWindow::savedConnectionsRequested);
    connect(menuAction(file, tr("&Sign In…"), u"actionSignIn"_s, u"user-identity"_s), &QAction::triggered, this,
        &MainWindow::signInRequested);
    file->addSeparator();
    connect(menuAction(file, tr("&Close Tab"), u"actionCloseDocument"_s, u"dialog-close"_s, { QKeySequence::Close }),
        &QAction::triggered, this, [this] {
            if (QWidget *current = m_documents->current())
                m_documents->close(current);
        });
    auto *quit = menuAction(file, tr("&Quit"), u"actionQuit"_s, u"application-exit"_s, { QKeySequence::Quit });
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    auto *go = menuBar()->addMenu(tr("&Go"));
    connect(
        menuAction(go, tr("&Quick Open…"), u"actionQuickOpen"_s, u"search"_s, { QKeySequence(Qt::CTRL | Qt::Key_K) }),
        &QAction::triggered, this, &MainWindow::quickOpenRequested);
    go->addSeparator();
    connect(menuAction(go, tr("&Back"), u"actionBack"_s, u"go-previous"_s,
                { QKeySequence::Back, QKeySequence(Qt::ALT | Qt::Key_Left) }),
        &QAction::triggered, m_documents, &DocumentArea::goBack);
    connect(menuAction(go, tr("&Forward"), u"actionForward"_s, u"go-next"_s,
                { QKeySequence::Forward, QKeySequence(Qt::ALT | Qt::Key_Right) }),
        &QAction::triggered, m_documents, &DocumentArea::goForward);
    go->addSeparator();
    auto cycle = [this](int step) {
        QTabWidget *tabs = m_documents->tabWidget();
        if (tabs->count() > 1)
            tabs->setCurrentIndex((tabs->currentIndex() + step + tabs->count()) % tabs->count());
    };
    connect(menuAction(go, tr("&Next Tab"), u"actionNextDocument"_s, {}, { QKeySequence(Qt::CTRL | Qt::Key_PageDown) }),
        &QAction::triggered, this, [cycle] { cycle(1); });
    connect(menuAction(
                go, tr("&Previous Tab"), u"actionPreviousDocument"_s, {}, { QKeySequence(Qt::CTRL | Qt::Key_PageUp) }),
        &QAction::triggered, this, [cycle] { cycle(-1); });
    go->addSeparator();
    connect(menuAction(go, tr("Branch &Tree"), u"actionFocusBranches"_s, u"vcs-branch"_s,
                { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B) }),
        &QAction::triggered, this, [this] {
            m_branchDock->show();
            m_branchDock->raise();
            if (m_branchDock->widget())
                m_branchDock->widget()->setFocus();
        });
    connect(menuAction(go, tr("&Deploy Requests"), u"actionFocusDeployRequests"_s, u"vcs-merge-request"_s,
                { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D) }),
        &QAction::triggered, this, [this] {
            m_deployDock->show();
            m_deployDock->raise();
            if (m_deployDock->widget())
                m_deployDock->widget()->setFocus();
        });

    auto *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    view->addAction(m_branchDock->toggleViewAction());
    view->addAction(m_deployDock->toggleViewAction());
    view->addSeparator();
    auto *theme = view->addMenu(Icons::get(u"color-management"_s), tr("&Theme"));
    theme->setObjectName(u"themeMenu"_s);
    m_schemes = new QActionGroup(this);
    const QList<std::pair<Theme::Scheme, QString>> schemes { { Theme::Scheme::System, tr("Follow the &Desktop") },
        { Theme::Scheme::Light, tr("&Light") }, { Theme::Scheme::Dark, tr("&Dark") } };
    for (const auto &[scheme, text] : schemes) {
        auto *action = theme->addAction(text);
        action->setObjectName(u"actionTheme_"_s + Theme::schemeName(scheme));
        action->setCheckable(true);
        action->setChecked(scheme == Theme::scheme());
        action->setData(int(scheme));
        m_schemes->addAction(action);
        connect(action, &QAction::triggered, this, [this, s = scheme] { setScheme(s); });
    }
    view->addSeparator();

    auto *help = menuBar()->addMenu(tr("&Help"));
    connect(menuAction(help, tr("&Keyboard Shortcuts"), u"actionShortcuts"_s, u"input-keyboard"_s,
                { QKeySequence::HelpContents }),
        &QAction::triggered, this, [this] { showShortcuts(); });
    auto *about = menuAction(help, tr("&About Branchdeck"), u"actionAbout"_s, u"help-about"_s);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(help->addAction(tr("About &Qt")), &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::buildToolBar()
{
    m_toolBar = addToolBar(tr("Navigation"));
    m_toolBar->setObjectName(u"mainToolBar"_s);
    m_toolBar->setMovable(false);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_toolBar->addAction(action(u"actionBack"_s));
    m_toolBar->addAction(action(u"actionForward"_s));
    auto *search = new QToolButton(m_toolBar);
    search->setObjectName(u"quickOpenButton"_s);
    search->setDefaultAction(action(u"actionQuickOpen"_s));
    search->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    search->setText(tr("Search branches, deploy requests, tables…   Ctrl+K"));
    search->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    search->setMinimumWidth(fontMetrics().horizontalAdvance(search->text()) + 48);
    m_toolBar->addWidget(search);
    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addAction(action(u"actionNewTab"_s));
    m_toolBar->addAction(action(u"actionSignIn"_s));
    // The quick-open text would change with the action's; keep ours after each update.
    connect(action(u"actionQuickOpen"_s), &QAction::changed, search,
        [search, text = search->text()] { search->setText(text); });
}

void MainWindow::buildStatusBar()
{
    m_connectionLabel = new QLabel(tr("SQL: no tab open"), this);
    m_connectionLabel->setObjectName(u"connectionStatus"_s);
    m_tlsLabel = new QLabel(this);
    m_tlsLabel->setObjectName(u"tlsStatus"_s);
    m_apiLabel = new QLabel(tr("API: not signed in"), this);
    m_apiLabel->setObjectName(u"apiStatus"_s);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_tlsLabel);
    statusBar()->addPermanentWidget(m_apiLabel);
}

void MainWindow::setBranchNavigator(QWidget *panel)
{
    m_branchDock->setWidget(panel);
}

void MainWindow::setDeployRequestNavigator(QWidget *panel)
{
    m_deployDock->setWidget(panel);
}

QDockWidget *MainWindow::addNavigator(
    QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area)
{
    QDockWidget *dock = makeDock(title, objectName, area);
    dock->setWidget(panel);
    QDockWidget *neighbour = area == Qt::LeftDockWidgetArea ? m_branchDock : m_deployDock;
    tabifyDockWidget(neighbour, dock);
    neighbour->raise();
    m_viewMenu->insertAction(m_viewMenu->actions().at(2), dock->toggleViewAction());
    return dock;
}

void MainWindow::setConnectionStatus(const QString &text, const QString &tlsText, bool verified)
{
    m_connectionLabel->setText(text);
    m_tlsLabel->setText(tlsText);
    // A verified TLS identity in the success tone, anything weaker in the danger tone, so it is noticed.
    Theme::setTone(m_tlsLabel, verified ? Tone::Success : Tone::Danger);
    QFont font = m_tlsLabel->font();
    font.setBold(!verified);
    m_tlsLabel->setFont(font);
}

void MainWindow::showStatusMessage(const QString &text)
{
    statusBar()->showMessage(text, 8000);
}

void MainWindow::setApiStatus(const QString &text)
{
    m_apiLabel->setText(text);
}

void MainWindow::setScheme(Theme::Scheme scheme)
{
    Theme::apply(scheme);
    for (QAction *action : m_schemes->actions())
        action->setChecked(Theme::Scheme(action->data().toInt()) == scheme);
}

void MainWindow::saveLayout(QSettings &settings) const
{
    settings.beginGroup(u"window"_s);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, saveState());
    settings.setValue(u"theme"_s, Theme::schemeName(Theme::scheme()));
    rememberSplitters(const_cast<MainWindow *>(this));
    settings.beginGroup(u"splitters"_s);
    for (auto it = m_splitterStates.cbegin(); it != m_splitterStates.cend(); ++it)
        settings.setValue(it.key(), it.value());
    settings.endGroup();
    settings.endGroup();
}

void MainWindow::restoreLayout(QSettings &settings)
{
    settings.beginGroup(u"window"_s);
    if (settings.contains(u"geometry"_s))
        restoreGeometry(settings.value(u"geometry"_s).toByteArray());
    if (settings.contains(u"state"_s))
        restoreState(settings.value(u"state"_s).toByteArray());
    if (settings.contains(u"theme"_s))
        setScheme(Theme::schemeFromName(settings.value(u"theme"_s).toString()));
    settings.beginGroup(u"splitters"_s);
    for (const QString &key : settings.childKeys())
        m_splitterStates.insert(key, settings.value(key).toByteArray());
    settings.endGroup();
    settings.endGroup();
    restoreSplitters(this);
}

namespace {

QList<QSplitter *> splittersOf(QWidget *root)
{
    QList<QSplitter *> splitters = root->findChildren<QSplitter *>();
    if (auto *self = qobject_cast<QSplitter *>(root))
        splitters.prepend(self);
    return splitters;
}

} // namespace

void MainWindow::restoreSplitters(QWidget *root)
{
    for (QSplitter *splitter : splittersOf(root)) {
        const QByteArray state = m_splitterStates.value(splitter->objectName());
        if (!splitter->objectName().isEmpty() && !state.isEmpty())
            splitter->restoreState(state);
    }
}

void MainWindow::rememberSplitters(QWidget *root) const
{
    // Named splitters only: a name says "the same splitter" across documents and launches.
    for (QSplitter *splitter : splittersOf(root)) {
        if (!splitter->objectName().isEmpty() && splitter->isVisible())
            m_splitterStates.insert(splitter->objectName(), splitter->saveState());
    }
}

QAction *MainWindow::action(const QString &objectName) const
{
    for (QAction *a : findChildren<QAction *>()) {
        if (a->objectName() == objectName)
            return a;
    }
    return nullptr;
}

void MainWindow::addShortcutSource(const QString &title, QWidget *sample)
{
    sample->setParent(this);
    sample->hide();
    m_shortcutSources.append({ title, sample });
}

ShortcutsDialog *MainWindow::showShortcuts()
{
    auto *dialog = findChild<ShortcutsDialog *>();
    if (!dialog) {
        dialog = new ShortcutsDialog(this);
        dialog->addMenus(menuBar());
        for (const auto &[title, sample] : std::as_const(m_shortcutSources))
            dialog->addSection(title, sample);
    }
    dialog->show();
    dialog->raise();
    return dialog;
}

void MainWindow::updateNavigation()
{
    if (QAction *back = action(u"actionBack"_s))
        back->setEnabled(m_documents->canGoBack());
    if (QAction *forward = action(u"actionForward"_s))
        forward->setEnabled(m_documents->canGoForward());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    Q_EMIT closing();
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(m_components, this);
    dialog.exec();
}

} // namespace Ui

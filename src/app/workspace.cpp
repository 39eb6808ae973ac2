#include "app/workspace.h"

#include "api/apiclient.h"
#include "app/ddlredirect.h"
#include "sql/connectionpool.h"
#include "store/connectionurl.h"
#include "ui/branches/branchbrowser.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/common/mainwindow.h"
#include "ui/common/profileoptions.h"
#include "ui/common/sandboxlocator.h"
#include "ui/common/signindialog.h"
#include "ui/deployrequests/deployrequestpanel.h"
#include "ui/editor/historypanel.h"
#include "ui/editor/querytab.h"
#include "ui/editor/sqleditor.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace App {

namespace {

Store::ConnectionProfile profileForBranch(const BranchRef &branch, const Sql::ConnectionOptions &options)
{
    Store::ConnectionProfile profile;
    profile.id = branch.target();
    profile.name = branch.database + u'/' + branch.branch;
    profile.host = options.host;
    profile.port = options.port;
    profile.user = options.user;
    profile.database = options.database;
    profile.caFile = options.caFile;
    profile.production = branch.production;
    return profile;
}

} // namespace

Workspace::Workspace(Ui::MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_client(new Api::ApiClient(this))
    , m_ddlRedirect(new DdlRedirect(m_client, window, this))
{
    Sql::ConnectionPool::Settings poolSettings;
    poolSettings.maxConnections = QSettings().value(u"sql/maxConnectionsPerServer"_s, 8).toInt();
    m_pools.setSettings(poolSettings);
    if (auto opened = m_history.open(); !opened.ok())
        m_window->setApiStatus(tr("History unavailable: %1").arg(opened.error().message));
    if (auto opened = m_autosave.open(); !opened.ok())
        m_window->setApiStatus(tr("Autosave unavailable: %1").arg(opened.error().message));

    m_browser = new Ui::BranchBrowser(m_client, window);
    m_deploys = new Ui::DeployRequestPanel(m_client, window);
    m_historyPanel = new Ui::HistoryPanel(&m_history, window);
    window->setBranchPanel(m_browser);
    window->setDeployRequestPanel(m_deploys);
    window->addPanelDock(m_historyPanel, tr("History"), u"historyDock"_s, Qt::LeftDockWidgetArea);

    connect(m_browser, &Ui::BranchBrowser::databaseSelected, m_deploys, &Ui::DeployRequestPanel::setDatabase);
    connect(m_browser, &Ui::BranchBrowser::branchSelected, m_deploys,
        [this](const QString &org, const QString &database, const QString &) {
            if (m_deploys->organization() != org || m_deploys->database() != database)
                m_deploys->setDatabase(org, database);
        });
    connect(m_browser, &Ui::BranchBrowser::deployRequestCreationRequested, m_deploys,
        &Ui::DeployRequestPanel::createDeployRequest);
    connect(m_browser, &Ui::BranchBrowser::sqlEditorRequested, this,
        [this](const QString &org, const QString &database, const QString &branch) {
            const QModelIndex index = m_browser->treeView()->currentIndex();
            const bool production = index.data(Ui::BranchTreeModel::ProductionRole).toBool();
            openBranch(BranchRef { org, database, branch, production });
        });
    connect(m_historyPanel, &Ui::HistoryPanel::entryActivated, this, [this](const QString &text, const QString &) {
        if (auto *tab = qobject_cast<Ui::QueryTab *>(m_window->editorTabs()->currentWidget()))
            tab->editor()->setText(text);
    });
    connect(window, &Ui::MainWindow::editorTabCloseRequested, this, &Workspace::closeTab);
    connect(window, &Ui::MainWindow::newEditorTabRequested, this, &Workspace::newTabLikeCurrent);
    connect(window, &Ui::MainWindow::signInRequested, this, &Workspace::showSignIn);
    connect(m_browser, &Ui::BranchBrowser::signInRequested, this, [this](const QString &message) {
        m_window->setApiStatus(message);
        showSignIn();
    });
}

Workspace::~Workspace()
{
    // Orderly shutdown: the current tabs are the autosave set; tabs closed earlier are gone.
    QList<Store::TabState> states;
    for (int i = 0; i < m_window->editorTabs()->count(); ++i) {
        if (auto *tab = qobject_cast<Ui::QueryTab *>(m_window->editorTabs()->widget(i))) {
            Store::TabState state = tab->state();
            state.position = i;
            states.append(state);
        }
    }
    if (m_autosave.isOpen())
        (void)m_autosave.saveAll(states);
}

Ui::QueryTab *Workspace::openDirect(const Store::ConnectionProfile &profile, const QString &password)
{
    return addTab(profile, Ui::ProfileOptions::from(profile, password));
}

Ui::QueryTab *Workspace::addTab(
    const Store::ConnectionProfile &profile, const Sql::ConnectionOptions &options, QObject *owned)
{
    std::shared_ptr<Sql::ConnectionPool> pool = m_pools.pool(options); // shared with the server's other tabs
    auto *tab = new Ui::QueryTab(pool.get(), profile);
    if (owned)
        owned->setParent(tab);
    tab->setHistory(&m_history);
    if (m_autosave.isOpen())
        tab->setAutosave(&m_autosave);
    m_tabs.insert(tab, TabBinding { options, pool });
    // After the tab (its run and lease) is gone; the pool goes with the server's last tab.
    connect(tab, &QObject::destroyed, this, [this, tab] { m_tabs.remove(tab); });
    connect(pool.get(), &Sql::ConnectionPool::connectionOpened, tab, [this, profile](const Sql::ConnectionInfo &info) {
        showConnection(profile, info.serverVersion, info.tlsVersion, info.tlsCipher);
    });
    connect(tab, &Ui::QueryTab::runFinished, m_historyPanel, &Ui::HistoryPanel::refresh);
    connect(tab, &Ui::QueryTab::statusMessageChanged, m_window,
        [this](const QString &message) { m_window->showStatusMessage(message); });
    const int index = m_window->addEditorTab(tab, tab->title());
    if (QColor color = tab->titleColor(); color.isValid())
        m_window->editorTabs()->tabBar()->setTabTextColor(index, color);
    connect(tab, &Ui::QueryTab::titleChanged, m_window, [this, tab] {
        const int i = m_window->editorTabs()->indexOf(tab);
        if (i >= 0)
            m_window->editorTabs()->setTabText(i, tab->title());
    });
    tab->editor()->setFocus();
    Q_EMIT tabOpened(tab);
    return tab;
}

void Workspace::closeTab(int index)
{
    auto *tab = qobject_cast<Ui::QueryTab *>(m_window->editorTabs()->widget(index));
    if (!tab)
        return;
    if (tab->isRunning())
        tab->cancel();
    tab->saveNow();
    if (m_autosave.isOpen())
        (void)m_autosave.remove(tab->id());
    m_window->editorTabs()->removeTab(index);
    tab->deleteLater(); // its branch password is deleted with it; the pool goes with the server's last tab
}

void Workspace::newTabLikeCurrent()
{
    auto *current = qobject_cast<Ui::QueryTab *>(m_window->editorTabs()->currentWidget());
    if (!current) {
        QMessageBox::information(m_window, tr("New SQL tab"),
            tr("Open a branch from the branch browser (right click › Open SQL editor) or "
               "start Branchdeck with --url to connect to a server."));
        return;
    }
    if (current->profile().id.startsWith(u"branch:"_s)) {
        const QStringList parts = current->profile().id.mid(7).split(u'/');
        if (parts.size() == 3)
            openBranch(BranchRef { parts[0], parts[1], parts[2], current->profile().production });
        return;
    }
    addTab(current->profile(), m_tabs.value(current).options);
}

void Workspace::restoreTabs()
{
    if (!m_autosave.isOpen())
        return;
    auto loaded = m_autosave.load();
    if (!loaded.ok())
        return;
    auto *current = qobject_cast<Ui::QueryTab *>(m_window->editorTabs()->currentWidget());
    for (const Store::TabState &state : loaded.value()) {
        if (current && state.target == current->profile().id && current->editor()->text().isEmpty()) {
            current->restore(state); // the tab we just opened on the same target takes the saved text
            continue;
        }
        // A tab whose target cannot be reconnected without a password still gets its text back; running
        // then reports the connection error instead of losing what was typed.
        auto parsed = Store::ConnectionUrl::parse(state.target);
        Store::ConnectionProfile profile = parsed.ok() ? parsed.value().profile : Store::ConnectionProfile {};
        profile.id = state.target;
        if (profile.name.isEmpty())
            profile.name = state.title;
        Sql::ConnectionOptions options = current && state.target == current->profile().id
            ? m_tabs.value(current).options
            : Ui::ProfileOptions::from(profile, {});
        auto *tab = addTab(profile, options);
        tab->restore(state);
    }
}

void Workspace::watchRefusedDdl(Ui::QueryTab *tab, const BranchRef &branch)
{
    if (!branch.production)
        return;
    connect(tab, &Ui::QueryTab::statementFailed, this, [this, branch](const Sql::StatementError &error) {
        const QString statement = error.text.trimmed(); // as submitted, not as the editor reads now
        if (!DdlRedirect::isRefusedDdl(branch, statement, error.errorNumber, error.message))
            return;
        // After the failure has been shown in the tab, not in the middle of the run.
        QTimer::singleShot(0, this, [this, branch, statement] {
            m_ddlRedirect->offer(branch, statement, [this](const BranchRef &created, const QString &ddl) {
                m_browser->model()->reload();
                offerDeployRequestAfterDdl(created);
                openBranch(created, u"admin"_s,
                    tr("-- Development branch of %1. Run the change here (Ctrl+Enter); a deploy request\n"
                       "-- into its parent is offered as soon as the change succeeds.\n")
                            .arg(created.database)
                        + ddl + u";\n"_s);
            });
        });
    });
}

void Workspace::offerDeployRequestAfterDdl(const BranchRef &branch)
{
    // The development branch's tab opens asynchronously (the password is minted first): catch it when it
    // does, then open the deploy-request dialog after the first schema change that succeeds there.
    auto *once = new QObject(this);
    connect(this, &Workspace::tabOpened, once, [this, once, branch](Ui::QueryTab *tab) {
        if (tab->profile().id != branch.target())
            return;
        once->deleteLater();
        auto *offered = new QObject(tab);
        connect(tab, &Ui::QueryTab::statementFinished, offered,
            [this, offered, branch](const Sql::StatementSummary &summary) {
                if (!DdlRedirect::isSchemaChange(summary.text))
                    return;
                offered->deleteLater();
                m_deploys->createDeployRequest(branch.org, branch.database, branch.branch);
            });
    });
}

void Workspace::showConnection(const Store::ConnectionProfile &profile, const QString &serverVersion,
    const QString &tlsVersion, const QString &cipher)
{
    const QString where = tr("%1@%2:%3 — %4").arg(profile.user, profile.host).arg(profile.port).arg(serverVersion);
    if (tlsVersion.isEmpty())
        m_window->setConnectionStatus(where, tr("PLAINTEXT (no TLS)"), false);
    else
        m_window->setConnectionStatus(where, tr("%1 %2 · verified").arg(tlsVersion, cipher), true);
}

bool Workspace::signInToSandbox()
{
    const QString path = Ui::SandboxLocator::find();
    if (path.isEmpty())
        return false;
    auto info = Ui::SandboxLocator::read(path);
    if (!info.ok()) {
        m_window->setApiStatus(tr("Sandbox: %1").arg(info.error().message));
        return false;
    }
    Ui::SignInSession session;
    session.kind = Ui::SignInSession::Kind::Sandbox;
    session.apiUrl = info->apiUrl;
    session.credentials = Api::Credentials::serviceToken(info->serviceTokenId, info->serviceToken, u"sandbox"_s);
    session.defaultOrganization = u"local"_s;
    session.caFile = info->caFile;
    session.description = tr("local sandbox at %1").arg(info->apiUrl.toDisplayString());
    signIn(session);
    return true;
}

void Workspace::showSignIn()
{
    auto *dialog = new Ui::SignInDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &Ui::SignInDialog::signedIn, this, &Workspace::signIn);
    dialog->open();
}

void Workspace::signIn(const Ui::SignInSession &session)
{
    m_client->setBaseUrl(session.apiUrl);
    m_client->setCredentials(session.credentials);
    m_sandboxCa = session.caFile;
    m_window->setApiStatus(tr("API: %1").arg(session.description));
    m_browser->setDefaultOrganization(session.defaultOrganization);
    m_browser->model()->reload();
    Q_EMIT signedIn(session.description);
}

void Workspace::openBranch(const BranchRef &branch)
{
    // Least privilege by default: a production branch opens read-only unless the user picks otherwise.
    const QStringList roles { u"reader"_s, u"writer"_s, u"readwriter"_s, u"admin"_s };
    bool ok = false;
    const QString role = QInputDialog::getItem(m_window, tr("Open SQL editor on %1").arg(branch.branch),
        tr("Password role for this tab:"), roles, branch.production ? 0 : 2, false, &ok);
    if (ok)
        openBranch(branch, role);
}

void Workspace::openBranch(const BranchRef &branch, const QString &role, const QString &text)
{
    auto *connector = new BranchConnector(m_client, branch, m_sandboxCa, this);
    m_window->showStatusMessage(tr("Creating a %1 password for %2…").arg(role, branch.branch));
    connector->open(role, 3600, [this, connector, branch, text](Core::Result<Sql::ConnectionOptions> options) {
        if (!options.ok()) {
            QMessageBox::warning(m_window, tr("Cannot open %1").arg(branch.branch), options.error().toString());
            connector->deleteLater();
            return;
        }
        Store::ConnectionProfile profile = profileForBranch(branch, options.value());
        profile.name = tr("%1 (%2)").arg(profile.name, connector->password().role);
        Ui::QueryTab *tab = addTab(profile, options.value(), connector);
        if (!text.isEmpty())
            tab->editor()->setText(text);
        watchRefusedDdl(tab, branch);
    });
}

} // namespace App

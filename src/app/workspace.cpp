#include "app/workspace.h"

#include "api/apiclient.h"
#include "api/sandboxlocator.h"
#include "app/branchddlrunner.h"
#include "app/ddlredirect.h"
#include "app/documentopener.h"
#include "app/profileoptions.h"
#include "app/quickopener.h"
#include "app/savedconnections.h"
#include "app/sqltabs.h"
#include "app/tablerowcounter.h"
#include "app/tabreconnector.h"
#include "core/sqlclassifier.h"
#include "sql/connectionpool.h"
#include "store/connectionurl.h"
#include "ui/branches/backupsview.h"
#include "ui/branches/branchbrowser.h"
#include "ui/branches/branchschemaview.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/branches/passwordsview.h"
#include "ui/common/documentarea.h"
#include "ui/common/mainwindow.h"
#include "ui/common/signindialog.h"
#include "ui/common/welcomepage.h"
#include "ui/deployrequests/deployrequestlistmodel.h"
#include "ui/deployrequests/deployrequestpanel.h"
#include "ui/editor/historypanel.h"
#include "ui/editor/querytab.h"
#include "ui/editor/sqleditor.h"
#include "ui/insights/insightsdocument.h"
#include "ui/insights/patterndetail.h"

#include <QAction>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace App {

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

    m_browser = new Ui::BranchBrowser(m_client, window);
    m_deploys = new Ui::DeployRequestPanel(m_client, window);
    m_historyPanel = new Ui::HistoryPanel(&m_history, window);
    m_sqlTabs = new SqlTabs(window, m_client, &m_history, &m_pools, this);
    m_saved = new SavedConnections(window, m_sqlTabs, this);
    m_sqlTabs->setHistoryPanel(m_historyPanel);
    window->setBranchNavigator(m_browser);
    window->setDeployRequestNavigator(m_deploys);
    window->addNavigator(m_historyPanel, tr("History"), u"historyDock"_s, Qt::LeftDockWidgetArea);
    connect(m_sqlTabs, &SqlTabs::tabOpened, this, [this](Ui::QueryTab *tab) {
        Store::TabState state;
        state.target = tab->profile().id;
        state.production = tab->profile().production;
        if (const auto branch = TabReconnector::branchOf(state)) {
            watchRefusedDdl(tab, *branch);
            addShowInInsights(tab, *branch);
            // A schema change that succeeded in the tab makes the branch's schema views stale.
            connect(tab, &Ui::QueryTab::schemaChanged, m_browser,
                [this, b = *branch] { m_browser->refreshSchema(b.org, b.database, b.branch); });
        }
        Q_EMIT tabOpened(tab);
    });

    m_rowCounter = new TableRowCounter(m_client, &m_pools, this);
    m_documents = new DocumentOpener(window, m_client, m_browser, m_deploys, m_rowCounter, this);
    // Insights, passwords and backups come back with the session; whether the branch is production is known
    // once the tree has it.
    auto productionOf = [this](const QString &org, const QString &database, const QString &branch) {
        return m_browser->model()
            ->branchIndex(org, database, branch)
            .data(Ui::BranchTreeModel::ProductionRole)
            .toBool();
    };
    m_documents->setBranchDocumentOpener(
        u"insights"_s, [this, productionOf](const QString &org, const QString &database, const QString &branch) {
            return openInsights(BranchRef { org, database, branch, productionOf(org, database, branch) });
        });
    m_documents->setBranchDocumentOpener(
        u"passwords"_s, [this, productionOf](const QString &org, const QString &database, const QString &branch) {
            return openPasswords(org, database, branch, productionOf(org, database, branch));
        });
    m_documents->setBranchDocumentOpener(
        u"backups"_s, [this](const QString &org, const QString &database, const QString &branch) {
            return openBackups(org, database, branch);
        });
    connect(m_deploys, &Ui::DeployRequestPanel::deployRequestOpened, m_documents,
        [this](const QString &org, const QString &database, const Core::DeployRequest &request) {
            m_documents->openDeployRequest(org, database, request);
        });
    connect(m_deploys, &Ui::DeployRequestPanel::queueRequested, m_documents,
        [this](const QString &org, const QString &database) { m_documents->openDeployQueue(org, database); });
    connect(m_deploys, &Ui::DeployRequestPanel::recommendationsRequested, m_documents,
        [this](const QString &org, const QString &database) { m_documents->openRecommendations(org, database); });
    m_ddlRunner = new BranchDdlRunner(m_client, &m_pools, this);
    m_documents->setDdlRunner([this](const QString &org, const QString &database, const QString &branch,
                                  const QString &ddl, std::function<void(Core::Result<void>)> done) {
        m_ddlRunner->run(BranchRef { org, database, branch, false }, ddl, std::move(done));
    });
    connect(m_browser, &Ui::BranchBrowser::branchActivated, m_documents,
        [this](const QString &org, const QString &database, const QString &branch) {
            m_documents->openSchema(org, database, branch);
        });
    connect(m_browser, &Ui::BranchBrowser::keyspaceActivated, m_documents,
        [this](const QString &org, const QString &database, const QString &branch, const QString &keyspace) {
            if (Ui::BranchSchemaView *schema = m_documents->openSchema(org, database, branch))
                schema->showKeyspace(keyspace);
        });
    connect(m_browser, &Ui::BranchBrowser::comparisonRequested, m_documents,
        [this](const QString &org, const QString &database, const QString &base, const QString &head) {
            m_documents->openComparison(org, database, base, head);
        });
    connect(m_documents, &DocumentOpener::deployRequestCreationRequested, m_deploys,
        &Ui::DeployRequestPanel::createDeployRequest);
    connect(m_documents, &DocumentOpener::sqlEditorRequested, this,
        [this](const QString &org, const QString &database, const QString &branch) {
            const QModelIndex index = m_browser->model()->branchIndex(org, database, branch);
            openBranch(BranchRef { org, database, branch, index.data(Ui::BranchTreeModel::ProductionRole).toBool() });
        });

    m_quickOpener = new QuickOpener(window, m_client, m_browser, m_deploys, m_documents, this);
    connect(window, &Ui::MainWindow::quickOpenRequested, this, [this] { showQuickOpen(); });

    connect(m_browser, &Ui::BranchBrowser::databaseSelected, m_deploys, &Ui::DeployRequestPanel::setDatabase);
    // The status bar names the organization being worked in, as picked in the tree.
    connect(m_browser, &Ui::BranchBrowser::databaseSelected, this,
        [this](const QString &org, const QString &) { showApiStatus(org); });
    connect(m_browser, &Ui::BranchBrowser::branchSelected, this,
        [this](const QString &org, const QString &, const QString &) { showApiStatus(org); });
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
    connect(m_browser, &Ui::BranchBrowser::passwordsRequested, this,
        [this](const QString &org, const QString &database, const QString &branch, bool production) {
            openPasswords(org, database, branch, production);
        });
    connect(m_browser, &Ui::BranchBrowser::backupsRequested, this,
        [this](const QString &org, const QString &database, const QString &branch) {
            openBackups(org, database, branch);
        });
    connect(m_browser, &Ui::BranchBrowser::insightsRequested, this,
        [this](const QString &org, const QString &database, const QString &branch) {
            const QModelIndex index = m_browser->treeView()->currentIndex();
            const bool production = index.data(Ui::BranchTreeModel::ProductionRole).toBool();
            openInsights(BranchRef { org, database, branch, production });
        });
    connect(m_historyPanel, &Ui::HistoryPanel::entryActivated, this, [this](const QString &text, const QString &) {
        if (auto *tab = m_sqlTabs->currentTab())
            tab->editor()->setText(text);
    });
    connect(window, &Ui::MainWindow::newEditorTabRequested, m_sqlTabs, &SqlTabs::newTabLikeCurrent);
    connect(window, &Ui::MainWindow::signInRequested, this, [this] { showSignIn(); });
    connect(m_browser, &Ui::BranchBrowser::signInRequested, this, [this](const QString &message) {
        m_window->setApiStatus(message);
        showSignIn();
    });

    // Until something is signed in, the centre offers the ways in rather than an empty tab area.
    auto *welcome = new Ui::WelcomePage;
    connect(
        welcome, &Ui::WelcomePage::signInRequested, this, [this](Ui::SignInSession::Kind kind) { showSignIn(kind); });
    connect(welcome, &Ui::WelcomePage::directConnectionRequested, m_window, &Ui::MainWindow::newConnectionRequested);
    m_window->documents()->setEmptyWidget(welcome);
}

Workspace::~Workspace()
{
    // Orderly shutdown: the open tabs are the autosave set; tabs closed earlier are gone.
    m_sqlTabs->saveAll();
}

Ui::QuickOpenDialog *Workspace::showQuickOpen()
{
    return m_quickOpener->show();
}

void Workspace::openItem(const Ui::QuickOpenItem &item)
{
    m_quickOpener->open(item);
}

void Workspace::saveDocuments()
{
    QSettings settings;
    settings.setValue(u"session/documents"_s, m_documents->openKeys());
    settings.setValue(u"session/current"_s, m_window->documents()->keyOf(m_window->documents()->current()));
}

void Workspace::restoreDocuments()
{
    QSettings settings;
    const QStringList keys = settings.value(u"session/documents"_s).toStringList();
    QWidget *current = m_window->documents()->current();
    for (const QString &key : keys)
        m_documents->open(key);
    const QString wanted = settings.value(u"session/current"_s).toString();
    if (QWidget *doc = m_window->documents()->document(wanted))
        m_window->documents()->focus(doc);
    else if (current)
        m_window->documents()->focus(current);
}

Ui::QueryTab *Workspace::openDirect(const Store::ConnectionProfile &profile, const QString &password)
{
    return m_sqlTabs->openDirect(profile, password);
}

int Workspace::restoreTabs()
{
    return m_sqlTabs->restore();
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
            m_ddlRedirect->offer(branch, statement,
                [this](const BranchRef &created, const QString &ddl) { openDevelopmentBranch(created, ddl); });
        });
    });
}

void Workspace::openDevelopmentBranch(const BranchRef &created, const QString &ddl)
{
    m_browser->model()->reload();
    offerDeployRequestAfterDdl(created);
    openBranch(created, u"admin"_s,
        tr("-- Development branch of %1. Run the change here (Ctrl+Enter); a deploy request\n"
           "-- into its parent is offered as soon as the change succeeds.\n")
                .arg(created.database)
            + ddl + u";\n"_s);
}

void Workspace::addShowInInsights(Ui::QueryTab *tab, const BranchRef &branch)
{
    auto *show = new QAction(tr("Show in Insights"), tab->editor());
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    show->setShortcutContext(Qt::WidgetShortcut);
    connect(show, &QAction::triggered, this, [this, tab, branch] {
        const auto statement = tab->editor()->statementAtCursor();
        if (!statement || statement->text.trimmed().isEmpty())
            return m_window->showStatusMessage(tr("Put the cursor on a statement to find its pattern in Insights."));
        openInsights(branch)->showStatement(statement->text);
    });
    tab->editor()->addAction(show);
    tab->editor()->addContextMenuAction(show);
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
                if (!Core::SqlClassifier::classify(summary.text).changesSchema())
                    return;
                offered->deleteLater();
                m_deploys->createDeployRequest(branch.org, branch.database, branch.branch);
            });
    });
}

bool Workspace::signInToSandbox()
{
    const QString path = Api::SandboxLocator::find();
    if (path.isEmpty())
        return false;
    auto info = Api::SandboxLocator::read(path);
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

void Workspace::showSignIn(std::optional<Ui::SignInSession::Kind> kind)
{
    auto *dialog = new Ui::SignInDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (kind)
        dialog->setKind(*kind);
    connect(dialog, &Ui::SignInDialog::signedIn, this, &Workspace::signIn);
    dialog->open();
}

void Workspace::signIn(const Ui::SignInSession &session)
{
    m_client->setBaseUrl(session.apiUrl);
    m_client->setCredentials(session.credentials);
    m_sqlTabs->setSandboxCa(session.caFile);
    m_rowCounter->setSandboxCa(session.caFile);
    m_ddlRunner->setSandboxCa(session.caFile);
    m_apiDescription = session.description;
    m_apiOrganization.clear(); // another session: its own organization
    showApiStatus(session.defaultOrganization);
    m_browser->setDefaultOrganization(session.defaultOrganization);
    m_browser->model()->reload();
    m_sqlTabs->reconnectAll();
    m_window->documents()->setEmptyWidget(emptyHint());
    Q_EMIT signedIn(session.description);
}

void Workspace::showApiStatus(const QString &organization)
{
    if (m_apiDescription.isEmpty())
        return; // not signed in: the window's own text stands
    if (!organization.isEmpty())
        m_apiOrganization = organization;
    m_window->setApiStatus(m_apiOrganization.isEmpty()
            ? tr("API: %1").arg(m_apiDescription)
            : tr("API: %1 · organization %2").arg(m_apiDescription, m_apiOrganization));
}

QWidget *Workspace::emptyHint() const
{
    auto *hint = new QLabel(tr("Open a branch or a deploy request from the navigators, or press Ctrl+K to open "
                               "anything by name.\nCtrl+T opens a new SQL tab."));
    hint->setObjectName(u"documentsHint"_s);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    return hint;
}

void Workspace::startOn(const QString &org, const QString &database)
{
    // Only a window that came back empty: a restored session is where the user left off.
    if (!m_documents->openKeys().isEmpty())
        return;
    const bool firstRun = !QSettings().contains(u"session/documents"_s);
    auto *waiter = new QObject(this);
    // The tree loads lazily: select the database as soon as it is there (the list follows the selection),
    // then open its first open deploy request once the list has it.
    auto select = [this, waiter, org, database, firstRun] {
        if (!m_browser->model()->databaseIndex(org, database).isValid() || !m_browser->selectDatabase(org, database))
            return;
        disconnect(m_browser->model(), nullptr, waiter, nullptr); // no more attempts
        if (m_deploys->organization() != org || m_deploys->database() != database)
            m_deploys->setDatabase(org, database);
        if (!firstRun)
            return waiter->deleteLater();
        auto openFirst = [this, waiter] {
            waiter->deleteLater();
            Ui::DeployRequestListModel *list = m_deploys->model();
            qint64 first = 0;
            for (int row = 0; row < list->rowCount(); ++row) {
                const Core::DeployRequest &request = list->request(row);
                if (request.state == u"open"_s && (first == 0 || request.number < first))
                    first = request.number;
            }
            if (first > 0 && m_documents->openKeys().isEmpty())
                m_deploys->selectDeployRequest(first);
        };
        if (m_deploys->model()->rowCount() > 0) // the list was on this database already
            openFirst();
        else
            connect(m_deploys, &Ui::DeployRequestPanel::listLoaded, waiter, openFirst);
    };
    Ui::BranchTreeModel *model = m_browser->model();
    connect(model, &QAbstractItemModel::rowsInserted, waiter, select);
    connect(model, &QAbstractItemModel::modelReset, waiter, select);
    QTimer::singleShot(std::chrono::minutes(1), waiter, &QObject::deleteLater); // never waits forever
    select();
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

Ui::PasswordsView *Workspace::openPasswords(
    const QString &org, const QString &database, const QString &branch, bool production)
{
    const QString ca = m_sqlTabs->sandboxCa();
    return qobject_cast<Ui::PasswordsView *>(m_window->documents()->open(
        Ui::PasswordsView::keyFor(org, database, branch), [this, org, database, branch, production, ca] {
            auto *view = new Ui::PasswordsView(m_client, org, database, branch, production, ca);
            connect(view, &Ui::PasswordsView::actionFinished, m_window,
                [this](bool, const QString &message) { m_window->showStatusMessage(message); });
            return view;
        }));
}

Ui::BackupsView *Workspace::openBackups(const QString &org, const QString &database, const QString &branch)
{
    return qobject_cast<Ui::BackupsView *>(
        m_window->documents()->open(Ui::BackupsView::keyFor(org, database, branch), [this, org, database, branch] {
            auto *view = new Ui::BackupsView(m_client, org, database, branch);
            connect(view, &Ui::BackupsView::actionFinished, m_window,
                [this](bool, const QString &message) { m_window->showStatusMessage(message); });
            // The restored branch shows up in the tree like one made with New branch.
            connect(view, &Ui::BackupsView::branchRestored, this,
                [this, org, database](const Core::Branch &) { m_browser->model()->reloadDatabase(org, database); });
            return view;
        }));
}

Ui::InsightsDocument *Workspace::openInsights(const BranchRef &branch)
{
    QWidget *document = m_window->documents()->open(
        Ui::InsightsDocument::keyFor(branch.org, branch.database, branch.branch), [this, branch] {
            auto *insights = new Ui::InsightsDocument(m_client, branch.org, branch.database, branch.branch);
            // A pattern opens in a new editor on the branch: reads with a reader password, anything else
            // with readwriter (never admin: a pattern is DML, not a schema change).
            connect(insights, &Ui::InsightsDocument::openInEditorRequested, this,
                [this, branch](const QString &sql, const QString &statementType) {
                    const bool reads = statementType.compare(u"SELECT"_s, Qt::CaseInsensitive) == 0;
                    openBranch(branch, reads ? u"reader"_s : u"readwriter"_s,
                        tr("-- From Query Insights: replace each ? with a value.\n") + sql + u";\n"_s);
                });
            // Explain runs through the branch's reader (it cannot change anything); the suggested index is
            // tried on a new branch off this one, which leads to a deploy request.
            insights->detail()->setExplainer(
                [this, branch](const QString &sql, QObject *context, std::function<void(Core::Result<QString>)> done) {
                    m_rowCounter->explain(branch, sql, context, std::move(done));
                });
            connect(insights->detail(), &Ui::PatternDetail::tryOnNewBranchRequested, this,
                [this, branch](const QString &ddl, const QString &table) {
                    m_ddlRedirect->offer(
                        branch, ddl,
                        [this](const BranchRef &created, const QString &statement) {
                            openDevelopmentBranch(created, statement);
                        },
                        tr("Try the index on %1 in a development branch of %2, then review it as a deploy request."
                           " Name of the new branch:")
                            .arg(table, branch.branch));
                });
            return insights;
        });
    return qobject_cast<Ui::InsightsDocument *>(document);
}

void Workspace::openBranch(const BranchRef &branch, const QString &role, const QString &text)
{
    m_sqlTabs->openBranch(branch, role, text);
}

} // namespace App

#include "app/sqltabs.h"

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "app/profileoptions.h"
#include "app/tabreconnector.h"
#include "sql/connectionpool.h"
#include "sql/poolregistry.h"
#include "store/connectionurl.h"
#include "store/profilestore.h"
#include "ui/common/documentarea.h"
#include "ui/common/icons.h"
#include "ui/common/mainwindow.h"
#include "ui/editor/disconnectedtab.h"
#include "ui/editor/historypanel.h"
#include "ui/editor/querytab.h"
#include "ui/editor/sqleditor.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace App {

namespace {

QString titleOf(const Store::TabState &state)
{
    if (!state.title.isEmpty())
        return state.title;
    if (const auto branch = TabReconnector::branchOf(state))
        return u"%1/%2 (%3)"_s.arg(branch->database, branch->branch, state.role.isEmpty() ? u"reader"_s : state.role);
    return state.target;
}

} // namespace

SqlTabs::SqlTabs(
    Ui::MainWindow *window, Api::ApiClient *client, Store::History *history, Sql::PoolRegistry *pools, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_client(client)
    , m_history(history)
    , m_pools(pools)
    , m_reconnector(new TabReconnector(client, this))
{
    if (auto opened = m_autosave.open(); !opened.ok())
        m_window->setApiStatus(tr("Autosave unavailable: %1").arg(opened.error().message));
    connect(window->documents(), &Ui::DocumentArea::aboutToClose, this, &SqlTabs::onAboutToClose);
    connect(window->documents(), &Ui::DocumentArea::currentChanged, this, [this] { showCurrentConnection(); });
    showCurrentConnection();
}

void SqlTabs::setSandboxCa(const QString &caFile)
{
    m_sandboxCa = caFile;
    m_reconnector->setSandboxCa(caFile);
}

Ui::QueryTab *SqlTabs::addTab(const Store::ConnectionProfile &profile, const Sql::ConnectionOptions &options,
    QObject *owned, Ui::DisconnectedTab *replacing)
{
    std::shared_ptr<Sql::ConnectionPool> pool = m_pools->pool(options); // shared with the server's other tabs
    auto *tab = new Ui::QueryTab(pool.get(), profile);
    if (owned)
        owned->setParent(tab);
    if (auto *connector = qobject_cast<BranchConnector *>(owned)) {
        connect(connector, &BranchConnector::renewalFailed, m_window, [this, tab](const QString &message) {
            m_window->showStatusMessage(tr("Could not renew the password of %1: %2 — the tab loses its connection "
                                           "when the password expires; reconnect it then.")
                                            .arg(tab->title(), message));
        });
    }
    Store::TabState where;
    where.target = profile.id;
    where.production = profile.production;
    if (const auto branch = TabReconnector::branchOf(where)) {
        // Branch tabs on a branch with replicas choose between the primary and the replicas; the other one
        // opens in a new tab. A tab already on the replicas always shows where it is.
        const auto *connector = qobject_cast<BranchConnector *>(owned);
        const bool onReplica = profile.role == BranchConnector::replicaRole();
        if (onReplica || (connector && connector->branch().hasReplicas))
            tab->enableTargetChoice(onReplica);
        connect(
            tab, &Ui::QueryTab::targetSwitchRequested, this, [this, ref = *branch](bool replica, const QString &text) {
                openBranch(ref, replica ? BranchConnector::replicaRole() : u"reader"_s, text);
            });
    }
    tab->setHistory(m_history);
    if (replacing) {
        tab->restore(replacing->state());
        replacing->stopSaving();
    }
    if (m_autosave.isOpen())
        tab->setAutosave(&m_autosave);
    TabBinding binding { options, pool, std::nullopt };
    for (const TabBinding &other : std::as_const(m_tabs)) {
        if (other.pool == pool && other.connection) // a server's pool already connected for another tab
            binding.connection = other.connection;
    }
    m_tabs.insert(tab, binding);
    // After the tab (its run and lease) is gone; the pool goes with the server's last tab.
    connect(tab, &QObject::destroyed, this, [this, tab] {
        m_tabs.remove(tab);
        showCurrentConnection();
    });
    connect(pool.get(), &Sql::ConnectionPool::connectionOpened, this,
        [this, p = pool.get()](const Sql::ConnectionInfo &info) { onConnectionOpened(p, info); });
    if (m_historyPanel)
        connect(tab, &Ui::QueryTab::runFinished, m_historyPanel, &Ui::HistoryPanel::refresh);
    connect(tab, &Ui::QueryTab::statusMessageChanged, m_window,
        [this](const QString &message) { m_window->showStatusMessage(message); });
    tab->setWindowTitle(tab->title());
    tab->setWindowIcon(Ui::Icons::get(u"code-context"_s));
    tab->setToolTip(tr("%1 — %2@%3:%4").arg(tab->title(), profile.user, profile.host).arg(profile.port));
    tab->setProperty("production", profile.production);
    connect(tab, &Ui::QueryTab::titleChanged, tab, [tab] { tab->setWindowTitle(tab->title()); });
    if (replacing)
        m_window->documents()->replace(replacing, tab);
    else
        m_window->documents()->add(tab, keyOf(tab->id()));
    tab->editor()->setFocus();
    if (replacing) {
        tab->saveNow(); // the row now carries this tab's identity
        Q_EMIT tabRestored(tab);
    }
    Q_EMIT tabOpened(tab);
    return tab;
}

Ui::QueryTab *SqlTabs::openDirect(const Store::ConnectionProfile &profile, const QString &password)
{
    for (Ui::DisconnectedTab *waiting : disconnectedTabs()) {
        if (waiting->target() == profile.id)
            return addTab(profile, App::ProfileOptions::from(profile, password), nullptr, waiting);
    }
    return addTab(profile, App::ProfileOptions::from(profile, password));
}

void SqlTabs::openBranch(const BranchRef &branch, const QString &role, const QString &text)
{
    // The branch first: whether it has replicas decides what the tab offers.
    m_window->showStatusMessage(tr("Looking up %1…").arg(branch.branch));
    Api::BranchesResource(m_client).get(
        branch.org, branch.database, branch.branch, this, [this, branch, role, text](Api::ApiResult<Core::Branch> r) {
            BranchRef known = branch;
            if (r) {
                known.production = branch.production || r->production;
                known.hasReplicas = r->hasReplicas;
            }
            openBranchAs(known, role, text);
        });
}

void SqlTabs::openBranchAs(const BranchRef &branch, const QString &role, const QString &text)
{
    auto *connector = new BranchConnector(m_client, branch, m_sandboxCa, this);
    m_window->showStatusMessage(tr("Creating a %1 password for %2…").arg(role, branch.branch));
    connector->open(role, 3600, [this, connector, branch, role, text](Core::Result<Sql::ConnectionOptions> options) {
        if (!options.ok()) {
            QMessageBox::warning(m_window, tr("Cannot open %1").arg(branch.branch), options.error().toString());
            connector->deleteLater();
            return;
        }
        const Store::ConnectionProfile profile = TabReconnector::profileForBranch(branch, role, options.value());
        Ui::QueryTab *tab = addTab(profile, options.value(), connector);
        if (!text.isEmpty())
            tab->editor()->setText(text);
    });
}

void SqlTabs::newTabLikeCurrent()
{
    Ui::QueryTab *current = currentTab();
    if (!current) {
        QMessageBox::information(m_window, tr("New SQL tab"),
            tr("Open a branch from the branch tree (right click › Open SQL Editor), or connect to a server with "
               "File › New Connection… or File › Saved Connections…."));
        return;
    }
    Store::TabState state;
    state.target = current->profile().id;
    state.production = current->profile().production;
    if (const auto branch = TabReconnector::branchOf(state)) {
        openBranch(*branch, current->profile().role.isEmpty() ? u"reader"_s : current->profile().role);
        return;
    }
    addTab(current->profile(), m_tabs.value(current).options);
}

int SqlTabs::restore()
{
    if (!m_autosave.isOpen())
        return 0;
    const auto loaded = m_autosave.load();
    if (!loaded.ok()) {
        m_window->showStatusMessage(loaded.error().toString());
        return 0;
    }
    int restored = 0;
    for (Store::TabState state : loaded.value()) {
        if (state.id.isEmpty() || m_window->documents()->document(keyOf(state.id)))
            continue; // already open: never a second tab for the same saved one
        state.title = titleOf(state);
        auto *tab = new Ui::DisconnectedTab(state, &m_autosave);
        connect(tab, &Ui::DisconnectedTab::retryRequested, this, [this, tab] {
            if (tab->retryButton()->text() == tr("Connect…"))
                askPasswordAndConnect(tab);
            else
                reconnect(tab);
        });
        m_window->documents()->add(tab, keyOf(state.id), restored == 0 && !m_window->documents()->current());
        reconnect(tab);
        ++restored;
    }
    return restored;
}

void SqlTabs::reconnectAll()
{
    for (Ui::DisconnectedTab *tab : disconnectedTabs()) {
        if (!tab->isConnecting())
            reconnect(tab);
    }
}

void SqlTabs::reconnect(Ui::DisconnectedTab *tab)
{
    tab->showConnecting(tr("Reconnecting to %1…").arg(tab->windowTitle()));
    QPointer<Ui::DisconnectedTab> guard(tab);
    m_reconnector->reconnect(tab->state(), tab, [this, guard](Core::Result<TabReconnector::Connected> result) {
        if (!guard) {
            if (result.ok() && result->connector)
                result->connector->deleteLater();
            return;
        }
        if (!result.ok()) {
            const bool password = result.error().code == u"password_needed"_s;
            guard->showProblem(result.error().message, true, password ? tr("Connect…") : QString());
            Q_EMIT restoreFailed(guard, result.error().message);
            return;
        }
        addTab(result->profile, result->options, result->connector, guard);
    });
}

void SqlTabs::askPasswordAndConnect(Ui::DisconnectedTab *tab)
{
    Store::ConnectionProfile profile;
    Store::ProfileStore profiles;
    if (profiles.open().ok() && profiles.profile(tab->target()).ok()) {
        profile = profiles.profile(tab->target()).value();
    } else if (auto parsed = Store::ConnectionUrl::parse(tab->target()); parsed.ok()) {
        profile = parsed->profile;
        profile.id = tab->target();
        profile.production = profile.production || tab->state().production;
    } else {
        tab->showProblem(tr("The saved target %1 cannot be read.").arg(tab->target()), false);
        return;
    }
    bool ok = false;
    const QString password = QInputDialog::getText(m_window, tr("Connect %1").arg(tab->windowTitle()),
        tr("Password for %1@%2:").arg(profile.user, profile.host), QLineEdit::Password, {}, &ok);
    if (ok)
        addTab(profile, App::ProfileOptions::from(profile, password), nullptr, tab);
}

void SqlTabs::onAboutToClose(QWidget *document)
{
    if (auto *tab = qobject_cast<Ui::QueryTab *>(document)) {
        if (tab->isRunning())
            tab->cancel();
        tab->setAutosave(nullptr);
        if (m_autosave.isOpen())
            (void)m_autosave.remove(tab->id()); // closed on purpose: not restored next time
    } else if (auto *waiting = qobject_cast<Ui::DisconnectedTab *>(document)) {
        waiting->stopSaving();
        if (m_autosave.isOpen())
            (void)m_autosave.remove(waiting->id());
    }
}

void SqlTabs::saveAll()
{
    if (!m_autosave.isOpen())
        return;
    QList<Store::TabState> states;
    for (QWidget *document : m_window->documents()->documents()) {
        Store::TabState state;
        if (auto *tab = qobject_cast<Ui::QueryTab *>(document))
            state = tab->state();
        else if (auto *waiting = qobject_cast<Ui::DisconnectedTab *>(document))
            state = waiting->state();
        else
            continue;
        state.position = int(states.size());
        states.append(state);
    }
    (void)m_autosave.saveAll(states);
}

bool SqlTabs::hasTabOn(const QString &target) const
{
    const auto queryTabs = tabs();
    const auto waiting = disconnectedTabs();
    return std::any_of(queryTabs.cbegin(), queryTabs.cend(), [&](auto *t) { return t->profile().id == target; })
        || std::any_of(waiting.cbegin(), waiting.cend(), [&](auto *t) { return t->target() == target; });
}

QList<Ui::QueryTab *> SqlTabs::tabs() const
{
    return m_window->documents()->documentsOf<Ui::QueryTab>();
}

QList<Ui::DisconnectedTab *> SqlTabs::disconnectedTabs() const
{
    return m_window->documents()->documentsOf<Ui::DisconnectedTab>();
}

Ui::QueryTab *SqlTabs::currentTab() const
{
    return qobject_cast<Ui::QueryTab *>(m_window->documents()->current());
}

void SqlTabs::onConnectionOpened(const Sql::ConnectionPool *pool, const Sql::ConnectionInfo &info)
{
    for (TabBinding &binding : m_tabs) {
        if (binding.pool.get() == pool)
            binding.connection = info;
    }
    showCurrentConnection();
}

void SqlTabs::showCurrentConnection()
{
    QWidget *current = m_window->documents()->current();
    const auto bound = m_tabs.constFind(current);
    if (auto *tab = qobject_cast<Ui::QueryTab *>(current); tab && bound != m_tabs.cend()) {
        const Store::ConnectionProfile &profile = tab->profile();
        const QString where = tr("%1@%2:%3").arg(profile.user, profile.host).arg(profile.port);
        if (!bound->connection) {
            m_window->setConnectionStatus(tr("SQL: connecting to %1…").arg(where), QString(), true);
            return;
        }
        const Sql::ConnectionInfo &info = *bound->connection;
        const QString text = tr("SQL: %1 — %2").arg(where, info.serverVersion);
        if (info.tlsVersion.isEmpty())
            m_window->setConnectionStatus(text, tr("PLAINTEXT (no TLS)"), false);
        else
            m_window->setConnectionStatus(text, tr("%1 %2 · verified").arg(info.tlsVersion, info.tlsCipher), true);
    } else if (auto *waiting = qobject_cast<Ui::DisconnectedTab *>(current)) {
        m_window->setConnectionStatus(tr("SQL: %1 is not connected").arg(waiting->windowTitle()), QString(), true);
    } else if (tabs().isEmpty() && disconnectedTabs().isEmpty()) {
        m_window->setConnectionStatus(tr("SQL: no tab open"), QString(), true);
    } else {
        m_window->setConnectionStatus(tr("SQL: this document has no connection"), QString(), true);
    }
}

} // namespace App

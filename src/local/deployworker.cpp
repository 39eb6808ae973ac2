#include "local/deployworker.h"

#include "core/deploystaterules.h"
#include "local/backuprun.h"
#include "local/deploycontext.h"
#include "local/deployjanitor.h"
#include "local/deployrun.h"
#include "local/naming.h"
#include "local/restorerun.h"
#include "local/revertrun.h"
#include "local/serverkeeper.h"
#include "sql/mysqllibrary.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

using S = Core::DeploymentState;

// The worker's session: strict (a value that does not fit is an error, never a truncation — the triggers
// it creates keep this mode), never waiting for a metadata lock (DDL on live tables retries instead, see
// LiveDdl), row lock waits of at most a second, repeatable read (the chunks' locking reads).
const QStringList workerSettings = {
    u"SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,"
    u"NO_ENGINE_SUBSTITUTION'"_s,
    u"SET SESSION lock_wait_timeout = 0"_s,
    u"SET SESSION innodb_lock_wait_timeout = 1"_s,
    u"SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"_s,
};

} // namespace

DeployWorker::DeployWorker(std::shared_ptr<ServerKeeper> keeper, DeploySettings settings)
    : m_keeper(std::move(keeper))
    , m_settings(settings)
{ }

DeployWorker::~DeployWorker() = default;

bool DeployWorker::connectSession()
{
    auto session = SqlSession::open(m_keeper, workerSettings);
    if (!session) {
        Q_EMIT failed(u"Deploy worker: "_s + session.error().toString());
        return false;
    }
    m_session = std::move(session).value();
    (void)m_session->use(Naming::metaSchema());
    m_meta = std::make_unique<MetaStore>(*m_session);
    m_context = std::make_unique<DeployContext>(*m_session, *m_meta, m_settings, m_stopping);
    return true;
}

void DeployWorker::start()
{
    if (!m_threadStarted) {
        Sql::MysqlLibrary::threadStarted();
        m_threadStarted = true;
    }
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(1000);
        connect(m_timer, &QTimer::timeout, this, &DeployWorker::pump);
    }
    if (!connectSession()) {
        // The server may still be starting (or restarting): try again, less and less often.
        const int delay = qMin(500 * (1 << qMin(m_startAttempts++, 4)), 8000);
        QTimer::singleShot(delay, this, &DeployWorker::start);
        return;
    }
    m_startAttempts = 0;
    m_timer->start();
    pump();
}

void DeployWorker::stop()
{
    if (m_timer)
        m_timer->stop();
    m_context.reset();
    m_meta.reset();
    m_session.reset();
    if (m_threadStarted)
        Sql::MysqlLibrary::threadFinished();
    m_threadStarted = false;
}

Core::Result<void> DeployWorker::takeOver()
{
    // Leftovers of deployments that ended (or died) without cleaning up go first; interrupted ones are
    // resumed by the normal steps (their state says where they are).
    auto swept = DeployJanitor(*m_context).sweep();
    if (!swept)
        return swept.error();
    return {};
}

// One worker per server: several sandboxes may share one server (tests, a second launch). The metadata
// drives everything, so the worker that holds the lock moves every request on; the others wait for it.
void DeployWorker::takeCopier()
{
    const bool claiming = m_claiming.load();
    if (claiming != m_holdsClaim) {
        const QString claim = m_session->quote(Naming::copierClaimLock());
        const QString sql = claiming ? QString(u"SELECT GET_LOCK("_s + claim + u", 0)"_s)
                                     : QString(u"SELECT RELEASE_LOCK("_s + claim + u')');
        auto done = m_session->scalar(sql);
        m_holdsClaim = claiming ? done && *done == u"1"_s : false;
    }
    if (m_ownsLock)
        return;
    // Asking, it waits a moment: a holder lets the copier go to a waiting session, not to the next poll.
    auto lock = m_session->scalar(
        u"SELECT GET_LOCK("_s + m_session->quote(Naming::copierLock()) + (m_holdsClaim ? u", 1)"_s : u", 0)"_s));
    m_ownsLock = lock && *lock == u"1"_s;
    if (m_ownsLock) {
        if (auto done = takeOver(); !done)
            Q_EMIT failed(done.error().toString());
    }
}

void DeployWorker::handOverIfAsked()
{
    if (!m_ownsLock || m_holdsClaim || m_stopping.load())
        return;
    const QString claim = m_session->quote(Naming::copierClaimLock());
    auto asking = m_session->scalar(
        u"SELECT IS_USED_LOCK("_s + claim + u") IS NOT NULL AND IS_USED_LOCK("_s + claim + u") <> CONNECTION_ID()"_s);
    if (!asking || *asking != u"1"_s)
        return;
    (void)m_session->scalar(u"SELECT RELEASE_LOCK("_s + m_session->quote(Naming::copierLock()) + u')');
    m_ownsLock = false;
}

void DeployWorker::pump()
{
    if (!m_session || m_pumping)
        return;
    m_pumping = true;
    takeCopier();
    bool worked = false;
    for (int i = 0; m_ownsLock && i < 100 && !m_stopping.load(); ++i) {
        auto did = step();
        if (!did) {
            // A lock another session holds: the request stays where it was and is taken up again next round.
            if (!DeployContext::isBusy(did.error()))
                Q_EMIT failed(did.error().toString());
            break;
        }
        if (!*did)
            break;
        worked = true;
    }
    // Backups after the deployments of this round, on the same thread and lock (one copier per server).
    for (int i = 0; m_ownsLock && i < 10 && !m_stopping.load(); ++i) {
        auto took = BackupRun(*m_session, *m_meta, m_stopping).runNext();
        if (!took) {
            Q_EMIT failed(took.error().toString());
            break;
        }
        if (!*took)
            break;
        worked = true;
    }
    // Branches restored from a backup, then expired backups (a restore in progress keeps its backup).
    for (int i = 0; m_ownsLock && i < 10 && !m_stopping.load(); ++i) {
        auto took = RestoreRun(*m_session, *m_meta).runNext();
        if (!took) {
            Q_EMIT failed(took.error().toString());
            break;
        }
        if (!*took)
            break;
        worked = true;
    }
    if (m_ownsLock && !m_stopping.load()) {
        if (auto expired = BackupRun(*m_session, *m_meta, m_stopping).removeExpired(); !expired)
            Q_EMIT failed(expired.error().toString());
    }
    if (m_ownsLock && ++m_pumps % 60 == 0) {
        if (auto swept = DeployJanitor(*m_context).sweep(); !swept)
            Q_EMIT failed(swept.error().toString());
    }
    if (!worked)
        handOverIfAsked();
    // The server went away: the locks went with the connection; take them again once it is back.
    if (m_session->lostConnection()) {
        m_ownsLock = false;
        m_holdsClaim = false;
    }
    m_pumping = false;
    Q_EMIT pumped();
}

Core::Result<bool> DeployWorker::step()
{
    const QString table = m_meta->table(u"deploy_requests"_s);
    const QString occupying = u"('"_s
        + Core::DeployStateRules::names(Core::DeployStateRules::queueOccupyingStates()).join(u"', '"_s) + u"')"_s;
    const QStringList conditions = {
        u"deployment_state = 'in_progress_cancel'"_s,
        u"deployment_state = 'in_progress_cutover' AND (retry_at IS NULL OR retry_at <= UTC_TIMESTAMP(3))"_s,
        u"deployment_state = 'in_progress_revert' AND (retry_at IS NULL OR retry_at <= UTC_TIMESTAMP(3))"_s,
        // Interrupted (crash, restart, lost server): nothing else runs them while this worker holds the lock.
        u"deployment_state IN ('submitting', 'in_progress')"_s,
        u"revert_expires_at IS NOT NULL AND (deployment_state <> 'complete_pending_revert'"
        u" OR revert_expires_at <= UTC_TIMESTAMP(3))"_s,
        u"deployment_state = 'queued' AND NOT EXISTS (SELECT 1 FROM "_s + table + u" AS o WHERE o.database_name = "_s
            + table + u".database_name AND o.into_branch = "_s + table + u".into_branch AND o.deployment_state IN "_s
            + occupying + u") ORDER BY queued_at, number"_s,
    };
    for (int kind = 0; kind < conditions.size(); ++kind) {
        auto rows = m_meta->deployRequests(conditions[kind] + (kind == 5 ? u" LIMIT 1"_s : u" LIMIT 1"_s));
        if (!rows)
            return rows.error();
        if (rows->isEmpty())
            continue;
        const DeployRequestRecord &request = rows->constFirst();
        DeployRun run(*m_context);
        Core::Result<void> done;
        switch (kind) {
        case 0:
            done = run.cancel(request);
            break;
        case 1:
            done = run.cutover(request);
            break;
        case 2:
            done = RevertRun(*m_context).revert(request);
            break;
        case 4:
            done = RevertRun(*m_context).finalize(request);
            break;
        default:
            done = run.deploy(request);
            break;
        }
        if (!done)
            return done.error();
        // A request left where it was (stopping, a busy lock to retry later) ends this round.
        return !m_stopping.load() && m_context->currentState(request) != request.deploymentState;
    }
    return false;
}

} // namespace Local

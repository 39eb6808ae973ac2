#include "local/deployrun.h"

#include "local/accounts.h"
#include "local/copythrottle.h"
#include "local/cutoverblockers.h"
#include "local/deploychecks.h"
#include "local/deployplanner.h"
#include "local/failpoint.h"
#include "local/liveddl.h"
#include "local/naming.h"
#include "local/tableplanner.h"
#include "schema/schemaloader.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

using S = Core::DeploymentState;

bool isTable(const DeployOperationRecord &op, const char16_t *operation)
{
    return !op.isView && op.operation == QStringView(operation);
}

} // namespace

// submitting: the operations are computed again (the base may have moved since the request was made) and
// checked; false when the deployment does not go on (no changes, refused, or cancelled meanwhile).
Core::Result<bool> DeployRun::plan(const DeployRequestRecord &request, const QString &base, const QString &head)
{
    bool empty = false;
    if (auto done = DeployPlanner::writeOperations(m_c.meta(), request.id, request.database, base, head, &empty); !done)
        return m_c.fail(request, S::Submitting, done.error()).ok() ? Core::Result<bool>(false) : done.error();
    Failpoint::hit("deploy_planned");
    if (empty) {
        auto moved = m_c.moveState(request, S::Submitting, S::NoChanges);
        return moved ? Core::Result<bool>(false) : moved.error();
    }
    auto ops = m_c.meta().operations(request.id);
    if (!ops)
        return ops.error();
    // In place (instant DDL), the server itself refuses what would change a row.
    auto findings = request.instantDdl ? Core::Result<QList<DeployFinding>>(QList<DeployFinding> {})
                                       : DeployChecks::run(m_c.session(), base, *ops, m_c.settings());
    if (!findings)
        return findings.error();
    SqlSession &s = m_c.session();
    const QString lint = findings->isEmpty()
        ? u"NULL"_s
        : s.quote(QString::fromUtf8(
            QJsonDocument(DeployChecks::toJson(*findings, request.database)).toJson(QJsonDocument::Compact)));
    if (!findings->isEmpty()) {
        // Refused before anything ran: the message names the table, the constraint and the rows.
        auto moved = m_c.moveState(request, S::Submitting, S::CompleteError,
            u"lint_errors = "_s + lint + u", deploy_errors = "_s + s.quote(DeployChecks::summary(*findings))
                + u", finished_at = UTC_TIMESTAMP(3)"_s);
        return moved ? Core::Result<bool>(false) : moved.error();
    }
    auto moved
        = m_c.moveState(request, S::Submitting, S::InProgress, u"lint_errors = NULL, started_at = UTC_TIMESTAMP(3)"_s);
    if (!moved)
        return moved.error();
    if (*moved)
        Failpoint::hit("deploy_in_progress");
    return *moved;
}

Core::Result<void> DeployRun::deploy(const DeployRequestRecord &request)
{
    auto base = m_c.schemaOf(request.database, request.intoBranch);
    auto head = m_c.schemaOf(request.database, request.branch);
    DeployRequestRecord r = request;
    if (r.deploymentState == S::Queued) {
        auto moved = m_c.moveState(r, S::Queued, S::Submitting, u"submitted_at = UTC_TIMESTAMP(3)"_s);
        if (!moved || !*moved)
            return moved ? Core::Result<void>() : moved.error();
        r.deploymentState = S::Submitting;
        Failpoint::hit("deploy_submitting");
    }
    if (!base || !head)
        return m_c.fail(r, r.deploymentState, !base ? base.error() : head.error());
    if (r.deploymentState == S::Submitting) {
        auto goes = plan(r, *base, *head);
        if (!goes || !*goes)
            return goes ? Core::Result<void>() : goes.error();
        r.deploymentState = S::InProgress;
    }
    if (r.instantDdl)
        return deployInstant(r, *base); // also when resumed: it skips the operations already complete
    auto ops = m_c.meta().operations(r.id);
    if (!ops)
        return ops.error();
    for (const DeployOperationRecord &op : *ops) {
        if (!isTable(op, u"alter")) {
            (void)m_c.setOperation(op.id, u"state = 'queued'"_s);
            continue;
        }
        auto plan = TablePlanner::deploy(*base, op, m_c.settings());
        if (!plan)
            return abandonAll(r, S::InProgress, plan.error());
        auto copied = copyTable(r, op, *plan);
        if (!copied)
            return copied.error();
        if (!*copied)
            return {}; // cancelled or stopping: the next step takes it from here
    }
    const bool automatic = r.autoCutover;
    auto moved = m_c.moveState(r, S::InProgress, automatic ? S::InProgressCutover : S::PendingCutover,
        u"ready_to_cutover_at = UTC_TIMESTAMP(3)"_s);
    if (!moved || !*moved)
        return moved ? Core::Result<void>() : moved.error();
    Failpoint::hit("deploy_ready_to_cutover");
    if (!automatic)
        return {};
    r.deploymentState = S::InProgressCutover;
    return cutover(r);
}

// One table: shadow, triggers, chunks, verification — each resumed from the journal when it already
// happened. Returns false when the copy stopped for a cancel or a shutdown.
Core::Result<bool> DeployRun::copyTable(
    const DeployRequestRecord &request, const DeployOperationRecord &op, const CopyPlan &plan)
{
    SqlSession &s = m_c.session();
    DeployJournal &journal = m_c.journal();
    OnlineCopy copy(s, plan, m_c.settings().ddlBudgetMs);
    const QStringList resumable = { u"triggers_installed"_s, u"copying"_s, u"copied"_s, u"verified"_s };
    KeyValue resumeAfter;
    KeyValue verifiedUpTo;
    QString step = op.step;
    if (resumable.contains(step) && copy.shadowExists() && copy.triggersInstalled()) {
        resumeAfter = KeyRange::decode(op.copiedUpTo);
        verifiedUpTo = KeyRange::decode(op.verifiedUpTo);
    } else {
        // Nothing usable yet (or leftovers of an attempt that never got its triggers): start clean.
        if (auto done = copy.abandon(); !done)
            return done.error();
        if (auto done = copy.createShadow(); !done)
            return stop(request, done.error());
        Failpoint::hit("copy_shadow_created");
        if (auto done = journal.record(request.id, op.id, u"shadow_created"_s); !done)
            return done.error();
        Failpoint::hit("copy_shadow_journaled");
        if (auto done = copy.installTriggers(); !done)
            return stop(request, done.error());
        Failpoint::hit("copy_triggers_installed");
        if (auto done = s.exec(u"UPDATE "_s + m_c.meta().table(u"deploy_operations"_s)
                + u" SET copied_up_to = NULL, verified_up_to = NULL, rows_copied = 0 WHERE id = "_s + s.quote(op.id));
            !done)
            return done.error();
        if (auto done = journal.record(request.id, op.id, u"triggers_installed"_s); !done)
            return done.error();
        Failpoint::hit("copy_triggers_journaled");
        step = u"triggers_installed"_s;
    }
    (void)m_c.setOperation(op.id, u"state = 'in_progress'"_s);
    if (step == u"triggers_installed"_s || step == u"copying"_s) {
        QElapsedTimer sinceCheck;
        sinceCheck.start();
        QElapsedTimer sinceChunk;
        sinceChunk.start();
        int ratio = request.throttleRatio;
        auto copied = copy.copy(
            resumeAfter, verifiedUpTo,
            [&](const CopyProgress &p) {
                const double percent = p.total > 0 ? qMin(99.99, 100.0 * double(p.copied) / double(p.total)) : 0;
                QStringList sql
                    = journal.statements(request.id, op.id, u"copying"_s, QString::fromUtf8(KeyRange::encode(p.upTo)));
                const QString verified
                    = p.verifiedUpTo.isEmpty() ? QString() : QString::fromUtf8(KeyRange::encode(p.verifiedUpTo));
                if (!verified.isNull())
                    sql << journal.note(request.id, op.id, u"chunk_verified"_s, verified);
                sql << u"UPDATE "_s + m_c.meta().table(u"deploy_operations"_s) + u" SET copied_up_to = "_s
                        + s.quote(QString::fromUtf8(KeyRange::encode(p.upTo))) + u", verified_up_to = "_s
                        + s.quote(verified) + u", rows_total = "_s + QString::number(p.total) + u", rows_copied = "_s
                        + QString::number(p.copied) + u", progress = "_s + QString::number(percent, 'f', 2)
                        + u", eta_seconds = "_s + QString::number(p.etaSeconds, 'f', 1) + u" WHERE id = "_s
                        + s.quote(op.id);
                return sql;
            },
            [&](const CopyProgress &) {
                if (m_c.stopping())
                    return false;
                if (!throttle(op, ratio, sinceChunk.elapsed()))
                    return false;
                sinceChunk.restart();
                if (sinceCheck.elapsed() < 250)
                    return true;
                sinceCheck.restart();
                // The throttler ratio may change while the copy runs.
                if (auto now = s.scalar(u"SELECT throttle_ratio FROM "_s + m_c.meta().table(u"deploy_requests"_s)
                        + u" WHERE id = "_s + s.quote(request.id));
                    now)
                    ratio = now->toInt();
                return m_c.currentState(request) == S::InProgress;
            });
        if (!copied) {
            if (copied.error().code == u"cancelled"_s)
                return false;
            if (copied.error().code != u"unavailable"_s && !DeployContext::isBusy(copied.error()))
                (void)m_c.setOperation(op.id, u"state = 'error', deploy_errors = "_s + s.quote(copied.error().message));
            return stop(request, copied.error());
        }
        verifiedUpTo = copy.verifiedUpTo();
        if (auto done = journal.record(request.id, op.id, u"copied"_s); !done)
            return done.error();
        step = u"copied"_s;
    }
    if (step == u"copied"_s) {
        if (auto verified = copy.verifyRest(verifiedUpTo); !verified)
            return stop(request, verified.error());
        if (auto done = journal.record(request.id, op.id, u"verified"_s); !done)
            return done.error();
        Failpoint::hit("copy_verified");
    }
    (void)m_c.setOperation(op.id, u"progress = 100, eta_seconds = 0"_s);
    return true;
}

// The throttler: pauses the copy after a chunk, in short naps so a shutdown is not held up, and notes on
// the operation when it did. False when the worker is stopping.
bool DeployRun::throttle(const DeployOperationRecord &op, int ratio, qint64 chunkMs)
{
    qint64 pause = CopyThrottle::pauseMs(ratio, chunkMs);
    if (pause <= 0)
        return true;
    (void)m_c.setOperation(op.id, u"throttled_at = UTC_TIMESTAMP(3)"_s);
    while (pause > 0) {
        if (m_c.stopping())
            return false;
        const qint64 nap = qMin<qint64>(pause, 100);
        QThread::msleep(static_cast<unsigned long>(nap));
        pause -= nap;
    }
    return true;
}

// The copy cannot go on. While the server is away, or another session holds a lock the copy needs, nothing
// is undone (the deployment resumes from its journal in a later round); any other error ends it and removes
// what it made. Returns false (the deployment stopped).
Core::Result<bool> DeployRun::stop(const DeployRequestRecord &request, const Core::Error &error)
{
    if (error.code == u"unavailable"_s || DeployContext::isBusy(error))
        return error;
    if (auto done = abandonAll(request, S::InProgress, error); !done)
        return done.error();
    return false;
}

Core::Result<void> DeployRun::abandonAll(
    const DeployRequestRecord &request, Core::DeploymentState from, const Core::Error &error)
{
    // Another session's lock is a wait, not an end: nothing is undone, the step is tried again.
    if (DeployContext::isBusy(error))
        return error;
    auto base = m_c.schemaOf(request.database, request.intoBranch);
    auto ops = m_c.meta().operations(request.id);
    if (!ops)
        return ops.error();
    Cutover cutover(m_c.session(), m_c.journal(), request.id, "cutover", m_c.settings().ddlBudgetMs);
    for (const DeployOperationRecord &op : *ops) {
        if (!base || !isTable(op, u"alter"))
            continue;
        CopyPlan plan;
        plan.schema = *base;
        plan.source = op.table;
        plan.shadow = TablePlanner::internalName(op.id, u"n"_s);
        plan.triggerPrefix = plan.shadow;
        const SwapTable table { op.id, plan, TablePlanner::internalName(op.id, u"o"_s) };
        if (Cutover::swapped(m_c.session(), table))
            continue; // already deployed: not ours to undo here
        if (auto done = cutover.restoreUserTriggers(table); !done)
            return done;
        if (auto done = OnlineCopy(m_c.session(), plan, m_c.settings().ddlBudgetMs).abandon(); !done)
            return done;
    }
    const bool cancelled = from == S::InProgressCancel;
    for (const DeployOperationRecord &op : *ops)
        (void)m_c.setOperation(
            op.id, cancelled ? u"state = 'cancelled'"_s : u"state = IF(state = 'error', 'error', 'cancelled')"_s);
    if (cancelled) {
        auto moved = m_c.moveState(request, from, S::CompleteCancel, u"finished_at = UTC_TIMESTAMP(3)"_s);
        return moved ? Core::Result<void>() : moved.error();
    }
    return m_c.fail(request, from, error);
}

Core::Result<void> DeployRun::cancel(const DeployRequestRecord &request)
{
    return abandonAll(request, S::InProgressCancel, {});
}

Core::Result<void> DeployRun::deployInstant(const DeployRequestRecord &request, const QString &base)
{
    auto ops = m_c.meta().operations(request.id);
    if (!ops)
        return ops.error();
    SqlSession &s = m_c.session();
    for (const DeployOperationRecord &op : *ops) {
        if (op.state == u"complete"_s)
            continue;
        Core::Result<void> done;
        if (!isTable(op, u"alter"))
            done = Core::makeError(u"not_instant"_s, u"Only column changes can be deployed with instant DDL."_s);
        const auto statements = Schema::SchemaLoader::split(op.ddl);
        auto from = done ? firstToRun(request, base, op, int(statements.size())) : Core::Result<int>(0);
        if (!from)
            return from.error();
        for (int i = *from; done && i < statements.size(); ++i) {
            QString sql = statements[i].text.trimmed().toString();
            if (sql.endsWith(u';'))
                sql.chop(1);
            // What the table is before the statement, so a crash right after it can tell whether it ran.
            auto before = liveDefinition(base, op.table);
            if (!before)
                return before.error();
            done = m_c.journal().record(request.id, op.id, u"instant_applying"_s, QString::number(i) + u'\n' + *before);
            // The server refuses what it cannot do instantly instead of copying the table. The ALTER waits
            // briefly for its metadata lock, as other DDL on live tables does.
            if (done)
                done = m_c.session().use(base);
            if (done)
                done = LiveDdl::run(s, sql + u", ALGORITHM=INSTANT"_s, m_c.settings().ddlBudgetMs);
            (void)m_c.session().use(Naming::metaSchema());
            if (done)
                Failpoint::hit("instant_altered");
            if (done)
                done = m_c.journal().record(request.id, op.id, u"instant_applied"_s, QString::number(i + 1));
        }
        if (!done && DeployContext::isBusy(done.error()))
            return done.error(); // tried again in a later round
        if (!done) {
            (void)m_c.setOperation(op.id, u"state = 'error', deploy_errors = "_s + s.quote(done.error().toString()));
            return m_c.fail(request, S::InProgress, done.error());
        }
        (void)m_c.setOperation(op.id, u"state = 'complete', progress = 100, eta_seconds = 0"_s);
    }
    m_c.touchSchema(base);
    deleteHeadIfAsked(request);
    // Changed in place: nothing to revert to.
    auto moved = m_c.moveState(request, S::InProgress, S::Complete,
        u"cutover_at = UTC_TIMESTAMP(3), deployed_at = UTC_TIMESTAMP(3), finished_at = UTC_TIMESTAMP(3)"_s);
    return moved ? Core::Result<void>() : moved.error();
}

// Where an instant operation starts, so that a resumed one never runs an ALTER twice: after the statements
// journaled as applied; after all of them when the live table already has the new shape; and after the one
// that was about to run when a round ended (a crash, a lost connection) if the table is no longer what it was
// before it — an ALTER is atomic, so it ran whole.
Core::Result<int> DeployRun::firstToRun(
    const DeployRequestRecord &request, const QString &base, const DeployOperationRecord &op, int count)
{
    auto live = liveDefinition(base, op.table);
    if (!live)
        return live.error();
    if (sameShape(*live, op.newDefinition))
        return count;
    auto journaled = m_c.journal().detail(op.id, u"instant_applied"_s);
    if (!journaled)
        return journaled.error();
    const int applied = journaled->toInt();
    auto applying = m_c.journal().detail(op.id, u"instant_applying"_s);
    if (!applying)
        return applying.error();
    const qsizetype newline = applying->indexOf(u'\n');
    if (newline < 0 || applying->left(newline).toInt() != applied || sameShape(*live, applying->mid(newline + 1)))
        return applied;
    if (auto done = m_c.journal().record(request.id, op.id, u"instant_applied"_s, QString::number(applied + 1)); !done)
        return done.error();
    return applied + 1;
}

Core::Result<QString> DeployRun::liveDefinition(const QString &base, const QString &table)
{
    auto shown
        = m_c.session().query(u"SHOW CREATE TABLE "_s + SqlSession::ident(base) + u'.' + SqlSession::ident(table));
    if (!shown)
        return shown.error();
    return shown->isEmpty() ? QString() : shown->constFirst().value(u"Create Table"_s);
}

// Whether two definitions are the same table (as the schema diff compares them: AUTO_INCREMENT aside).
bool DeployRun::sameShape(const QString &a, const QString &b)
{
    auto first = TablePlanner::parse(a);
    auto second = TablePlanner::parse(b);
    return first && second && first->sameText(*second);
}

void DeployRun::deleteHeadIfAsked(const DeployRequestRecord &request)
{
    if (!request.autoDeleteBranch)
        return;
    // The head branch has served its purpose; its schema and passwords go (as on PlanetScale).
    auto head = m_c.meta().branch(request.database, request.branch);
    if (head && *head)
        (void)Accounts(m_c.meta()).dropBranch(**head);
}

Core::Result<void> DeployRun::cutover(const DeployRequestRecord &request)
{
    auto base = m_c.schemaOf(request.database, request.intoBranch);
    if (!base)
        return m_c.fail(request, S::InProgressCutover, base.error());
    auto ops = m_c.meta().operations(request.id);
    if (!ops)
        return ops.error();
    SqlSession &s = m_c.session();
    QList<SwapTable> tables;
    QList<std::pair<QString, QString>> renames;
    const auto q = [&](const QString &t) -> QString { return SqlSession::ident(*base) + u'.' + SqlSession::ident(t); };
    for (const DeployOperationRecord &op : *ops) {
        if (isTable(op, u"create") && !m_c.tableExists(*base, op.table)) {
            if (auto done = m_c.execIn(*base, op.newDefinition); !done)
                return abandonAll(request, S::InProgressCutover, done.error());
        } else if (isTable(op, u"drop") && m_c.tableExists(*base, op.table)
            && !m_c.tableExists(*base, TablePlanner::internalName(op.id, u"h"_s))) {
            renames << std::pair { q(op.table), q(TablePlanner::internalName(op.id, u"h"_s)) };
        } else if (isTable(op, u"alter")) {
            auto plan = TablePlanner::deploy(*base, op, m_c.settings());
            if (!plan)
                return abandonAll(request, S::InProgressCutover, plan.error());
            tables << SwapTable { op.id, *plan, TablePlanner::internalName(op.id, u"o"_s) };
        }
    }
    if (!request.forceCutoverAt.isNull()) {
        // Forced: the sessions that would keep the swap waiting are ended first.
        // Not being able to end one is no reason to stop: the swap then waits as an unforced one would.
        (void)CutoverBlockers::end(m_c.meta(), request, *base);
    }
    Cutover swap(s, m_c.journal(), request.id, "cutover", m_c.settings().cutoverBudgetMs);
    auto outcome = swap.swap(tables, renames);
    if (!outcome) {
        // A lock held elsewhere (user triggers' LOCK TABLES, a trigger drop): the cutover is tried again.
        if (outcome.error().code == u"unavailable"_s || DeployContext::isBusy(outcome.error()))
            return outcome.error();
        bool anySwapped = false;
        for (const SwapTable &t : tables)
            anySwapped = anySwapped || Cutover::swapped(s, t);
        if (anySwapped)
            return outcome.error(); // past the swap: the remaining steps are tried again
        return abandonAll(request, S::InProgressCutover, outcome.error());
    }
    if (*outcome == Cutover::Outcome::Busy) {
        // An application transaction holds a table: try again shortly; writes keep flowing meanwhile.
        return s.exec(u"UPDATE "_s + m_c.meta().table(u"deploy_requests"_s)
            + u" SET retry_at = UTC_TIMESTAMP(3) + INTERVAL 1 SECOND WHERE id = "_s + s.quote(request.id));
    }
    return finishCutover(request, *base, *ops);
}

Core::Result<void> DeployRun::finishCutover(
    const DeployRequestRecord &request, const QString &base, const QList<DeployOperationRecord> &ops)
{
    SqlSession &s = m_c.session();
    const QString view = SqlSession::ident(base) + u'.';
    for (const DeployOperationRecord &op : ops) {
        if (!op.isView)
            continue;
        // Views after the tables (they may select from new ones).
        Core::Result<void> done = s.exec(u"DROP VIEW IF EXISTS "_s + view + SqlSession::ident(op.table));
        if (done && op.operation != u"drop"_s)
            done = m_c.createView(base, op.newDefinition);
        if (!done)
            return m_c.fail(request, S::InProgressCutover, done.error());
    }
    for (const DeployOperationRecord &op : ops)
        (void)m_c.setOperation(op.id, u"state = 'complete', progress = 100, eta_seconds = 0"_s);
    m_c.touchSchema(base);
    deleteHeadIfAsked(request);
    auto moved = m_c.moveState(request, S::InProgressCutover, S::CompletePendingRevert,
        u"retry_at = NULL, cutover_at = UTC_TIMESTAMP(3), deployed_at = UTC_TIMESTAMP(3),"
        u" finished_at = UTC_TIMESTAMP(3), revert_expires_at = UTC_TIMESTAMP(3) + INTERVAL"
        u" COALESCE(revert_window_seconds, "_s
            + QString::number(m_c.settings().revertWindowSeconds) + u") SECOND"_s);
    if (!moved)
        return moved.error();
    Failpoint::hit("cutover_complete");
    return {};
}

} // namespace Local

#include "local/revertrun.h"

#include "local/datacheck.h"
#include "local/failpoint.h"
#include "local/onlinecopy.h"
#include "local/tableplanner.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

using S = Core::DeploymentState;

} // namespace

Core::Result<void> RevertRun::refuse(const DeployRequestRecord &request, const Core::Error &error)
{
    return m_c.fail(request, S::InProgressRevert, error, S::CompleteRevertError);
}

// One table back into its old shape; false when it stopped (shutdown) or was refused.
Core::Result<bool> RevertRun::copyBack(
    const DeployRequestRecord &request, const DeployOperationRecord &op, const SwapTable &table, bool *refused)
{
    SqlSession &s = m_c.session();
    DeployJournal &journal = m_c.journal();
    OnlineCopy copy(s, table.plan, m_c.settings().ddlBudgetMs);
    copy.setFailpointPrefix("revert");
    KeyValue resumeAfter;
    KeyValue verifiedUpTo;
    QString step = op.step;
    const QStringList resumable = { u"revert_triggers_installed"_s, u"revert_copying"_s, u"revert_copied"_s };
    if (resumable.contains(step) && copy.shadowExists() && copy.triggersInstalled()) {
        resumeAfter = KeyRange::decode(op.copiedUpTo);
        verifiedUpTo = KeyRange::decode(op.verifiedUpTo);
    } else {
        // Rows written since the deploy must fit the old shape too.
        auto from = TablePlanner::parse(op.newDefinition);
        auto to = TablePlanner::parse(op.oldDefinition);
        if (from && to) {
            auto findings = DataCheck::run(s, table.plan.schema, *from, *to);
            if (!findings)
                return findings.error();
            if (!findings->isEmpty()) {
                QStringList sentences;
                for (const DeployFinding &f : *findings)
                    sentences << f.description;
                *refused = true;
                auto ended = refuse(request,
                    Core::makeError(u"revert_refused"_s,
                        u"The revert would lose data written since the deploy: "_s + sentences.join(u' ')));
                if (!ended)
                    return ended.error();
                return false;
            }
        }
        if (auto done = copy.abandon(); !done)
            return done.error();
        if (auto done = copy.createShadow(); !done)
            return done.error();
        Failpoint::hit("revert_shadow_created");
        if (auto done = journal.record(request.id, op.id, u"revert_shadow_created"_s); !done)
            return done.error();
        if (auto done = copy.installTriggers(); !done)
            return done.error();
        Failpoint::hit("revert_triggers_installed");
        if (auto done = s.exec(u"UPDATE "_s + m_c.meta().table(u"deploy_operations"_s)
                + u" SET copied_up_to = NULL, verified_up_to = NULL WHERE id = "_s + s.quote(op.id));
            !done)
            return done.error();
        if (auto done = journal.record(request.id, op.id, u"revert_triggers_installed"_s); !done)
            return done.error();
        step = u"revert_triggers_installed"_s;
    }
    if (step != u"revert_copied"_s) {
        auto copied = copy.copy(
            resumeAfter, verifiedUpTo,
            [&](const CopyProgress &p) {
                const double percent = p.total > 0 ? qMin(99.99, 100.0 * double(p.copied) / double(p.total)) : 0;
                const QString upTo = QString::fromUtf8(KeyRange::encode(p.upTo));
                const QString verified
                    = p.verifiedUpTo.isEmpty() ? QString() : QString::fromUtf8(KeyRange::encode(p.verifiedUpTo));
                QStringList sql = journal.statements(request.id, op.id, u"revert_copying"_s, upTo);
                if (!verified.isNull())
                    sql << journal.note(request.id, op.id, u"revert_chunk_verified"_s, verified);
                sql << u"UPDATE "_s + m_c.meta().table(u"deploy_operations"_s) + u" SET copied_up_to = "_s
                        + s.quote(upTo) + u", verified_up_to = "_s + s.quote(verified) + u", progress = "_s
                        + QString::number(percent, 'f', 2) + u", eta_seconds = "_s
                        + QString::number(p.etaSeconds, 'f', 1) + u" WHERE id = "_s + s.quote(op.id);
                return sql;
            },
            [&](const CopyProgress &) { return !m_c.stopping(); });
        if (!copied)
            return copied.error().code == u"cancelled"_s ? Core::Result<bool>(false) : copied.error();
        if (auto verified = copy.verifyRest(copy.verifiedUpTo()); !verified)
            return verified.error();
        if (auto done = journal.record(request.id, op.id, u"revert_copied"_s); !done)
            return done.error();
    }
    return true;
}

Core::Result<void> RevertRun::revert(const DeployRequestRecord &request)
{
    auto base = m_c.schemaOf(request.database, request.intoBranch);
    if (!base)
        return refuse(request, base.error());
    auto ops = m_c.meta().operations(request.id);
    if (!ops)
        return ops.error();
    SqlSession &s = m_c.session();
    const auto q = [&](const QString &t) -> QString { return SqlSession::ident(*base) + u'.' + SqlSession::ident(t); };
    QList<SwapTable> tables;
    QList<std::pair<QString, QString>> renames;
    for (qsizetype i = ops->size() - 1; i >= 0; --i) {
        const DeployOperationRecord &op = ops->at(i);
        if (op.isView)
            continue;
        if (op.operation == u"drop"_s) {
            const QString archive = TablePlanner::internalName(op.id, u"h"_s);
            if (m_c.tableExists(*base, archive) && !m_c.tableExists(*base, op.table))
                renames << std::pair { q(archive), q(op.table) };
            continue;
        }
        if (op.operation != u"alter"_s)
            continue;
        auto plan = TablePlanner::revert(*base, op, m_c.settings());
        if (!plan)
            return refuse(request, plan.error());
        SwapTable table { op.id, *plan, TablePlanner::internalName(op.id, u"x"_s) };
        const bool archived = m_c.tableExists(*base, TablePlanner::internalName(op.id, u"o"_s));
        if (!Cutover::swapped(s, table) && archived) {
            bool refused = false;
            auto copied = copyBack(request, op, table, &refused);
            if (!copied)
                return copied.error();
            if (!*copied)
                return {}; // stopping, or refused (the request says why)
        }
        if (archived || Cutover::swapped(s, table))
            tables << table;
    }
    Cutover swap(s, m_c.journal(), request.id, "revert", m_c.settings().cutoverBudgetMs);
    auto outcome = swap.swap(tables, renames);
    if (!outcome)
        return outcome.error();
    if (*outcome == Cutover::Outcome::Busy)
        return s.exec(u"UPDATE "_s + m_c.meta().table(u"deploy_requests"_s)
            + u" SET retry_at = UTC_TIMESTAMP(3) + INTERVAL 1 SECOND WHERE id = "_s + s.quote(request.id));
    // The deployed tables and the pre-deploy archives are no longer needed; views and created tables go.
    for (qsizetype i = ops->size() - 1; i >= 0; --i) {
        const DeployOperationRecord &op = ops->at(i);
        Core::Result<void> done;
        if (op.isView) {
            done = s.exec(u"DROP VIEW IF EXISTS "_s + q(op.table));
            if (done && op.operation != u"create"_s)
                done = m_c.createView(*base, op.oldDefinition);
        } else if (op.operation == u"create"_s) {
            done = s.exec(u"DROP TABLE IF EXISTS "_s + q(op.table));
        } else if (op.operation == u"alter"_s) {
            done = s.exec(u"DROP TABLE IF EXISTS "_s + q(TablePlanner::internalName(op.id, u"x"_s)) + u", "_s
                + q(TablePlanner::internalName(op.id, u"o"_s)));
        }
        if (!done)
            return done;
    }
    m_c.touchSchema(*base);
    auto moved = m_c.moveState(request, S::InProgressRevert, S::CompleteRevert,
        u"retry_at = NULL, finished_at = UTC_TIMESTAMP(3), revert_expires_at = NULL"_s);
    if (!moved)
        return moved.error();
    Failpoint::hit("revert_complete");
    return {};
}

Core::Result<void> RevertRun::finalize(const DeployRequestRecord &request)
{
    if (request.deploymentState == S::CompletePendingRevert) {
        // First the state (a revert can no longer start), then the archives.
        auto moved = m_c.moveState(request, S::CompletePendingRevert, S::Complete, u"revert_expires_at = NULL"_s);
        if (!moved || !*moved)
            return moved ? Core::Result<void>() : moved.error();
    }
    auto base = m_c.schemaOf(request.database, request.intoBranch);
    auto ops = m_c.meta().operations(request.id);
    if (!ops)
        return ops.error();
    if (base) {
        for (const DeployOperationRecord &op : *ops) {
            for (const QString &suffix : { u"o"_s, u"h"_s }) {
                if (auto done = m_c.session().exec(u"DROP TABLE IF EXISTS "_s + SqlSession::ident(*base) + u'.'
                        + SqlSession::ident(TablePlanner::internalName(op.id, suffix)));
                    !done)
                    return done;
            }
        }
    }
    return m_c.session().exec(u"UPDATE "_s + m_c.meta().table(u"deploy_requests"_s)
        + u" SET revert_expires_at = NULL WHERE id = "_s + m_c.session().quote(request.id));
}

} // namespace Local

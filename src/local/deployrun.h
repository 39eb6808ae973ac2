#pragma once

#include "local/copyplan.h"
#include "local/cutover.h"
#include "local/deploycontext.h"
#include "local/onlinecopy.h"

namespace Local {

// A deployment forward: plan and check (submitting), copy every changed table online (in_progress), swap
// (in_progress_cutover); and its cancel. Every entry point is re-entrant: called again after a crash or a
// restart of the server it continues from the journal and the catalog (see DeployWorker::step).
class DeployRun
{
public:
    explicit DeployRun(DeployContext &context)
        : m_c(context)
    { }

    // queued, submitting or in_progress → pending_cutover / in_progress_cutover (→ cutover()).
    Core::Result<void> deploy(const DeployRequestRecord &request);
    // in_progress_cutover → complete_pending_revert (or stays, with retry_at set, while a lock is held).
    Core::Result<void> cutover(const DeployRequestRecord &request);
    // in_progress_cancel → complete_cancel: shadows and triggers go, the application's triggers come back.
    Core::Result<void> cancel(const DeployRequestRecord &request);

    // Stops a deployment that cannot go on: everything it made goes, the request ends in `to`.
    Core::Result<void> abandonAll(
        const DeployRequestRecord &request, Core::DeploymentState from, const Core::Error &error);

private:
    Core::Result<bool> plan(const DeployRequestRecord &request, const QString &base, const QString &head);
    Core::Result<void> deployInstant(const DeployRequestRecord &request, const QString &base);
    Core::Result<bool> copyTable(
        const DeployRequestRecord &request, const DeployOperationRecord &op, const CopyPlan &plan);
    Core::Result<bool> stop(const DeployRequestRecord &request, const Core::Error &error);
    bool throttle(const DeployOperationRecord &op, int ratio, qint64 chunkMs);
    Core::Result<void> finishCutover(
        const DeployRequestRecord &request, const QString &base, const QList<DeployOperationRecord> &ops);
    void deleteHeadIfAsked(const DeployRequestRecord &request);
    Core::Result<int> firstToRun(
        const DeployRequestRecord &request, const QString &base, const DeployOperationRecord &op, int count);
    Core::Result<QString> liveDefinition(const QString &base, const QString &table);
    static bool sameShape(const QString &a, const QString &b);

    DeployContext &m_c;
};

} // namespace Local

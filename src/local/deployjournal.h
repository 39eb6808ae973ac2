#pragma once

#include "core/result.h"
#include "local/metastore.h"

namespace Local {

// The journal of a deployment's steps in the metadata schema (table deploy_journal): shadow created,
// triggers installed, chunks copied, verified, user triggers moved, swapped, archived, reverted, … Each
// entry is written after the step it names succeeded, and the operation's `step` column follows it, so
// recovery knows the last step that certainly happened; the catalog (which tables and triggers exist)
// tells whether the next one happened too.
class DeployJournal
{
public:
    explicit DeployJournal(MetaStore &meta)
        : m_meta(meta)
    { }

    // Appends an entry and sets the operation's step (when `operationId` is given), in one transaction.
    Core::Result<void> record(
        const QString &requestId, const QString &operationId, const QString &step, const QString &detail = {});
    // The statements that append an entry (to run inside a caller's transaction).
    QStringList statements(
        const QString &requestId, const QString &operationId, const QString &step, const QString &detail = {});
    // The statement that appends an entry without moving the operation's step (progress within a step).
    QString note(const QString &requestId, const QString &operationId, const QString &step, const QString &detail);
    // The detail of the latest entry with this step for the operation (null when there is none).
    Core::Result<QString> detail(const QString &operationId, const QString &step);
    // The steps of a request in order (tests and diagnostics).
    Core::Result<QStringList> steps(const QString &requestId);

private:
    MetaStore &m_meta;
};

} // namespace Local

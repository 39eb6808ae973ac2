#pragma once

#include "core/deploymentstate.h"
#include "core/result.h"
#include "local/deployjournal.h"
#include "local/deployrecords.h"
#include "local/deploysettings.h"
#include "local/metastore.h"

#include <atomic>

namespace Local {

// What the deploy worker's parts share: its session and metadata, the journal, the settings, the stop
// flag, and the compare-and-set state change every part uses.
class DeployContext
{
public:
    DeployContext(
        SqlSession &session, MetaStore &meta, const DeploySettings &settings, const std::atomic<bool> &stopping)
        : m_session(session)
        , m_meta(meta)
        , m_journal(meta)
        , m_settings(settings)
        , m_stopping(stopping)
    { }

    SqlSession &session() { return m_session; }
    MetaStore &meta() { return m_meta; }
    DeployJournal &journal() { return m_journal; }
    const DeploySettings &settings() const { return m_settings; }
    bool stopping() const { return m_stopping.load(); }

    // Compare-and-set: moves the request from `from` to `to` (with further SQL assignments); false when it
    // is no longer in `from` (a cancel, or another worker, moved it first) — the caller then stops.
    Core::Result<bool> moveState(const DeployRequestRecord &request, Core::DeploymentState from,
        Core::DeploymentState to, const QString &extra = {});
    // Ends a deployment with an error message (compare-and-set from `from`). A lock another session holds
    // (isBusy) ends nothing: the error comes back and the request stays as it is, to be tried again.
    Core::Result<void> fail(const DeployRequestRecord &request, Core::DeploymentState from, const Core::Error &error,
        Core::DeploymentState to = Core::DeploymentState::CompleteError);
    // A row or metadata lock held by another session (a running transaction, another worker's DDL).
    static bool isBusy(const Core::Error &error);
    // The request's state now (Unknown when it vanished).
    Core::DeploymentState currentState(const DeployRequestRecord &request);
    Core::Result<void> setOperation(const QString &id, const QString &assignments);
    Core::Result<QString> schemaOf(const QString &database, const QString &branch);
    // Runs a statement with `schema` as the current database.
    Core::Result<void> execIn(const QString &schema, const QString &sql);
    bool tableExists(const QString &schema, const QString &table);
    // Views: created with the sandbox's own account as definer and SQL SECURITY INVOKER, so they outlive
    // every branch password and never grant more than the reader has.
    Core::Result<void> createView(const QString &schema, const QString &definition);
    void touchSchema(const QString &schema);

private:
    SqlSession &m_session;
    MetaStore &m_meta;
    DeployJournal m_journal;
    const DeploySettings &m_settings;
    const std::atomic<bool> &m_stopping;
};

} // namespace Local

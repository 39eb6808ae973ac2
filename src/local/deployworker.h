#pragma once

#include "core/result.h"
#include "local/deploysettings.h"
#include "local/metastore.h"
#include "local/sqlsession.h"
#include "sql/connectionoptions.h"

#include <QObject>
#include <QTimer>

#include <atomic>

#include <memory>

namespace Local {

// Runs deployments on its own thread and connection. It is driven by the metadata alone: the API handlers
// only change a deploy request's deployment_state (queued, in_progress_cutover, in_progress_revert,
// in_progress_cancel, …) and call pump(); the worker moves each request on from there. A restart therefore
// resumes where the metadata says.
//
// States: queued → submitting → in_progress (shadow tables filled while writes go on) → pending_cutover
// (gated) → in_progress_cutover → complete_pending_revert (revert window) → complete; or
// in_progress_revert → complete_revert; in_progress_cancel → complete_cancel; failures → complete_error.
class DeployWorker : public QObject
{
    Q_OBJECT

public:
    DeployWorker(Sql::ConnectionOptions options, DeploySettings settings);
    ~DeployWorker() override;

public Q_SLOTS:
    void start(); // on the worker thread: connect, recover, start the revert-window timer
    void pump();
    void stop();

public:
    // Any thread: makes a running copy return soon, leaving its request to be resumed at the next start.
    void requestStop() { m_stopping.store(true); }

Q_SIGNALS:
    void failed(const QString &message);
    void pumped();

private:
    Core::Result<bool> step(); // true when it moved one request on
    Core::Result<void> deploy(const Row &request);
    Core::Result<void> deployInstant(const Row &request, const QString &base, const QList<Row> &ops);
    Core::Result<void> cutover(const Row &request);
    void deleteHeadIfAsked(const Row &request);
    Core::Result<void> revert(const Row &request);
    Core::Result<void> finalize(const Row &request, const QString &state);
    Core::Result<void> cleanupCancelled(const Row &request, const QString &finalState);
    Core::Result<void> recover();

    Core::Result<QList<Row>> operations(const Row &request);
    Core::Result<Row> reload(const Row &request);
    Core::Result<void> setState(const Row &request, const QString &state, const QString &extra = {});
    Core::Result<void> setOperation(const QString &id, const QString &assignments);
    Core::Result<void> execIn(const QString &schema, const QString &sql);
    Core::Result<QString> schemaOf(const QString &database, const QString &branch);
    bool cancelRequested(const Row &request);
    bool tableExists(const QString &schema, const QString &table);

    Sql::ConnectionOptions m_options;
    DeploySettings m_settings;
    std::unique_ptr<SqlSession> m_session;
    std::unique_ptr<MetaStore> m_meta;
    QTimer *m_timer = nullptr;
    bool m_pumping = false;
    bool m_ownsLock = false;
    std::atomic<bool> m_stopping { false };
};

} // namespace Local

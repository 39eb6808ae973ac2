#pragma once

#include "core/result.h"
#include "local/deploysettings.h"
#include "local/metastore.h"
#include "local/sqlsession.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace Local {

class DeployContext;
class ServerKeeper;

// Runs deployments on its own thread and connection. It is driven by the metadata alone: the API handlers
// only change a deploy request's deployment_state (queued, in_progress_cutover, in_progress_revert,
// in_progress_cancel, …) and call pump(); the worker moves each request on from there, with
// compare-and-set state changes (a cancel accepted meanwhile always wins). A restart — of the sandbox or
// of its database server — therefore resumes where the metadata and the journal say.
//
// States: queued → submitting → in_progress (shadow tables filled while writes go on) → pending_cutover
// (gated) → in_progress_cutover → complete_pending_revert (revert window) → complete; or
// in_progress_revert → complete_revert; in_progress_cancel → complete_cancel; failures → complete_error.
class DeployWorker : public QObject
{
    Q_OBJECT

public:
    DeployWorker(std::shared_ptr<ServerKeeper> keeper, DeploySettings settings);
    ~DeployWorker() override;

public Q_SLOTS:
    void start(); // on the worker thread: connect (retrying until it can), then pump every second
    void pump();
    void stop();

public:
    // Any thread: makes a running copy return soon, leaving its request to be resumed at the next start.
    void requestStop() { m_stopping.store(true); }
    // Any thread: asks for the server's copier until called with false. Every worker runs every sandbox's work,
    // so which one holds the copier only matters to a process whose failpoints must fire (tests): a worker
    // that asks holds the claim lock and waits for the copier a moment at each pump; a holder that had nothing
    // to do in a round lets the copier go while another worker asks, so the asking one gets it within a round
    // of the holder's next idle moment, and keeps it while it asks.
    void claimCopier(bool claim) { m_claiming.store(claim); }

Q_SIGNALS:
    void failed(const QString &message);
    void pumped();

private:
    Core::Result<bool> step(); // true when it moved one request on
    Core::Result<void> takeOver(); // the deploy lock was just taken: recover
    void takeCopier();
    void handOverIfAsked(); // after a round with nothing to do
    bool connectSession();

    std::shared_ptr<ServerKeeper> m_keeper;
    DeploySettings m_settings;
    std::unique_ptr<SqlSession> m_session;
    std::unique_ptr<MetaStore> m_meta;
    std::unique_ptr<DeployContext> m_context;
    QTimer *m_timer = nullptr;
    int m_startAttempts = 0;
    int m_pumps = 0;
    bool m_pumping = false;
    bool m_ownsLock = false;
    bool m_holdsClaim = false;
    bool m_threadStarted = false;
    std::atomic<bool> m_stopping { false };
    std::atomic<bool> m_claiming { false };
};

} // namespace Local

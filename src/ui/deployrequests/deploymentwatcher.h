#pragma once

#include "core/deployrequest.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Api {
class ApiClient;
class Poller;
} // namespace Api

namespace Ui {

class DeploymentProgressModel;
class DeploymentSection;

// Keeps a deploy request's Deployment section current: while the deployment runs (or waits for its
// cutover) it polls the request — fast while progress moves, slower when nothing does — and feeds the
// per-table progress; once deployed it ticks the revert countdown. The document forwards every version
// of the request it shows through watch() and hears back what polling saw (polled).
class DeploymentWatcher : public QObject
{
    Q_OBJECT
public:
    DeploymentWatcher(Api::ApiClient *client, DeploymentProgressModel *progress, DeploymentSection *section,
        QObject *parent = nullptr);

    void setRequest(const QString &org, const QString &database, const Core::DeployRequest &request);
    void clear();
    void setRevertWindow(std::chrono::seconds window) { m_revertWindow = window; }
    void setPollIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow);
    // The deployment's own operations when it carries them, otherwise fetched from /operations; `done`
    // hears whether progress moved.
    void updateOperations(const Core::DeployRequest &request, std::function<void(bool changed)> done = {});
    bool isPolling() const;
    QString countdownText() const;

Q_SIGNALS:
    void pollingStarted();
    // A poll brought the request back; stateChanged: its deployment moved to another state.
    void polled(const Core::DeployRequest &request, bool stateChanged);
    void pollFailed(const QString &message);

private:
    void updateCountdown();
    void startPollingIfRunning();
    void pollRound(quint64 round);
    void loadOperations(std::function<void(bool changed)> done);
    bool showOperations(const QList<Core::DeployOperation> &operations);

    QPointer<Api::ApiClient> m_client;
    DeploymentProgressModel *m_progress;
    DeploymentSection *m_section;
    QString m_org;
    QString m_database;
    Core::DeployRequest m_request;
    std::chrono::seconds m_revertWindow { 30 * 60 };
    Api::Poller *m_poller;
    QTimer m_countdownTimer;
};

} // namespace Ui

#pragma once

#include "api/apiresult.h"
#include "core/deployrequest.h"
#include "core/tableddl.h"
#include "ui/common/statusline.h"
#include "ui/deployrequests/deployactions.h"

#include <QMap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace Api {
class ApiClient;
class Poller;
} // namespace Api

namespace Ui {

class DeploymentProgressModel;
class DeployRequestReviews;
class SideBySideDiffView;

// One deploy request: header with its state, the actions valid in that state only, notes, the per-table
// diff side by side with lint errors and data-loss warnings, reviews, and while it deploys per-table
// progress with ETA (polled, slower when nothing moves); in the revert window a countdown.
class DeployRequestDetail : public QWidget
{
    Q_OBJECT
public:
    explicit DeployRequestDetail(Api::ApiClient *client, QWidget *parent = nullptr);

    void setDeployRequest(const QString &org, const QString &database, const Core::DeployRequest &request);
    void clear();
    void setApprovalRequired(bool required);
    void setRevertWindow(std::chrono::seconds window) { m_revertWindow = window; }
    void setPollIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow);
    void trigger(DeployAction action); // at once
    void confirmAndTrigger(DeployAction action); // what the buttons do: asks first for irreversible steps
    void refresh();

    const Core::DeployRequest &deployRequest() const { return m_request; }
    bool hasRequest() const { return m_request.number > 0; }
    QPushButton *actionButton(DeployAction action) const { return m_buttons.value(action); }
    QList<DeployAction> visibleActions() const;
    SideBySideDiffView *diffView() const { return m_diff; }
    DeployRequestReviews *reviews() const { return m_reviews; }
    DeploymentProgressModel *progressModel() const { return m_progress; }
    QString statusText() const;
    QString countdownText() const;
    QString headerText() const;
    bool isPolling() const;

Q_SIGNALS:
    void deployRequestChanged(const Core::DeployRequest &request);
    void actionFinished(bool ok, const QString &message);
    void diffLoaded(int tableCount);

private:
    void applyRequest(const Core::DeployRequest &request);
    void updateActions();
    void updateCountdown();
    void startPollingIfRunning();
    void pollRound(quint64 round);
    void loadDiff();
    void finishDiff();
    // The deployment's own operations when it carries them, otherwise fetched from /operations.
    void updateOperations(const Core::DeployRequest &request, std::function<void(bool changed)> done = {});
    void loadOperations(std::function<void(bool changed)> done);
    bool showOperations(const QList<Core::DeployOperation> &operations); // true when progress moved
    void showStatus(const QString &text, bool error = false);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    Core::DeployRequest m_request;
    bool m_approvalRequired = false;
    std::chrono::seconds m_revertWindow { 30 * 60 };

    struct DiffLoad
    {
        Api::RequestId diffRequest = 0;
        Api::RequestId intoRequest = 0;
        Api::RequestId headRequest = 0;
        std::optional<QList<Core::TableDdl>> diff;
        std::optional<QList<Core::TableDdl>> into;
        std::optional<QList<Core::TableDdl>> head;
        QString error;
    } m_diffLoad;
    Api::RequestId m_actionRequest = 0;

    QLabel *m_header;
    QLabel *m_state;
    StatusLine *m_status;
    QLabel *m_countdown;
    QMap<DeployAction, QPushButton *> m_buttons;
    QTabWidget *m_tabs;
    QTextBrowser *m_notes;
    SideBySideDiffView *m_diff;
    DeployRequestReviews *m_reviews;
    QProgressBar *m_overall;
    QTableView *m_progressView;
    DeploymentProgressModel *m_progress;
    Api::Poller *m_poller;
    QTimer m_countdownTimer;
};

} // namespace Ui

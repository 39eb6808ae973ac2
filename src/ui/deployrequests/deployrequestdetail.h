#pragma once

#include "api/apiresult.h"
#include "core/deployrequest.h"
#include "core/tableddl.h"
#include "ui/common/statusline.h"
#include "ui/deployrequests/deployactions.h"

#include <QPointer>
#include <QWidget>

#include <chrono>
#include <optional>

class QLabel;
class QPushButton;
class QTabWidget;

namespace Api {
class ApiClient;
}

namespace Ui {

class DeployControls;
class DeploymentProgressModel;
class DeploymentSection;
class DeploymentWatcher;
class DeployRequestHeader;
class DeployRequestReviews;
class DeployRequestSummary;
class SideBySideDiffView;

// One deploy request as a document: a header (number, branch → into, state badge, author, age, approval,
// the actions valid in that state only) over four sections — Summary (notes, lint errors, data-loss
// warnings, the tables it touches with their row counts), Changes (per-table side-by-side diff at full
// width, the statement beneath each), Reviews (timeline, approve and comment in place) and Deployment
// (per-table progress with ETA, polled, slower when nothing moves; the revert countdown; the states it went
// through with times).
class DeployRequestDetail : public QWidget
{
    Q_OBJECT
public:
    enum class Section { Summary, Changes, Reviews, Deployment };

    explicit DeployRequestDetail(Api::ApiClient *client, QWidget *parent = nullptr);

    void setDeployRequest(const QString &org, const QString &database, const Core::DeployRequest &request);
    void clear();
    // The request could not be loaded (opened by number): says so in place of the header.
    void showLoadError(const QString &message);
    void setApprovalRequired(bool required);
    void setRevertWindow(std::chrono::seconds window);
    void setPollIntervals(std::chrono::milliseconds fast, std::chrono::milliseconds slow);
    void trigger(DeployAction action); // at once
    void confirmAndTrigger(DeployAction action); // what the buttons do: asks first for irreversible steps
    void refresh();

    const Core::DeployRequest &deployRequest() const { return m_request; }
    bool hasRequest() const { return m_request.number > 0; }
    QPushButton *actionButton(DeployAction action) const;
    QList<DeployAction> visibleActions() const;
    SideBySideDiffView *diffView() const { return m_diff; }
    DeployRequestReviews *reviews() const { return m_reviews; }
    DeploymentProgressModel *progressModel() const { return m_progress; }
    DeployRequestSummary *summary() const { return m_summary; }
    DeploymentSection *deployment() const { return m_deployment; }
    DeployControls *controls() const { return m_controls; }
    DeployRequestHeader *header() const { return m_header; }
    void showSection(Section section);
    Section currentSection() const;
    QString organization() const { return m_org; }
    QString database() const { return m_database; }
    QString statusText() const;
    QString countdownText() const;
    QString headerText() const;
    bool isPolling() const;

Q_SIGNALS:
    void deployRequestChanged(const Core::DeployRequest &request);
    void actionFinished(bool ok, const QString &message);
    void diffLoaded(int tableCount);
    // The Summary wants the row counts of these tables on `branch` (the branch deployed into); the window
    // answers through summary()->setRowCounts().
    void rowCountsNeeded(const QString &org, const QString &database, const QString &branch, const QStringList &tables);

private:
    void applyRequest(const Core::DeployRequest &request);
    void updateActions();
    void loadDiff();
    void finishDiff();
    void showStatus(const QString &text, bool error = false);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    Core::DeployRequest m_request;
    bool m_approvalRequired = false;

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

    DeployRequestHeader *m_header;
    StatusLine *m_status;
    QTabWidget *m_tabs;
    DeployRequestSummary *m_summary;
    SideBySideDiffView *m_diff;
    DeployRequestReviews *m_reviews;
    DeploymentProgressModel *m_progress;
    DeploymentSection *m_deployment;
    DeploymentWatcher *m_watcher; // polling, progress and the revert countdown of the Deployment section
    DeployControls *m_controls;
};

} // namespace Ui

#pragma once

#include "core/deployrequest.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QProgressBar;
class QTableView;
class QTreeWidget;

namespace Ui {

class DeploymentProgressModel;

// The Deployment section of a deploy-request document: overall and per-table progress with ETA, the
// revert countdown (the detail keeps it current), and the states the deployment went through with their
// times — from the timestamps the API gives and the changes seen while watching.
class DeploymentSection : public QWidget
{
    Q_OBJECT
public:
    DeploymentSection(DeploymentProgressModel *progress, QWidget *parent = nullptr);

    void setDeployRequest(const Core::DeployRequest &request);
    // A state seen now while polling (kept when the API has no timestamp for it).
    void noteState(const QString &stateName, const QDateTime &when);
    void updateProgress();
    void clear();
    // The deploy request's controls (DeployControls), shown at the top of the section.
    void setControls(QWidget *controls);

    QLabel *countdownLabel() const { return m_countdown; }
    QProgressBar *overall() const { return m_overall; }
    QTableView *progressView() const { return m_view; }
    QStringList timelineTexts() const;

private:
    void rebuildTimeline();

    DeploymentProgressModel *m_progress;
    Core::DeployRequest m_request;
    QList<std::pair<QString, QDateTime>> m_seen;
    QLabel *m_countdown;
    QLabel *m_empty;
    QProgressBar *m_overall;
    QTableView *m_view;
    QTreeWidget *m_timeline;
};

} // namespace Ui

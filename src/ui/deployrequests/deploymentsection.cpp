#include "ui/deployrequests/deploymentsection.h"
#include "ui/common/plural.h"

#include "ui/common/progressbardelegate.h"
#include "ui/common/theme.h"
#include "ui/deployrequests/deployactions.h"
#include "ui/deployrequests/deploymentprogressmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    label->setFont(bold);
    return label;
}

} // namespace

DeploymentSection::DeploymentSection(DeploymentProgressModel *progress, QWidget *parent)
    : QWidget(parent)
    , m_progress(progress)
    , m_countdown(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_overall(new QProgressBar(this))
    , m_view(new QTableView(this))
    , m_timeline(new QTreeWidget(this))
{
    m_countdown->setObjectName(u"revertCountdown"_s);
    QFont bold = m_countdown->font();
    bold.setBold(true);
    m_countdown->setFont(bold);
    Theme::setTone(m_countdown, Tone::Warning);
    m_countdown->setVisible(false);
    m_empty->setText(tr("Not deployed yet. Progress per table appears here once the deployment starts."));
    Theme::setTone(m_empty, Tone::Neutral);
    m_overall->setRange(0, 100);
    m_overall->setObjectName(u"overallProgress"_s);
    m_view->setModel(progress);
    m_view->setObjectName(u"deploymentProgress"_s);
    m_view->setItemDelegateForColumn(
        DeploymentProgressModel::ProgressColumn, new ProgressBarDelegate(DeploymentProgressModel::ProgressRole, this));
    m_view->horizontalHeader()->setSectionResizeMode(DeploymentProgressModel::TableColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(DeploymentProgressModel::ProgressColumn, QHeaderView::Fixed);
    m_view->horizontalHeader()->resizeSection(DeploymentProgressModel::ProgressColumn, 220);
    m_view->verticalHeader()->hide();
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setShowGrid(false);
    m_timeline->setObjectName(u"deploymentTimeline"_s);
    m_timeline->setHeaderLabels({ tr("State"), tr("When") });
    m_timeline->setRootIsDecorated(false);
    m_timeline->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_timeline->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_timeline->header()->setStretchLastSection(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 8, 16, 16);
    layout->setSpacing(6);
    layout->addWidget(m_countdown);
    layout->addWidget(heading(tr("Progress"), this));
    layout->addWidget(m_empty);
    layout->addWidget(m_overall);
    layout->addWidget(m_view, 2);
    layout->addWidget(heading(tr("Timeline"), this));
    layout->addWidget(m_timeline, 1);
    connect(progress, &QAbstractItemModel::modelReset, this, &DeploymentSection::updateProgress);
    connect(progress, &QAbstractItemModel::dataChanged, this, &DeploymentSection::updateProgress);
    connect(progress, &QAbstractItemModel::rowsInserted, this, &DeploymentSection::updateProgress);
    updateProgress();
}

void DeploymentSection::setControls(QWidget *controls)
{
    // Under the revert countdown, above the progress: the settings that shape the deployment.
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, controls);
}

void DeploymentSection::clear()
{
    m_request = {};
    m_seen.clear();
    m_timeline->clear();
    m_countdown->setVisible(false);
    updateProgress();
}

void DeploymentSection::setDeployRequest(const Core::DeployRequest &request)
{
    m_request = request;
    rebuildTimeline();
}

void DeploymentSection::noteState(const QString &stateName, const QDateTime &when)
{
    if (stateName.isEmpty() || (!m_seen.isEmpty() && m_seen.last().first == stateName))
        return;
    m_seen.append({ stateName, when });
    rebuildTimeline();
}

void DeploymentSection::updateProgress()
{
    const bool any = m_progress->rowCount() > 0;
    m_empty->setVisible(!any);
    m_overall->setVisible(any);
    m_view->setVisible(any);
    // As tall as its rows: a two-table deploy is not a box of empty space above the timeline.
    m_view->setMaximumHeight(m_view->horizontalHeader()->sizeHint().height() + m_view->verticalHeader()->length()
        + 2 * m_view->frameWidth() + 2);
    m_overall->setValue(m_progress->overallProgress());
    m_overall->setFormat(countText(m_progress->rowCount(), tr("%p % of 1 table"), tr("%p % of %n tables")));
}

void DeploymentSection::rebuildTimeline()
{
    QList<std::pair<QString, QDateTime>> events;
    auto add = [&events](const QString &what, const QDateTime &when) {
        if (when.isValid())
            events.append({ what, when });
    };
    add(tr("Opened"), m_request.createdAt);
    if (const auto &d = m_request.deployment) {
        add(tr("Queued"), d->queuedAt);
        add(tr("Submitted"), d->submittedAt);
        add(tr("Started"), d->startedAt);
        add(tr("Ready to cut over"), d->readyToCutoverAt);
        add(tr("Cut over"), d->cutoverAt);
        add(tr("Finished"), d->finishedAt);
    }
    add(tr("Deployed"), m_request.deployedAt);
    add(tr("Closed"), m_request.closedAt);
    for (const auto &[state, when] : std::as_const(m_seen))
        add(DeployActions::stateText(state), when);
    std::stable_sort(events.begin(), events.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
    m_timeline->clear();
    const QLocale locale;
    for (const auto &[what, when] : std::as_const(events)) {
        auto *item
            = new QTreeWidgetItem(m_timeline, { what, locale.toString(when.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s) });
        item->setToolTip(1, when.toUTC().toString(Qt::ISODate));
    }
}

QStringList DeploymentSection::timelineTexts() const
{
    QStringList result;
    for (int i = 0; i < m_timeline->topLevelItemCount(); ++i)
        result << m_timeline->topLevelItem(i)->text(0) + u" @ "_s + m_timeline->topLevelItem(i)->text(1);
    return result;
}

} // namespace Ui

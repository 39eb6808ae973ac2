#include "ui/deployrequests/deployqueueview.h"

#include "api/deployrequestsresource.h"
#include "ui/common/documentheader.h"
#include "ui/common/icons.h"
#include "ui/common/statusline.h"
#include "ui/common/theme.h"
#include "ui/deployrequests/deployactions.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

DeployQueueView::DeployQueueView(Api::ApiClient *client, QString org, QString database, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_org(std::move(org))
    , m_database(std::move(database))
    , m_summary(makeDocumentSummary(this, u"queueSummary"_s))
    , m_refresh(makeRefreshButton(this, u"refreshQueue"_s))
    , m_view(new QTreeWidget(this))
    , m_status(new StatusLine(this))
{
    setWindowTitle(tr("Deploy queue · %1").arg(m_database));
    setWindowIcon(Icons::get(u"vcs-merge-request"_s));
    setToolTip(tr("The deploy queue of %1").arg(m_database));
    connect(m_refresh, &QToolButton::clicked, this, &DeployQueueView::reload);
    m_view->setObjectName(u"deployQueue"_s);
    m_view->setColumnCount(ColumnCount);
    m_view->setHeaderLabels(
        { tr("Position"), tr("Deploy request"), tr("Into"), tr("State"), tr("Waiting for"), tr("Queued") });
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(AheadColumn, QHeaderView::Stretch);
    connect(m_view, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        Q_EMIT deployRequestActivated(m_org, m_database, item->data(RequestColumn, Qt::UserRole).toLongLong());
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    // The queue moves on its own (deployments finish, others start): kept current while the document is open.
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &DeployQueueView::reload);
    m_timer.start();
    reload();
}

void DeployQueueView::setRefreshInterval(std::chrono::milliseconds interval)
{
    m_timer.stop();
    if (interval.count() > 0) {
        m_timer.setInterval(interval);
        m_timer.start();
    }
}

void DeployQueueView::reload()
{
    if (!m_client || m_request)
        return;
    m_request = Api::DeployRequestsResource(m_client).queue(
        m_org, m_database, this, [this](Api::ApiResult<QList<Core::Deployment>> r) {
            if (r.requestId() != m_request)
                return;
            m_request = 0;
            if (!r) {
                m_status->showStatus(tr("Could not load the deploy queue: %1").arg(r.error().userText), true);
                return;
            }
            m_status->showStatus({}, false);
            show(r.value());
        });
}

void DeployQueueView::show(const QList<Core::Deployment> &deployments)
{
    m_deployments = deployments;
    const qint64 selected
        = m_view->currentItem() ? m_view->currentItem()->data(RequestColumn, Qt::UserRole).toLongLong() : 0;
    m_view->clear();
    QString pauseReason;
    bool paused = false;
    const QLocale locale;
    for (qsizetype i = 0; i < deployments.size(); ++i) {
        const Core::Deployment &d = deployments.at(i);
        paused = paused || d.queuePaused;
        if (d.queuePaused && pauseReason.isEmpty())
            pauseReason = d.queuePauseReason;
        QStringList ahead;
        for (const Core::PrecedingDeployment &p : d.precedingDeployments)
            ahead << tr("#%1 (%2)").arg(p.deployRequestNumber).arg(DeployActions::stateText(p.state).toLower());
        auto *item = new QTreeWidgetItem(m_view);
        item->setText(PositionColumn, QString::number(i + 1));
        item->setText(RequestColumn, tr("#%1").arg(d.deployRequestNumber));
        item->setData(RequestColumn, Qt::UserRole, d.deployRequestNumber);
        item->setText(IntoColumn, d.intoBranch);
        item->setText(StateColumn, DeployActions::stateText(d.stateName));
        item->setText(AheadColumn, ahead.isEmpty() ? tr("nothing: deploying now") : ahead.join(u", "_s));
        item->setText(QueuedColumn,
            d.queuedAt.isValid() ? locale.toString(d.queuedAt.toLocalTime(), QLocale::ShortFormat) : QString());
        if (d.deployRequestNumber == selected)
            m_view->setCurrentItem(item);
    }
    if (deployments.isEmpty())
        m_summary->setText(tr("The deploy queue of %1 is empty.").arg(m_database));
    else if (paused)
        m_summary->setText(tr("The deploy queue of %1 is paused: %2")
                               .arg(m_database, pauseReason.isEmpty() ? tr("no reason given") : pauseReason));
    else
        m_summary->setText(deployments.size() == 1
                ? tr("1 deployment in the queue of %1.").arg(m_database)
                : tr("%1 deployments in the queue of %2.").arg(deployments.size()).arg(m_database));
    Theme::setTone(m_summary, paused ? Tone::Warning : Tone::Neutral);
    Q_EMIT loaded(int(deployments.size()));
}

QString DeployQueueView::summaryText() const
{
    return m_summary->text();
}

QString DeployQueueView::statusText() const
{
    return !m_status->isHidden() ? m_status->text() : QString();
}

} // namespace Ui

#include "ui/deployrequests/deploycontrols.h"

#include "api/deployrequestsresource.h"
#include "core/deploystaterules.h"
#include "core/deploythrottler.h"
#include "ui/common/statusline.h"
#include "ui/common/theme.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

using S = Core::DeploymentState;

S stateOf(const Core::DeployRequest &request)
{
    return Core::DeployStateRules::effectiveState(request);
}

// Not deployed (or deploying) yet: the settings that shape the deployment can still change.
bool beforeCutover(S state)
{
    return state == S::Pending || state == S::Ready || state == S::Queued || state == S::Submitting
        || state == S::InProgress || state == S::PendingCutover;
}

} // namespace

DeployControls::DeployControls(Api::ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_queue(new QLabel(this))
    , m_storageLabel(new QLabel(this))
    , m_autoApply(new QCheckBox(tr("Apply the changes automatically when ready (auto-apply)"), this))
    , m_autoDelete(new QCheckBox(tr("Delete the branch after deploying"), this))
    , m_ratio(new QSpinBox(this))
    , m_setRatio(new QPushButton(tr("Set throttler"), this))
    , m_force(new QPushButton(tr("Force cutover"), this))
    , m_status(new StatusLine(this))
{
    m_queue->setObjectName(u"deployQueuePosition"_s);
    m_queue->setWordWrap(true);
    m_storageLabel->setObjectName(u"storageCheck"_s);
    m_storageLabel->setWordWrap(true);
    m_autoApply->setObjectName(u"autoApply"_s);
    m_autoDelete->setObjectName(u"autoDeleteBranch"_s);
    m_ratio->setObjectName(u"throttlerRatio"_s);
    m_ratio->setRange(0, Core::DeployThrottler::maxRatio);
    m_ratio->setSuffix(u" %"_s);
    m_ratio->setToolTip(tr("The share of time the copy pauses to leave room for the application: 0 runs at full"
                           " speed, 95 slows the deployment down the most."));
    m_setRatio->setObjectName(u"setThrottler"_s);
    m_force->setObjectName(u"forceCutoverButton"_s);
    m_force->setToolTip(tr("Cut over now: sessions holding the changed tables in a transaction are ended."));
    Theme::setTone(m_force, Tone::Danger);

    auto *throttle = new QHBoxLayout;
    throttle->addWidget(new QLabel(tr("Throttler ratio:"), this));
    throttle->addWidget(m_ratio);
    throttle->addWidget(m_setRatio);
    throttle->addStretch(1);
    throttle->addWidget(m_force);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_queue);
    layout->addWidget(m_storageLabel);
    layout->addWidget(m_autoApply);
    layout->addWidget(m_autoDelete);
    layout->addLayout(throttle);
    layout->addWidget(m_status);

    connect(m_autoApply, &QCheckBox::clicked, this, [this](bool on) {
        if (!m_client || m_busy)
            return;
        m_busy = true;
        updateEnabled();
        Api::DeployRequestsResource(m_client).setAutoApply(m_org, m_database, m_request.number, on, this,
            [this](Api::ApiResult<Core::DeployRequest> r) { changed(tr("Auto-apply"), std::move(r)); });
    });
    connect(m_autoDelete, &QCheckBox::clicked, this, [this](bool on) {
        if (!m_client || m_busy)
            return;
        m_busy = true;
        updateEnabled();
        Api::DeployRequestsResource(m_client).setAutoDeleteBranch(m_org, m_database, m_request.number, on, this,
            [this](Api::ApiResult<Core::DeployRequest> r) { changed(tr("Auto-delete branch"), std::move(r)); });
    });
    connect(m_force, &QPushButton::clicked, this, [this] {
        if (!m_client || m_busy)
            return;
        m_busy = true;
        updateEnabled();
        Api::DeployRequestsResource(m_client).forceCutover(m_org, m_database, m_request.number, this,
            [this](Api::ApiResult<Core::DeployRequest> r) { changed(tr("Force cutover"), std::move(r)); });
    });
    connect(m_setRatio, &QPushButton::clicked, this, [this] {
        if (!m_client || m_busy)
            return;
        m_busy = true;
        updateEnabled();
        const qint64 number = m_request.number;
        Api::DeployRequestsResource(m_client).setThrottler(
            m_org, m_database, number, m_ratio->value(), this, [this, number](Api::ApiResult<Core::DeployThrottler> r) {
                if (number != m_request.number)
                    return;
                m_busy = false;
                updateEnabled();
                if (!r) {
                    const QString message = tr("Throttler failed: %1").arg(r.error().userText);
                    m_status->showStatus(message, true);
                    Q_EMIT actionFinished(false, message);
                    return;
                }
                const int ratio = int(r->ratioOf(m_database));
                m_ratio->setValue(ratio);
                m_status->showStatus(tr("Throttler ratio set to %1 %.").arg(ratio), false);
                Q_EMIT throttlerLoaded(ratio);
                Q_EMIT actionFinished(true, m_status->text());
            });
    });
    clear();
}

void DeployControls::clear()
{
    m_request = {};
    m_storage.reset();
    m_busy = false;
    m_queue->clear();
    m_storageLabel->clear();
    m_storageLabel->setVisible(false);
    m_status->showStatus({}, false);
    updateEnabled();
}

void DeployControls::setDeployRequest(const QString &org, const QString &database, const Core::DeployRequest &request)
{
    const bool same = org == m_org && database == m_database && request.number == m_request.number;
    const S before = stateOf(m_request);
    m_org = org;
    m_database = database;
    m_request = request;
    m_queue->setText(queueText(request));
    m_queue->setVisible(!m_queue->text().isEmpty());
    Theme::setTone(m_queue, request.deployment && request.deployment->queuePaused ? Tone::Warning : Tone::Neutral);
    m_autoApply->setChecked(request.deployment ? request.deployment->autoCutover : false);
    m_autoDelete->setChecked(request.deployment ? request.deployment->autoDeleteBranch : false);
    updateEnabled();
    if (!same) {
        m_storage.reset();
        m_storageLabel->setVisible(false);
        loadThrottler();
    }
    // The storage check matters before deploying; asked again when the request becomes deployable.
    if (stateOf(request) == S::Ready && (!same || before != S::Ready))
        loadStorage();
}

QString DeployControls::queueText(const Core::DeployRequest &request)
{
    if (!request.deployment)
        return {};
    const Core::Deployment &d = *request.deployment;
    QString text;
    if (d.queuePaused)
        text = tr("The deploy queue is paused: %1. ")
                   .arg(d.queuePauseReason.isEmpty() ? tr("no reason given") : d.queuePauseReason);
    if (stateOf(request) == S::Queued) {
        QStringList ahead;
        for (const Core::PrecedingDeployment &p : d.precedingDeployments)
            ahead << tr("#%1 (%2)").arg(p.deployRequestNumber).arg(p.state);
        text += ahead.isEmpty() ? tr("Queued: next to deploy.")
                                : tr("Queued: position %1, after %2.").arg(ahead.size() + 1).arg(ahead.join(u", "_s));
    }
    return text.trimmed();
}

QString DeployControls::storageText(const Core::StorageCheck &check)
{
    const QLocale locale;
    const QString needed = locale.formattedDataSize(check.storageBytesNeeded);
    qint64 remaining = -1;
    for (const Core::ShardStorage &s : check.shards) {
        if (s.capacity > 0)
            remaining = remaining < 0 ? s.remaining : qMin(remaining, s.remaining);
    }
    const QString room
        = remaining >= 0 ? tr("%1 free").arg(locale.formattedDataSize(remaining)) : tr("free space unknown");
    return check.enoughStorage ? tr("Storage: the deployment needs about %1 (%2): enough.").arg(needed, room)
                               : tr("Storage: the deployment needs about %1 but only %2: not enough room to deploy "
                                    "safely.")
                                     .arg(needed, room);
}

QString DeployControls::statusText() const
{
    return !m_status->isHidden() ? m_status->text() : QString();
}

void DeployControls::loadThrottler()
{
    if (!m_client || m_request.number <= 0)
        return;
    const qint64 number = m_request.number;
    Api::DeployRequestsResource(m_client).throttler(
        m_org, m_database, number, this, [this, number](Api::ApiResult<Core::DeployThrottler> r) {
            if (number != m_request.number || !r)
                return; // no throttler (older servers): the box keeps 0
            m_ratio->setValue(int(r->ratioOf(m_database)));
            Q_EMIT throttlerLoaded(m_ratio->value());
        });
}

void DeployControls::loadStorage()
{
    if (!m_client || m_request.number <= 0)
        return;
    const qint64 number = m_request.number;
    Api::DeployRequestsResource(m_client).storageCheck(
        m_org, m_database, number, this, [this, number](Api::ApiResult<Core::StorageCheck> r) {
            if (number != m_request.number)
                return;
            if (!r) {
                m_storageLabel->setText(tr("Storage check unavailable: %1").arg(r.error().userText));
                m_storageLabel->setVisible(true);
                Theme::setTone(m_storageLabel, Tone::Neutral);
                return;
            }
            m_storage = r.value();
            m_storageLabel->setText(storageText(*m_storage));
            m_storageLabel->setVisible(true);
            Theme::setTone(m_storageLabel, m_storage->enoughStorage ? Tone::Success : Tone::Danger);
            Q_EMIT storageChecked(m_storage->enoughStorage);
        });
}

void DeployControls::changed(const QString &what, Api::ApiResult<Core::DeployRequest> result)
{
    m_busy = false;
    if (!result) {
        const QString message = tr("%1 failed: %2").arg(what, result.error().userText);
        m_status->showStatus(message, true);
        setDeployRequest(m_org, m_database, m_request); // the boxes go back to what the server has
        Q_EMIT actionFinished(false, message);
        return;
    }
    m_status->showStatus({}, false);
    setDeployRequest(m_org, m_database, result.value());
    Q_EMIT deployRequestChanged(result.value());
    Q_EMIT actionFinished(true, tr("%1: done.").arg(what));
}

void DeployControls::updateEnabled()
{
    const bool has = m_request.number > 0;
    const S state = stateOf(m_request);
    const bool open = has && m_request.state != u"closed"_s;
    const bool shaping = open && beforeCutover(state);
    m_autoApply->setVisible(shaping);
    m_autoDelete->setVisible(shaping);
    m_ratio->setVisible(shaping);
    m_setRatio->setVisible(shaping);
    m_autoApply->setEnabled(!m_busy);
    m_autoDelete->setEnabled(!m_busy);
    m_ratio->setEnabled(!m_busy);
    m_setRatio->setEnabled(!m_busy);
    const bool forcible
        = open && (state == S::InProgress || state == S::PendingCutover || state == S::InProgressCutover);
    const bool forced = m_request.deployment && m_request.deployment->forceCutoverRequestedAt.isValid();
    m_force->setVisible(forcible);
    m_force->setEnabled(forcible && !forced && !m_busy);
    if (forced)
        m_force->setText(tr("Force cutover requested"));
    else
        m_force->setText(tr("Force cutover"));
    setVisible(has);
}

} // namespace Ui

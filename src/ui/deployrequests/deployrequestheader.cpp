#include "ui/deployrequests/deployrequestheader.h"
#include "ui/common/plural.h"

#include "core/deploystaterules.h"
#include "ui/common/badgelabel.h"
#include "ui/common/icons.h"
#include "ui/common/statebadgedelegate.h"
#include "ui/common/theme.h"
#include "ui/deployrequests/deployrequestlistmodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString iconOf(DeployAction action)
{
    switch (action) {
    case DeployAction::Deploy:
        return u"run-build"_s;
    case DeployAction::DeployInstantly:
        return u"media-skip-forward"_s;
    case DeployAction::Cancel:
        return u"process-stop"_s;
    case DeployAction::ApplyCutover:
        return u"media-playback-start"_s;
    case DeployAction::Revert:
        return u"edit-undo"_s;
    case DeployAction::SkipRevert:
        return u"dialog-ok-apply"_s;
    case DeployAction::CompleteDeploy:
        return u"dialog-ok-apply"_s;
    case DeployAction::Close:
        return u"dialog-close"_s;
    }
    return {};
}

Core::DeploymentState stateOf(const Core::DeployRequest &request)
{
    if (request.deployment && request.deployment->state != Core::DeploymentState::Unknown)
        return request.deployment->state;
    return request.deploymentState;
}

} // namespace

DeployRequestHeader::DeployRequestHeader(QWidget *parent)
    : QWidget(parent)
    , m_number(new QLabel(this))
    , m_title(new QLabel(this))
    , m_state(new BadgeLabel(this))
    , m_meta(new QLabel(this))
{
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.45);
    m_number->setFont(big);
    Theme::setTone(m_number, Tone::Neutral);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setObjectName(u"deployRequestTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta->setObjectName(u"deployRequestMeta"_s);
    m_state->setObjectName(u"deployRequestState"_s);

    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(10);
    titleRow->addWidget(m_number);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_state, 0, Qt::AlignVCenter);
    titleRow->addStretch(1);
    for (DeployAction action : DeployActions::all()) {
        auto *button = new QPushButton(Icons::get(iconOf(action)), DeployActions::text(action), this);
        button->setObjectName(DeployActions::objectName(action));
        button->setVisible(false);
        connect(button, &QPushButton::clicked, this, [this, action] { Q_EMIT actionClicked(action); });
        m_buttons.insert(action, button);
        titleRow->addWidget(button);
    }
    m_buttons.value(DeployAction::Deploy)->setDefault(true);
    m_buttons.value(DeployAction::DeployInstantly)
        ->setToolTip(tr("Uses ALGORITHM=INSTANT where possible; an instant deployment cannot be reverted."));
    m_buttons.value(DeployAction::Revert)->setToolTip(tr("Restores the previous schema, keeping rows written since."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 8);
    layout->setSpacing(4);
    layout->addLayout(titleRow);
    layout->addWidget(m_meta);
}

void DeployRequestHeader::clear(const QString &text)
{
    m_number->clear();
    m_title->setText(text);
    m_state->setBadge({}, Tone::Neutral);
    m_meta->clear();
}

void DeployRequestHeader::setDeployRequest(const Core::DeployRequest &request, bool approvalRequired)
{
    m_number->setText(u"#%1"_s.arg(request.number));
    m_title->setText(u"%1 → %2"_s.arg(request.branch, request.intoBranch));
    const Badge badge = request.state == u"closed"_s && !request.deployedAt.isValid()
        ? Badge { tr("closed"), Badge::Tone::Neutral }
        : StateBadgeDelegate::deploymentBadge(Core::DeployStateRules::stateName(request));
    m_state->setBadge(badge.text, badge.tone);

    QStringList meta;
    const QString who = request.actor ? request.actor->displayName : QString();
    const QString age = DeployRequestListModel::ageText(request.createdAt, QDateTime::currentDateTimeUtc());
    if (!who.isEmpty() && request.createdAt.isValid())
        meta << tr("Opened by %1 %2 ago").arg(who, age);
    else if (request.createdAt.isValid())
        meta << tr("Opened %1 ago").arg(age);
    if (request.approved)
        meta << tr("✓ Approved");
    else if (approvalRequired)
        meta << tr("Awaiting an approval (required to deploy)");
    else
        meta << tr("No review yet");
    if (request.numComments > 0)
        meta << countText(request.numComments, tr("1 comment"), tr("%n comments"));
    if (stateOf(request) == Core::DeploymentState::Complete && request.deployedAt.isValid())
        meta << tr("Deployed %1").arg(QLocale().toString(request.deployedAt.toLocalTime(), QLocale::ShortFormat));
    if (request.branchDeleted)
        meta << tr("branch %1 deleted").arg(request.branch);
    m_meta->setText(meta.join(u"  ·  "_s));
    Theme::setTone(m_meta, Tone::Neutral);
}

QString DeployRequestHeader::titleText() const
{
    return m_number->text() + u' ' + m_title->text();
}

QString DeployRequestHeader::stateText() const
{
    return m_state->text();
}

QString DeployRequestHeader::metaText() const
{
    return m_meta->text();
}

} // namespace Ui

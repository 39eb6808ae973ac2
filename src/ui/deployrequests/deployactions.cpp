#include "ui/deployrequests/deployactions.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Ui::DeployActions", text);
}
} // namespace

QList<DeployAction> DeployActions::all()
{
    return { DeployAction::Deploy, DeployAction::DeployInstantly, DeployAction::Cancel, DeployAction::ApplyCutover,
        DeployAction::Revert, DeployAction::SkipRevert, DeployAction::CompleteDeploy, DeployAction::Close };
}

QList<DeployAction> DeployActions::valid(const Core::DeployRequest &request)
{
    return Core::DeployStateRules::validActions(request);
}

QString DeployActions::text(DeployAction action)
{
    switch (action) {
    case DeployAction::Deploy:
        return tr("Deploy");
    case DeployAction::DeployInstantly:
        return tr("Deploy instantly");
    case DeployAction::Cancel:
        return tr("Cancel deployment");
    case DeployAction::ApplyCutover:
        return tr("Apply changes (cutover)");
    case DeployAction::Revert:
        return tr("Revert");
    case DeployAction::SkipRevert:
        return tr("Skip revert");
    case DeployAction::CompleteDeploy:
        return tr("Unblock deploy queue");
    case DeployAction::Close:
        return tr("Close");
    }
    return {};
}

QString DeployActions::stateText(QString stateName)
{
    stateName.replace(u'_', u' ');
    if (!stateName.isEmpty())
        stateName[0] = stateName[0].toUpper();
    return stateName;
}

QString DeployActions::objectName(DeployAction action)
{
    switch (action) {
    case DeployAction::Deploy:
        return u"deployButton"_s;
    case DeployAction::DeployInstantly:
        return u"deployInstantlyButton"_s;
    case DeployAction::Cancel:
        return u"cancelButton"_s;
    case DeployAction::ApplyCutover:
        return u"applyCutoverButton"_s;
    case DeployAction::Revert:
        return u"revertButton"_s;
    case DeployAction::SkipRevert:
        return u"skipRevertButton"_s;
    case DeployAction::CompleteDeploy:
        return u"completeDeployButton"_s;
    case DeployAction::Close:
        return u"closeButton"_s;
    }
    return {};
}

QString DeployActions::deployBlocker(const Core::DeployRequest &request, bool approvalRequired)
{
    if (approvalRequired && !request.approved)
        return tr("This database requires an approving review before deploying.");
    if (request.deployment && !request.deployment->deployable && !request.deployment->deployCheckErrors.isEmpty())
        return tr("Not deployable: %1").arg(request.deployment->deployCheckErrors);
    return {};
}

QDateTime DeployActions::revertWindowEnd(const Core::DeployRequest &request, std::chrono::seconds window)
{
    if (request.deployment && request.deployment->revertExpiresAt.isValid())
        return request.deployment->revertExpiresAt;
    QDateTime start = request.deployment ? request.deployment->finishedAt : QDateTime();
    if (!start.isValid())
        start = request.deployedAt.isValid() ? request.deployedAt : request.updatedAt;
    return start.isValid() ? start.addSecs(window.count()) : QDateTime();
}

} // namespace Ui

#pragma once

#include "core/deployrequest.h"
#include "core/deploystaterules.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>

namespace Ui {

// The actions and the rules that decide them live in core (Core::DeployStateRules, shared with the
// sandbox); this class adds what the widgets need: texts and object names.
using DeployAction = Core::DeployAction;

class DeployActions
{
public:
    static QList<DeployAction> valid(const Core::DeployRequest &request);
    static QString text(DeployAction action);
    static QString objectName(DeployAction action); // for buttons: "deployButton", ...
    // A state as the API spells it, for reading: "in_progress_cutover" → "In progress cutover".
    static QString stateText(QString stateName);
    static QList<DeployAction> all();
    // Why deploying is not possible yet (approval missing, not deployable), empty when it is.
    static QString deployBlocker(const Core::DeployRequest &request, bool approvalRequired);
    // When a deployed request can no longer be reverted: the server's revert_expires_at when it sends one,
    // otherwise `window` after the deploy finished; invalid when neither is known.
    static QDateTime revertWindowEnd(const Core::DeployRequest &request, std::chrono::seconds window);
};

} // namespace Ui

#pragma once

#include "core/deploystaterules.h"
#include "local/datacheck.h"
#include "local/deploycontrolshandler.h"
#include "local/deployrecords.h"
#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

namespace Local {

// /organizations/local/databases/{database}/deploy-requests[/{number}[/action]]. State changes are
// recorded here (compare-and-set, by the rules of Core::DeployStateRules) and carried out by the
// DeployWorker (see DeployQueue).
class DeployRequestsHandler
{
public:
    explicit DeployRequestsHandler(Services services)
        : m_services(services)
        , m_controls(services, *this)
    { }
    DeployRequestsHandler(const DeployRequestsHandler &) = delete;
    DeployRequestsHandler &operator=(const DeployRequestsHandler &) = delete;
    // .../deploy-requests[/...] and .../deploy-queue
    HttpAnswer handle(const HttpCall &call);

    // Shared with DeployControlsHandler.
    // Moves the request by `action` when the rules allow it from its current state; 422 otherwise.
    HttpAnswer transition(const DeployRequestRecord &request, Core::DeployAction action, const QString &extra = {});
    Core::Result<QJsonObject> deploymentJson(const DeployRequestRecord &request);
    HttpAnswer reloaded(const DeployRequestRecord &request, int status = 200);

private:
    HttpAnswer list(const HttpCall &call, const QString &database);
    HttpAnswer create(const HttpCall &call, const Row &database);
    HttpAnswer action(const HttpCall &call, const DeployRequestRecord &request, const QString &verb);
    HttpAnswer deploy(const HttpCall &call, const DeployRequestRecord &request);
    HttpAnswer reviews(const HttpCall &call, const DeployRequestRecord &request);
    HttpAnswer diff(const DeployRequestRecord &request);
    // Plans the request's operations again and runs the deploy checks; stores the findings (lint errors)
    // and returns them.
    Core::Result<QList<DeployFinding>> planAndCheck(const DeployRequestRecord &request, bool *empty);

    Core::Result<QJsonObject> requestJson(const DeployRequestRecord &request);
    Core::Result<QList<DeployOperationRecord>> operations(const DeployRequestRecord &request);

    Services m_services;
    DeployControlsHandler m_controls;
};

} // namespace Local

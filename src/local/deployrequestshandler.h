#pragma once

#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

namespace Local {

// /organizations/local/databases/{database}/deploy-requests[/{number}[/action]]. State changes are
// recorded here and carried out by the DeployWorker (see DeployQueue).
class DeployRequestsHandler
{
public:
    explicit DeployRequestsHandler(Services services)
        : m_services(services)
    { }
    HttpAnswer handle(const HttpCall &call);

private:
    HttpAnswer list(const HttpCall &call, const QString &database);
    HttpAnswer create(const HttpCall &call, const Row &database);
    HttpAnswer action(const HttpCall &call, const Row &request, const QString &verb);
    HttpAnswer reviews(const HttpCall &call, const Row &request);
    HttpAnswer diff(const Row &request);
    // Moves the request from one of `from` to `to`; 422 when it is in another state.
    HttpAnswer transition(const Row &request, const QStringList &from, const QString &to, const QString &extra = {});

    Core::Result<QJsonObject> requestJson(const Row &request);
    Core::Result<QJsonObject> deploymentJson(const Row &request);
    Core::Result<QList<Row>> operations(const Row &request);
    HttpAnswer reloaded(const Row &request, int status = 200);

    Services m_services;
};

} // namespace Local

#pragma once

#include "local/deployrecords.h"
#include "local/httpcall.h"
#include "local/services.h"

namespace Local {

class DeployRequestsHandler;

// The deploy queue and a deploy request's controls beside its state machine: the database's queue
// (/deploy-queue), force cutover, auto-delete of the head branch, the throttler ratio (the copy pauses that
// share of the time) and the storage check (bytes the copies need against the free space of the server's
// data directory).
class DeployControlsHandler
{
public:
    DeployControlsHandler(Services services, DeployRequestsHandler &requests)
        : m_services(services)
        , m_requests(requests)
    { }

    HttpAnswer queue(const HttpCall &call, const QString &database);
    // force-cutover, auto-delete-branch, throttler, storage-check; std::nullopt for any other verb.
    std::optional<HttpAnswer> handle(const HttpCall &call, const DeployRequestRecord &request, const QString &verb);

private:
    HttpAnswer forceCutover(const DeployRequestRecord &request);
    HttpAnswer autoDeleteBranch(const HttpCall &call, const DeployRequestRecord &request);
    HttpAnswer throttler(const HttpCall &call, const DeployRequestRecord &request);
    HttpAnswer storageCheck(const DeployRequestRecord &request);
    QJsonObject throttlerJson(const DeployRequestRecord &request) const;

    Services m_services;
    DeployRequestsHandler &m_requests;
};

} // namespace Local

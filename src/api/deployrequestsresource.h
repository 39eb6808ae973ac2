#pragma once

#include "api/resource.h"
#include "core/deployment.h"
#include "core/deployoperation.h"
#include "core/deployrequest.h"
#include "core/deploythrottler.h"
#include "core/review.h"
#include "core/storagecheck.h"
#include "core/tableddl.h"

#include <optional>

namespace Api {

struct DeployRequestFilter
{
    QString state; // "open" | "closed" | "deployed"; empty for all
    QString branch; // head branch
    QString intoBranch; // base branch
};

struct CreateDeployRequestOptions
{
    QString branch;
    QString intoBranch; // empty: the server picks the parent or default branch
    QString notes;
    std::optional<bool> autoCutover; // "auto-apply"
    std::optional<bool> autoDeleteBranch;
};

// /organizations/{org}/databases/{db}/deploy-requests
class DeployRequestsResource : public Resource
{
public:
    using Resource::Resource;

    RequestId list(const QString &org, const QString &db, const DeployRequestFilter &filter, QObject *context,
        Callback<QList<Core::DeployRequest>> callback) const;
    RequestId get(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId create(const QString &org, const QString &db, const CreateDeployRequestOptions &options, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId diff(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<QList<Core::TableDdl>> callback) const;
    // instantDdl: ALGORITHM=INSTANT where eligible; such a deploy cannot be reverted.
    RequestId deploy(const QString &org, const QString &db, qint64 number, bool instantDdl, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId cancel(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId close(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId revert(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId skipRevert(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    // Completes a gated deployment waiting in pending_cutover.
    RequestId applyDeploy(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    // Unblocks the queue after complete_error / complete_revert_error.
    RequestId completeDeploy(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId setAutoApply(const QString &org, const QString &db, qint64 number, bool enabled, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId setAutoDeleteBranch(const QString &org, const QString &db, qint64 number, bool enabled, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    // Cuts over now even when application sessions hold the tables: the server ends them first.
    RequestId forceCutover(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployRequest> callback) const;
    RequestId throttler(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::DeployThrottler> callback) const;
    // ratio 0..95 for every keyspace the deploy request changes.
    RequestId setThrottler(const QString &org, const QString &db, qint64 number, int ratio, QObject *context,
        Callback<Core::DeployThrottler> callback) const;
    RequestId storageCheck(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::StorageCheck> callback) const;
    // The database's deploy queue: deployments queued or running, first to deploy first.
    RequestId queue(
        const QString &org, const QString &db, QObject *context, Callback<QList<Core::Deployment>> callback) const;
    RequestId deployment(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::Deployment> callback) const;
    RequestId operations(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<QList<Core::DeployOperation>> callback) const;
    RequestId reviews(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<QList<Core::Review>> callback) const;
    // state: "approved" or "commented"; body: the comment (may be empty for an approval).
    RequestId createReview(const QString &org, const QString &db, qint64 number, const QString &state,
        const QString &body, QObject *context, Callback<Core::Review> callback) const;

private:
    static QStringList path(const QString &org, const QString &db, qint64 number);
    RequestId action(const QString &org, const QString &db, qint64 number, const QString &verb,
        std::optional<QJsonObject> body, QObject *context, Callback<Core::DeployRequest> callback) const;
};

} // namespace Api

#include "api/deployrequestsresource.h"

#include "api/deploycontrolparser.h"
#include "api/deploymentparser.h"
#include "api/deployrequestparser.h"
#include "api/reviewparser.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {
const QString readAccess = u"read_deploy_request"_s;
const QString writeAccess = u"create_deploy_request"_s;
} // namespace

QStringList DeployRequestsResource::path(const QString &org, const QString &db, qint64 number)
{
    return databasePath(org, db) << u"deploy-requests"_s << QString::number(number);
}

RequestId DeployRequestsResource::action(const QString &org, const QString &db, qint64 number, const QString &verb,
    std::optional<QJsonObject> body, QObject *context, Callback<Core::DeployRequest> callback) const
{
    return object<Core::DeployRequest>(ApiRequest::post(path(org, db, number) << verb, std::move(body), writeAccess),
        context, Parsers::readDeployRequest, u"deploy_request"_s, std::move(callback));
}

RequestId DeployRequestsResource::list(const QString &org, const QString &db, const DeployRequestFilter &filter,
    QObject *context, Callback<QList<Core::DeployRequest>> callback) const
{
    ApiRequest request = ApiRequest::get(databasePath(org, db) << u"deploy-requests"_s, readAccess);
    if (!filter.state.isEmpty())
        request.query.addQueryItem(u"state"_s, filter.state);
    if (!filter.branch.isEmpty())
        request.query.addQueryItem(u"branch"_s, filter.branch);
    if (!filter.intoBranch.isEmpty())
        request.query.addQueryItem(u"into_branch"_s, filter.intoBranch);
    return Resource::list<Core::DeployRequest>(
        request, context, Parsers::readDeployRequest, u"deploy_requests"_s, std::move(callback));
}

RequestId DeployRequestsResource::get(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployRequest> callback) const
{
    return object<Core::DeployRequest>(ApiRequest::get(path(org, db, number), readAccess), context,
        Parsers::readDeployRequest, u"deploy_request"_s, std::move(callback));
}

RequestId DeployRequestsResource::create(const QString &org, const QString &db,
    const CreateDeployRequestOptions &options, QObject *context, Callback<Core::DeployRequest> callback) const
{
    QJsonObject body { { u"branch"_s, options.branch } };
    if (!options.intoBranch.isEmpty())
        body.insert(u"into_branch"_s, options.intoBranch);
    if (!options.notes.isEmpty())
        body.insert(u"notes"_s, options.notes);
    if (options.autoCutover)
        body.insert(u"auto_cutover"_s, *options.autoCutover);
    if (options.autoDeleteBranch)
        body.insert(u"auto_delete_branch"_s, *options.autoDeleteBranch);
    return object<Core::DeployRequest>(
        ApiRequest::post(databasePath(org, db) << u"deploy-requests"_s, body, writeAccess), context,
        Parsers::readDeployRequest, u"deploy_request"_s, std::move(callback));
}

RequestId DeployRequestsResource::diff(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<QList<Core::TableDdl>> callback) const
{
    return tableDdl(ApiRequest::get(path(org, db, number) << u"diff"_s, readAccess), context, std::move(callback));
}

RequestId DeployRequestsResource::deploy(const QString &org, const QString &db, qint64 number, bool instantDdl,
    QObject *context, Callback<Core::DeployRequest> callback) const
{
    return action(
        org, db, number, u"deploy"_s, QJsonObject { { u"instant_ddl"_s, instantDdl } }, context, std::move(callback));
}

RequestId DeployRequestsResource::cancel(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployRequest> callback) const
{
    return action(org, db, number, u"cancel"_s, std::nullopt, context, std::move(callback));
}

RequestId DeployRequestsResource::close(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployRequest> callback) const
{
    return object<Core::DeployRequest>(
        ApiRequest::patch(path(org, db, number), QJsonObject { { u"state"_s, u"closed"_s } }, writeAccess), context,
        Parsers::readDeployRequest, u"deploy_request"_s, std::move(callback));
}

RequestId DeployRequestsResource::revert(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployRequest> callback) const
{
    return action(org, db, number, u"revert"_s, std::nullopt, context, std::move(callback));
}

RequestId DeployRequestsResource::skipRevert(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployRequest> callback) const
{
    return action(org, db, number, u"skip-revert"_s, std::nullopt, context, std::move(callback));
}

RequestId DeployRequestsResource::applyDeploy(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployRequest> callback) const
{
    return action(org, db, number, u"apply-deploy"_s, std::nullopt, context, std::move(callback));
}

RequestId DeployRequestsResource::completeDeploy(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployRequest> callback) const
{
    return action(org, db, number, u"complete-deploy"_s, std::nullopt, context, std::move(callback));
}

RequestId DeployRequestsResource::setAutoApply(const QString &org, const QString &db, qint64 number, bool enabled,
    QObject *context, Callback<Core::DeployRequest> callback) const
{
    return object<Core::DeployRequest>(ApiRequest::put(path(org, db, number) << u"auto-apply"_s,
                                           QJsonObject { { u"enable"_s, enabled } }, writeAccess),
        context, Parsers::readDeployRequest, u"deploy_request"_s, std::move(callback));
}

RequestId DeployRequestsResource::setAutoDeleteBranch(const QString &org, const QString &db, qint64 number,
    bool enabled, QObject *context, Callback<Core::DeployRequest> callback) const
{
    return object<Core::DeployRequest>(ApiRequest::put(path(org, db, number) << u"auto-delete-branch"_s,
                                           QJsonObject { { u"enable"_s, enabled } }, writeAccess),
        context, Parsers::readDeployRequest, u"deploy_request"_s, std::move(callback));
}

RequestId DeployRequestsResource::forceCutover(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployRequest> callback) const
{
    return action(org, db, number, u"force-cutover"_s, std::nullopt, context, std::move(callback));
}

RequestId DeployRequestsResource::throttler(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::DeployThrottler> callback) const
{
    return object<Core::DeployThrottler>(ApiRequest::get(path(org, db, number) << u"throttler"_s, readAccess), context,
        Parsers::readDeployThrottler, u"throttler"_s, std::move(callback));
}

RequestId DeployRequestsResource::setThrottler(const QString &org, const QString &db, qint64 number, int ratio,
    QObject *context, Callback<Core::DeployThrottler> callback) const
{
    return object<Core::DeployThrottler>(
        ApiRequest::patch(path(org, db, number) << u"throttler"_s, QJsonObject { { u"ratio"_s, ratio } }, writeAccess),
        context, Parsers::readDeployThrottler, u"throttler"_s, std::move(callback));
}

RequestId DeployRequestsResource::storageCheck(
    const QString &org, const QString &db, qint64 number, QObject *context, Callback<Core::StorageCheck> callback) const
{
    return object<Core::StorageCheck>(ApiRequest::get(path(org, db, number) << u"storage-check"_s, readAccess), context,
        Parsers::readStorageCheck, u"storage_check"_s, std::move(callback));
}

RequestId DeployRequestsResource::queue(
    const QString &org, const QString &db, QObject *context, Callback<QList<Core::Deployment>> callback) const
{
    return Resource::list<Core::Deployment>(ApiRequest::get(databasePath(org, db) << u"deploy-queue"_s, readAccess),
        context, Parsers::readDeployment, u"deployments"_s, std::move(callback));
}

RequestId DeployRequestsResource::deployment(
    const QString &org, const QString &db, qint64 number, QObject *context, Callback<Core::Deployment> callback) const
{
    return object<Core::Deployment>(ApiRequest::get(path(org, db, number) << u"deployment"_s, readAccess), context,
        Parsers::readDeployment, u"deployment"_s, std::move(callback));
}

RequestId DeployRequestsResource::operations(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<QList<Core::DeployOperation>> callback) const
{
    return Resource::list<Core::DeployOperation>(ApiRequest::get(path(org, db, number) << u"operations"_s, readAccess),
        context, Parsers::readDeployOperation, u"operations"_s, std::move(callback));
}

RequestId DeployRequestsResource::reviews(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<QList<Core::Review>> callback) const
{
    return Resource::list<Core::Review>(ApiRequest::get(path(org, db, number) << u"reviews"_s, readAccess), context,
        Parsers::readReview, u"reviews"_s, std::move(callback));
}

RequestId DeployRequestsResource::createReview(const QString &org, const QString &db, qint64 number,
    const QString &state, const QString &body, QObject *context, Callback<Core::Review> callback) const
{
    QJsonObject json { { u"state"_s, state } };
    if (!body.isEmpty())
        json.insert(u"body"_s, body);
    const QString access = state == "approved"_L1 ? u"approve_deploy_request"_s : u"review_deploy_request"_s;
    return object<Core::Review>(ApiRequest::post(path(org, db, number) << u"reviews"_s, json, access), context,
        Parsers::readReview, u"review"_s, std::move(callback));
}

} // namespace Api

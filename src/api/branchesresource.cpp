#include "api/branchesresource.h"

#include "api/branchparser.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {
QString boolText(bool value)
{
    return value ? u"true"_s : u"false"_s;
}
} // namespace

RequestId BranchesResource::list(const QString &org, const QString &db, const BranchFilter &filter, QObject *context,
    Callback<QList<Core::Branch>> callback) const
{
    ApiRequest request = ApiRequest::get(databasePath(org, db) << u"branches"_s, u"read_branch"_s);
    if (!filter.search.isEmpty())
        request.query.addQueryItem(u"q"_s, filter.search);
    if (filter.production)
        request.query.addQueryItem(u"production"_s, boolText(*filter.production));
    if (filter.safeMigrations)
        request.query.addQueryItem(u"safe_migrations"_s, boolText(*filter.safeMigrations));
    if (!filter.order.isEmpty())
        request.query.addQueryItem(u"order"_s, filter.order);
    return Resource::list<Core::Branch>(request, context, Parsers::readBranch, u"branches"_s, std::move(callback));
}

RequestId BranchesResource::get(const QString &org, const QString &db, const QString &branch, QObject *context,
    Callback<Core::Branch> callback) const
{
    return object<Core::Branch>(ApiRequest::get(branchPath(org, db, branch), u"read_branch"_s), context,
        Parsers::readBranch, u"branch"_s, std::move(callback));
}

RequestId BranchesResource::create(const QString &org, const QString &db, const CreateBranchOptions &options,
    QObject *context, Callback<Core::Branch> callback) const
{
    QJsonObject body { { u"name"_s, options.name } };
    const auto put = [&body](const QString &key, const QString &value) {
        if (!value.isEmpty())
            body.insert(key, value);
    };
    put(u"parent_branch"_s, options.parentBranch);
    put(u"backup_id"_s, options.backupId);
    put(u"region"_s, options.region);
    put(u"seed_data"_s, options.seedData);
    put(u"cluster_size"_s, options.clusterSize);
    return object<Core::Branch>(ApiRequest::post(databasePath(org, db) << u"branches"_s, body, u"create_branch"_s),
        context, Parsers::readBranch, u"branch"_s, std::move(callback));
}

RequestId BranchesResource::remove(const QString &org, const QString &db, const QString &branch, bool deleteDescendants,
    QObject *context, Callback<NoContent> callback) const
{
    ApiRequest request = ApiRequest::del(branchPath(org, db, branch), u"delete_branch"_s);
    if (deleteDescendants)
        request.query.addQueryItem(u"delete_descendants"_s, u"true"_s);
    return noContent(request, context, std::move(callback));
}

RequestId BranchesResource::promote(const QString &org, const QString &db, const QString &branch, QObject *context,
    Callback<Core::Branch> callback) const
{
    return object<Core::Branch>(
        ApiRequest::post(branchPath(org, db, branch) << u"promote"_s, std::nullopt, u"promote_branches"_s), context,
        Parsers::readBranch, u"branch"_s, std::move(callback));
}

RequestId BranchesResource::demote(const QString &org, const QString &db, const QString &branch, QObject *context,
    Callback<Core::Branch> callback) const
{
    return object<Core::Branch>(
        ApiRequest::post(branchPath(org, db, branch) << u"demote"_s, std::nullopt, u"demote_branches"_s), context,
        Parsers::readBranch, u"branch"_s, std::move(callback));
}

RequestId BranchesResource::schema(const QString &org, const QString &db, const QString &branch,
    const QString &keyspace, QObject *context, Callback<QList<Core::TableDdl>> callback) const
{
    ApiRequest request = ApiRequest::get(branchPath(org, db, branch) << u"schema"_s, u"read_branch"_s);
    if (!keyspace.isEmpty())
        request.query.addQueryItem(u"keyspace"_s, keyspace);
    return tableDdl(request, context, std::move(callback));
}

RequestId BranchesResource::lint(const QString &org, const QString &db, const QString &branch, QObject *context,
    Callback<QList<Core::LintError>> callback) const
{
    return Resource::list<Core::LintError>(
        ApiRequest::get(branchPath(org, db, branch) << u"schema"_s << u"lint"_s, u"read_branch"_s), context,
        Parsers::readLintError, u"lint_errors"_s, std::move(callback));
}

RequestId BranchesResource::diff(const QString &org, const QString &db, const QString &branch, QObject *context,
    Callback<QList<Core::TableDdl>> callback) const
{
    return tableDdl(
        ApiRequest::get(branchPath(org, db, branch) << u"diff"_s, u"read_branch"_s), context, std::move(callback));
}

RequestId BranchesResource::refreshSchema(
    const QString &org, const QString &db, const QString &branch, QObject *context, Callback<NoContent> callback) const
{
    return noContent(
        ApiRequest::post(branchPath(org, db, branch) << u"refresh-schema"_s, std::nullopt, u"read_branch"_s), context,
        std::move(callback));
}

RequestId BranchesResource::setSafeMigrations(const QString &org, const QString &db, const QString &branch,
    bool enabled, QObject *context, Callback<Core::Branch> callback) const
{
    // POST enables, DELETE disables (what pscale uses; the documented PUT variant is equivalent).
    const QStringList path = branchPath(org, db, branch) << u"safe-migrations"_s;
    ApiRequest request = enabled ? ApiRequest::post(path, std::nullopt) : ApiRequest::del(path);
    return object<Core::Branch>(request, context, Parsers::readBranch, u"branch"_s, std::move(callback));
}

RequestId BranchesResource::keyspaces(const QString &org, const QString &db, const QString &branch, QObject *context,
    Callback<QList<Core::Keyspace>> callback) const
{
    return Resource::list<Core::Keyspace>(
        ApiRequest::get(branchPath(org, db, branch) << u"keyspaces"_s, u"read_branch"_s), context,
        Parsers::readKeyspace, u"keyspaces"_s, std::move(callback));
}

RequestId BranchesResource::keyspace(const QString &org, const QString &db, const QString &branch,
    const QString &keyspace, QObject *context, Callback<Core::Keyspace> callback) const
{
    return object<Core::Keyspace>(
        ApiRequest::get(branchPath(org, db, branch) << u"keyspaces"_s << keyspace, u"read_branch"_s), context,
        Parsers::readKeyspace, u"keyspace"_s, std::move(callback));
}

RequestId BranchesResource::vschema(const QString &org, const QString &db, const QString &branch,
    const QString &keyspace, QObject *context, Callback<QString> callback) const
{
    return object<QString>(
        ApiRequest::get(branchPath(org, db, branch) << u"keyspaces"_s << keyspace << u"vschema"_s, u"read_branch"_s),
        context, Parsers::readVSchema, u"vschema"_s, std::move(callback));
}

} // namespace Api

#include "api/passwordsresource.h"

#include "api/passwordparser.h"

using namespace Qt::StringLiterals;

namespace Api {

RequestId PasswordsResource::create(const QString &org, const QString &db, const QString &branch,
    const CreatePasswordOptions &options, QObject *context, Callback<Core::Password> callback) const
{
    QJsonObject body { { u"role"_s, options.role } };
    if (!options.name.isEmpty())
        body.insert(u"name"_s, options.name);
    if (options.ttlSeconds)
        body.insert(u"ttl"_s, *options.ttlSeconds);
    if (options.replica)
        body.insert(u"replica"_s, true);
    return object<Core::Password>(
        ApiRequest::post(branchPath(org, db, branch) << u"passwords"_s, body, u"connect_branch"_s), context,
        Parsers::readPassword, u"password"_s, std::move(callback));
}

RequestId PasswordsResource::list(const QString &org, const QString &db, const QString &branch, QObject *context,
    Callback<QList<Core::Password>> callback) const
{
    return Resource::list<Core::Password>(
        ApiRequest::get(branchPath(org, db, branch) << u"passwords"_s, u"read_branch"_s), context,
        Parsers::readPassword, u"passwords"_s, std::move(callback));
}

RequestId PasswordsResource::get(const QString &org, const QString &db, const QString &branch, const QString &id,
    QObject *context, Callback<Core::Password> callback) const
{
    return object<Core::Password>(
        ApiRequest::get(branchPath(org, db, branch) << u"passwords"_s << id, u"read_branch"_s), context,
        Parsers::readPassword, u"password"_s, std::move(callback));
}

RequestId PasswordsResource::rename(const QString &org, const QString &db, const QString &branch, const QString &id,
    const QString &name, QObject *context, Callback<Core::Password> callback) const
{
    return object<Core::Password>(ApiRequest::patch(branchPath(org, db, branch) << u"passwords"_s << id,
                                      QJsonObject { { u"name"_s, name } }, u"connect_branch"_s),
        context, Parsers::readPassword, u"password"_s, std::move(callback));
}

RequestId PasswordsResource::remove(const QString &org, const QString &db, const QString &branch, const QString &id,
    QObject *context, Callback<NoContent> callback) const
{
    return noContent(ApiRequest::del(branchPath(org, db, branch) << u"passwords"_s << id, u"delete_branch_password"_s),
        context, std::move(callback));
}

RequestId PasswordsResource::renew(const QString &org, const QString &db, const QString &branch, const QString &id,
    QObject *context, Callback<Core::Password> callback) const
{
    return object<Core::Password>(ApiRequest::post(branchPath(org, db, branch) << u"passwords"_s << id << u"renew"_s,
                                      std::nullopt, u"connect_branch"_s),
        context, Parsers::readPassword, u"password"_s, std::move(callback));
}

} // namespace Api

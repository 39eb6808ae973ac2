#include "api/backupsresource.h"

#include "api/backupparser.h"

using namespace Qt::StringLiterals;

namespace Api {

RequestId BackupsResource::list(const QString &org, const QString &db, const QString &branch, QObject *context,
    Callback<QList<Core::Backup>> callback, const QString &state) const
{
    ApiRequest request = ApiRequest::get(branchPath(org, db, branch) << u"backups"_s, u"read_backups"_s);
    if (!state.isEmpty())
        request.query.addQueryItem(u"state"_s, state);
    return Resource::list<Core::Backup>(request, context, Parsers::readBackup, u"backups"_s, std::move(callback));
}

RequestId BackupsResource::create(const QString &org, const QString &db, const QString &branch,
    const CreateBackupOptions &options, QObject *context, Callback<Core::Backup> callback) const
{
    QJsonObject body;
    if (!options.name.isEmpty())
        body.insert(u"name"_s, options.name);
    if (!options.retentionUnit.isEmpty()) {
        body.insert(u"retention_unit"_s, options.retentionUnit);
        body.insert(u"retention_value"_s, options.retentionValue);
    }
    return object<Core::Backup>(ApiRequest::post(branchPath(org, db, branch) << u"backups"_s, body, u"write_backups"_s),
        context, Parsers::readBackup, u"backup"_s, std::move(callback));
}

RequestId BackupsResource::get(const QString &org, const QString &db, const QString &branch, const QString &id,
    QObject *context, Callback<Core::Backup> callback) const
{
    return object<Core::Backup>(ApiRequest::get(branchPath(org, db, branch) << u"backups"_s << id, u"read_backups"_s),
        context, Parsers::readBackup, u"backup"_s, std::move(callback));
}

RequestId BackupsResource::setProtected(const QString &org, const QString &db, const QString &branch, const QString &id,
    bool isProtected, QObject *context, Callback<Core::Backup> callback) const
{
    return object<Core::Backup>(ApiRequest::patch(branchPath(org, db, branch) << u"backups"_s << id,
                                    QJsonObject { { u"protected"_s, isProtected } }, u"write_backups"_s),
        context, Parsers::readBackup, u"backup"_s, std::move(callback));
}

RequestId BackupsResource::remove(const QString &org, const QString &db, const QString &branch, const QString &id,
    QObject *context, Callback<NoContent> callback) const
{
    return noContent(ApiRequest::del(branchPath(org, db, branch) << u"backups"_s << id, u"delete_backups"_s), context,
        std::move(callback));
}

} // namespace Api

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

} // namespace Api

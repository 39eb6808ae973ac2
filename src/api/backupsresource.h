#pragma once

#include "api/resource.h"
#include "core/backup.h"

namespace Api {

// /organizations/{org}/databases/{db}/branches/{branch}/backups
class BackupsResource : public Resource
{
public:
    using Resource::Resource;

    // state: filter by backup state (pending, running, success, failed, canceled, ignored); empty for all.
    RequestId list(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<QList<Core::Backup>> callback, const QString &state = {}) const;
};

} // namespace Api

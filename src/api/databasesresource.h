#pragma once

#include "api/resource.h"
#include "core/database.h"

namespace Api {

// /organizations/{org}/databases
class DatabasesResource : public Resource
{
public:
    using Resource::Resource;

    // search: the API's `q` filter; empty lists all.
    RequestId list(const QString &org, QObject *context, Callback<QList<Core::Database>> callback,
        const QString &search = {}) const;
    RequestId get(const QString &org, const QString &db, QObject *context, Callback<Core::Database> callback) const;
};

} // namespace Api

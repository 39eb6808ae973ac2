#pragma once

#include "api/resource.h"
#include "core/organization.h"
#include "core/region.h"

namespace Api {

// /organizations
class OrganizationsResource : public Resource
{
public:
    using Resource::Resource;

    RequestId list(QObject *context, Callback<QList<Core::Organization>> callback) const;
    RequestId get(const QString &org, QObject *context, Callback<Core::Organization> callback) const;
    RequestId regions(const QString &org, QObject *context, Callback<QList<Core::Region>> callback) const;
};

} // namespace Api

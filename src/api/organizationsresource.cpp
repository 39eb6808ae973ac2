#include "api/organizationsresource.h"

#include "api/organizationparser.h"

using namespace Qt::StringLiterals;

namespace Api {

RequestId OrganizationsResource::list(QObject *context, Callback<QList<Core::Organization>> callback) const
{
    return Resource::list<Core::Organization>(ApiRequest::get({ u"organizations"_s }), context,
        Parsers::readOrganization, u"organizations"_s, std::move(callback));
}

RequestId OrganizationsResource::get(const QString &org, QObject *context, Callback<Core::Organization> callback) const
{
    return object<Core::Organization>(ApiRequest::get({ u"organizations"_s, org }, u"read_organization"_s), context,
        Parsers::readOrganization, u"organization"_s, std::move(callback));
}

RequestId OrganizationsResource::regions(
    const QString &org, QObject *context, Callback<QList<Core::Region>> callback) const
{
    return Resource::list<Core::Region>(
        ApiRequest::get({ u"organizations"_s, org, u"regions"_s }, u"read_organization"_s), context,
        Parsers::readRegion, u"regions"_s, std::move(callback));
}

} // namespace Api

#pragma once

#include "local/httpcall.h"
#include "local/services.h"

namespace Local {

// GET /organizations, GET /organizations/{organization}: the one organization `local`.
class OrganizationsHandler
{
public:
    explicit OrganizationsHandler(Services services)
        : m_services(services)
    { }
    HttpAnswer handle(const HttpCall &call);

private:
    Services m_services;
};

} // namespace Local

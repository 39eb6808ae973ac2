#pragma once

#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

namespace Local {

// /organizations/local/databases[/{database}]: list, get, create (with a production branch `main`), delete.
class DatabasesHandler
{
public:
    explicit DatabasesHandler(Services services)
        : m_services(services)
    { }
    HttpAnswer handle(const HttpCall &call);

    // The JSON of one database with its counts.
    static Core::Result<QJsonObject> databaseJson(const Services &services, const Row &row);

private:
    HttpAnswer list(const HttpCall &call);
    HttpAnswer create(const HttpCall &call);
    HttpAnswer remove(const QString &name);

    Services m_services;
};

} // namespace Local

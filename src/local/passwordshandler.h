#pragma once

#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

namespace Local {

// /organizations/local/databases/{database}/branches/{branch}/passwords[/{id}[/renew]]: real MySQL
// accounts (see Accounts); plain_text is returned once, by create. PATCH renames (the account stays).
class PasswordsHandler
{
public:
    explicit PasswordsHandler(Services services)
        : m_services(services)
    { }
    HttpAnswer handle(const HttpCall &call);

private:
    HttpAnswer list(const HttpCall &call, const Row &branch);
    HttpAnswer create(const HttpCall &call, const Row &branch);
    HttpAnswer rename(const HttpCall &call, const Row &password, const Row &branch);
    HttpAnswer remove(const Row &password);
    HttpAnswer renew(const Row &password, const Row &branch);

    Services m_services;
};

} // namespace Local

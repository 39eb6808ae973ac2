#pragma once

#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

namespace Local {

// .../branches/{branch}/insights/errors (list_branch_query_errors): the failed statements of the branch's
// schema that the server still keeps in performance_schema.events_statements_history_long, one entry per
// statement digest and error number, with the latest message. The history is a bounded ring shared by the
// whole server, so older failures fall out of it.
class InsightsErrors
{
public:
    explicit InsightsErrors(Services services)
        : m_services(services)
    { }
    HttpAnswer list(const HttpCall &call, const Row &branch);

private:
    Services m_services;
};

} // namespace Local

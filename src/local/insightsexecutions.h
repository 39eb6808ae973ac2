#pragma once

#include "local/httpcall.h"
#include "local/services.h"
#include "local/sqlsession.h"

#include <functional>

namespace Local {

// Single executions of Query Insights, from the statement events performance_schema still holds
// (events_statements_history_long) for a branch schema, newest first:
//   get_query_statistics    …/insights/{fingerprint}?keyspace=  the executions of one pattern (digest)
//   get_branch_query_error  …/insights/errors/{fingerprint}     the executions that failed with one error
// The user and address are the connection's while it is open (performance_schema forgets them after).
class InsightsExecutions
{
public:
    explicit InsightsExecutions(Services services)
        : m_services(services)
    { }

    HttpAnswer statistics(const HttpCall &call, const Row &branch, const QString &fingerprint);
    HttpAnswer errorQueries(const HttpCall &call, const Row &branch, const QString &errorFingerprint);

    // The error fingerprint of a failure: md5 of "digest:errno", as list_branch_query_errors names it.
    static QString errorFingerprint(const QString &digest, const QString &errorNumber);

private:
    // Events of the branch schema matching `condition` (SQL on the history table `e`), in the window.
    HttpAnswer answer(const HttpCall &call, const Row &branch, const QString &condition,
        const std::function<bool(const Row &)> &keep = {});

    Services m_services;
};

} // namespace Local

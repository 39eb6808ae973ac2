#pragma once

#include "sql/connection.h"
#include "sql/jobtypes.h"
#include "sql/resultsink.h"

#include <atomic>

struct st_mysql_res;
struct st_mysql_field;

namespace Sql {

// Runs the statements of a job on one connection, on the calling thread (a pool worker), streaming
// results into the sink. A statement is sent exactly once: nothing is retried after it may have run.
class StatementRunner
{
public:
    StatementRunner(Connection &connection, const StreamSettings &settings, ResultSink &sink,
        const std::atomic<bool> &cancelRequested);

    // Runs the whole job; returns how it ended. Errors and summaries go to the sink.
    JobStatus run(const Job &job, int *statementsRun = nullptr);

    // True when the statement is a lone SELECT that may go through the binary protocol.
    static bool qualifiesForBinary(const Job &job);

private:
    enum class Outcome { Ok, Failed, NotPrepared };

    Outcome runText(const Job &job, int index);
    Outcome runBinary(const Job &job, int index); // preparedrunner.cpp
    Outcome fail(const Job &job, int index, unsigned int number, const QString &state, const QString &message);
    bool streamResult(st_mysql_res *result, const ResultHeader &header, StatementSummary &summary); // false: capped

    Connection &m_connection;
    const StreamSettings &m_settings;
    ResultSink &m_sink;
    const std::atomic<bool> &m_cancel;
};

// Maps the driver's field description to core column metadata (shared by both protocol paths).
Core::ColumnInfo columnInfoFromField(const st_mysql_field &field);

} // namespace Sql

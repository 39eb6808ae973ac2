#pragma once

#include "sql/jobtypes.h"

namespace Sql {

// Receives what a StatementRunner produces, on the runner's thread. ConnectionWorker turns these
// calls into queued signals; tests and benchmarks may consume them directly.
class ResultSink
{
public:
    virtual ~ResultSink() = default;
    virtual void headerReady(const ResultHeader &header) = 0;
    virtual void batchReady(const RowBatch &batch) = 0;
    virtual void statementDone(const StatementSummary &summary) = 0;
    virtual void statementError(const StatementError &error) = 0;
};

// How rows are cut into batches and how much a single result may keep.
struct StreamSettings
{
    qsizetype firstBatchBytes = 64 * 1024; // the first batch goes out early, so rows show at once
    qint64 firstBatchMs = 5;
    qsizetype batchBytes = 2 * 1024 * 1024;
    qint64 batchMs = 100;
    qint64 memoryCapBytes = 512LL * 1024 * 1024; // per result; fetching stops cleanly at the cap
};

} // namespace Sql

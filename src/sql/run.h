#pragma once

#include "core/sqlsplitter.h"
#include "sql/jobtypes.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Sql {

class ConnectionPool;

// One submission of statements to a pool, owned by whoever submitted it (ConnectionPool::run returns it).
// Its signals carry only this run's results, in order: columns and row batches per result set, one
// statementFinished or statementFailed per statement that ran (with its index and its text as submitted),
// then finished exactly once. Destroying a run that has not finished cancels it; nothing more is emitted.
//
//   std::unique_ptr<Sql::Run> run = pool->run(lease, statements, { .stopOnError = false });
//   connect(run.get(), &Sql::Run::rowsReceived, tab, [](const Sql::RowBatch &b) { ... });
//   run->cancel(); // returns at once; finished() reports JobStatus::Cancelled
//
// Lives on the pool's thread.
class Run : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        bool stopOnError = true; // a failing statement ends the run; false: the remaining statements still run
        bool allowBinaryProtocol = true; // a single preparable SELECT may use the binary protocol
    };

    ~Run() override;

    RequestId id() const { return m_id; }
    const Options &options() const { return m_options; }
    const QList<Core::SqlStatement> &statements() const { return m_statements; }
    bool isFinished() const { return m_finished; }
    // Valid once finished() was emitted.
    const JobSummary &summary() const { return m_summary; }

    // Stops the run: a queued run never starts, a running statement is interrupted (KILL QUERY, or the
    // socket is closed). Returns at once; finished() follows. Does nothing after the run finished.
    void cancel();

Q_SIGNALS:
    void columnsReceived(const Sql::ResultHeader &header);
    void rowsReceived(const Sql::RowBatch &batch);
    void statementFinished(const Sql::StatementSummary &summary);
    void statementFailed(const Sql::StatementError &error);
    void finished(const Sql::JobSummary &summary);

private:
    friend class ConnectionPool;
    Run(ConnectionPool *pool, RequestId id, QList<Core::SqlStatement> statements, Options options);

    // Called by the pool, on its thread, as the worker's results arrive.
    void deliverColumns(const ResultHeader &header) { Q_EMIT columnsReceived(header); }
    void deliverRows(const RowBatch &batch) { Q_EMIT rowsReceived(batch); }
    void deliverStatementFinished(StatementSummary summary);
    void deliverStatementFailed(StatementError error);
    void deliverFinished(const JobSummary &summary);

    QPointer<ConnectionPool> m_pool;
    const RequestId m_id;
    const QList<Core::SqlStatement> m_statements;
    const Options m_options;
    JobSummary m_summary;
    bool m_finished = false;
};

} // namespace Sql

#include "sql/run.h"

#include "sql/connectionpool.h"

namespace Sql {

Run::Run(ConnectionPool *pool, RequestId id, QList<Core::SqlStatement> statements, Options options)
    : m_pool(pool)
    , m_id(id)
    , m_statements(std::move(statements))
    , m_options(options)
{
    m_summary.requestId = id;
}

Run::~Run()
{
    if (!m_pool)
        return;
    if (!m_finished)
        m_pool->cancel(m_id);
    m_pool->forget(m_id);
}

void Run::cancel()
{
    if (m_pool && !m_finished)
        m_pool->cancel(m_id);
}

void Run::deliverStatementFinished(StatementSummary summary)
{
    if (summary.statementIndex >= 0 && summary.statementIndex < m_statements.size())
        summary.text = m_statements.at(summary.statementIndex).text;
    Q_EMIT statementFinished(summary);
}

void Run::deliverStatementFailed(StatementError error)
{
    if (error.statementIndex >= 0 && error.statementIndex < m_statements.size())
        error.text = m_statements.at(error.statementIndex).text;
    Q_EMIT statementFailed(error);
}

void Run::deliverFinished(const JobSummary &summary)
{
    if (m_finished)
        return;
    m_finished = true;
    m_summary = summary;
    Q_EMIT finished(summary);
}

} // namespace Sql

#include "sql/statementrunner.h"

#include "sql/querydrain.h"
#include "sql/rowstream.h"

#include <QElapsedTimer>

#include <functional>

#include <mysql.h>
#include <mysqld_error.h>

using namespace Qt::StringLiterals;

namespace Sql {

namespace {

QString fieldText(const char *text, unsigned int length)
{
    return text ? QString::fromUtf8(text, qsizetype(length)) : QString();
}

} // namespace

Core::ColumnInfo columnInfoFromField(const st_mysql_field &field)
{
    Core::ColumnInfo info;
    info.name = fieldText(field.name, field.name_length);
    info.originalName = fieldText(field.org_name, field.org_name_length);
    info.table = fieldText(field.table, field.table_length);
    info.database = fieldText(field.db, field.db_length);
    info.serverType = int(field.type);
    info.flags = field.flags;
    info.charset = field.charsetnr;
    info.length = field.length;
    info.decimals = field.decimals;
    const bool isBinary = field.charsetnr == 63;
    const bool isUnsigned = (field.flags & UNSIGNED_FLAG) != 0;
    using K = Core::ColumnKind;
    switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
        info.kind = isUnsigned ? K::UnsignedInteger : K::Integer;
        break;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
        info.kind = K::Decimal;
        break;
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
        info.kind = K::Float;
        break;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
        info.kind = K::Date;
        break;
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2:
        info.kind = K::Time;
        break;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_DATETIME2:
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_TIMESTAMP2:
        info.kind = K::DateTime;
        break;
    case MYSQL_TYPE_BIT:
        info.kind = K::Bit;
        break;
    case MYSQL_TYPE_JSON:
        info.kind = K::Json;
        break;
    case MYSQL_TYPE_VARCHAR:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_ENUM:
    case MYSQL_TYPE_SET:
        info.kind = isBinary ? K::Binary : K::Text;
        break;
    case MYSQL_TYPE_GEOMETRY:
        info.kind = K::Binary;
        break;
    default:
        info.kind = K::Other;
        break;
    }
    return info;
}

StatementRunner::StatementRunner(
    Connection &connection, const StreamSettings &settings, ResultSink &sink, const std::atomic<bool> &cancelRequested)
    : m_connection(connection)
    , m_settings(settings)
    , m_sink(sink)
    , m_cancel(cancelRequested)
{ }

bool StatementRunner::qualifiesForBinary(const Job &job)
{
    return job.allowBinaryProtocol && job.statements.size() == 1
        && Core::SqlSplitter::startsWithKeyword(job.statements.front().text, u"SELECT");
}

JobStatus StatementRunner::run(const Job &job, int *statementsRun)
{
    JobStatus status = JobStatus::Completed;
    int run = 0;
    for (int i = 0; i < job.statements.size(); ++i) {
        if (m_cancel.load()) {
            status = JobStatus::Cancelled;
            break;
        }
        Outcome outcome = Outcome::NotPrepared;
        if (i == 0 && qualifiesForBinary(job))
            outcome = runBinary(job, i);
        if (outcome == Outcome::NotPrepared)
            outcome = runText(job, i);
        ++run;
        if (outcome == Outcome::Failed) {
            if (m_cancel.load()) {
                status = JobStatus::Cancelled;
                break;
            }
            status = JobStatus::Failed;
            if (job.stopOnError || m_connection.isBroken())
                break;
        }
    }
    // A statement the cancel interrupted may still end without an error (an interrupted SLEEP() returns 1,
    // a killed read can end early as if complete): once a cancel was asked for, its rows are not the whole
    // answer.
    if (status == JobStatus::Completed && m_cancel.load())
        status = JobStatus::Cancelled;
    if (statementsRun)
        *statementsRun = run;
    return status;
}

StatementRunner::Outcome StatementRunner::fail(
    const Job &job, int index, unsigned int number, const QString &state, const QString &message)
{
    const Core::SqlStatement &statement = job.statements[index];
    StatementError error;
    error.requestId = job.requestId;
    error.statementIndex = index;
    error.begin = statement.begin;
    error.end = statement.end;
    error.errorNumber = number;
    error.sqlState = state;
    error.message = message;
    error.cancelled = m_cancel.load();
    if (Connection::isConnectionLostError(number) || m_connection.isBroken()) {
        m_connection.markBroken();
        error.connectionLost = true;
    }
    m_sink.statementError(error);
    return Outcome::Failed;
}

bool StatementRunner::streamResult(st_mysql_res *result, const ResultHeader &header, StatementSummary &summary)
{
    RowStream stream(m_sink, m_settings, header);
    while (MYSQL_ROW row = mysql_fetch_row(result)) {
        if (!stream.append(row, mysql_fetch_lengths(result)))
            break; // memory cap: mysql_free_result drains the rest
    }
    stream.finish();
    summary.rows += stream.rows();
    summary.truncated = summary.truncated || stream.capped();
    return !stream.capped();
}

namespace {

// Streams each result set of one statement into the sink and sums the statement's status.
class StreamVisitor : public ResultVisitor
{
public:
    using StreamFn = std::function<bool(st_mysql_res *, const ResultHeader &)>;
    StreamVisitor(const Job &job, int index, ResultSink &sink, StatementSummary &summary, StreamFn stream)
        : m_job(job)
        , m_index(index)
        , m_sink(sink)
        , m_summary(summary)
        , m_stream(std::move(stream))
    { }

    bool resultSet(st_mysql_res *result) override
    {
        ResultHeader header;
        header.requestId = m_job.requestId;
        header.statementIndex = m_index;
        header.resultIndex = m_resultIndex++;
        const unsigned int count = mysql_num_fields(result);
        const MYSQL_FIELD *fields = mysql_fetch_fields(result);
        header.columns.reserve(count);
        for (unsigned int c = 0; c < count; ++c)
            header.columns.append(columnInfoFromField(fields[c]));
        m_sink.headerReady(header);
        return m_stream(result, header);
    }
    void status(const DrainStatus &status) override
    {
        if (status.hasResultSet)
            m_summary.resultSets += 1;
        m_summary.affectedRows += status.affectedRows;
        if (status.insertId)
            m_summary.lastInsertId = status.insertId;
        m_summary.warnings += status.warnings;
    }

private:
    const Job &m_job;
    int m_index;
    ResultSink &m_sink;
    StatementSummary &m_summary;
    StreamFn m_stream;
    int m_resultIndex = 0;
};

} // namespace

StatementRunner::Outcome StatementRunner::runText(const Job &job, int index)
{
    const Core::SqlStatement &statement = job.statements[index];
    QElapsedTimer timer;
    timer.start();
    StatementSummary summary;
    summary.requestId = job.requestId;
    summary.statementIndex = index;
    summary.begin = statement.begin;
    summary.end = statement.end;
    MYSQL *m = m_connection.handle();
    StreamVisitor visitor(job, index, m_sink, summary, [&](st_mysql_res *result, const ResultHeader &header) {
        // A memory cap is not a failure: the drain discards the rest. A fetch error is.
        const bool capped = !streamResult(result, header, summary);
        return capped || mysql_errno(m) == 0;
    });
    if (auto failure = QueryDrain::run(m_connection, statement.text.toUtf8(), QueryDrain::Fetch::Stream, visitor))
        return fail(job, index, failure->number, failure->sqlState, failure->message);
    summary.durationUs = timer.nsecsElapsed() / 1000;
    m_sink.statementDone(summary);
    return Outcome::Ok;
}

} // namespace Sql

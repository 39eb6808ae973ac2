#include "sql/statementrunner.h"

#include "sql/rowstream.h"

#include <QElapsedTimer>

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

StatementRunner::Outcome StatementRunner::runText(const Job &job, int index)
{
    MYSQL *m = m_connection.handle();
    const Core::SqlStatement &statement = job.statements[index];
    QElapsedTimer timer;
    timer.start();
    const QByteArray sql = statement.text.toUtf8();
    if (mysql_real_query(m, sql.constData(), static_cast<unsigned long>(sql.size())) != 0)
        return fail(
            job, index, mysql_errno(m), QString::fromLatin1(mysql_sqlstate(m)), QString::fromUtf8(mysql_error(m)));

    StatementSummary summary;
    summary.requestId = job.requestId;
    summary.statementIndex = index;
    summary.begin = statement.begin;
    summary.end = statement.end;
    int resultIndex = 0;
    for (;;) {
        if (MYSQL_RES *result = mysql_use_result(m)) {
            ResultHeader header;
            header.requestId = job.requestId;
            header.statementIndex = index;
            header.resultIndex = resultIndex++;
            const unsigned int count = mysql_num_fields(result);
            const MYSQL_FIELD *fields = mysql_fetch_fields(result);
            header.columns.reserve(count);
            for (unsigned int c = 0; c < count; ++c)
                header.columns.append(columnInfoFromField(fields[c]));
            m_sink.headerReady(header);
            const bool capped = !streamResult(result, header, summary);
            // A fetch error (killed query, lost connection) ends the row loop; mysql_errno tells.
            const unsigned int fetchError = capped ? 0 : mysql_errno(m);
            const QString state = QString::fromLatin1(mysql_sqlstate(m));
            const QString message = QString::fromUtf8(mysql_error(m));
            mysql_free_result(result); // drains unread rows after a memory cap
            if (fetchError != 0)
                return fail(job, index, fetchError, state, message);
            summary.resultSets += 1;
        } else if (mysql_field_count(m) == 0) {
            const my_ulonglong affected = mysql_affected_rows(m);
            if (affected != my_ulonglong(-1))
                summary.affectedRows += affected;
            if (const my_ulonglong id = mysql_insert_id(m))
                summary.lastInsertId = id;
        } else {
            return fail(
                job, index, mysql_errno(m), QString::fromLatin1(mysql_sqlstate(m)), QString::fromUtf8(mysql_error(m)));
        }
        summary.warnings += mysql_warning_count(m);
        const int next = mysql_next_result(m);
        if (next == -1)
            break;
        if (next > 0)
            return fail(
                job, index, mysql_errno(m), QString::fromLatin1(mysql_sqlstate(m)), QString::fromUtf8(mysql_error(m)));
    }
    summary.durationUs = timer.nsecsElapsed() / 1000;
    m_sink.statementDone(summary);
    return Outcome::Ok;
}

} // namespace Sql

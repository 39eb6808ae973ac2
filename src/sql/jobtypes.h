#pragma once

#include "core/columninfo.h"
#include "core/resultset.h"
#include "core/sqlsplitter.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace Sql {

using RequestId = quint64;

// A unit of work for one connection: statements run one by one, in order.
struct Job
{
    RequestId requestId = 0;
    QList<Core::SqlStatement> statements;
    bool stopOnError = true; // a failing statement ends the job (the rest is not run)
    bool allowBinaryProtocol = true; // a single preparable SELECT may use the binary protocol
};

// Column metadata of one result set; resultIndex > 0 for the further result sets of a CALL.
struct ResultHeader
{
    RequestId requestId = 0;
    int statementIndex = 0;
    int resultIndex = 0;
    QList<Core::ColumnInfo> columns;
    bool binaryProtocol = false;
};

// A batch of rows in arrival order; the receiver appends rows to its own ResultSet (ResultSet::append).
struct RowBatch
{
    RequestId requestId = 0;
    int statementIndex = 0;
    int resultIndex = 0;
    qsizetype firstRow = 0; // index of rows' first row within the result
    Core::ResultSet rows;
};

struct StatementSummary
{
    RequestId requestId = 0;
    int statementIndex = 0;
    qsizetype begin = 0; // the statement's range in the script
    qsizetype end = 0;
    QString text; // the statement as submitted (filled in by Sql::Run)
    int resultSets = 0; // result sets returned (CALL may return several)
    quint64 rows = 0; // rows received (kept) over all result sets
    quint64 affectedRows = 0;
    quint32 warnings = 0;
    quint64 lastInsertId = 0;
    qint64 durationUs = 0;
    bool truncated = false; // the memory cap stopped fetching; `rows` rows were kept
    bool binaryProtocol = false;
};

struct StatementError
{
    RequestId requestId = 0;
    int statementIndex = 0;
    qsizetype begin = 0;
    qsizetype end = 0;
    QString text; // the statement as submitted (filled in by Sql::Run)
    unsigned int errorNumber = 0; // server or client errno
    QString sqlState;
    QString message;
    bool cancelled = false; // the statement was interrupted by cancel()
    bool connectionLost = false; // the connection is gone; session state (SET, transactions) is lost
};

enum class JobStatus { Completed, Failed, Cancelled };

struct JobSummary
{
    RequestId requestId = 0;
    JobStatus status = JobStatus::Completed;
    int statementsRun = 0;
    qint64 durationUs = 0;
    QString connectError; // set when no connection could be opened (the code is in connectErrorCode)
    QString connectErrorCode;
    // The connection was dropped during this job (lost, killed, or dead after an idle period): on a lease,
    // the session's state (variables, transaction, temporary tables) is gone.
    bool sessionLost = false;
};

// What the status bar shows about a connection.
struct ConnectionInfo
{
    quint64 connectionId = 0;
    QString serverVersion;
    QString tlsVersion; // empty for plaintext
    QString tlsCipher;
    QString host;
};

} // namespace Sql

Q_DECLARE_METATYPE(Sql::ResultHeader)
Q_DECLARE_METATYPE(Sql::RowBatch)
Q_DECLARE_METATYPE(Sql::StatementSummary)
Q_DECLARE_METATYPE(Sql::StatementError)
Q_DECLARE_METATYPE(Sql::JobSummary)
Q_DECLARE_METATYPE(Sql::ConnectionInfo)

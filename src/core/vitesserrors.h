#pragma once

#include <QString>

#include <optional>

namespace Core {

// The errors PlanetScale's Vitess layer (vtgate/vttablet) gives where MySQL would not, recognised from the
// error number and text a client receives:
//   - the OLTP row limit: vttablet refuses a read that returns more than 100,000 rows (its
//     ERVitessMaxRowsExceeded, errno 10001, "Row count exceeded 100000"), and vtgate wraps it, e.g.
//     "target: db.-.primary: vttablet: rpc error: code = Aborted desc = Row count exceeded 100000
//     (errno 10001) (sqlstate HY000) (CallerID: …): Sql: "…", BindVars: {}". `SET workload = olap` lifts it
//     for the session (recommended on a replica);
//   - KILL refused: vtgate runs KILL only when started with --allow-kill-statement, otherwise
//     "VT07001: kill statement execution not permitted." (errno 1095, ER_KILL_DENIED_ERROR).
class VitessErrors
{
public:
    static constexpr unsigned int MaxRowsExceeded = 10001;
    static constexpr unsigned int KillDenied = 1095;

    static bool isRowLimit(unsigned int errorNumber, const QString &message);
    // The limit the error names ("Row count exceeded 100000" → 100000), when it names one.
    static std::optional<qint64> rowLimit(const QString &message);
    // KILL refused by vtgate (VT07001), not MariaDB's own "You are not owner of thread" (also 1095).
    static bool isKillRefused(unsigned int errorNumber, const QString &message);

    // The statement that lifts the row limit for the session.
    static QString olapStatement() { return QStringLiteral("SET workload = olap"); }
};

} // namespace Core

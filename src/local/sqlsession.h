#pragma once

#include "core/result.h"
#include "sql/connection.h"
#include "sql/connectionoptions.h"
#include "sql/queryresult.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Local {

class ServerKeeper;

// One row of a result by column name; SQL NULL is a null QString (isNull()), distinct from ''.
using Row = QHash<QString, QString>;

// A blocking session over one Sql::Connection, for the sandbox's own bookkeeping and DDL. The sandbox is a
// server, not a GUI: its request thread and its deploy worker each own one session and may block on it.
//
// When the server goes away (restart, crash) the statement that saw it fails with code "unavailable"; the
// next call reconnects (replaying the session settings and the current schema) and fails the same way
// while the server cannot be reached. A statement is never sent twice.
class SqlSession
{
public:
    static Core::Result<std::unique_ptr<SqlSession>> open(
        const Sql::ConnectionOptions &options, const QStringList &settings = {});
    // Connects (and reconnects) with the keeper's current settings, and tells it when it cannot.
    static Core::Result<std::unique_ptr<SqlSession>> open(
        std::shared_ptr<ServerKeeper> keeper, const QStringList &settings = {});
    // A second session to the same server with the same settings (and keeper), for work that runs beside
    // this one on another thread (a backup's snapshot).
    Core::Result<std::unique_ptr<SqlSession>> openAnother() const;

    Core::Result<void> exec(const QString &sql);
    Core::Result<Sql::QueryResult> select(const QString &sql); // typed access by column index
    Core::Result<QList<Row>> query(const QString &sql);
    // The first row, or an empty Row with no keys when there is none.
    Core::Result<Row> queryRow(const QString &sql);
    // The first column of the first row (a null QString when there is none).
    Core::Result<QString> scalar(const QString &sql);
    quint64 affectedRows() const { return m_affected; }
    // Ends (KILL CONNECTION) the sessions whose ids `selectIds` returns in a column ID and counts them; one
    // that ended by itself meanwhile counts as ended. Fails with `failure` when one cannot be ended.
    Core::Result<int> killConnections(const QString &selectIds, const QString &failure);
    // USE `schema`, remembered across reconnects.
    Core::Result<void> use(const QString &schema);

    // Runs `work` inside a transaction: committed when it returns ok, rolled back otherwise.
    template<typename F> Core::Result<void> transaction(F &&work)
    {
        if (auto begun = exec(QStringLiteral("START TRANSACTION")); !begun)
            return begun;
        Core::Result<void> result = work();
        if (!result) {
            // lastErrorNumber() keeps telling why the work failed (a lock error is worth a retry).
            const unsigned int failed = m_lastErrno;
            (void)exec(QStringLiteral("ROLLBACK"));
            m_lastErrno = failed;
            return result;
        }
        return exec(QStringLiteral("COMMIT"));
    }

    // A string literal that means the same bytes in every sql_mode (Core::SqlLiteral); a null QString
    // becomes NULL.
    QString quote(const QString &value) const;
    // A value read from a column, written back as a literal that compares as the column does: a hex
    // literal for binary columns (bytes, never decoded), a number as it was printed for numeric columns
    // (no detour through DOUBLE), a UTF-8 string literal otherwise; a null QByteArray becomes NULL.
    enum class LiteralKind { Text, Binary, Number };
    static QString literal(const QByteArray &value, LiteralKind kind);
    static QString ident(const QString &name); // `name`
    static QString num(qint64 value) { return QString::number(value); }

    unsigned int lastErrorNumber() const { return m_lastErrno; }
    // True when the last failure was the server going away (the session reconnects at the next call).
    bool lostConnection() const { return m_lost; }
    // Reconnects now when the connection is gone; false while the server cannot be reached.
    bool ensureConnected();
    const Sql::ConnectionOptions &options() const { return m_options; }

private:
    SqlSession(Sql::ConnectionOptions options, QStringList settings);
    Core::Result<void> connect();
    Core::Result<Sql::QueryResult> run(const QString &sql);

    std::unique_ptr<Sql::Connection> m_connection;
    Sql::ConnectionOptions m_options;
    QStringList m_settings;
    std::shared_ptr<ServerKeeper> m_keeper;
    QString m_schema;
    quint64 m_affected = 0;
    unsigned int m_lastErrno = 0;
    bool m_lost = false;
};

} // namespace Local

#pragma once

#include "core/result.h"
#include "sql/connection.h"
#include "sql/connectionoptions.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Local {

// One row of a result by column name; SQL NULL is a null QString (isNull()), distinct from ''.
using Row = QHash<QString, QString>;

// A blocking session over one Sql::Connection, for the sandbox's own bookkeeping and DDL. The sandbox is a
// server, not a GUI: its request thread and its deploy worker each own one session and may block on it.
class SqlSession
{
public:
    static Core::Result<std::unique_ptr<SqlSession>> open(const Sql::ConnectionOptions &options);

    Core::Result<void> exec(const QString &sql);
    Core::Result<QList<Row>> query(const QString &sql);
    // The first row, or an empty Row with no keys when there is none.
    Core::Result<Row> queryRow(const QString &sql);
    quint64 affectedRows() const { return m_affected; }

    // Runs `work` inside a transaction: committed when it returns ok, rolled back otherwise.
    template<typename F> Core::Result<void> transaction(F &&work)
    {
        if (auto begun = exec(QStringLiteral("START TRANSACTION")); !begun)
            return begun;
        Core::Result<void> result = work();
        if (!result) {
            (void)exec(QStringLiteral("ROLLBACK"));
            return result;
        }
        return exec(QStringLiteral("COMMIT"));
    }

    // A string literal with the server's escaping, quotes included; a null QString becomes NULL.
    QString quote(const QString &value) const;
    static QString ident(const QString &name); // `name`
    static QString num(qint64 value) { return QString::number(value); }

    unsigned int lastErrorNumber() const { return m_lastErrno; }
    const Sql::ConnectionOptions &options() const { return m_options; }

private:
    SqlSession(std::unique_ptr<Sql::Connection> connection, Sql::ConnectionOptions options);
    Core::Error error(const QString &sql);

    std::unique_ptr<Sql::Connection> m_connection;
    Sql::ConnectionOptions m_options;
    quint64 m_affected = 0;
    unsigned int m_lastErrno = 0;
};

} // namespace Local

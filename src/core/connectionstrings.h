#pragma once

#include <QList>
#include <QString>

namespace Core {

// Where and as whom a client connects: a branch password resolved to host, port and database. An empty
// caFile means the server's certificate chains to a public CA (PlanetScale): the system bundle is used.
// An empty password means "not known any more" (the API returns it only once): a placeholder is written.
struct ConnectionTarget
{
    QString host;
    quint16 port = 3306;
    QString user;
    QString password;
    QString database;
    QString caFile;
};

// Connection strings and snippets for the clients people use, all with verified TLS (certificate and host
// name checked): the mysql/mariadb command line, JDBC, Python (mysql-connector and PyMySQL), Go
// (go-sql-driver/mysql), Node (mysql2) and Rails (config/database.yml). Each is complete enough to paste
// and run; values are quoted or escaped for the language they land in.
class ConnectionStrings
{
public:
    enum class Kind { MysqlClient, MariadbClient, Jdbc, PythonMysqlConnector, PythonPyMysql, Go, Node, Rails };

    static QList<Kind> kinds();
    static QString label(Kind kind); // "mysql client", "JDBC", …
    static QString text(Kind kind, const ConnectionTarget &target);

    // The CA bundle of this system, used when the target has none of its own.
    static QString systemCaBundle();
    static QString passwordPlaceholder() { return QStringLiteral("<password>"); }

private:
    static QString mysqlClient(const ConnectionTarget &t, bool mariadb);
    static QString jdbc(const ConnectionTarget &t);
    static QString pythonMysqlConnector(const ConnectionTarget &t);
    static QString pythonPyMysql(const ConnectionTarget &t);
    static QString go(const ConnectionTarget &t);
    static QString node(const ConnectionTarget &t);
    static QString rails(const ConnectionTarget &t);
};

} // namespace Core

#include "core/connectionstrings.h"

#include <QFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

// 'text' for a POSIX shell.
QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

// "text" for Python, JavaScript, Go and YAML: the escapes they all read the same way.
QString quoted(const QString &text)
{
    QString out = u"\""_s;
    for (const QChar c : text) {
        if (c == u'\\' || c == u'"')
            out += u'\\' + QString(c);
        else if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else if (c.unicode() < 0x20)
            out += u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0');
        else
            out += c;
    }
    return out + u'"';
}

QString percent(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString passwordOf(const ConnectionTarget &t)
{
    return t.password.isEmpty() ? ConnectionStrings::passwordPlaceholder() : t.password;
}

QString caOf(const ConnectionTarget &t)
{
    return t.caFile.isEmpty() ? ConnectionStrings::systemCaBundle() : t.caFile;
}

} // namespace

QList<ConnectionStrings::Kind> ConnectionStrings::kinds()
{
    return { Kind::MysqlClient, Kind::MariadbClient, Kind::Jdbc, Kind::PythonMysqlConnector, Kind::PythonPyMysql,
        Kind::Go, Kind::Node, Kind::Rails };
}

QString ConnectionStrings::label(Kind kind)
{
    switch (kind) {
    case Kind::MysqlClient:
        return u"mysql client (MySQL 8)"_s;
    case Kind::MariadbClient:
        return u"mariadb client (MariaDB, Debian's mysql)"_s;
    case Kind::Jdbc:
        return u"JDBC"_s;
    case Kind::PythonMysqlConnector:
        return u"Python (mysql-connector)"_s;
    case Kind::PythonPyMysql:
        return u"Python (PyMySQL)"_s;
    case Kind::Go:
        return u"Go (go-sql-driver/mysql)"_s;
    case Kind::Node:
        return u"Node.js (mysql2)"_s;
    case Kind::Rails:
        return u"Rails (database.yml)"_s;
    }
    return {};
}

QString ConnectionStrings::text(Kind kind, const ConnectionTarget &target)
{
    switch (kind) {
    case Kind::MysqlClient:
        return mysqlClient(target, false);
    case Kind::MariadbClient:
        return mysqlClient(target, true);
    case Kind::Jdbc:
        return jdbc(target);
    case Kind::PythonMysqlConnector:
        return pythonMysqlConnector(target);
    case Kind::PythonPyMysql:
        return pythonPyMysql(target);
    case Kind::Go:
        return go(target);
    case Kind::Node:
        return node(target);
    case Kind::Rails:
        return rails(target);
    }
    return {};
}

QString ConnectionStrings::systemCaBundle()
{
    // Debian/Ubuntu, Fedora/RHEL, openSUSE, macOS/BSD.
    for (const QString &path : { u"/etc/ssl/certs/ca-certificates.crt"_s, u"/etc/pki/tls/certs/ca-bundle.crt"_s,
             u"/etc/ssl/ca-bundle.pem"_s, u"/etc/ssl/cert.pem"_s }) {
        if (QFile::exists(path))
            return path;
    }
    return u"/etc/ssl/certs/ca-certificates.crt"_s;
}

QString ConnectionStrings::mysqlClient(const ConnectionTarget &t, bool mariadb)
{
    // Without the password the client asks for it (-p alone), so nothing secret sits in the shell history.
    QStringList args { mariadb ? u"mariadb"_s : u"mysql"_s, u"--host="_s + shellQuoted(t.host),
        u"--port="_s + QString::number(t.port), u"--user="_s + shellQuoted(t.user),
        t.password.isEmpty() ? u"--password"_s : u"--password="_s + shellQuoted(t.password) };
    if (mariadb)
        args << u"--ssl"_s << u"--ssl-verify-server-cert"_s;
    else
        args << u"--ssl-mode=VERIFY_IDENTITY"_s;
    args << u"--ssl-ca="_s + shellQuoted(caOf(t)) << shellQuoted(t.database);
    return args.join(u' ');
}

QString ConnectionStrings::jdbc(const ConnectionTarget &t)
{
    const QString credentials = u"user="_s + percent(t.user) + u"&password="_s + percent(passwordOf(t));
    const QString where = t.host + u':' + QString::number(t.port) + u'/' + percent(t.database);
    // MySQL Connector/J verifies against the JVM's trust store (public CAs); a CA of one's own in PEM is read
    // by MariaDB Connector/J (Connector/J would need it imported into a key store first).
    if (t.caFile.isEmpty())
        return u"jdbc:mysql://"_s + where + u'?' + credentials + u"&sslMode=VERIFY_IDENTITY"_s;
    return u"jdbc:mariadb://"_s + where + u'?' + credentials + u"&useSsl=true&serverSslCert="_s
        + QString::fromLatin1(QUrl::toPercentEncoding(t.caFile, "/"));
}

QString ConnectionStrings::pythonMysqlConnector(const ConnectionTarget &t)
{
    return u"import mysql.connector\n\nconnection = mysql.connector.connect(\n    host=%1,\n    port=%2,\n    "
           u"user=%3,\n"
           u"    password=%4,\n    database=%5,\n    ssl_ca=%6,\n    ssl_verify_cert=True,\n"
           u"    ssl_verify_identity=True,\n)\n"_s.arg(quoted(t.host), QString::number(t.port), quoted(t.user),
               quoted(passwordOf(t)), quoted(t.database), quoted(caOf(t)));
}

QString ConnectionStrings::pythonPyMysql(const ConnectionTarget &t)
{
    // ssl_ca, not ssl={"ca": …}: with ssl_verify_* given, PyMySQL builds its own ssl dict and drops that one.
    return u"import pymysql\n\nconnection = pymysql.connect(\n    host=%1,\n    port=%2,\n    user=%3,\n"
           u"    password=%4,\n    database=%5,\n    ssl_ca=%6,\n    ssl_verify_cert=True,\n"
           u"    ssl_verify_identity=True,\n)\n"_s.arg(quoted(t.host), QString::number(t.port), quoted(t.user),
               quoted(passwordOf(t)), quoted(t.database), quoted(caOf(t)));
}

QString ConnectionStrings::go(const ConnectionTarget &t)
{
    // tls=true verifies against the system's roots; a CA of one's own is registered under a name first.
    const QString dsn = t.user + u':' + passwordOf(t) + u"@tcp("_s + t.host + u':' + QString::number(t.port) + u")/"_s
        + t.database + (t.caFile.isEmpty() ? u"?tls=true"_s : u"?tls=branchdeck"_s);
    if (t.caFile.isEmpty())
        return u"db, err := sql.Open(\"mysql\", %1)\n"_s.arg(quoted(dsn));
    return u"pem, err := os.ReadFile(%1)\nif err != nil {\n\tlog.Fatal(err)\n}\nroots := x509.NewCertPool()\n"
           u"if !roots.AppendCertsFromPEM(pem) {\n\tlog.Fatal(\"no certificate in the CA file\")\n}\n"
           u"mysql.RegisterTLSConfig(\"branchdeck\", &tls.Config{RootCAs: roots, ServerName: %2})\n"
           u"db, err := sql.Open(\"mysql\", %3)\n"_s.arg(quoted(t.caFile), quoted(t.host), quoted(dsn));
}

QString ConnectionStrings::node(const ConnectionTarget &t)
{
    // Node checks the certificate and the host name; it knows the public CAs, a CA of one's own is read.
    const QString ssl = t.caFile.isEmpty()
        ? u"{ rejectUnauthorized: true }"_s
        : u"{ ca: fs.readFileSync(%1), rejectUnauthorized: true }"_s.arg(quoted(t.caFile));
    return (t.caFile.isEmpty() ? QString() : u"const fs = require(\"fs\");\n"_s)
        + u"const mysql = require(\"mysql2\");\n\nconst connection = mysql.createConnection({\n  host: %1,\n"
          u"  port: %2,\n  user: %3,\n  password: %4,\n  database: %5,\n  ssl: %6,\n});\n"_s.arg(
              quoted(t.host), QString::number(t.port), quoted(t.user), quoted(passwordOf(t)), quoted(t.database), ssl);
}

QString ConnectionStrings::rails(const ConnectionTarget &t)
{
    return u"development:\n  adapter: mysql2\n  host: %1\n  port: %2\n  username: %3\n  password: %4\n"
           u"  database: %5\n  ssl_mode: verify_identity\n  sslca: %6\n"_s.arg(quoted(t.host), QString::number(t.port),
               quoted(t.user), quoted(passwordOf(t)), quoted(t.database), quoted(caOf(t)));
}

} // namespace Core

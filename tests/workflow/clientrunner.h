#pragma once

#include "core/connectionstrings.h"

#include <QString>

// Runs a connection string or snippet with the real client it is written for and asks the server who we
// are (SELECT CURRENT_USER()): the mariadb command line, PyMySQL under Debian's python3, Node with the
// mysql package (mysql2 takes the same createConnection options), Ruby's mysql2 with the database.yml entry
// as ActiveRecord hands it over, and Java with MariaDB Connector/J.
struct ClientRun
{
    bool started = false;
    int exitCode = -1;
    QString output; // stdout and stderr
    bool ok() const { return started && exitCode == 0; }
};

class ClientRunner
{
public:
    explicit ClientRunner(QString workDir)
        : m_dir(std::move(workDir))
    { }

    static bool canRun(Core::ConnectionStrings::Kind kind);
    ClientRun run(Core::ConnectionStrings::Kind kind, const QString &text) const;
    // Splits a POSIX shell command line (single and double quotes, backslashes).
    static QStringList shellWords(const QString &line);

private:
    ClientRun exec(const QString &program, const QStringList &args, const QStringList &env = {}) const;
    QString write(const QString &name, const QString &text) const;

    QString m_dir;
};

#pragma once

#include <QString>

// The private TLS MariaDB started by the ctest fixture (tests/fixtures/testdb.sh), read from the
// BRANCHDECK_TEST_MYSQL_* environment variables that with-testdb.sh exports.
struct TestDb
{
    QString host; // 127.0.0.1, in the server certificate
    QString altHost; // 127.0.0.2, same server, not in the certificate (host-name mismatch)
    quint16 port = 0;
    QString user; // has ALL PRIVILEGES WITH GRANT OPTION
    QString password;
    QString database; // an empty schema created for tests
    QString caFile; // the CA that signed the server certificate
    QString otherCaFile; // an unrelated CA
    QString socket; // unix socket (root, no password)
    QString pidFile; // mariadbd's pid, for tests that kill the server
    QString dir;

    bool isValid() const { return port != 0 && !user.isEmpty(); }
    // Loads from the environment; QFAIL-friendly: check isValid() and report missingReason().
    static TestDb fromEnvironment();
    static QString missingReason();
};

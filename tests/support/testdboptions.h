#pragma once

#include "sql/connectionoptions.h"
#include "testdb.h"

// Connection options for the fixture's server as its admin user, TLS verified against the run's CA.
// Header-only so that testsupport itself stays free of the sql layer; include it where sql is linked.
inline Sql::ConnectionOptions testDbOptions(const TestDb &db, bool withDatabase = true)
{
    Sql::ConnectionOptions o;
    o.host = db.host;
    o.port = db.port;
    o.user = db.user;
    o.password = db.password;
    if (withDatabase)
        o.database = db.database;
    o.caFile = db.caFile;
    return o;
}

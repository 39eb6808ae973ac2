#include "testdb.h"

#include <QProcessEnvironment>

TestDb TestDb::fromEnvironment()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    auto get = [&env](const char *name) { return env.value(QString::fromLatin1(name)); };
    TestDb db;
    db.host = get("BRANCHDECK_TEST_MYSQL_HOST");
    db.altHost = get("BRANCHDECK_TEST_MYSQL_ALT_HOST");
    db.port = get("BRANCHDECK_TEST_MYSQL_PORT").toUShort();
    db.user = get("BRANCHDECK_TEST_MYSQL_USER");
    db.password = get("BRANCHDECK_TEST_MYSQL_PASSWORD");
    db.database = get("BRANCHDECK_TEST_MYSQL_DATABASE");
    db.caFile = get("BRANCHDECK_TEST_MYSQL_CA");
    db.otherCaFile = get("BRANCHDECK_TEST_MYSQL_OTHER_CA");
    db.socket = get("BRANCHDECK_TEST_MYSQL_SOCKET");
    db.pidFile = get("BRANCHDECK_TEST_MYSQL_PIDFILE");
    db.dir = get("BRANCHDECK_TEST_MYSQL_DIR");
    return db;
}

QString TestDb::missingReason()
{
    return QStringLiteral("BRANCHDECK_TEST_MYSQL_* not set: run this test through ctest (testdb fixture)");
}

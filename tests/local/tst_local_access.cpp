// Who reaches what on the sandbox's server: a property test over random (database, branch) names — many built
// to collide through `_` with each other, with the metadata schema and with other schemas on the server — in
// which every password sees exactly its own schema; and revocation reaching sessions opened beforehand
// (password deleted or expired, branch deleted, safe migrations switched on and off).

#include "sandboxfixture.h"

#include "api/branchesresource.h"
#include "api/passwordsresource.h"
#include "local/naming.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <mysql.h>

using namespace Qt::StringLiterals;

namespace {

QString quoted(const QString &name)
{
    return u'`' + QString(name).replace(u'`', u"``"_s) + u'`';
}

} // namespace

class TstLocalAccess : public SandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(startSandbox()); }
    void cleanupTestCase();
    void eachPasswordSeesOnlyItsOwnSchema();
    void deletingAPasswordEndsItsSessions();
    void expiryEndsSessions();
    void safeMigrationsEndDdlSessions();
    void deletingABranchEndsItsSessions();
    void responsesMatchOpenApi() { checkRecordedAnswersAgainstOpenApi(); }

private:
    struct Minted
    {
        QString schema;
        Core::Password password;
    };
    Minted mint(const QString &db, const QString &branch, const QString &role, std::optional<int> ttl = {});
    std::unique_ptr<Sql::Connection> login(const Core::Password &password, QString *error = nullptr);
    static QStringList column(Sql::Connection &connection, const QString &sql);
    static bool alive(Sql::Connection &connection);
    void ensureBranch(const QString &db, const QString &branch);

    QStringList m_databases; // created here, deleted at the end
    QStringList m_plainSchemas; // created directly on the server
};

void TstLocalAccess::cleanupTestCase()
{
    for (const QString &db : std::as_const(m_databases)) {
        (void)await<QJsonValue>([&](auto cb) {
            m_client->send(Api::ApiRequest::del({ u"organizations"_s, org, u"databases"_s, db }), this, cb);
        });
    }
    for (const QString &schema : std::as_const(m_plainSchemas))
        admin(u"DROP DATABASE IF EXISTS "_s + quoted(schema));
    stopSandbox();
}

QStringList TstLocalAccess::column(Sql::Connection &connection, const QString &sql)
{
    const QByteArray q = sql.toUtf8();
    if (mysql_real_query(connection.handle(), q.constData(), static_cast<unsigned long>(q.size())) != 0)
        return { u"<error>"_s };
    QStringList values;
    if (MYSQL_RES *res = mysql_store_result(connection.handle())) {
        while (MYSQL_ROW row = mysql_fetch_row(res))
            values << QString::fromUtf8(row[0]);
        mysql_free_result(res);
    }
    return values;
}

bool TstLocalAccess::alive(Sql::Connection &connection)
{
    return connection.execute("SELECT 1").ok();
}

std::unique_ptr<Sql::Connection> TstLocalAccess::login(const Core::Password &password, QString *error)
{
    auto connection = Sql::Connection::open(passwordConnection(password));
    if (!connection) {
        if (error)
            *error = connection.error().code;
        return nullptr;
    }
    return std::move(connection).value();
}

void TstLocalAccess::ensureBranch(const QString &db, const QString &branch)
{
    if (!m_databases.contains(db)) {
        createDatabase(db);
        m_databases << db;
    }
    if (branch == u"main"_s)
        return;
    createBranch(db, branch);
}

TstLocalAccess::Minted TstLocalAccess::mint(
    const QString &db, const QString &branch, const QString &role, std::optional<int> ttl)
{
    Api::PasswordsResource passwords(m_client.get());
    const auto password = ok(await<Core::Password>([&](auto cb) {
        passwords.create(org, db, branch, Api::CreatePasswordOptions { role + u"-pw"_s, role, ttl, false }, this, cb);
    }),
        "password");
    return { Local::Naming::branchSchema(db, branch), password };
}

void TstLocalAccess::eachPasswordSeesOnlyItsOwnSchema()
{
    const quint32 seed = qEnvironmentVariableIsSet("BRANCHDECK_PROPERTY_SEED")
        ? quint32(qEnvironmentVariableIntValue("BRANCHDECK_PROPERTY_SEED"))
        : QRandomGenerator::global()->generate();
    qInfo("property seed %u (set BRANCHDECK_PROPERTY_SEED to replay)", seed);
    QRandomGenerator random(seed);
    const auto word = [&](int minLength, int maxLength) {
        static const QString alphabet = u"abcdefghijklmnopqrstuvwxyz0123456789"_s;
        QString w;
        const int length = random.bounded(minLength, maxLength + 1);
        for (int i = 0; i < length; ++i)
            w += alphabet.at(random.bounded(int(alphabet.size())));
        return w;
    };
    const QString p = m_prefix; // t123456: unique per run, a valid name start

    // Pairs whose `db__branch` pattern, with `_` as a wildcard, matches another schema on the server.
    QList<QPair<QString, QString>> pairs = {
        { u"branchdeck"_s, u"andbox"_s }, // branchdeck__andbox ~ branchdeck_sandbox (the metadata)
        { u"branchdec"_s, u"sandbox"_s }, // branchdec__sandbox ~ branchdeck_sandbox
        { u"branchdeck"_s, u"est"_s }, // branchdeck__est ~ branchdeck_test (the fixture's schema)
        { p + u"app"_s, u"rod"_s }, // ~ <p>app_prod, an unrelated schema
    };
    m_plainSchemas << p + u"app_prod"_s;
    for (int i = 0; i < 3; ++i) {
        const QString db = p + word(1, 6), tail = word(2, 6);
        m_plainSchemas << db + u'_' + tail; // db_<tail>: matched by db__<tail minus its first letter>
        pairs << qMakePair(db, tail.mid(1));
        m_plainSchemas << db + u"%x"_s + tail; // a literal % in a schema name (never in a branch's)
    }
    for (int i = 0; i < 3; ++i) // random, non-colliding ones, and one sharing a database with a collider
        pairs << qMakePair(p + word(1, 8), word(1, 8));
    pairs << qMakePair(pairs.constLast().first, word(1, 8));
    for (const QString &schema : std::as_const(m_plainSchemas)) {
        QVERIFY(admin(u"CREATE DATABASE IF NOT EXISTS "_s + quoted(schema)));
        QVERIFY(admin(u"CREATE TABLE IF NOT EXISTS "_s + quoted(schema) + u".t (id INT PRIMARY KEY)"_s));
    }

    QList<Minted> minted;
    const QStringList roles = { u"reader"_s, u"writer"_s, u"readwriter"_s, u"admin"_s };
    for (const auto &[db, branch] : std::as_const(pairs)) {
        ensureBranch(db, branch);
        minted << mint(db, branch, roles.at(random.bounded(int(roles.size()))));
        QVERIFY(
            admin(u"CREATE TABLE IF NOT EXISTS "_s + quoted(minted.constLast().schema) + u".t (id INT PRIMARY KEY)"_s));
    }
    const QStringList everySchema = column(*m_admin, u"SHOW DATABASES"_s);
    QVERIFY(everySchema.contains(u"branchdeck_sandbox"_s));
    for (const Minted &m : std::as_const(minted)) {
        auto connection = login(m.password);
        QVERIFY2(connection, qPrintable(m.schema));
        QSet<QString> seen;
        for (const QString &s : column(*connection, u"SHOW DATABASES"_s))
            seen << s;
        QCOMPARE(seen, (QSet<QString> { u"information_schema"_s, m.schema }));
        for (const QString &other : everySchema) {
            if (other == m.schema || other == u"information_schema"_s)
                continue;
            const QString use = u"USE "_s + quoted(other);
            QVERIFY2(!connection->execute(use.toUtf8()).ok(),
                qPrintable(m.password.role + u" password of "_s + m.schema + u" reaches "_s + other));
            // Access denied (1044); a schema another test dropped meanwhile may be unknown (1049).
            QVERIFY2(connection->lastErrorNumber() == 1044u || connection->lastErrorNumber() == 1049u,
                qPrintable(connection->lastErrorMessage()));
        }
        QVERIFY(connection->execute((u"USE "_s + quoted(m.schema)).toUtf8()));
    }
}

void TstLocalAccess::deletingAPasswordEndsItsSessions()
{
    const QString db = m_prefix + u"-revoke"_s;
    ensureBranch(db, u"main"_s);
    const Minted m = mint(db, u"main"_s, u"admin"_s);
    auto session = login(m.password);
    QVERIFY(session && alive(*session));
    Api::PasswordsResource passwords(m_client.get());
    auto removed
        = await<Api::NoContent>([&](auto cb) { passwords.remove(org, db, u"main"_s, m.password.id, this, cb); });
    QVERIFY(removed && removed->ok());
    QVERIFY2(!alive(*session), "the session of a deleted password still runs statements");
    QString error;
    QVERIFY(!login(m.password, &error));
    QCOMPARE(error, u"auth_failed"_s);
}

void TstLocalAccess::expiryEndsSessions()
{
    const QString db = m_prefix + u"-revoke"_s;
    ensureBranch(db, u"main"_s);
    const Minted m = mint(db, u"main"_s, u"reader"_s, 1);
    auto session = login(m.password);
    QVERIFY(session && alive(*session));
    // The reaper runs every 2 s; the open session ends with the password, it does not wait for a new login.
    QTRY_VERIFY_WITH_TIMEOUT(!alive(*session), 10000);
}

void TstLocalAccess::safeMigrationsEndDdlSessions()
{
    const QString db = m_prefix + u"-safe"_s;
    ensureBranch(db, u"main"_s);
    const Minted owner = mint(db, u"main"_s, u"admin"_s);
    const Minted reader = mint(db, u"main"_s, u"reader"_s);
    auto ddl = login(owner.password);
    auto read = login(reader.password);
    QVERIFY(ddl && read);
    QVERIFY(ddl->execute((u"USE "_s + quoted(owner.schema)).toUtf8()));
    QVERIFY(ddl->execute("CREATE TABLE before_safe (id INT PRIMARY KEY)"));

    Api::BranchesResource branches(m_client.get());
    QVERIFY(ok(await<Core::Branch>([&](auto cb) { branches.setSafeMigrations(org, db, u"main"_s, true, this, cb); }),
        "safe on")
                .safeMigrations);
    // The admin session opened before could still run DDL on production: it is gone. The reader's rights did
    // not change, so its session lives on.
    QVERIFY2(!alive(*ddl), "an admin session kept its DDL rights after safe migrations were turned on");
    QVERIFY(alive(*read));
    ddl = login(owner.password);
    QVERIFY(ddl);
    QVERIFY(ddl->execute((u"USE "_s + quoted(owner.schema)).toUtf8()));
    QVERIFY(!ddl->execute("CREATE TABLE after_safe (id INT PRIMARY KEY)"));
    QCOMPARE(ddl->lastErrorNumber(), 1142u); // ER_TABLEACCESS_DENIED_ERROR
    QVERIFY(ddl->execute("SELECT COUNT(*) FROM before_safe"));

    QVERIFY(!ok(await<Core::Branch>([&](auto cb) { branches.setSafeMigrations(org, db, u"main"_s, false, this, cb); }),
        "safe off")
                 .safeMigrations);
    QVERIFY(!alive(*ddl));
    ddl = login(owner.password);
    QVERIFY(ddl->execute((u"USE "_s + quoted(owner.schema)).toUtf8()));
    QVERIFY(ddl->execute("CREATE TABLE after_safe (id INT PRIMARY KEY)"));
}

void TstLocalAccess::deletingABranchEndsItsSessions()
{
    const QString db = m_prefix + u"-revoke"_s;
    ensureBranch(db, u"feature"_s);
    const Minted m = mint(db, u"feature"_s, u"readwriter"_s);
    auto session = login(m.password);
    QVERIFY(session && alive(*session));
    Api::BranchesResource branches(m_client.get());
    QCOMPARE(ok(await<Core::Branch>([&](auto cb) { branches.get(org, db, u"feature"_s, this, cb); }), "get").name,
        u"feature"_s);
    auto removed = await<Api::NoContent>([&](auto cb) { branches.remove(org, db, u"feature"_s, false, this, cb); });
    QVERIFY(removed && removed->ok());
    QVERIFY(!alive(*session));
}

QTEST_GUILESS_MAIN(TstLocalAccess)
#include "tst_local_access.moc"

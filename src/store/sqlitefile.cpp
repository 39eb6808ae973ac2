#include "store/sqlitefile.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <optional>

using namespace Qt::StringLiterals;

namespace Store {

namespace {

QAtomicInteger<int> s_connectionCounter;

constexpr QFileDevice::Permissions ownerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions ownerOnlyFolder = ownerOnlyFile | QFileDevice::ExeOwner;

void tightenFiles(const QString &path)
{
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s }) {
        if (QFileInfo::exists(path + suffix))
            QFile::setPermissions(path + suffix, ownerOnlyFile);
    }
}

// The statements, history and profiles are the user's alone: the data folder is 0700 and the file with its
// WAL and shared-memory companions 0600, whatever the umask. The file is made 0600 before SQLite opens it
// (SQLite gives its companions the database file's mode); existing files are tightened on every open.
Core::Result<void> preparePrivateFile(const QString &path)
{
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    const bool created = !QFileInfo::exists(folder);
    if (!QDir().mkpath(folder))
        return Core::makeError(u"store_mkdir"_s, u"Cannot create the folder for local data."_s, folder);
    // A folder given by the caller (a test's temporary one, say) is left alone unless we made it.
    if (created || QFileInfo(folder) == QFileInfo(QFileInfo(SqliteFile::defaultPath()).absolutePath()))
        QFile::setPermissions(folder, ownerOnlyFolder);
    if (!info.exists()) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnlyFile) && !QFileInfo::exists(path))
            return Core::makeError(u"store_open"_s, u"Cannot create the local data file."_s, path);
    }
    tightenFiles(path);
    return {};
}

// How long a store waits for another one (a second window or process) that holds its file's write lock.
constexpr int busyTimeoutMs = 3000;

Core::Error queryError(const QSqlQuery &query, const QString &message)
{
    return Core::makeError(u"store_schema"_s, message, query.lastError().text());
}

// Pragmas and schema migration on an open connection.
Core::Result<void> initialize(QSqlDatabase db, const QString &component, int version, const QStringList &schema)
{
    QSqlQuery query(db);
    // WAL + NORMAL: committed transactions survive an application crash; only power loss may drop the last.
    // Turning a new file to WAL needs it to itself for a moment, and SQLite answers "locked" at once instead
    // of waiting when another process is opening it too: try again for as long as the busy timeout.
    QElapsedTimer waited;
    waited.start();
    while (!query.exec(u"PRAGMA journal_mode=WAL"_s)) {
        if (waited.elapsed() > busyTimeoutMs)
            return queryError(query, u"Cannot configure the local data file."_s);
        QThread::msleep(10);
    }
    query.finish();
    if (!query.exec(u"PRAGMA synchronous=NORMAL"_s))
        return queryError(query, u"Cannot configure the local data file."_s);
    if (!query.exec(u"CREATE TABLE IF NOT EXISTS store_versions "
                    u"(component TEXT PRIMARY KEY, version INTEGER NOT NULL)"_s))
        return queryError(query, u"Cannot prepare the local data file."_s);
    auto storedVersion = [&]() -> std::optional<int> {
        query.prepare(u"SELECT version FROM store_versions WHERE component = ?"_s);
        query.addBindValue(component);
        if (!query.exec())
            return std::nullopt;
        const int stored = query.next() ? query.value(0).toInt() : 0;
        query.finish();
        return stored;
    };
    auto current = storedVersion();
    if (!current)
        return queryError(query, u"Cannot read the local data file's version."_s);
    if (*current > version)
        return Core::makeError(
            u"store_too_new"_s, u"The local data file was written by a newer Branchdeck."_s, db.databaseName());
    if (*current == version)
        return {};

    // Another process (a second launch, a test reading the file) may be migrating the same new file at this
    // very moment: take the write lock first (BEGIN IMMEDIATE waits up to the busy timeout), then read the
    // version again under it, so the one that comes second sees the other's work instead of repeating it
    // (an ALTER ... ADD COLUMN run twice fails, and a store that fails to open stays off for the session).
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return queryError(query, u"Cannot prepare the local data file."_s);
    auto rollback = [&](Core::Error error) {
        query.finish();
        (void)query.exec(u"ROLLBACK"_s);
        return error;
    };
    current = storedVersion();
    if (!current)
        return rollback(queryError(query, u"Cannot read the local data file's version."_s));
    if (*current == version) {
        query.finish();
        if (!query.exec(u"COMMIT"_s))
            return queryError(query, u"Cannot prepare the local data file."_s);
        return {};
    }
    if (*current > version)
        return rollback(Core::makeError(
            u"store_too_new"_s, u"The local data file was written by a newer Branchdeck."_s, db.databaseName()));
    for (const auto &statement : schema) {
        if (!query.exec(statement))
            return rollback(queryError(query, u"Cannot prepare the local data file."_s));
    }
    query.prepare(u"INSERT OR REPLACE INTO store_versions (component, version) VALUES (?, ?)"_s);
    query.addBindValue(component);
    query.addBindValue(version);
    if (!query.exec() || !query.exec(u"COMMIT"_s))
        return rollback(queryError(query, u"Cannot prepare the local data file."_s));
    return {};
}

} // namespace

SqliteFile::~SqliteFile()
{
    close();
}

Core::Result<void> SqliteFile::open(
    const QString &path, const QString &component, int version, const QStringList &schema)
{
    close();
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return Core::makeError(u"store_no_sqlite"_s, u"The SQLite driver for Qt is not installed."_s);
    if (auto prepared = preparePrivateFile(path); !prepared)
        return prepared;

    m_connectionName = u"branchdeck-store-"_s + QString::number(s_connectionCounter.fetchAndAddRelaxed(1));
    m_path = path;
    Core::Result<void> result;
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(path);
        // Another store or window may hold the write lock for a moment: wait instead of failing.
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT="_s + QString::number(busyTimeoutMs));
        if (db.open())
            result = initialize(db, component, version, schema);
        else
            result = Core::makeError(
                u"store_open"_s, u"Cannot open the local data file."_s, path + u": "_s + db.lastError().text());
    }
    if (!result.ok())
        close();
    else
        tightenFiles(path); // the WAL and shared-memory files exist now
    return result;
}

void SqliteFile::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        auto db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool SqliteFile::isOpen() const
{
    return !m_connectionName.isEmpty() && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase SqliteFile::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString SqliteFile::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/branchdeck.sqlite"_s;
}

} // namespace Store

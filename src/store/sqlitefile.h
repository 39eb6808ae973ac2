#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

namespace Store {

// One SQLite file opened through QtSql with the settings every store shares: WAL journal (a commit
// survives kill -9 of the app and readers never block the writer) and a schema version per component
// (table store_versions), so several stores can share one file. Each instance owns a uniquely named
// QSqlDatabase connection.
class SqliteFile
{
public:
    SqliteFile() = default;
    ~SqliteFile();
    SqliteFile(const SqliteFile &) = delete;
    SqliteFile &operator=(const SqliteFile &) = delete;

    // Opens (creating folders and file as needed) and runs `schema` in one transaction when the stored
    // version of `component` is older than `version`.
    Core::Result<void> open(const QString &path, const QString &component, int version, const QStringList &schema);
    void close();
    bool isOpen() const;

    QSqlDatabase database() const;
    QString path() const { return m_path; }

    // The standard place: <AppDataLocation>/branchdeck.sqlite.
    static QString defaultPath();

private:
    QString m_connectionName;
    QString m_path;
};

} // namespace Store

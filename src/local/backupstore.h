#pragma once

#include "core/result.h"
#include "local/schemareader.h"
#include "local/sqlsession.h"

#include <QList>
#include <QStringList>

namespace Local {

// Where a backup's copy lives and how schemas are copied in and out of it. A backup is a private schema
// `branchdeck_backup_<id>` on the sandbox's own server (no `__`, so it can never be a branch schema, and no
// password is ever granted on it): its tables carry the rows exactly as the server stores them (same
// CREATE TABLE, values written back as typed literals), its views and triggers the branch's own.
class BackupStore
{
public:
    struct Columns
    {
        QStringList names; // stored columns only (generated ones are computed again)
        QList<SqlSession::LiteralKind> kinds;
        QStringList key; // the primary key's columns, empty without one
    };

    static QString storageSchema(const QString &backupId);
    static Core::Result<Columns> columns(SqlSession &session, const QString &schema, const QString &table);
    // CREATE TRIGGER statements of a schema without their DEFINER (the sandbox's account runs them).
    static Core::Result<QStringList> triggers(SqlSession &session, const QString &schema);
    // Runs `statements` (CREATE TABLE / VIEW / TRIGGER) in `schema`, foreign keys unchecked.
    static Core::Result<void> createIn(SqlSession &session, const QString &schema, const QStringList &statements);
    static QStringList tableStatements(const QList<ObjectDefinition> &definitions);
    static QStringList viewStatements(const QList<ObjectDefinition> &definitions);
    // Restore: tables, rows, views and triggers of the storage schema into the empty schema `to`.
    static Core::Result<void> restore(SqlSession &session, const QString &storage, const QString &to);
    static Core::Result<void> drop(SqlSession &session, const QString &schema);
    static QString identList(const QStringList &names); // `a`, `b`
};

} // namespace Local

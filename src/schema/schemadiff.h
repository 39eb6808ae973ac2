#pragma once

#include "schema/schemamodel.h"

#include <QJsonObject>
#include <QStringList>

namespace Schema {

enum class StatementKind {
    CreateTable,
    AlterTable,
    DropTable,
    CreateView,
    ReplaceView,
    DropView,
    CreateProgram,
    DropProgram
};
enum class ChangeKind { Added, Removed, Changed };
enum class ObjectType { Table, View, Procedure, Function, Trigger, Event };

struct DiffStatement
{
    QString object; // the table, view or stored program it changes
    StatementKind kind = StatementKind::AlterTable;
    QString sql; // without a trailing ';'
    QStringList lossReasons; // non-empty when running it can lose data
    ObjectType objectType = ObjectType::Table;
    // What else a user should know before running it: system-versioning history kept, indexes rebuilt.
    QStringList notes;
    // Indexes dropped and added again only so that the table's index order equals the target's (this
    // costs time on big tables).
    QStringList rebuiltIndexes;

    bool canLoseData() const { return !lossReasons.isEmpty(); }
    // A stored program's body may hold ';': a script needs a DELIMITER around it.
    bool needsDelimiter() const { return kind == StatementKind::CreateProgram; }
};

// One table, view or stored program that differs, with its statements (in execution order).
struct ObjectDiff
{
    QString name;
    bool isView = false;
    ObjectType type = ObjectType::Table;
    ChangeKind change = ChangeKind::Changed;
    QString fromDefinition; // the CREATE text on each side (empty when absent), for a side-by-side view
    QString toDefinition;
    QList<DiffStatement> statements;
};

// A column or index that may have been renamed: dropped on one side, added on the other, alike.
struct RenameCandidate
{
    QString table;
    bool isIndex = false;
    QString from;
    QString to;
    QStringList evidence; // why it looks like a rename
    bool applied = false; // emitted as RENAME COLUMN / RENAME INDEX (DiffOptions::detectRenames)
};

struct DiffOptions
{
    // Emit RENAME COLUMN / RENAME INDEX for the rename candidates instead of dropping and adding.
    bool detectRenames = false;
};

struct SchemaDiffResult
{
    QList<DiffStatement> statements; // in an order the server accepts
    QList<ObjectDiff> objects; // by name
    QList<RenameCandidate> renames;

    bool isEmpty() const { return statements.isEmpty(); }
    bool canLoseData() const;
    // Statements separated by ";\n", loss warnings and notes as comments, programs inside DELIMITER ;;.
    QString toSql() const;
    QJsonObject toJson() const;
};

// Computes the ordered DDL turning `from` into `to`: stored program and view drops, foreign key drops,
// DROP TABLE, one ALTER TABLE per changed table (partitioning separately), CREATE TABLE (referenced
// tables first), foreign key additions, procedures and functions, views, then triggers and events.
class SchemaDiff
{
public:
    static SchemaDiffResult compare(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options = {});
};

} // namespace Schema

#pragma once

#include "schema/schemamodel.h"

#include <QJsonObject>
#include <QStringList>

namespace Schema {

enum class StatementKind { CreateTable, AlterTable, DropTable, CreateView, ReplaceView, DropView };
enum class ChangeKind { Added, Removed, Changed };

struct DiffStatement
{
    QString object; // the table or view it changes
    StatementKind kind = StatementKind::AlterTable;
    QString sql; // without a trailing ';'
    QStringList lossReasons; // non-empty when running it can lose data

    bool canLoseData() const { return !lossReasons.isEmpty(); }
};

// One table or view that differs, with its statements (in execution order) for per-table display.
struct ObjectDiff
{
    QString name;
    bool isView = false;
    ChangeKind change = ChangeKind::Changed;
    QString fromDefinition; // the CREATE text on each side (empty when absent), for a side-by-side view
    QString toDefinition;
    QList<DiffStatement> statements;
};

struct SchemaDiffResult
{
    QList<DiffStatement> statements; // in an order the server accepts
    QList<ObjectDiff> objects; // by name

    bool isEmpty() const { return statements.isEmpty(); }
    bool canLoseData() const;
    QString toSql() const; // statements separated by ";\n", with loss warnings as comments
    QJsonObject toJson() const;
};

// Computes the ordered DDL turning `from` into `to`: DROP VIEW, foreign key drops, one ALTER TABLE per
// changed table (partitioning separately), CREATE TABLE (referenced tables first), DROP TABLE,
// foreign key additions, then CREATE / CREATE OR REPLACE VIEW.
class SchemaDiff
{
public:
    static SchemaDiffResult compare(const SchemaModel &from, const SchemaModel &to);
};

} // namespace Schema

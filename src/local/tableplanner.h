#pragma once

#include "core/result.h"
#include "local/copyplan.h"
#include "local/deployrecords.h"
#include "local/deploysettings.h"
#include "schema/schemamodel.h"

namespace Local {

// Decides how a table changes shape online, or why it cannot: the copy's key, the columns copied as they
// are, those whose type changes (verified value by value), the values new NOT NULL columns get, the
// shadow's CREATE TABLE (temporary foreign key names, a temporary unique index over the old key when the
// primary key changes). Refusals come before anything runs, with a message saying why (code
// "unsupported").
class TablePlanner
{
public:
    // The live table of `op` (old shape) into a shadow of the new shape.
    static Core::Result<CopyPlan> deploy(
        const QString &schema, const DeployOperationRecord &op, const DeploySettings &settings);
    // The live table (new shape) back into the old shape, with the dropped columns' values from the archive.
    static Core::Result<CopyPlan> revert(
        const QString &schema, const DeployOperationRecord &op, const DeploySettings &settings);

    // `_bd_<operation>_<suffix>`: n shadow, o archive of a deploy, h archive of a dropped table, r revert
    // shadow, x archive of a revert.
    static QString internalName(const QString &operationId, const QString &suffix);

    static Core::Result<Schema::Table> parse(const QString &definition);
    static QStringList primaryKey(const Schema::Table &table);
    // Present and not generated (generated columns are computed, never copied).
    static bool copyable(const Schema::Column *column);
    // The value MariaDB gives existing rows for a new NOT NULL column without a default.
    static QString implicitDefault(const Schema::Column &column);
    static SqlSession::LiteralKind literalKind(const Schema::Column &column);

private:
    static Core::Result<CopyPlan> plan(const QString &schema, const QString &table, const QString &opId,
        const Schema::Table &from, const Schema::Table &to, const QString &toDefinition, const QString &shadowSuffix,
        const DeploySettings &settings);
};

} // namespace Local

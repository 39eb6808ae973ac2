#pragma once

#include "core/linterror.h"
#include "schema/schemamodel.h"

#include <QList>

namespace Schema {

// Lints a schema model the way PlanetScale lints a branch before a deploy request: findings per table,
// each with a code, a sentence saying what to change, and the column(s) involved. Pure: the sandbox's
// `schema/lint` endpoint and its deploy requests' `lint_errors` use it, and it is unit-tested on DDL text.
//
// Codes: NO_UNIQUE_KEY (no primary key and no unique key over NOT NULL columns: online schema changes
// cannot copy the table), INVALID_ENGINE (not InnoDB), INVALID_CHARSET (not utf8/utf8mb4/binary),
// DUPLICATE_INDEX (same parts as another index), REDUNDANT_INDEX (a plain index that is a leftmost prefix
// of another), AUTO_INCREMENT_NEAR_LIMIT (the counter has used `autoIncrementThreshold` of the column
// type's range), FOREIGN_KEY_TYPE_MISMATCH (a foreign-key column whose type differs from the column it
// references).
class SchemaLinter
{
public:
    static constexpr double autoIncrementThreshold = 0.8;

    // `keyspace` fills keyspace_name. Tables in `onlyTables` only, when it is not empty.
    static QList<Core::LintError> lint(
        const SchemaModel &model, const QString &keyspace, const QStringList &onlyTables = {});
    static QList<Core::LintError> lintTable(const SchemaModel &model, const Table &table, const QString &keyspace);

    // The largest value the integer type holds (0 for a non-integer type).
    static quint64 integerMaximum(const Column &column);
    // The table's AUTO_INCREMENT counter as printed (the next value), or 0 when none was printed.
    static quint64 autoIncrementCounter(const Table &table);
};

} // namespace Schema

#pragma once

#include "core/deployment.h"
#include "core/tableddl.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Schema {

// One table (or view) that differs between two schemas, ready for the side-by-side view.
struct TableDiff
{
    enum class Change { Added, Removed, Changed };
    QString name;
    Change change = Change::Changed;
    QString from; // CREATE text on the left (empty when the table is new)
    QString to; // CREATE text on the right (empty when the table is dropped)
    QStringList statements; // the DDL that turns left into right
    QStringList warnings; // data-loss warnings
    QStringList lintErrors; // lint findings for this table (deploy requests)
};

// Compares two schemas as the branch schema endpoint gives them (one CREATE per table). Uses the schema
// diff engine for the statements and data-loss rules; falls back to a text comparison per table when a
// definition cannot be parsed, so a comparison always shows something.
class SchemaComparison
{
public:
    static QList<TableDiff> compare(const QList<Core::TableDdl> &from, const QList<Core::TableDdl> &to);

    // A deploy request's tables: those its diff names, compared between the base (into) and head branch
    // schemas; when they no longer differ (already deployed, or the head is gone) the request's own text.
    // Lint errors are put next to their table and operations that can drop data become warnings.
    static QList<TableDiff> forDeployRequest(const QList<Core::TableDdl> &changed, const QList<Core::TableDdl> &into,
        const QList<Core::TableDdl> &head, const std::optional<Core::Deployment> &deployment);
};

} // namespace Schema

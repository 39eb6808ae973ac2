#pragma once

#include "core/result.h"
#include "schema/schemamodel.h"

#include <QStringList>

namespace Local {

// What the deploy worker needs to know about one table's CREATE TABLE text.
class TableDefinition
{
public:
    static Core::Result<Schema::Table> parse(const QString &definition);
    // The definition with its table name replaced, for creating a shadow of the same shape; empty when the
    // text does not start as the server prints it.
    static QString renamed(const QString &definition, const QString &table, const QString &newName);
    static QStringList primaryKey(const Schema::Table &table);
    // Present and not generated (generated columns are computed, never copied).
    static bool copyable(const Schema::Column *column);
};

} // namespace Local

#pragma once

#include "core/result.h"
#include "local/sqlsession.h"
#include "schema/schemamodel.h"

#include <QList>

namespace Schema {
class TableMemo;
}

namespace Local {

struct ObjectDefinition
{
    QString name;
    QString createStatement; // the server's SHOW CREATE TABLE / VIEW text
    bool isView = false;
};

// Reads a branch schema as the server prints it, hiding the deploy machinery's `_bd_` tables.
class SchemaReader
{
public:
    static Core::Result<QList<ObjectDefinition>> definitions(SqlSession &session, const QString &schema);
    // Both sides of a diff read with one `memo` parse a table printed identically on both once.
    static Core::Result<Schema::SchemaModel> model(
        SqlSession &session, const QString &schema, Schema::TableMemo *memo = nullptr);
    static Core::Result<Schema::SchemaModel> model(
        const QList<ObjectDefinition> &definitions, Schema::TableMemo *memo = nullptr);
    // A view's text names its own schema (`db__main`.`t`); a copy into another schema must not.
    static QString unqualify(const QString &createStatement, const QString &schema);
    // A view as the sandbox creates it: no DEFINER (the sandbox's own account, which outlives every branch
    // password) and SQL SECURITY INVOKER (it never reads more than the one who queries it may). Views are
    // read in this form too, so the definer a password left never shows up as a difference.
    static QString portableView(const QString &createStatement);
};

} // namespace Local

#pragma once

#include "core/result.h"
#include "schema/schemamodel.h"

namespace Schema {

class DdlCursor;
class ModelIndex;

// Builds a SchemaModel from SQL text: CREATE TABLE and CREATE VIEW statements as the server prints
// them (a mysqldump --no-data file works too: SET, USE, LOCK and DROP ... IF EXISTS are understood).
// Any other statement, and any definition the parsers reject, is an error naming where it is.
class SchemaLoader
{
public:
    // `origin` names the text in errors (a file name).
    static Core::Result<void> addScript(SchemaModel &model, QStringView script, const QString &origin);
    static Core::Result<SchemaModel> fromScript(QStringView script, const QString &origin = {});
    // A .sql file, or a directory whose *.sql files are read in name order.
    static Core::Result<SchemaModel> fromPath(const QString &path);

    // Statements of a script with their offsets; quotes, comments and version comments respected.
    struct Statement
    {
        qsizetype offset = 0;
        QStringView text;
    };
    static QList<Statement> split(QStringView script);

private:
    static Core::Result<void> addStatement(ModelIndex &index, DdlCursor &cursor, QStringView text);
};

} // namespace Schema

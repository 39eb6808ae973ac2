#pragma once

#include "core/result.h"
#include "schema/schemamodel.h"

namespace Schema {

class DdlCursor;
class DdlLexer;
class ModelIndex;
class TableMemo;

// Builds a SchemaModel from SQL text: CREATE TABLE, CREATE VIEW and CREATE PROCEDURE / FUNCTION /
// TRIGGER / EVENT statements as the server prints them (a mysqldump --no-data --routines --triggers file
// works too: SET, USE, LOCK, DELIMITER and DROP ... IF EXISTS are understood). Any other statement, and
// any definition the parsers reject, is an error naming where it is.
class SchemaLoader
{
public:
    // `origin` names the text in errors (a file name). The QString overloads let the model's strings
    // share the script's buffer instead of copying them. Loading both sides of a comparison with one
    // `memo` parses a table printed identically on both sides once.
    static Core::Result<void> addScript(SchemaModel &model, QStringView script, const QString &origin);
    static Core::Result<void> addScript(
        SchemaModel &model, const QString &script, const QString &origin, TableMemo *memo = nullptr);
    static Core::Result<SchemaModel> fromScript(QStringView script, const QString &origin = {});
    static Core::Result<SchemaModel> fromScript(
        const QString &script, const QString &origin = {}, TableMemo *memo = nullptr);
    // A .sql file, or a directory whose *.sql files are read in name order.
    static Core::Result<SchemaModel> fromPath(const QString &path, TableMemo *memo = nullptr);

    // Statements of a script with their offsets; quotes, comments, version comments, DELIMITER lines
    // and the BEGIN ... END bodies of stored programs respected.
    struct Statement
    {
        qsizetype offset = 0;
        QStringView text;
    };
    static QList<Statement> split(QStringView script);

private:
    static Core::Result<void> addStatement(ModelIndex &index, DdlCursor &cursor, TableMemo *memo);
    static Core::Result<void> addTable(ModelIndex &index, DdlCursor &cursor, TableMemo *memo);
    static bool reuseTable(ModelIndex &index, TableMemo &memo, DdlLexer &lexer, QStringView script);
    static void putReused(ModelIndex &index, TableMemo &memo, const Table &known);
};

} // namespace Schema

#pragma once

#include "core/result.h"
#include "schema/schemamodel.h"

namespace Schema {

class DdlCursor;

// Parses the CREATE TABLE text the server prints (SHOW CREATE TABLE of MariaDB 10.6+ or MySQL 8)
// into a Table. Syntax it does not know is reported with the table name, line and column.
class TableParser
{
public:
    static Core::Result<Table> parse(QStringView createStatement);
    // The same; the table's strings share the buffer of `createStatement`.
    static Core::Result<Table> parse(const QString &createStatement);
    // The same over the tokens of one statement.
    static Core::Result<Table> parse(DdlCursor &cursor);

private:
    // The methods below return false on an error, which the cursor then holds (DdlCursor::lastError).
    explicit TableParser(DdlCursor &cursor)
        : m_cursor(cursor)
    { }

    bool parseHeader(Table &table);
    bool parseDefinition(Table &table);
    bool parseIndex(Table &table, IndexKind kind, qsizetype start);
    bool parseIndexParts(Index &index);
    bool parseIndexOptions(Index &index);
    bool parseForeignKey(Table &table, const QString &name, qsizetype start);
    bool parseCheck(Table &table, const QString &name, qsizetype start);
    bool parsePeriod(Table &table, qsizetype start);
    bool parseNameList(QStringList &names);
    bool parseOptions(Table &table);
    bool parseOption(Table &table);
    bool parsePartitioning(Table &table);

    DdlCursor &m_cursor;
};

} // namespace Schema

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
    // The same over tokens already read from `text` (which must not start with whitespace).
    static Core::Result<Table> parse(QStringView text, DdlCursor &cursor);

private:
    explicit TableParser(DdlCursor &cursor)
        : m_cursor(cursor)
    { }

    Core::Result<void> parseHeader(Table &table);
    Core::Result<void> parseDefinition(Table &table);
    Core::Result<void> parseIndex(Table &table, IndexKind kind, qsizetype start);
    Core::Result<void> parseIndexParts(Index &index);
    Core::Result<void> parseIndexOptions(Index &index);
    Core::Result<void> parseForeignKey(Table &table, const QString &name, qsizetype start);
    Core::Result<void> parseCheck(Table &table, const QString &name, qsizetype start);
    Core::Result<QStringList> parseNameList();
    Core::Result<void> parseOptions(Table &table);
    Core::Result<void> parsePartitioning(Table &table);

    DdlCursor &m_cursor;
};

} // namespace Schema

#pragma once

#include "core/result.h"
#include "schema/ddlcursor.h"
#include "schema/schemamodel.h"

namespace Schema {

// Reads one column definition as the server prints it, from the name to the ',' or ')' that ends it.
// Attributes are accepted in any order; anything unknown is an error at its position.
class ColumnParser
{
public:
    explicit ColumnParser(DdlCursor &cursor)
        : m_cursor(cursor)
    { }

    Core::Result<Column> parse();

private:
    Core::Result<void> parseType(Column &column);
    Core::Result<void> parseAttribute(Column &column);
    Core::Result<QString> parseValue(); // DEFAULT / ON UPDATE values, as printed
    Core::Result<QString> parseParenthesized(bool keepParens);
    bool atDefinitionEnd() const;

    DdlCursor &m_cursor;
};

} // namespace Schema

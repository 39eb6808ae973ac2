#pragma once

#include "schema/ddlcursor.h"
#include "schema/schemamodel.h"

namespace Schema {

// Reads one column definition as the server prints it, from the name to the ',' or ')' that ends it.
// Attributes are accepted in any order; anything unknown is an error at its position. The methods return
// false on an error, which the cursor then holds (DdlCursor::lastError): parsing is the hot path of the
// schema diff, and a Core::Result per attribute costs more than the attribute.
class ColumnParser
{
public:
    explicit ColumnParser(DdlCursor &cursor)
        : m_cursor(cursor)
    { }

    // Fills `column`, which the caller has put where it belongs (no copy or move of a parsed column).
    bool parse(Column &column);

private:
    bool parseType(Column &column);
    bool parseAttribute(Column &column);
    bool parseGenerated(Column &column);
    bool parseRareAttribute(Column &column);
    bool parseValue(QString &out); // DEFAULT / ON UPDATE values, as printed
    bool parseParenthesized(bool keepParens, QString &out);
    bool atDefinitionEnd() const
    {
        const DdlToken &t = m_cursor.peek();
        return t.kind == DdlToken::End
            || (t.kind == DdlToken::Punct && (m_cursor.isPunct(',') || m_cursor.isPunct(')')));
    }

    DdlCursor &m_cursor;
};

} // namespace Schema

#include "schema/columnparser.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

// The lower-case type name; the usual ones come from literals, which costs no allocation per column.
QString typeName(QStringView text)
{
    static const QString known[] = { u"int"_s, u"varchar"_s, u"bigint"_s, u"datetime"_s, u"decimal"_s, u"text"_s,
        u"tinyint"_s, u"char"_s, u"timestamp"_s, u"enum"_s, u"smallint"_s, u"date"_s, u"double"_s, u"longtext"_s,
        u"mediumtext"_s, u"json"_s, u"blob"_s, u"float"_s, u"set"_s, u"bit"_s, u"binary"_s, u"varbinary"_s, u"time"_s,
        u"mediumint"_s, u"longblob"_s, u"mediumblob"_s, u"year"_s };
    for (const QString &k : known) {
        if (k.size() == text.size() && text.compare(k, Qt::CaseInsensitive) == 0)
            return k;
    }
    return text.toString().toLower();
}

} // namespace

Core::Result<Column> ColumnParser::parse()
{
    Column column;
    if (!m_cursor.readIdentifier(column.name))
        return m_cursor.error(u"a column name"_s);
    const qsizetype definitionStart = m_cursor.index();
    if (auto typed = parseType(column); !typed)
        return typed.error();
    while (!atDefinitionEnd()) {
        if (auto attribute = parseAttribute(column); !attribute)
            return attribute.error();
    }
    column.definition = m_cursor.span(definitionStart, m_cursor.index());
    return column;
}

bool ColumnParser::atDefinitionEnd() const
{
    return m_cursor.isPunct(',') || m_cursor.isPunct(')') || m_cursor.atEnd();
}

Core::Result<void> ColumnParser::parseType(Column &column)
{
    if (m_cursor.peek().kind != DdlToken::Word)
        return m_cursor.error(u"a data type"_s);
    column.type = typeName(m_cursor.currentText());
    m_cursor.advance();
    if (m_cursor.isPunct('(')) {
        auto args = parseParenthesized(false);
        if (!args)
            return args.error();
        column.typeArgs = args.value();
    }
    while (true) {
        if (m_cursor.acceptWord("unsigned"_L1))
            column.isUnsigned = true;
        else if (m_cursor.acceptWord("zerofill"_L1))
            column.zerofill = true;
        else if (!m_cursor.acceptWord("signed"_L1) && !m_cursor.acceptWord("binary"_L1))
            return {};
    }
}

Core::Result<void> ColumnParser::parseAttribute(Column &column)
{
    DdlCursor &c = m_cursor;
    if (c.acceptWords({ "not"_L1, "null"_L1 })) {
        column.nullable = false;
    } else if (c.acceptWord("null"_L1)) {
        column.nullable = true;
    } else if (c.acceptWord("default"_L1)) {
        auto value = parseValue();
        if (!value)
            return value.error();
        column.defaultValue = value.value();
    } else if (c.acceptWords({ "on"_L1, "update"_L1 })) {
        auto value = parseValue();
        if (!value)
            return value.error();
        column.onUpdate = value.value();
    } else if (c.acceptWord("auto_increment"_L1)) {
        column.autoIncrement = true;
    } else if (c.acceptWord("invisible"_L1)) {
        column.invisible = true;
    } else if (c.acceptWords({ "generated"_L1, "always"_L1, "as"_L1 }) || c.acceptWord("as"_L1)) {
        auto expression = parseParenthesized(false);
        if (!expression)
            return expression.error();
        column.generatedExpression = expression.value();
        if (c.acceptWord("stored"_L1) || c.acceptWord("persistent"_L1))
            column.generatedStored = true;
        else
            c.acceptWord("virtual"_L1);
    } else if (c.acceptWord("comment"_L1)) {
        if (!c.readString(column.comment))
            return c.error(u"a comment string"_s);
    } else if (c.acceptWord("check"_L1)) {
        auto expression = parseParenthesized(true);
        if (!expression)
            return expression.error();
        column.check = expression.value();
    } else if (c.acceptWords({ "character"_L1, "set"_L1 }) || c.acceptWord("charset"_L1)) {
        if (!c.readIdentifier(column.charset))
            return c.error(u"a character set name"_s);
    } else if (c.acceptWord("collate"_L1)) {
        if (!c.readIdentifier(column.collation))
            return c.error(u"a collation name"_s);
    } else if (c.acceptWord("column_format"_L1) || c.acceptWord("storage"_L1)) {
        if (c.peek().kind != DdlToken::Word)
            return c.error(u"a column format or storage"_s);
        c.advance();
    } else if (c.acceptWord("srid"_L1)) {
        if (c.peek().kind != DdlToken::Number)
            return c.error(u"an SRID number"_s);
        c.advance();
    } else if (c.acceptWord("compressed"_L1)) {
        if (c.acceptPunct('='))
            c.advance();
    } else if (c.acceptWords({ "without"_L1, "system"_L1, "versioning"_L1 })
        || c.acceptWords({ "with"_L1, "system"_L1, "versioning"_L1 })) {
        // System versioning of the column: kept verbatim in the definition.
    } else {
        return c.error(u"a column attribute"_s);
    }
    return {};
}

Core::Result<QString> ColumnParser::parseValue()
{
    DdlCursor &c = m_cursor;
    const qsizetype start = c.index();
    const DdlToken &t = c.peek();
    switch (t.kind) {
    case DdlToken::String:
    case DdlToken::Number:
        c.advance();
        break;
    case DdlToken::Punct:
        if (c.isPunct('(')) {
            if (!c.skipParenGroup())
                return c.error(u"a closing parenthesis"_s);
        } else if ((c.isPunct('-') || c.isPunct('+')) && c.peek(1).kind == DdlToken::Number) {
            c.advance();
            c.advance();
        } else {
            return c.error(u"a default value"_s);
        }
        break;
    case DdlToken::Word: {
        // b'101', x'41', _utf8mb4'text', _binary 'bytes' (MySQL puts a space after the introducer)
        const bool introducer = c.currentText().startsWith(u'_');
        const bool literalPrefix = c.peek(1).kind == DdlToken::String && (introducer || c.peek(1).start == t.end);
        c.advance();
        if (literalPrefix)
            c.advance();
        else if (c.isPunct('(') && c.peek().start == t.end && !c.skipParenGroup())
            return c.error(u"a closing parenthesis"_s);
        break;
    }
    default:
        return c.error(u"a default value"_s);
    }
    return c.span(start, c.index());
}

Core::Result<QString> ColumnParser::parseParenthesized(bool keepParens)
{
    const qsizetype open = m_cursor.index();
    if (!m_cursor.isPunct('('))
        return m_cursor.error(u"'('"_s);
    if (!m_cursor.skipParenGroup())
        return m_cursor.error(u"a closing parenthesis"_s);
    if (keepParens)
        return m_cursor.span(open, m_cursor.index());
    return m_cursor.span(open + 1, m_cursor.index() - 1);
}

} // namespace Schema

#include "schema/columnparser.h"

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

// The lower-case type name; the usual ones come from literals, which costs no allocation per column.
QString typeName(Keyword keyword, QStringView text)
{
    switch (keyword) {
#define BRANCHDECK_TYPE_NAME(id, name)                                                                                 \
    case Keyword::id:                                                                                                  \
        return QStringLiteral(name);
        BRANCHDECK_TYPE_NAME(Int, "int")
        BRANCHDECK_TYPE_NAME(Varchar, "varchar")
        BRANCHDECK_TYPE_NAME(Bigint, "bigint")
        BRANCHDECK_TYPE_NAME(Datetime, "datetime")
        BRANCHDECK_TYPE_NAME(Decimal, "decimal")
        BRANCHDECK_TYPE_NAME(Text, "text")
        BRANCHDECK_TYPE_NAME(Tinyint, "tinyint")
        BRANCHDECK_TYPE_NAME(Char, "char")
        BRANCHDECK_TYPE_NAME(Timestamp, "timestamp")
        BRANCHDECK_TYPE_NAME(Enum, "enum")
        BRANCHDECK_TYPE_NAME(Smallint, "smallint")
        BRANCHDECK_TYPE_NAME(Date, "date")
        BRANCHDECK_TYPE_NAME(Double, "double")
        BRANCHDECK_TYPE_NAME(Longtext, "longtext")
        BRANCHDECK_TYPE_NAME(Mediumtext, "mediumtext")
        BRANCHDECK_TYPE_NAME(Tinytext, "tinytext")
        BRANCHDECK_TYPE_NAME(Json, "json")
        BRANCHDECK_TYPE_NAME(Blob, "blob")
        BRANCHDECK_TYPE_NAME(Float, "float")
        BRANCHDECK_TYPE_NAME(Set, "set")
        BRANCHDECK_TYPE_NAME(Bit, "bit")
        BRANCHDECK_TYPE_NAME(Binary, "binary")
        BRANCHDECK_TYPE_NAME(Varbinary, "varbinary")
        BRANCHDECK_TYPE_NAME(Time, "time")
        BRANCHDECK_TYPE_NAME(Mediumint, "mediumint")
        BRANCHDECK_TYPE_NAME(Longblob, "longblob")
        BRANCHDECK_TYPE_NAME(Mediumblob, "mediumblob")
        BRANCHDECK_TYPE_NAME(Tinyblob, "tinyblob")
        BRANCHDECK_TYPE_NAME(Year, "year")
#undef BRANCHDECK_TYPE_NAME
    default:
        return text.toString().toLower();
    }
}

} // namespace

bool ColumnParser::parse(Column &column)
{
    if (!m_cursor.readIdentifier(column.name))
        return m_cursor.fail(u"a column name"_s);
    const qsizetype definitionStart = m_cursor.index();
    if (!parseType(column))
        return false;
    while (!atDefinitionEnd()) {
        if (!parseAttribute(column))
            return false;
    }
    column.definition = m_cursor.span(definitionStart, m_cursor.index());
    return true;
}

bool ColumnParser::parseType(Column &column)
{
    const DdlToken &t = m_cursor.peek();
    if (t.kind != DdlToken::Word)
        return m_cursor.fail(u"a data type"_s);
    column.type = typeName(t.keyword, m_cursor.text(t));
    m_cursor.advance();
    if (m_cursor.isPunct('(') && !parseParenthesized(false, column.typeArgs))
        return false;
    while (true) {
        switch (m_cursor.peek().keyword) {
        case Keyword::Unsigned:
            column.isUnsigned = true;
            break;
        case Keyword::Zerofill:
            column.zerofill = true;
            break;
        case Keyword::Signed:
        case Keyword::Binary:
            break;
        default:
            return true;
        }
        m_cursor.advance();
    }
}

bool ColumnParser::parseAttribute(Column &column)
{
    DdlCursor &c = m_cursor;
    switch (c.peek().keyword) {
    case Keyword::Not:
        if (!c.acceptWords({ Keyword::Not, Keyword::Null }))
            break;
        column.nullable = false;
        return true;
    case Keyword::Null:
        c.advance();
        column.nullable = true;
        return true;
    case Keyword::Default: {
        c.advance();
        QString value;
        if (!parseValue(value))
            return false;
        column.defaultValue = std::move(value);
        return true;
    }
    case Keyword::On:
        if (!c.acceptWords({ Keyword::On, Keyword::Update }))
            break;
        return parseValue(column.onUpdate);
    case Keyword::AutoIncrement:
        c.advance();
        column.autoIncrement = true;
        return true;
    case Keyword::Invisible:
        c.advance();
        column.invisible = true;
        return true;
    case Keyword::Generated:
    case Keyword::As:
        if (c.acceptWords({ Keyword::Generated, Keyword::Always, Keyword::As }) || c.acceptWord(Keyword::As))
            return parseGenerated(column);
        break;
    case Keyword::Comment:
        c.advance();
        if (!c.readString(column.comment))
            return c.fail(u"a comment string"_s);
        return true;
    case Keyword::Check:
        c.advance();
        return parseParenthesized(true, column.check);
    case Keyword::Character:
    case Keyword::Charset:
        if (!c.acceptWords({ Keyword::Character, Keyword::Set }) && !c.acceptWord(Keyword::Charset))
            break;
        if (!c.readIdentifier(column.charset))
            return c.fail(u"a character set name"_s);
        return true;
    case Keyword::Collate:
        c.advance();
        if (!c.readIdentifier(column.collation))
            return c.fail(u"a collation name"_s);
        return true;
    default:
        break;
    }
    return parseRareAttribute(column);
}

bool ColumnParser::parseGenerated(Column &column)
{
    DdlCursor &c = m_cursor;
    if (c.acceptWords({ Keyword::Row, Keyword::Start }) || c.acceptWords({ Keyword::Row, Keyword::End })) {
        column.versioning = c.isWord(Keyword::Start, -1) ? Column::Versioning::RowStart : Column::Versioning::RowEnd;
        return true;
    }
    if (!parseParenthesized(false, column.generatedExpression))
        return false;
    if (c.acceptWord(Keyword::Stored) || c.acceptWord(Keyword::Persistent))
        column.generatedStored = true;
    else
        c.acceptWord(Keyword::Virtual);
    return true;
}

bool ColumnParser::parseRareAttribute(Column &column)
{
    DdlCursor &c = m_cursor;
    if (c.acceptWord(Keyword::ColumnFormat) || c.acceptWord(Keyword::Storage)) {
        if (c.peek().kind != DdlToken::Word)
            return c.fail(u"a column format or storage"_s);
        c.advance();
    } else if (c.acceptWord(Keyword::Srid)) {
        if (c.peek().kind != DdlToken::Number)
            return c.fail(u"an SRID number"_s);
        c.advance();
    } else if (c.acceptWord(Keyword::Compressed)) {
        if (c.acceptPunct('='))
            c.advance();
    } else if (c.acceptWords({ Keyword::Without, Keyword::System, Keyword::Versioning })) {
        column.versioning = Column::Versioning::Unversioned;
    } else if (c.acceptWords({ Keyword::With, Keyword::System, Keyword::Versioning })) {
        // Versioned explicitly: the default in a versioned table.
    } else if (c.acceptWord(Keyword::Visible)) {
        column.invisible = false;
    } else {
        return c.fail(u"a column attribute"_s);
    }
    return true;
}

bool ColumnParser::parseValue(QString &out)
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
                return c.fail(u"a closing parenthesis"_s);
        } else if ((c.isPunct('-') || c.isPunct('+')) && c.peek(1).kind == DdlToken::Number) {
            c.advance();
            c.advance();
        } else {
            return c.fail(u"a default value"_s);
        }
        break;
    case DdlToken::Word: {
        // b'101', x'41', _utf8mb4'text', _binary 'bytes' (MySQL puts a space after the introducer)
        const QStringView word = c.text(t);
        const bool introducer = word.startsWith(u'_');
        const bool literalPrefix = c.peek(1).kind == DdlToken::String && (introducer || c.peek(1).start == t.end);
        const qsizetype wordEnd = t.end;
        c.advance();
        if (literalPrefix)
            c.advance();
        else if (c.isPunct('(') && c.peek().start == wordEnd && !c.skipParenGroup())
            return c.fail(u"a closing parenthesis"_s);
        break;
    }
    default:
        return c.fail(u"a default value"_s);
    }
    out = c.span(start, c.index());
    return true;
}

bool ColumnParser::parseParenthesized(bool keepParens, QString &out)
{
    const qsizetype open = m_cursor.index();
    if (!m_cursor.isPunct('('))
        return m_cursor.fail(u"'('"_s);
    if (!m_cursor.skipParenGroup())
        return m_cursor.fail(u"a closing parenthesis"_s);
    out = keepParens ? m_cursor.span(open, m_cursor.index()) : m_cursor.span(open + 1, m_cursor.index() - 1);
    return true;
}

} // namespace Schema

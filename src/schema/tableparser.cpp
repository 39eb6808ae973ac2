#include "schema/tableparser.h"

#include "schema/columnparser.h"
#include "schema/ddlcursor.h"

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

// The optional KEY or INDEX after UNIQUE, FULLTEXT and SPATIAL.
void acceptKeyWord(DdlCursor &c)
{
    if (!c.acceptWord("key"_L1))
        c.acceptWord("index"_L1);
}

// The option name in upper case; the usual ones come from literals, which costs no allocation.
QString optionKey(const DdlCursor &c)
{
    static const QString known[] = { u"ENGINE"_s, u"COLLATE"_s, u"COMMENT"_s, u"ROW_FORMAT"_s, u"AUTO_INCREMENT"_s,
        u"KEY_BLOCK_SIZE"_s, u"STATS_PERSISTENT"_s };
    for (const QString &k : known) {
        if (c.currentText().compare(k, Qt::CaseInsensitive) == 0)
            return k;
    }
    return c.currentUpper();
}

} // namespace

Core::Result<Table> TableParser::parse(QStringView createStatement)
{
    const QStringView text = createStatement.trimmed();
    auto cursor = makeCursor(text, {});
    if (!cursor)
        return cursor.error();
    return parse(text, cursor.value());
}

Core::Result<Table> TableParser::parse(QStringView text, DdlCursor &c)
{
    Table table;
    table.createStatement = text.trimmed().toString();
    if (table.createStatement.endsWith(u';'))
        table.createStatement.chop(1);
    table.columns.reserve(text.size() / 64 + 1);
    TableParser parser(c);
    if (auto header = parser.parseHeader(table); !header)
        return header.error();
    do {
        if (auto definition = parser.parseDefinition(table); !definition)
            return definition.error();
    } while (c.acceptPunct(','));
    if (!c.acceptPunct(')'))
        return c.error(u"',' or ')' after a definition"_s);
    if (auto options = parser.parseOptions(table); !options)
        return options.error();
    if (auto partitioning = parser.parsePartitioning(table); !partitioning)
        return partitioning.error();
    c.acceptPunct(';');
    if (!c.atEnd())
        return c.error(u"the end of the statement"_s);
    if (table.columns.isEmpty())
        return c.error(u"at least one column"_s);
    return table;
}

Core::Result<void> TableParser::parseHeader(Table &table)
{
    DdlCursor &c = m_cursor;
    if (!c.acceptWord("create"_L1))
        return c.error(u"CREATE"_s);
    c.acceptWords({ "or"_L1, "replace"_L1 });
    if (!c.acceptWord("table"_L1))
        return c.error(u"TABLE"_s);
    c.acceptWords({ "if"_L1, "not"_L1, "exists"_L1 });
    if (!c.readIdentifier(table.name))
        return c.error(u"a table name"_s);
    if (c.acceptPunct('.') && !c.readIdentifier(table.name)) // schema-qualified: keep the table name
        return c.error(u"a table name"_s);
    c.setObjectName(table.name);
    if (!c.acceptPunct('('))
        return c.error(u"'(' opening the table definition"_s);
    return {};
}

Core::Result<void> TableParser::parseDefinition(Table &table)
{
    DdlCursor &c = m_cursor;
    const qsizetype start = c.index();
    if (c.acceptWords({ "primary"_L1, "key"_L1 }))
        return parseIndex(table, IndexKind::Primary, start);
    if (c.acceptWord("unique"_L1)) {
        acceptKeyWord(c);
        return parseIndex(table, IndexKind::Unique, start);
    }
    if (c.acceptWord("key"_L1) || c.acceptWord("index"_L1))
        return parseIndex(table, IndexKind::Plain, start);
    if (c.acceptWord("fulltext"_L1) || c.acceptWord("spatial"_L1)) {
        const IndexKind kind = c.isWord("fulltext"_L1, -1) ? IndexKind::Fulltext : IndexKind::Spatial;
        acceptKeyWord(c);
        return parseIndex(table, kind, start);
    }
    QString name;
    if (c.acceptWord("constraint"_L1) && !c.isWord("foreign"_L1) && !c.isWord("check"_L1)) {
        if (!c.readIdentifier(name))
            return c.error(u"a constraint name"_s);
    }
    if (c.acceptWords({ "foreign"_L1, "key"_L1 }))
        return parseForeignKey(table, name, start);
    if (c.acceptWord("check"_L1))
        return parseCheck(table, name, start);
    if (c.acceptWord("unique"_L1)) {
        acceptKeyWord(c);
        return parseIndex(table, IndexKind::Unique, start);
    }
    if (c.acceptWords({ "primary"_L1, "key"_L1 }))
        return parseIndex(table, IndexKind::Primary, start);
    if (c.index() != start)
        return c.error(u"FOREIGN KEY, CHECK, UNIQUE or PRIMARY KEY"_s);
    auto column = ColumnParser(c).parse();
    if (!column)
        return column.error();
    table.columns.append(std::move(column).value());
    return {};
}

Core::Result<void> TableParser::parseIndex(Table &table, IndexKind kind, qsizetype start)
{
    DdlCursor &c = m_cursor;
    Index index;
    index.kind = kind;
    if (kind == IndexKind::Primary) {
        index.name = u"PRIMARY"_s;
    } else if (!c.isPunct('(') && !c.isWord("using"_L1)) {
        if (!c.readIdentifier(index.name))
            return c.error(u"an index name"_s);
    }
    if (c.acceptWord("using"_L1)) {
        index.using_ = c.currentUpper();
        c.advance();
    }
    if (auto parts = parseIndexParts(index); !parts)
        return parts.error();
    if (auto options = parseIndexOptions(index); !options)
        return options.error();
    if (index.name.isEmpty()) // unnamed in hand-written DDL: the server names it after its first column
        index.name = index.parts.first().column;
    index.definition = c.span(start, c.index());
    table.indexes.append(std::move(index));
    return {};
}

Core::Result<void> TableParser::parseIndexParts(Index &index)
{
    DdlCursor &c = m_cursor;
    if (!c.acceptPunct('('))
        return c.error(u"'(' opening the index columns"_s);
    do {
        IndexPart part;
        const qsizetype start = c.index();
        if (c.isPunct('(')) { // functional key part (MySQL 8)
            if (!c.skipParenGroup())
                return c.error(u"a closing parenthesis"_s);
            part.column = c.span(start, c.index());
        } else if (!c.readIdentifier(part.column)) {
            return c.error(u"an index column"_s);
        }
        if (c.acceptPunct('(')) {
            if (c.peek().kind != DdlToken::Number)
                return c.error(u"a prefix length"_s);
            part.prefixLength = c.currentText().toInt();
            c.advance();
            if (!c.acceptPunct(')'))
                return c.error(u"')' after the prefix length"_s);
        }
        if (c.acceptWord("desc"_L1))
            part.descending = true;
        else
            c.acceptWord("asc"_L1);
        index.parts.append(part);
    } while (c.acceptPunct(','));
    if (!c.acceptPunct(')'))
        return c.error(u"')' closing the index columns"_s);
    return {};
}

Core::Result<void> TableParser::parseIndexOptions(Index &index)
{
    DdlCursor &c = m_cursor;
    while (!c.isPunct(',') && !c.isPunct(')')) {
        if (c.acceptWord("using"_L1)) {
            index.using_ = c.currentUpper();
            c.advance();
        } else if (c.acceptWord("comment"_L1)) {
            if (!c.readString(index.comment))
                return c.error(u"an index comment string"_s);
        } else if (c.acceptWord("key_block_size"_L1)) {
            c.acceptPunct('=');
            if (c.peek().kind != DdlToken::Number)
                return c.error(u"a key block size"_s);
            c.advance();
        } else if (c.acceptWords({ "with"_L1, "parser"_L1 })) {
            QString parser;
            if (!c.readIdentifier(parser))
                return c.error(u"a parser name"_s);
        } else if (c.acceptWord("ignored"_L1) || c.acceptWord("invisible"_L1)) {
            index.invisible = true;
        } else if (!c.acceptWords({ "not"_L1, "ignored"_L1 }) && !c.acceptWord("visible"_L1)) {
            return c.error(u"an index option"_s);
        }
    }
    return {};
}

Core::Result<QStringList> TableParser::parseNameList()
{
    DdlCursor &c = m_cursor;
    if (!c.acceptPunct('('))
        return c.error(u"'(' opening a column list"_s);
    QStringList names;
    do {
        QString name;
        if (!c.readIdentifier(name))
            return c.error(u"a column name"_s);
        names.append(name);
    } while (c.acceptPunct(','));
    if (!c.acceptPunct(')'))
        return c.error(u"')' closing a column list"_s);
    return names;
}

Core::Result<void> TableParser::parseForeignKey(Table &table, const QString &name, qsizetype start)
{
    DdlCursor &c = m_cursor;
    ForeignKey fk;
    fk.name = name;
    QString indexName;
    if (!c.isPunct('('))
        c.readIdentifier(indexName);
    auto columns = parseNameList();
    if (!columns)
        return columns.error();
    fk.columns = columns.value();
    if (!c.acceptWord("references"_L1))
        return c.error(u"REFERENCES"_s);
    if (!c.readIdentifier(fk.referencedTable))
        return c.error(u"a referenced table"_s);
    if (c.acceptPunct('.')) {
        fk.referencedSchema = fk.referencedTable;
        if (!c.readIdentifier(fk.referencedTable))
            return c.error(u"a referenced table"_s);
    }
    auto referenced = parseNameList();
    if (!referenced)
        return referenced.error();
    fk.referencedColumns = referenced.value();
    while (c.acceptWord("on"_L1)) {
        QString *action = c.acceptWord("delete"_L1) ? &fk.onDelete : c.acceptWord("update"_L1) ? &fk.onUpdate : nullptr;
        if (!action)
            return c.error(u"DELETE or UPDATE"_s);
        if (c.acceptWord("restrict"_L1) || c.acceptWord("cascade"_L1))
            *action = c.text(c.peek(-1)).toString().toUpper();
        else if (c.acceptWords({ "set"_L1, "null"_L1 }))
            *action = u"SET NULL"_s;
        else if (c.acceptWords({ "set"_L1, "default"_L1 }))
            *action = u"SET DEFAULT"_s;
        else if (c.acceptWords({ "no"_L1, "action"_L1 }))
            *action = u"NO ACTION"_s;
        else
            return c.error(u"a referential action"_s);
    }
    if (fk.name.isEmpty())
        return c.errorAt(c.peek().start, u"a foreign key without a name is not server-canonical"_s);
    fk.definition = c.span(start, c.index());
    table.foreignKeys.append(std::move(fk));
    return {};
}

Core::Result<void> TableParser::parseCheck(Table &table, const QString &name, qsizetype start)
{
    DdlCursor &c = m_cursor;
    const qsizetype open = c.index();
    if (!c.skipParenGroup())
        return c.error(u"a parenthesized CHECK expression"_s);
    CheckConstraint check;
    check.name = name;
    check.expression = c.span(open, c.index());
    if (c.acceptWords({ "not"_L1, "enforced"_L1 }) || c.acceptWord("enforced"_L1)) {
        // MySQL 8 enforcement flag: part of the definition text.
    }
    if (check.name.isEmpty())
        return c.errorAt(c.peek().start, u"a CHECK constraint without a name is not server-canonical"_s);
    check.definition = c.span(start, c.index());
    table.checks.append(std::move(check));
    return {};
}

Core::Result<void> TableParser::parseOptions(Table &table)
{
    DdlCursor &c = m_cursor;
    while (!c.atEnd() && !c.isPunct(';') && !c.isWord("partition"_L1)) {
        if (c.acceptPunct(','))
            continue;
        TableOption option;
        const qsizetype optionStart = c.index() > 0 ? c.peek(-1).end : c.peek().start;
        c.acceptWord("default"_L1);
        if (c.acceptWords({ "character"_L1, "set"_L1 }) || c.acceptWord("charset"_L1)) {
            option.key = u"CHARSET"_s;
        } else if (c.acceptWords({ "with"_L1, "system"_L1, "versioning"_L1 })) {
            table.options.append({ u"WITH SYSTEM VERSIONING"_s, {} });
            continue;
        } else if (c.peek().kind == DdlToken::Word) {
            option.key = optionKey(c);
            c.advance();
        } else {
            return c.error(u"a table option"_s);
        }
        c.acceptPunct('=');
        const qsizetype valueStart = c.index();
        if (c.isPunct('(')) {
            if (!c.skipParenGroup())
                return c.error(u"a closing parenthesis"_s);
        } else if (c.peek().kind == DdlToken::Punct || c.atEnd()) {
            return c.error(u"a value for table option "_s + option.key);
        } else {
            c.advance();
        }
        option.value = c.span(valueStart, c.index());
        if (option.key != u"AUTO_INCREMENT") {
            table.options.append(std::move(option));
        } else {
            table.autoIncrementStart = optionStart;
            table.autoIncrementLength = c.peek(-1).end - optionStart;
        }
    }
    return {};
}

Core::Result<void> TableParser::parsePartitioning(Table &table)
{
    DdlCursor &c = m_cursor;
    if (!c.isWord("partition"_L1))
        return {};
    if (!c.isWord("by"_L1, 1))
        return c.error(u"PARTITION BY"_s);
    const qsizetype start = c.index();
    while (!c.atEnd() && !c.isPunct(';')) {
        if (c.isPunct('(')) {
            if (!c.skipParenGroup())
                return c.error(u"a closing parenthesis in the partitioning"_s);
        } else {
            c.advance();
        }
    }
    table.partitioning = c.normalizedSpan(start, c.index());
    return {};
}

} // namespace Schema

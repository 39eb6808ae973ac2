#include "schema/tableparser.h"

#include "schema/columnparser.h"
#include "schema/ddlcursor.h"

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

// The optional KEY or INDEX after UNIQUE, FULLTEXT and SPATIAL.
void acceptKeyWord(DdlCursor &c)
{
    if (!c.acceptWord(Keyword::Key))
        c.acceptWord(Keyword::Index);
}

// The option name in upper case; the usual ones come from literals, which costs no allocation.
QString optionKey(const DdlCursor &c)
{
    switch (c.peek().keyword) {
    case Keyword::Engine:
        return u"ENGINE"_s;
    case Keyword::Collate:
        return u"COLLATE"_s;
    case Keyword::Comment:
        return u"COMMENT"_s;
    case Keyword::RowFormat:
        return u"ROW_FORMAT"_s;
    case Keyword::AutoIncrement:
        return u"AUTO_INCREMENT"_s;
    case Keyword::KeyBlockSize:
        return u"KEY_BLOCK_SIZE"_s;
    case Keyword::StatsPersistent:
        return u"STATS_PERSISTENT"_s;
    default:
        return c.currentUpper();
    }
}

} // namespace

Core::Result<Table> TableParser::parse(QStringView createStatement)
{
    auto cursor = makeCursor(createStatement.trimmed(), {});
    if (!cursor)
        return cursor.error();
    return parse(cursor.value());
}

Core::Result<Table> TableParser::parse(const QString &createStatement)
{
    auto cursor = makeCursor(createStatement, {});
    if (!cursor)
        return cursor.error();
    return parse(cursor.value());
}

Core::Result<Table> TableParser::parse(DdlCursor &c)
{
    Table table;
    table.createStatement = c.statementText();
    table.columns.reserve(table.createStatement.size() / 64 + 1);
    table.options.reserve(6);
    table.indexes.reserve(4);
    TableParser parser(c);
    if (!parser.parseHeader(table))
        return c.lastError();
    do {
        if (!parser.parseDefinition(table))
            return c.lastError();
    } while (c.acceptPunct(','));
    if (!c.acceptPunct(')'))
        return c.error(u"',' or ')' after a definition"_s);
    if (!parser.parseOptions(table) || !parser.parsePartitioning(table))
        return c.lastError();
    c.acceptPunct(';');
    if (!c.atEnd())
        return c.error(u"the end of the statement"_s);
    if (table.columns.isEmpty())
        return c.error(u"at least one column"_s);
    if (table.autoIncrementStart >= 0) // offsets into createStatement, which starts at the first token
        table.autoIncrementStart -= c.peek(-c.index()).start;
    return table;
}

bool TableParser::parseHeader(Table &table)
{
    DdlCursor &c = m_cursor;
    if (!c.acceptWord(Keyword::Create))
        return c.fail(u"CREATE"_s);
    c.acceptWords({ Keyword::Or, Keyword::Replace });
    if (!c.acceptWord(Keyword::Table))
        return c.fail(u"TABLE"_s);
    c.acceptWords({ Keyword::If, Keyword::Not, Keyword::Exists });
    if (!c.readIdentifier(table.name))
        return c.fail(u"a table name"_s);
    if (c.acceptPunct('.') && !c.readIdentifier(table.name)) // schema-qualified: keep the table name
        return c.fail(u"a table name"_s);
    c.setObjectName(table.name);
    if (!c.acceptPunct('('))
        return c.fail(u"'(' opening the table definition"_s);
    return true;
}

bool TableParser::parseDefinition(Table &table)
{
    DdlCursor &c = m_cursor;
    const qsizetype start = c.index();
    if (c.peek().kind == DdlToken::Quoted) // the usual case: a column
        return ColumnParser(c).parse(table.columns.emplaceBack());
    switch (c.peek().keyword) {
    case Keyword::Primary:
        if (c.acceptWords({ Keyword::Primary, Keyword::Key }))
            return parseIndex(table, IndexKind::Primary, start);
        break;
    case Keyword::Unique:
        c.advance();
        acceptKeyWord(c);
        return parseIndex(table, IndexKind::Unique, start);
    case Keyword::Key:
    case Keyword::Index:
        c.advance();
        return parseIndex(table, IndexKind::Plain, start);
    case Keyword::Fulltext:
    case Keyword::Spatial: {
        const IndexKind kind = c.isWord(Keyword::Fulltext) ? IndexKind::Fulltext : IndexKind::Spatial;
        c.advance();
        acceptKeyWord(c);
        return parseIndex(table, kind, start);
    }
    case Keyword::Period:
        if (c.isWord(Keyword::For, 1))
            return parsePeriod(table, start);
        break;
    case Keyword::Constraint:
    case Keyword::Foreign:
    case Keyword::Check: {
        QString name;
        if (c.acceptWord(Keyword::Constraint) && !c.isWord(Keyword::Foreign) && !c.isWord(Keyword::Check)) {
            if (!c.readIdentifier(name))
                return c.fail(u"a constraint name"_s);
        }
        if (c.acceptWords({ Keyword::Foreign, Keyword::Key }))
            return parseForeignKey(table, name, start);
        if (c.acceptWord(Keyword::Check))
            return parseCheck(table, name, start);
        if (c.acceptWord(Keyword::Unique)) {
            acceptKeyWord(c);
            return parseIndex(table, IndexKind::Unique, start);
        }
        if (c.acceptWords({ Keyword::Primary, Keyword::Key }))
            return parseIndex(table, IndexKind::Primary, start);
        return c.fail(u"FOREIGN KEY, CHECK, UNIQUE or PRIMARY KEY"_s);
    }
    default:
        break;
    }
    return ColumnParser(c).parse(table.columns.emplaceBack());
}

bool TableParser::parseIndex(Table &table, IndexKind kind, qsizetype start)
{
    DdlCursor &c = m_cursor;
    Index &index = table.indexes.emplaceBack();
    index.kind = kind;
    if (kind == IndexKind::Primary) {
        index.name = u"PRIMARY"_s;
    } else if (!c.isPunct('(') && !c.isWord(Keyword::Using)) {
        if (!c.readIdentifier(index.name))
            return c.fail(u"an index name"_s);
    }
    if (c.acceptWord(Keyword::Using)) {
        index.using_ = c.currentUpper();
        c.advance();
    }
    index.parts.reserve(4);
    if (!parseIndexParts(index) || !parseIndexOptions(index))
        return false;
    if (index.name.isEmpty()) // unnamed in hand-written DDL: the server names it after its first column
        index.name = index.parts.first().column;
    index.definition = c.span(start, c.index());
    return true;
}

bool TableParser::parseIndexParts(Index &index)
{
    DdlCursor &c = m_cursor;
    if (!c.acceptPunct('('))
        return c.fail(u"'(' opening the index columns"_s);
    do {
        IndexPart part;
        const qsizetype start = c.index();
        if (c.isPunct('(')) { // functional key part (MySQL 8)
            if (!c.skipParenGroup())
                return c.fail(u"a closing parenthesis"_s);
            part.column = c.span(start, c.index());
        } else if (!c.readIdentifier(part.column)) {
            return c.fail(u"an index column"_s);
        }
        if (c.acceptPunct('(')) {
            if (c.peek().kind != DdlToken::Number)
                return c.fail(u"a prefix length"_s);
            part.prefixLength = c.currentText().toInt();
            c.advance();
            if (!c.acceptPunct(')'))
                return c.fail(u"')' after the prefix length"_s);
        }
        if (c.acceptWord(Keyword::Desc))
            part.descending = true;
        else if (c.acceptWords({ Keyword::Without, Keyword::Overlaps }))
            part.withoutOverlaps = true;
        else
            c.acceptWord(Keyword::Asc);
        index.parts.append(part);
    } while (c.acceptPunct(','));
    if (!c.acceptPunct(')'))
        return c.fail(u"')' closing the index columns"_s);
    return true;
}

bool TableParser::parseIndexOptions(Index &index)
{
    DdlCursor &c = m_cursor;
    while (!c.isPunct(',') && !c.isPunct(')')) {
        if (c.acceptWord(Keyword::Using)) {
            index.using_ = c.currentUpper();
            c.advance();
        } else if (c.acceptWord(Keyword::Comment)) {
            if (!c.readString(index.comment))
                return c.fail(u"an index comment string"_s);
        } else if (c.acceptWord(Keyword::KeyBlockSize)) {
            c.acceptPunct('=');
            if (c.peek().kind != DdlToken::Number)
                return c.fail(u"a key block size"_s);
            c.advance();
        } else if (c.acceptWords({ Keyword::With, Keyword::Parser })) {
            QString parser;
            if (!c.readIdentifier(parser))
                return c.fail(u"a parser name"_s);
        } else if (c.acceptWord(Keyword::Ignored) || c.acceptWord(Keyword::Invisible)) {
            index.invisible = true;
        } else if (!c.acceptWords({ Keyword::Not, Keyword::Ignored }) && !c.acceptWord(Keyword::Visible)) {
            return c.fail(u"an index option"_s);
        }
    }
    return true;
}

bool TableParser::parseNameList(QStringList &names)
{
    DdlCursor &c = m_cursor;
    if (!c.acceptPunct('('))
        return c.fail(u"'(' opening a column list"_s);
    do {
        QString name;
        if (!c.readIdentifier(name))
            return c.fail(u"a column name"_s);
        names.append(name);
    } while (c.acceptPunct(','));
    if (!c.acceptPunct(')'))
        return c.fail(u"')' closing a column list"_s);
    return true;
}

bool TableParser::parseForeignKey(Table &table, const QString &name, qsizetype start)
{
    DdlCursor &c = m_cursor;
    ForeignKey fk;
    fk.name = name;
    QString indexName;
    if (!c.isPunct('('))
        c.readIdentifier(indexName);
    if (!parseNameList(fk.columns))
        return false;
    if (!c.acceptWord(Keyword::References))
        return c.fail(u"REFERENCES"_s);
    if (!c.readIdentifier(fk.referencedTable))
        return c.fail(u"a referenced table"_s);
    if (c.acceptPunct('.')) {
        fk.referencedSchema = fk.referencedTable;
        if (!c.readIdentifier(fk.referencedTable))
            return c.fail(u"a referenced table"_s);
    }
    if (!parseNameList(fk.referencedColumns))
        return false;
    while (c.acceptWord(Keyword::On)) {
        QString *action = c.acceptWord(Keyword::Delete) ? &fk.onDelete
            : c.acceptWord(Keyword::Update)             ? &fk.onUpdate
                                                        : nullptr;
        if (!action)
            return c.fail(u"DELETE or UPDATE"_s);
        if (c.acceptWord(Keyword::Restrict))
            *action = u"RESTRICT"_s;
        else if (c.acceptWord(Keyword::Cascade))
            *action = u"CASCADE"_s;
        else if (c.acceptWords({ Keyword::Set, Keyword::Null }))
            *action = u"SET NULL"_s;
        else if (c.acceptWords({ Keyword::Set, Keyword::Default }))
            *action = u"SET DEFAULT"_s;
        else if (c.acceptWords({ Keyword::No, Keyword::Action }))
            *action = u"NO ACTION"_s;
        else
            return c.fail(u"a referential action"_s);
    }
    if (fk.name.isEmpty())
        return c.failAt(c.peek().start, u"a foreign key without a name is not server-canonical"_s);
    fk.definition = c.span(start, c.index());
    table.foreignKeys.append(std::move(fk));
    return true;
}

bool TableParser::parseCheck(Table &table, const QString &name, qsizetype start)
{
    DdlCursor &c = m_cursor;
    const qsizetype open = c.index();
    if (!c.skipParenGroup())
        return c.fail(u"a parenthesized CHECK expression"_s);
    CheckConstraint check;
    check.name = name;
    check.expression = c.span(open, c.index());
    if (c.acceptWords({ Keyword::Not, Keyword::Enforced }) || c.acceptWord(Keyword::Enforced)) {
        // MySQL 8 enforcement flag: part of the definition text.
    }
    if (check.name.isEmpty())
        return c.failAt(c.peek().start, u"a CHECK constraint without a name is not server-canonical"_s);
    check.definition = c.span(start, c.index());
    table.checks.append(std::move(check));
    return true;
}

// PERIOD FOR SYSTEM_TIME (`start`, `end`) or PERIOD FOR `name` (`start`, `end`) (MariaDB).
bool TableParser::parsePeriod(Table &table, qsizetype start)
{
    DdlCursor &c = m_cursor;
    c.advance();
    c.advance();
    Period period;
    if (c.acceptWord(Keyword::SystemTime)) {
        period.name = u"SYSTEM_TIME"_s;
        period.system = true;
    } else if (!c.readIdentifier(period.name)) {
        return c.fail(u"a period name"_s);
    }
    QStringList columns;
    if (!parseNameList(columns))
        return false;
    if (columns.size() != 2)
        return c.failAt(c.peek(-1).start, u"a period names two columns"_s);
    period.startColumn = columns.at(0);
    period.endColumn = columns.at(1);
    period.definition = c.span(start, c.index());
    table.periods.append(std::move(period));
    return true;
}

bool TableParser::parseOptions(Table &table)
{
    DdlCursor &c = m_cursor;
    while (!c.atEnd() && !c.isPunct(';') && !c.isWord(Keyword::Partition)) {
        if (c.acceptPunct(','))
            continue;
        if (!parseOption(table))
            return false;
    }
    return true;
}

bool TableParser::parseOption(Table &table)
{
    DdlCursor &c = m_cursor;
    TableOption option;
    const qsizetype optionStart = c.index() > 0 ? c.peek(-1).end : c.peek().start;
    // DEFAULT only goes before the character set and the collation, as on the server: taken before any
    // option, `DEFAULT DEFAULT=1` would read as an option named DEFAULT, which renders as `DEFAULT=1`.
    const bool defaulted = c.acceptWord(Keyword::Default);
    if (c.acceptWords({ Keyword::Character, Keyword::Set }) || c.acceptWord(Keyword::Charset)) {
        option.key = u"CHARSET"_s;
    } else if (defaulted && !c.isWord(Keyword::Collate)) {
        return c.fail(u"CHARACTER SET, CHARSET or COLLATE after DEFAULT"_s);
    } else if (c.acceptWords({ Keyword::With, Keyword::System, Keyword::Versioning })) {
        table.options.append({ u"WITH SYSTEM VERSIONING"_s, {}, false, {} });
        return true;
    } else if (c.peek().kind == DdlToken::Quoted) { // an engine-defined option, e.g. `ENCRYPTED`='NO'
        c.readIdentifier(option.name);
        option.key = option.name.toUpper();
        option.quoted = true;
    } else if (c.peek().kind == DdlToken::Word) {
        option.key = optionKey(c);
        c.advance();
        if (c.isWord(Keyword::Directory)) { // DATA DIRECTORY, INDEX DIRECTORY
            option.key += u" DIRECTORY"_s;
            c.advance();
        }
    } else {
        return c.fail(u"a table option"_s);
    }
    c.acceptPunct('=');
    const qsizetype valueStart = c.index();
    if (c.isPunct('(')) {
        if (!c.skipParenGroup())
            return c.fail(u"a closing parenthesis"_s);
    } else if (c.peek().kind == DdlToken::Punct || c.atEnd()) {
        return c.fail(u"a value for table option "_s + option.key);
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
    return true;
}

bool TableParser::parsePartitioning(Table &table)
{
    DdlCursor &c = m_cursor;
    if (!c.isWord(Keyword::Partition))
        return true;
    if (!c.isWord(Keyword::By, 1))
        return c.fail(u"PARTITION BY"_s);
    const qsizetype start = c.index();
    while (!c.atEnd() && !c.isPunct(';')) {
        if (c.isPunct('(')) {
            if (!c.skipParenGroup())
                return c.fail(u"a closing parenthesis in the partitioning"_s);
        } else {
            c.advance();
        }
    }
    table.partitioning = c.normalizedSpan(start, c.index());
    return true;
}

} // namespace Schema

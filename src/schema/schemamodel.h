#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Schema {

// The schema model: plain values parsed from the server's own SHOW CREATE TABLE / SHOW CREATE VIEW text.
// Every element keeps `definition`, the exact text the server printed for it, because that text is valid
// DDL the server accepts back unchanged; the parsed fields serve comparison and data-loss rules.

struct Column
{
    QString name;
    QString definition; // everything after the name, e.g. "int(11) NOT NULL DEFAULT 3"
    QString type; // lowercase base type, e.g. "varchar", "int", "enum"
    QString typeArgs; // inside the type's parentheses as printed, e.g. "10,2" or "'a','b'"
    bool isUnsigned = false;
    bool zerofill = false;
    QString charset; // empty: the table's default
    QString collation; // empty: the charset's (or table's) default
    bool nullable = true;
    std::optional<QString> defaultValue; // as printed: "NULL", "'x'", "current_timestamp()", "(1 + 1)"
    QString onUpdate;
    bool autoIncrement = false;
    QString generatedExpression; // without the outer parentheses; empty when not generated
    bool generatedStored = false;
    bool invisible = false;
    QString comment; // unescaped
    QString check; // column-level CHECK expression (MariaDB), with parentheses
    // MariaDB system versioning: GENERATED ALWAYS AS ROW START / ROW END, or a column the table's
    // versioning leaves out (WITHOUT SYSTEM VERSIONING).
    enum class Versioning : quint8 { Versioned, RowStart, RowEnd, Unversioned };
    Versioning versioning = Versioning::Versioned;

    bool isRowStartOrEnd() const { return versioning == Versioning::RowStart || versioning == Versioning::RowEnd; }
};

enum class IndexKind { Primary, Unique, Plain, Fulltext, Spatial };

struct IndexPart
{
    QString column;
    int prefixLength = 0; // 0: whole column
    bool descending = false;
    bool withoutOverlaps = false; // MariaDB: `column` names an application-time period
};

struct Index
{
    QString name; // "PRIMARY" for the primary key
    IndexKind kind = IndexKind::Plain;
    QList<IndexPart> parts;
    QString using_; // BTREE, HASH, RTREE or empty
    QString comment;
    bool invisible = false; // MySQL INVISIBLE / MariaDB IGNORED
    QString definition; // e.g. "UNIQUE KEY `uk` (`name`(10),`d` DESC) COMMENT 'x'"
};

struct ForeignKey
{
    QString name;
    QStringList columns;
    QString referencedSchema; // empty: same schema
    QString referencedTable;
    QStringList referencedColumns;
    QString onDelete; // empty: the default (RESTRICT)
    QString onUpdate;
    QString definition; // "CONSTRAINT `fk` FOREIGN KEY (...) REFERENCES ..."
};

struct CheckConstraint
{
    QString name;
    QString expression; // with its parentheses
    QString definition; // "CONSTRAINT `c` CHECK (...)"
};

// MariaDB's PERIOD FOR SYSTEM_TIME (`start`, `end`) or an application-time PERIOD FOR `name` (...).
struct Period
{
    QString name; // "SYSTEM_TIME" for the system period
    QString startColumn;
    QString endColumn;
    bool system = false;
    QString definition; // "PERIOD FOR `p` (`s`, `e`)"
};

struct TableOption
{
    QString key; // normalized upper case: ENGINE, CHARSET, COLLATE, ROW_FORMAT, COMMENT, ...
    QString value; // as printed (strings keep their quotes)
    // An engine-defined option MariaDB prints quoted (`ENCRYPTED`='NO'); key is then its upper-case name
    // and `name` the name as printed, without the backticks.
    bool quoted = false;
    QString name;
};

struct Table
{
    QString name;
    QList<Column> columns;
    QList<Index> indexes;
    QList<ForeignKey> foreignKeys;
    QList<CheckConstraint> checks;
    QList<Period> periods; // the system period and application-time periods, as printed
    QList<TableOption> options; // AUTO_INCREMENT is parsed but not kept: it is data, not schema
    QString partitioning; // "PARTITION BY ..." as printed (whitespace normalized), or empty
    QString createStatement; // the full text as given
    qsizetype autoIncrementStart = -1; // where " AUTO_INCREMENT=n" sits in createStatement, if anywhere
    qsizetype autoIncrementLength = 0;

    // True when both were printed identically, the auto-increment counter aside: nothing to compare.
    bool sameText(const Table &other) const;
    const Column *column(QStringView columnName) const;
    const Index *index(QStringView indexName) const;
    QString option(QStringView key) const;
    bool hasOption(QStringView key) const;
    const Period *period(QStringView periodName) const;
    const Period *systemPeriod() const;
    // WITH SYSTEM VERSIONING (MariaDB): rows keep their history.
    bool isSystemVersioned() const { return hasOption(u"WITH SYSTEM VERSIONING"); }
};

struct View
{
    QString name;
    QString algorithm; // UNDEFINED, MERGE, TEMPTABLE or empty
    QString definer; // `user`@`host` as printed, or empty
    QString security; // DEFINER, INVOKER or empty
    QString columnList; // "(`a`,`b`)" when the server printed one
    QString select; // the query after AS, without the check option
    QString checkOption; // "CASCADED", "LOCAL" or empty
    QString createStatement;
};

// A stored program as SHOW CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT prints it. Its text is compared
// whole and changed by dropping and creating it again.
struct StoredProgram
{
    enum class Kind : quint8 { Procedure, Function, Trigger, Event };
    Kind kind = Kind::Procedure;
    QString name;
    QString table; // a trigger's table
    QString timing; // a trigger's BEFORE or AFTER
    QString event; // a trigger's INSERT, UPDATE or DELETE
    QString createStatement; // "CREATE DEFINER=... TRIGGER ...", version-comment markers removed

    QString typeName() const; // "PROCEDURE", "FUNCTION", "TRIGGER" or "EVENT"
};

// A whole schema: tables, views and stored programs by name, kept in the order they were read
// (which for triggers of one table and timing is the order they fire in).
struct SchemaModel
{
    QList<Table> tables;
    QList<View> views;
    QList<StoredProgram> programs;

    const Table *table(QStringView name) const;
    const View *view(QStringView name) const;
    const StoredProgram *program(StoredProgram::Kind kind, QStringView name) const;
    bool isEmpty() const { return tables.isEmpty() && views.isEmpty() && programs.isEmpty(); }
};

// `name` quoted with backticks, doubling any backtick inside.
QString quoteIdentifier(QStringView name);

} // namespace Schema

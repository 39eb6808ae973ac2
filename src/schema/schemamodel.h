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
};

enum class IndexKind { Primary, Unique, Plain, Fulltext, Spatial };

struct IndexPart
{
    QString column;
    int prefixLength = 0; // 0: whole column
    bool descending = false;
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

struct TableOption
{
    QString key; // normalized upper case: ENGINE, CHARSET, COLLATE, ROW_FORMAT, COMMENT, ...
    QString value; // as printed (strings keep their quotes)
};

struct Table
{
    QString name;
    QList<Column> columns;
    QList<Index> indexes;
    QList<ForeignKey> foreignKeys;
    QList<CheckConstraint> checks;
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

// A whole schema: tables and views by name, kept in the order they were read.
struct SchemaModel
{
    QList<Table> tables;
    QList<View> views;

    const Table *table(QStringView name) const;
    const View *view(QStringView name) const;
    bool isEmpty() const { return tables.isEmpty() && views.isEmpty(); }
};

// `name` quoted with backticks, doubling any backtick inside.
QString quoteIdentifier(QStringView name);

} // namespace Schema

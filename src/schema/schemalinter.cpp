#include "schema/schemalinter.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

Core::LintError finding(const QString &code, const QString &keyspace, const Table &table, const QString &text)
{
    Core::LintError e;
    e.lintError = code;
    e.subjectType = u"table"_s;
    e.keyspaceName = keyspace;
    e.tableName = table.name;
    e.errorDescription = text;
    return e;
}

QString tableCharset(const Table &table)
{
    const QString charset = table.option(u"CHARSET"_s);
    return charset.isEmpty() ? table.option(u"DEFAULT CHARSET"_s) : charset;
}

bool isIntegerType(const QString &type)
{
    return type == u"tinyint"_s || type == u"smallint"_s || type == u"mediumint"_s || type == u"int"_s
        || type == u"integer"_s || type == u"bigint"_s;
}

bool isTextType(const QString &type)
{
    return type.endsWith(u"char"_s) || type.endsWith(u"text"_s) || type == u"enum"_s || type == u"set"_s;
}

// The column's type as the foreign-key rules compare it: integer display widths do not matter.
QString comparableType(const Table &table, const Column &column)
{
    QString text = column.type;
    if (!isIntegerType(column.type) && !column.typeArgs.isEmpty())
        text += u'(' + column.typeArgs + u')';
    if (column.isUnsigned)
        text += u" unsigned"_s;
    if (isTextType(column.type)) {
        const QString charset = column.charset.isEmpty() ? tableCharset(table) : column.charset;
        if (!charset.isEmpty())
            text += u" character set "_s + charset;
        // A column without its own character set takes the table's collation too: tables can differ in it.
        const QString collation = !column.collation.isEmpty() ? column.collation
            : column.charset.isEmpty()                        ? table.option(u"COLLATE"_s)
                                                              : QString();
        if (!collation.isEmpty())
            text += u" collate "_s + collation;
    }
    return text;
}

bool isBtree(const Index &index)
{
    return index.kind == IndexKind::Primary || index.kind == IndexKind::Unique || index.kind == IndexKind::Plain;
}

bool samePart(const IndexPart &a, const IndexPart &b)
{
    return a.column.compare(b.column, Qt::CaseInsensitive) == 0 && a.prefixLength == b.prefixLength
        && a.descending == b.descending;
}

// Whether `a`'s parts are the first parts of `b` (all of them when `whole`).
bool isLeftPrefix(const Index &a, const Index &b)
{
    if (a.parts.size() > b.parts.size() || a.parts.isEmpty())
        return false;
    for (qsizetype i = 0; i < a.parts.size(); ++i) {
        if (!samePart(a.parts[i], b.parts[i]))
            return false;
    }
    return true;
}

QString partList(const Index &index)
{
    QStringList names;
    for (const IndexPart &part : index.parts)
        names << part.column;
    return names.join(u", "_s);
}

QString indexLabel(const Index &index)
{
    return index.kind == IndexKind::Primary ? u"the primary key"_s : u"index "_s + index.name;
}

void lintKeys(const Table &table, const QString &keyspace, QList<Core::LintError> &out)
{
    bool hasKey = false;
    for (const Index &index : table.indexes) {
        if (index.kind == IndexKind::Primary)
            hasKey = true;
        if (index.kind == IndexKind::Unique) {
            bool allNotNull = true;
            for (const IndexPart &part : index.parts) {
                const Column *column = table.column(part.column);
                allNotNull = allNotNull && column && !column->nullable;
            }
            hasKey = hasKey || allNotNull;
        }
    }
    if (!hasKey) {
        Core::LintError e = finding(u"NO_UNIQUE_KEY"_s, keyspace, table,
            u"Table \""_s + table.name
                + u"\" has no primary key or unique not-null key; online schema changes and deploy requests need "
                  u"one."_s);
        e.docsUrl = u"https://planetscale.com/docs/learn/change-single-unique-key"_s;
        out << e;
    }

    // An index is reported once, against the first index that makes it unnecessary. A unique index is a
    // constraint, so only an identical unique (or primary) key makes it unnecessary.
    for (qsizetype i = 0; i < table.indexes.size(); ++i) {
        const Index &index = table.indexes[i];
        if (index.kind == IndexKind::Primary || (!isBtree(index) && index.kind != IndexKind::Fulltext))
            continue;
        for (qsizetype j = 0; j < table.indexes.size(); ++j) {
            const Index &other = table.indexes[j];
            if (i == j)
                continue;
            const bool sameKindFamily = isBtree(index) == isBtree(other);
            const bool identical
                = sameKindFamily && index.parts.size() == other.parts.size() && isLeftPrefix(index, other);
            // Of two identical indexes of the same kind, the later one is the duplicate.
            const bool otherStronger = other.kind == IndexKind::Primary
                || (other.kind == IndexKind::Unique && index.kind == IndexKind::Plain);
            const bool sameKind = other.kind == index.kind;
            if (identical && (otherStronger || (sameKind && j < i))) {
                Core::LintError e = finding(u"DUPLICATE_INDEX"_s, keyspace, table,
                    u"Index "_s + index.name + u" of table \""_s + table.name + u"\" has the same columns ("_s
                        + partList(index) + u") as "_s + indexLabel(other)
                        + u"; drop it: every write maintains both."_s);
                e.columnName = index.parts.value(0).column;
                e.indexName = index.name;
                out << e;
                break;
            }
            if (!identical && index.kind == IndexKind::Plain && isBtree(other) && isLeftPrefix(index, other)) {
                Core::LintError e = finding(u"REDUNDANT_INDEX"_s, keyspace, table,
                    u"Index "_s + index.name + u" of table \""_s + table.name + u"\" ("_s + partList(index)
                        + u") is a leftmost prefix of "_s + indexLabel(other) + u" ("_s + partList(other)
                        + u"), which serves the same lookups; drop it."_s);
                e.columnName = index.parts.value(0).column;
                e.indexName = index.name;
                out << e;
                break;
            }
        }
    }
}

void lintOptions(const Table &table, const QString &keyspace, QList<Core::LintError> &out)
{
    const QString engine = table.option(u"ENGINE"_s);
    if (!engine.isEmpty() && engine.compare(u"InnoDB"_s, Qt::CaseInsensitive) != 0) {
        Core::LintError e = finding(u"INVALID_ENGINE"_s, keyspace, table,
            u"Table \""_s + table.name + u"\" uses engine "_s + engine + u"; only InnoDB is supported."_s);
        e.engineName = engine;
        out << e;
    }
    const QString charset = tableCharset(table);
    if (!charset.isEmpty() && !charset.startsWith(u"utf8"_s) && charset != u"binary"_s) {
        Core::LintError e = finding(u"INVALID_CHARSET"_s, keyspace, table,
            u"Table \""_s + table.name + u"\" uses character set "_s + charset + u"; use utf8mb4."_s);
        e.charsetName = charset;
        out << e;
    }
}

void lintAutoIncrement(const Table &table, const QString &keyspace, QList<Core::LintError> &out)
{
    const quint64 next = SchemaLinter::autoIncrementCounter(table);
    if (next == 0)
        return;
    for (const Column &column : table.columns) {
        const quint64 maximum = SchemaLinter::integerMaximum(column);
        if (!column.autoIncrement || maximum == 0)
            continue;
        const double used = double(next - 1) / double(maximum);
        if (used < SchemaLinter::autoIncrementThreshold)
            continue;
        Core::LintError e = finding(u"AUTO_INCREMENT_NEAR_LIMIT"_s, keyspace, table,
            u"Column "_s + column.name + u" of table \""_s + table.name + u"\" has used "_s
                + QString::number(used * 100.0, 'f', 1) + u"% of the range of "_s + column.type
                + (column.isUnsigned ? u" unsigned"_s : QString()) + u" (next value "_s + QString::number(next)
                + u" of "_s + QString::number(maximum)
                + u"); widen it (e.g. to bigint unsigned) before inserts fail."_s);
        e.columnName = column.name;
        e.autoIncrementColumnNames << column.name;
        out << e;
    }
}

void lintForeignKeys(const SchemaModel &model, const Table &table, const QString &keyspace, QList<Core::LintError> &out)
{
    for (const ForeignKey &key : table.foreignKeys) {
        // Only references inside this schema can be checked here.
        const Table *parent = key.referencedSchema.isEmpty() ? model.table(key.referencedTable) : nullptr;
        if (!parent)
            continue;
        QStringList mismatched;
        QStringList details;
        for (qsizetype i = 0; i < key.columns.size() && i < key.referencedColumns.size(); ++i) {
            const Column *child = table.column(key.columns[i]);
            const Column *referenced = parent->column(key.referencedColumns[i]);
            if (!child || !referenced)
                continue;
            const QString childType = comparableType(table, *child);
            const QString parentType = comparableType(*parent, *referenced);
            if (childType != parentType) {
                mismatched << child->name;
                details << child->name + u" is "_s + childType + u" but "_s + parent->name + u'.' + referenced->name
                        + u" is "_s + parentType;
            }
        }
        if (mismatched.isEmpty())
            continue;
        Core::LintError e = finding(u"FOREIGN_KEY_TYPE_MISMATCH"_s, keyspace, table,
            u"Foreign key "_s + key.name + u" of table \""_s + table.name + u"\": "_s + details.join(u"; "_s)
                + u". Give both columns the same type."_s);
        e.columnName = mismatched.constFirst();
        e.foreignKeyColumnNames = mismatched;
        out << e;
    }
}

} // namespace

QList<Core::LintError> SchemaLinter::lint(
    const SchemaModel &model, const QString &keyspace, const QStringList &onlyTables)
{
    QList<Core::LintError> out;
    for (const Table &table : model.tables) {
        if (onlyTables.isEmpty() || onlyTables.contains(table.name))
            out << lintTable(model, table, keyspace);
    }
    return out;
}

QList<Core::LintError> SchemaLinter::lintTable(const SchemaModel &model, const Table &table, const QString &keyspace)
{
    QList<Core::LintError> out;
    lintKeys(table, keyspace, out);
    lintOptions(table, keyspace, out);
    lintAutoIncrement(table, keyspace, out);
    lintForeignKeys(model, table, keyspace, out);
    return out;
}

quint64 SchemaLinter::integerMaximum(const Column &column)
{
    static const QHash<QString, int> bits { { u"tinyint"_s, 8 }, { u"smallint"_s, 16 }, { u"mediumint"_s, 24 },
        { u"int"_s, 32 }, { u"integer"_s, 32 }, { u"bigint"_s, 64 } };
    const int width = bits.value(column.type, 0);
    if (width == 0)
        return 0;
    if (column.isUnsigned)
        return width == 64 ? ~quint64(0) : (quint64(1) << width) - 1;
    return (quint64(1) << (width - 1)) - 1;
}

quint64 SchemaLinter::autoIncrementCounter(const Table &table)
{
    if (table.autoIncrementStart < 0)
        return 0;
    // " AUTO_INCREMENT=n" as printed.
    const QStringView text
        = QStringView(table.createStatement).mid(table.autoIncrementStart, table.autoIncrementLength);
    const qsizetype equals = text.indexOf(u'=');
    return equals < 0 ? 0 : text.mid(equals + 1).trimmed().toULongLong();
}

} // namespace Schema

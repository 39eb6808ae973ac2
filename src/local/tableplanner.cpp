#include "local/tableplanner.h"

#include "schema/schemaloader.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

bool isOneOf(const QString &type, std::initializer_list<const char16_t *> names)
{
    for (const char16_t *name : names) {
        if (type == QStringView(name))
            return true;
    }
    return false;
}

// The definition with its table name replaced; empty when the text does not start as the server prints it.
QString renamed(const QString &definition, const QString &table, const QString &newName)
{
    const QString prefix = u"CREATE TABLE "_s + SqlSession::ident(table);
    if (!definition.startsWith(prefix))
        return {};
    return u"CREATE TABLE "_s + SqlSession::ident(newName) + definition.mid(prefix.size());
}

// Whether two column definitions store the same values (type, length, sign, character set, collation).
bool sameStorage(const Schema::Column &a, const Schema::Column &b)
{
    return a.type == b.type && a.typeArgs == b.typeArgs && a.isUnsigned == b.isUnsigned && a.zerofill == b.zerofill
        && a.charset == b.charset && a.collation == b.collation;
}

bool isText(const Schema::Column &c)
{
    return isOneOf(
        c.type, { u"char", u"varchar", u"tinytext", u"text", u"mediumtext", u"longtext", u"enum", u"set", u"json" });
}

// Whether `index` can be built after the copy, in place and online: a plain B-tree key of an InnoDB table with
// no foreign keys (an index a foreign key needs must exist when the constraint does), over stored columns.
bool deferrable(const Schema::Table &table, const Schema::Index &index)
{
    if (index.kind != Schema::IndexKind::Plain || !index.definition.startsWith(u"KEY "_s))
        return false;
    if (table.option(u"ENGINE").compare(u"InnoDB"_s, Qt::CaseInsensitive) != 0 || !table.foreignKeys.isEmpty()
        || !table.partitioning.isEmpty() || table.isSystemVersioned())
        return false;
    for (const Schema::IndexPart &part : index.parts) {
        const Schema::Column *column = table.column(part.column);
        if (!column || !column->generatedExpression.isEmpty())
            return false;
    }
    return true;
}

// Takes the plain secondary indexes out of the shadow's definition: they are built after the copy in one
// sorted pass (OnlineCopy::buildIndexes) instead of being kept up row by row while the chunks arrive, which
// makes the copy itself about a fifth faster. Indexes whose text is not found as the server prints it stay.
QList<DeferredIndex> deferIndexes(const Schema::Table &to, QString *definition)
{
    QList<DeferredIndex> deferred;
    for (const Schema::Index &index : to.indexes) {
        if (!deferrable(to, index))
            continue;
        const QString line = u"\n  "_s + index.definition;
        const qsizetype at = definition->indexOf(line);
        if (at < 0 || definition->indexOf(line, at + 1) >= 0)
            continue;
        const qsizetype end = at + line.size();
        if (definition->mid(end, 1) == u","_s)
            definition->remove(at, line.size() + 1); // "…,\n  KEY `k` (…),\n  …": the line and its comma
        else if (definition->mid(end, 2) == u"\n)"_s && at > 0 && definition->at(at - 1) == u',')
            definition->remove(at - 1, line.size() + 1); // the last line: the comma before it goes
        else
            continue;
        deferred << DeferredIndex { index.name, index.definition };
    }
    return deferred;
}

} // namespace

QString TablePlanner::internalName(const QString &operationId, const QString &suffix)
{
    return u"_bd_"_s + operationId + u'_' + suffix;
}

Core::Result<Schema::Table> TablePlanner::parse(const QString &definition)
{
    auto model = Schema::SchemaLoader::fromScript(definition);
    if (!model)
        return model.error();
    if (model->tables.size() != 1)
        return Core::makeError(u"parse_error"_s, u"Expected one table definition."_s);
    return model->tables.constFirst();
}

QStringList TablePlanner::primaryKey(const Schema::Table &table)
{
    QStringList key;
    if (const Schema::Index *pk = table.index(u"PRIMARY"))
        for (const Schema::IndexPart &part : pk->parts)
            key << part.column;
    return key;
}

bool TablePlanner::copyable(const Schema::Column *column)
{
    return column && column->generatedExpression.isEmpty();
}

SqlSession::LiteralKind TablePlanner::literalKind(const Schema::Column &column)
{
    const QString &t = column.type;
    if (isOneOf(t, { u"binary", u"varbinary", u"tinyblob", u"blob", u"mediumblob", u"longblob", u"bit" }))
        return SqlSession::LiteralKind::Binary;
    if (isOneOf(t,
            { u"tinyint", u"smallint", u"mediumint", u"int", u"integer", u"bigint", u"decimal", u"numeric", u"float",
                u"double", u"real", u"year" }))
        return SqlSession::LiteralKind::Number;
    return SqlSession::LiteralKind::Text;
}

QString TablePlanner::implicitDefault(const Schema::Column &column)
{
    const QString &t = column.type;
    if (literalKind(column) == SqlSession::LiteralKind::Number || t == u"bit"_s)
        return u"0"_s;
    if (t == u"enum"_s) {
        const qsizetype end = column.typeArgs.indexOf(u"',"_s);
        return end < 0 ? column.typeArgs : column.typeArgs.left(end + 1);
    }
    if (t == u"date"_s)
        return u"'0000-00-00'"_s;
    if (t == u"datetime"_s || t == u"timestamp"_s)
        return u"'0000-00-00 00:00:00'"_s;
    if (t == u"time"_s)
        return u"'00:00:00'"_s;
    return u"''"_s;
}

Core::Result<CopyPlan> TablePlanner::plan(const QString &schema, const QString &table, const QString &opId,
    const Schema::Table &from, const Schema::Table &to, const QString &toDefinition, const QString &shadowSuffix,
    const DeploySettings &settings)
{
    const auto refuse
        = [&](const QString &why) { return Core::makeError(u"unsupported"_s, u"Table "_s + table + u": "_s + why); };
    const QStringList key = primaryKey(from);
    if (key.isEmpty())
        return refuse(u"it has no primary key, which an online copy needs to follow each row."_s);
    CopyPlan plan;
    plan.schema = schema;
    plan.source = table;
    plan.shadow = internalName(opId, shadowSuffix);
    plan.triggerPrefix = plan.shadow;
    plan.chunkRows = settings.chunkRows;
    plan.chunkTargetMs = settings.chunkTargetMs;
    plan.throttleMs = settings.throttleMs;
    plan.checkBeside = settings.checkBeside;
    for (const QString &name : key) {
        const Schema::Column *now = to.column(name);
        if (!copyable(now))
            return refuse(u"its primary key column "_s + name
                + u" is dropped or becomes generated; rows could not be followed across the change."_s);
        plan.key << KeyColumn { name, literalKind(*from.column(name)) };
    }
    for (const Schema::Column &column : to.columns) {
        const Schema::Column *before = from.column(column.name);
        if (copyable(&column) && copyable(before)) {
            plan.columns << column.name;
            if (!sameStorage(*before, column)) {
                plan.changedColumns << column.name;
                if (isText(*before) && isText(column))
                    plan.textColumns << column.name;
            }
        } else if (!before && copyable(&column) && !column.nullable && !column.defaultValue && !column.autoIncrement) {
            plan.implicitValues << std::pair { column.name, implicitDefault(column) };
        }
    }
    QString definition = renamed(toDefinition, table, plan.shadow);
    if (definition.isEmpty())
        return refuse(u"its definition is not in the form the server prints."_s);
    for (int i = 0; i < to.foreignKeys.size(); ++i) {
        const Schema::ForeignKey &fk = to.foreignKeys[i];
        if (fk.referencedTable == table && fk.referencedSchema.isEmpty())
            return refuse(u"its foreign key "_s + fk.name
                + u" references the table itself; the copy would reference the old table after the swap."_s);
        const QString temporary = internalName(opId, u"f"_s + QString::number(i));
        const QString head = u"CONSTRAINT "_s + SqlSession::ident(fk.name) + u' ';
        if (!fk.definition.startsWith(head) || !definition.contains(fk.definition))
            return refuse(u"its foreign key "_s + fk.name + u" is not in the form the server prints."_s);
        definition.replace(
            fk.definition, u"CONSTRAINT "_s + SqlSession::ident(temporary) + u' ' + fk.definition.mid(head.size()));
        plan.foreignKeys << ForeignKeyRename { temporary, fk.name, fk.definition };
    }
    if (settings.deferIndexes)
        plan.deferredIndexes = deferIndexes(to, &definition);
    if (primaryKey(to) != key) {
        // The triggers find rows by the old key: give the shadow a unique index over it while copying.
        plan.temporaryKeyIndex = internalName(opId, u"k"_s);
        const qsizetype close = definition.lastIndexOf(u"\n)"_s);
        if (close < 0)
            return refuse(u"its definition is not in the form the server prints."_s);
        QStringList parts;
        for (const QString &name : key)
            parts << SqlSession::ident(name);
        definition.insert(close,
            u",\n  UNIQUE KEY "_s + SqlSession::ident(plan.temporaryKeyIndex) + u" ("_s + parts.join(u',') + u')');
    }
    plan.shadowDefinition = definition;
    return plan;
}

Core::Result<CopyPlan> TablePlanner::deploy(
    const QString &schema, const DeployOperationRecord &op, const DeploySettings &settings)
{
    auto from = parse(op.oldDefinition);
    if (!from)
        return from.error();
    auto to = parse(op.newDefinition);
    if (!to)
        return to.error();
    return plan(schema, op.table, op.id, *from, *to, op.newDefinition, u"n"_s, settings);
}

Core::Result<CopyPlan> TablePlanner::revert(
    const QString &schema, const DeployOperationRecord &op, const DeploySettings &settings)
{
    auto from = parse(op.newDefinition);
    if (!from)
        return from.error();
    auto to = parse(op.oldDefinition);
    if (!to)
        return to.error();
    auto made = plan(schema, op.table, op.id, *from, *to, op.oldDefinition, u"r"_s, settings);
    if (!made)
        return made;
    CopyPlan plan = std::move(made).value();
    plan.fillFrom = internalName(op.id, u"o"_s);
    // Columns the deploy dropped come back from the archive, matched by the live key (when the archive has it).
    bool archiveHasKey = true;
    for (const KeyColumn &k : plan.key)
        archiveHasKey = archiveHasKey && to->column(k.name);
    QList<std::pair<QString, QString>> implicit;
    for (const Schema::Column &column : to->columns) {
        if (!copyable(&column) || from->column(column.name))
            continue;
        QString fallback = column.nullable ? u"NULL"_s : implicitDefault(column);
        if (column.defaultValue && !column.defaultValue->contains(u'('))
            fallback = *column.defaultValue;
        const QString archived = u"a."_s + SqlSession::ident(column.name);
        plan.fill << FillColumn { column.name,
            archiveHasKey ? u"IFNULL("_s + archived + u", "_s + fallback + u')' : fallback };
    }
    for (const auto &value : plan.implicitValues) {
        bool filled = false;
        for (const FillColumn &f : plan.fill)
            filled = filled || f.name == value.first;
        if (!filled)
            implicit << value;
    }
    plan.implicitValues = implicit;
    if (!archiveHasKey)
        plan.fillFrom.clear();
    return plan;
}

} // namespace Local

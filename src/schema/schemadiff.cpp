#include "schema/schemadiff.h"

#include "schema/tablecomparer.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

QString alterSql(const QString &table, const QStringList &clauses)
{
    return u"ALTER TABLE "_s + quoteIdentifier(table) + u"\n  "_s + clauses.join(u",\n  "_s);
}

QString createSql(const Table &t, const QSet<QString> &deferredForeignKeys)
{
    QStringList definitions;
    for (const Column &c : t.columns)
        definitions.append(quoteIdentifier(c.name) + u' ' + c.definition);
    for (const Index &i : t.indexes)
        definitions.append(i.definition);
    for (const ForeignKey &fk : t.foreignKeys) {
        if (!deferredForeignKeys.contains(fk.name))
            definitions.append(fk.definition);
    }
    for (const CheckConstraint &check : t.checks)
        definitions.append(check.definition);
    QString sql = u"CREATE TABLE "_s + quoteIdentifier(t.name) + u" (\n  "_s + definitions.join(u",\n  "_s) + u"\n)"_s;
    for (const TableOption &option : t.options)
        sql += u' ' + TableComparer::optionText(option);
    if (!t.partitioning.isEmpty())
        sql += u'\n' + t.partitioning;
    return sql;
}

QString kindName(StatementKind kind)
{
    switch (kind) {
    case StatementKind::CreateTable:
        return u"create_table"_s;
    case StatementKind::AlterTable:
        return u"alter_table"_s;
    case StatementKind::DropTable:
        return u"drop_table"_s;
    case StatementKind::CreateView:
        return u"create_view"_s;
    case StatementKind::ReplaceView:
        return u"replace_view"_s;
    case StatementKind::DropView:
        return u"drop_view"_s;
    }
    return {};
}

QString changeName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return u"added"_s;
    case ChangeKind::Removed:
        return u"removed"_s;
    case ChangeKind::Changed:
        return u"changed"_s;
    }
    return {};
}

QJsonObject statementJson(const DiffStatement &s)
{
    return QJsonObject { { u"object"_s, s.object }, { u"kind"_s, kindName(s.kind) }, { u"sql"_s, s.sql },
        { u"dataLoss"_s, s.canLoseData() }, { u"lossReasons"_s, QJsonArray::fromStringList(s.lossReasons) } };
}

// Assembles the phases of the schema-wide statement list (see SchemaDiff's comment).
class DiffBuilder
{
public:
    DiffBuilder(const SchemaModel &from, const SchemaModel &to)
        : m_from(from)
        , m_to(to)
    {
        m_fromTables.reserve(from.tables.size());
        m_toTables.reserve(to.tables.size());
        for (const Table &t : from.tables)
            m_fromTables.insert(t.name, &t);
        for (const Table &t : to.tables)
            m_toTables.insert(t.name, &t);
        for (const View &v : from.views)
            m_fromViews.insert(v.name, &v);
        for (const View &v : to.views)
            m_toViews.insert(v.name, &v);
    }

    SchemaDiffResult build()
    {
        dropViews();
        alterTables();
        createTables();
        dropTables();
        createViews();
        for (const QList<DiffStatement> *phase :
            { &m_dropViews, &m_dropForeignKeys, &m_alters, &m_creates, &m_drops, &m_addForeignKeys, &m_views }) {
            for (const DiffStatement &s : *phase) {
                m_result.statements.append(s);
                m_result.objects[objectIndex(s.object, isViewKind(s.kind))].statements.append(s);
            }
        }
        std::sort(m_result.objects.begin(), m_result.objects.end(),
            [](const ObjectDiff &a, const ObjectDiff &b) { return a.name < b.name; });
        return m_result;
    }

private:
    static bool isViewKind(StatementKind k)
    {
        return k == StatementKind::CreateView || k == StatementKind::ReplaceView || k == StatementKind::DropView;
    }

    const Table *fromTable(const QString &name) const { return m_fromTables.value(name); }
    const Table *toTable(const QString &name) const { return m_toTables.value(name); }
    const View *fromView(const QString &name) const { return m_fromViews.value(name); }
    const View *toView(const QString &name) const { return m_toViews.value(name); }

    qsizetype objectIndex(const QString &name, bool isView)
    {
        const QString key = (isView ? u"v:"_s : u"t:"_s) + name;
        if (const auto it = m_objectIndex.constFind(key); it != m_objectIndex.cend())
            return it.value();
        m_objectIndex.insert(key, m_result.objects.size());
        ObjectDiff object;
        object.name = name;
        object.isView = isView;
        if (isView) {
            const View *a = fromView(name);
            const View *b = toView(name);
            object.fromDefinition = a ? a->createStatement : QString();
            object.toDefinition = b ? b->createStatement : QString();
        } else {
            const Table *a = fromTable(name);
            const Table *b = toTable(name);
            object.fromDefinition = a ? a->createStatement : QString();
            object.toDefinition = b ? b->createStatement : QString();
        }
        object.change = object.fromDefinition.isEmpty() ? ChangeKind::Added
            : object.toDefinition.isEmpty()             ? ChangeKind::Removed
                                                        : ChangeKind::Changed;
        m_result.objects.append(object);
        return m_result.objects.size() - 1;
    }

    void dropViews()
    {
        for (const View &a : m_from.views) {
            if (!toView(a.name))
                m_dropViews.append({ a.name, StatementKind::DropView, u"DROP VIEW "_s + quoteIdentifier(a.name), {} });
        }
    }

    void alterTables()
    {
        QHash<QString, QSet<QString>> changedColumns;
        for (const Table &b : m_to.tables) {
            const Table *a = fromTable(b.name);
            if (a && !a->sameText(b))
                changedColumns.insert(b.name, TableComparer::changedColumns(*a, b));
        }
        for (const Table &b : m_to.tables) {
            const Table *a = fromTable(b.name);
            if (!a)
                continue;
            const QSet<QString> recreateForeignKeys = foreignKeysOnChangedColumns(b, changedColumns);
            if (recreateForeignKeys.isEmpty() && a->sameText(b))
                continue;
            const TableChanges changes = TableComparer::compare(*a, b, recreateForeignKeys);
            if (!changes.dropForeignKeys.isEmpty())
                m_dropForeignKeys.append(
                    { b.name, StatementKind::AlterTable, alterSql(b.name, changes.dropForeignKeys), {} });
            if (changes.removePartitioning)
                m_alters.append(
                    { b.name, StatementKind::AlterTable, alterSql(b.name, { u"REMOVE PARTITIONING"_s }), {} });
            if (!changes.clauses.isEmpty())
                m_alters.append(
                    { b.name, StatementKind::AlterTable, alterSql(b.name, changes.clauses), changes.lossReasons });
            if (!changes.partitionBy.isEmpty())
                m_alters.append({ b.name, StatementKind::AlterTable,
                    u"ALTER TABLE "_s + quoteIdentifier(b.name) + u'\n' + changes.partitionBy, {} });
            if (!changes.addForeignKeys.isEmpty())
                m_addForeignKeys.append(
                    { b.name, StatementKind::AlterTable, alterSql(b.name, changes.addForeignKeys), {} });
        }
    }

    // Foreign keys of `t` that use a column changing here or in the referenced table: the server only
    // allows that change with the foreign key gone, so it is dropped first and added back at the end.
    static QSet<QString> foreignKeysOnChangedColumns(const Table &t, const QHash<QString, QSet<QString>> &changed)
    {
        QSet<QString> out;
        if (changed.isEmpty() || t.foreignKeys.isEmpty())
            return out;
        const QSet<QString> local = changed.value(t.name);
        for (const ForeignKey &fk : t.foreignKeys) {
            const QSet<QString> remote
                = fk.referencedSchema.isEmpty() ? changed.value(fk.referencedTable) : QSet<QString>();
            const bool uses = std::any_of(fk.columns.cbegin(), fk.columns.cend(),
                                  [&local](const QString &c) { return local.contains(c); })
                || std::any_of(fk.referencedColumns.cbegin(), fk.referencedColumns.cend(),
                    [&remote](const QString &c) { return remote.contains(c); });
            if (uses)
                out.insert(fk.name);
        }
        return out;
    }

    // Tables that `t` references among `names` (itself and other schemas left out).
    static QSet<QString> referencedAmong(const Table &t, const QHash<QString, qsizetype> &names)
    {
        QSet<QString> out;
        for (const ForeignKey &fk : t.foreignKeys) {
            if (fk.referencedSchema.isEmpty() && fk.referencedTable != t.name && names.contains(fk.referencedTable))
                out.insert(fk.referencedTable);
        }
        return out;
    }

    // New tables, each after the new tables it references (Kahn's algorithm, preferring the target's
    // order); a reference cycle is broken by adding the remaining foreign keys afterwards.
    void createTables()
    {
        QList<const Table *> tables;
        QHash<QString, qsizetype> position;
        for (const Table &b : m_to.tables) {
            if (!fromTable(b.name)) {
                position.insert(b.name, tables.size());
                tables.append(&b);
            }
        }
        QList<int> waitingFor(tables.size(), 0);
        QList<QList<qsizetype>> dependents(tables.size());
        for (qsizetype i = 0; i < tables.size(); ++i) {
            for (const QString &r : referencedAmong(*tables[i], position)) {
                ++waitingFor[i];
                dependents[position.value(r)].append(i);
            }
        }
        orderAndEmit(waitingFor, dependents, [&](qsizetype i, bool cycle, const QList<bool> &done) {
            const Table &t = *tables[i];
            QSet<QString> deferred;
            QStringList deferredClauses;
            for (const ForeignKey &fk : t.foreignKeys) {
                const qsizetype target = fk.referencedSchema.isEmpty() ? position.value(fk.referencedTable, -1) : -1;
                if (cycle && target >= 0 && target != i && !done[target]) {
                    deferred.insert(fk.name);
                    deferredClauses.append(u"ADD "_s + fk.definition);
                }
            }
            m_creates.append({ t.name, StatementKind::CreateTable, createSql(t, deferred), {} });
            if (!deferredClauses.isEmpty())
                m_addForeignKeys.append({ t.name, StatementKind::AlterTable, alterSql(t.name, deferredClauses), {} });
        });
    }

    // Emits items in dependency order: ready ones by position; when only cycles remain, the first
    // remaining item goes next with cycle = true.
    template<typename Emit>
    static void orderAndEmit(QList<int> waitingFor, const QList<QList<qsizetype>> &dependents, Emit emitItem)
    {
        const qsizetype n = waitingFor.size();
        QList<bool> done(n, false);
        std::set<qsizetype> ready;
        for (qsizetype i = 0; i < n; ++i) {
            if (waitingFor[i] == 0)
                ready.insert(i);
        }
        qsizetype firstUndone = 0;
        for (qsizetype emitted = 0; emitted < n; ++emitted) {
            while (firstUndone < n && done[firstUndone])
                ++firstUndone;
            const bool cycle = ready.empty();
            const qsizetype i = cycle ? firstUndone : *ready.begin();
            ready.erase(i);
            emitItem(i, cycle, done);
            done[i] = true;
            for (qsizetype d : dependents[i]) {
                if (!done[d] && --waitingFor[d] == 0)
                    ready.insert(d);
            }
        }
    }

    // Removed tables, each before the removed tables it references; cycles lose their foreign keys first.
    void dropTables()
    {
        QList<const Table *> tables;
        QHash<QString, qsizetype> position;
        for (const Table &a : m_from.tables) {
            if (!toTable(a.name)) {
                position.insert(a.name, tables.size());
                tables.append(&a);
            }
        }
        // A table waits for every other removed table that references it.
        QList<int> waitingFor(tables.size(), 0);
        QList<QList<qsizetype>> dependents(tables.size());
        for (qsizetype i = 0; i < tables.size(); ++i) {
            for (const QString &r : referencedAmong(*tables[i], position)) {
                ++waitingFor[position.value(r)];
                dependents[i].append(position.value(r));
            }
        }
        orderAndEmit(waitingFor, dependents, [&](qsizetype i, bool cycle, const QList<bool> &done) {
            const Table &t = *tables[i];
            if (cycle)
                breakReferencesTo(t, tables, done);
            m_drops.append({ t.name, StatementKind::DropTable, u"DROP TABLE "_s + quoteIdentifier(t.name),
                { u"drops table "_s + quoteIdentifier(t.name) + u" and its rows"_s } });
        });
    }

    void breakReferencesTo(const Table &t, const QList<const Table *> &tables, const QList<bool> &done)
    {
        for (qsizetype i = 0; i < tables.size(); ++i) {
            const Table *other = tables[i];
            if (done[i] || other->name == t.name)
                continue;
            QStringList clauses;
            for (const ForeignKey &fk : other->foreignKeys) {
                if (fk.referencedSchema.isEmpty() && fk.referencedTable == t.name)
                    clauses.append(u"DROP FOREIGN KEY "_s + quoteIdentifier(fk.name));
            }
            if (!clauses.isEmpty())
                m_dropForeignKeys.append(
                    { other->name, StatementKind::AlterTable, alterSql(other->name, clauses), {} });
        }
    }

    static bool sameView(const View &a, const View &b)
    {
        return a.algorithm == b.algorithm && a.definer == b.definer && a.security == b.security
            && a.columnList == b.columnList && a.select == b.select && a.checkOption == b.checkOption;
    }

    static QString viewSql(const View &v, bool replace)
    {
        QString sql = replace ? u"CREATE OR REPLACE"_s : u"CREATE"_s;
        if (!v.algorithm.isEmpty())
            sql += u" ALGORITHM="_s + v.algorithm;
        if (!v.definer.isEmpty())
            sql += u" DEFINER="_s + v.definer;
        if (!v.security.isEmpty())
            sql += u" SQL SECURITY "_s + v.security;
        sql += u" VIEW "_s + quoteIdentifier(v.name) + (v.columnList.isEmpty() ? QString() : u' ' + v.columnList)
            + u" AS "_s + v.select;
        if (!v.checkOption.isEmpty())
            sql += u" WITH "_s + v.checkOption + u" CHECK OPTION"_s;
        return sql;
    }

    // New and changed views, each after the views it selects from.
    void createViews()
    {
        QList<const View *> pending;
        for (const View &b : m_to.views) {
            const View *a = fromView(b.name);
            if (!a || !sameView(*a, b))
                pending.append(&b);
        }
        while (!pending.isEmpty()) {
            qsizetype pick = 0;
            auto dependsOnPending = [&pending](const View &v) {
                return std::any_of(pending.cbegin(), pending.cend(), [&v](const View *other) {
                    return other->name != v.name && v.select.contains(quoteIdentifier(other->name));
                });
            };
            while (pick < pending.size() && dependsOnPending(*pending[pick]))
                ++pick;
            const View &v = *pending.takeAt(pick == pending.size() ? 0 : pick);
            const bool existed = fromView(v.name) != nullptr;
            m_views.append(
                { v.name, existed ? StatementKind::ReplaceView : StatementKind::CreateView, viewSql(v, existed), {} });
        }
    }

    const SchemaModel &m_from;
    const SchemaModel &m_to;
    SchemaDiffResult m_result;
    QHash<QString, const Table *> m_fromTables, m_toTables;
    QHash<QString, const View *> m_fromViews, m_toViews;
    QHash<QString, qsizetype> m_objectIndex;
    QList<DiffStatement> m_dropViews, m_dropForeignKeys, m_alters, m_creates, m_drops, m_addForeignKeys, m_views;
};

} // namespace

SchemaDiffResult SchemaDiff::compare(const SchemaModel &from, const SchemaModel &to)
{
    return DiffBuilder(from, to).build();
}

bool SchemaDiffResult::canLoseData() const
{
    return std::any_of(statements.cbegin(), statements.cend(), [](const DiffStatement &s) { return s.canLoseData(); });
}

QString SchemaDiffResult::toSql() const
{
    QString out;
    for (const DiffStatement &s : statements) {
        for (const QString &reason : s.lossReasons)
            out += u"-- WARNING: can lose data: "_s + reason + u'\n';
        out += s.sql + u";\n"_s;
    }
    return out;
}

QJsonObject SchemaDiffResult::toJson() const
{
    QJsonArray all;
    for (const DiffStatement &s : statements)
        all.append(statementJson(s));
    QJsonArray groups;
    for (const ObjectDiff &o : objects) {
        QJsonArray statementsOfObject;
        for (const DiffStatement &s : o.statements)
            statementsOfObject.append(statementJson(s));
        groups.append(QJsonObject { { u"name"_s, o.name }, { u"type"_s, o.isView ? u"view"_s : u"table"_s },
            { u"change"_s, changeName(o.change) }, { u"from"_s, o.fromDefinition }, { u"to"_s, o.toDefinition },
            { u"statements"_s, statementsOfObject } });
    }
    return QJsonObject { { u"identical"_s, isEmpty() }, { u"dataLoss"_s, canLoseData() }, { u"objects"_s, groups },
        { u"statements"_s, all } };
}

} // namespace Schema

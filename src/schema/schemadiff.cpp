#include "schema/schemadiff.h"

#include "schema/tablecomparer.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

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
    case StatementKind::CreateTable: return u"create_table"_s;
    case StatementKind::AlterTable: return u"alter_table"_s;
    case StatementKind::DropTable: return u"drop_table"_s;
    case StatementKind::CreateView: return u"create_view"_s;
    case StatementKind::ReplaceView: return u"replace_view"_s;
    case StatementKind::DropView: return u"drop_view"_s;
    }
    return {};
}

QString changeName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added: return u"added"_s;
    case ChangeKind::Removed: return u"removed"_s;
    case ChangeKind::Changed: return u"changed"_s;
    }
    return {};
}

QJsonObject statementJson(const DiffStatement &s)
{
    return QJsonObject{{u"object"_s, s.object},
                       {u"kind"_s, kindName(s.kind)},
                       {u"sql"_s, s.sql},
                       {u"dataLoss"_s, s.canLoseData()},
                       {u"lossReasons"_s, QJsonArray::fromStringList(s.lossReasons)}};
}

// Assembles the phases of the schema-wide statement list (see SchemaDiff's comment).
class DiffBuilder
{
public:
    DiffBuilder(const SchemaModel &from, const SchemaModel &to) : m_from(from), m_to(to) {}

    SchemaDiffResult build()
    {
        dropViews();
        alterTables();
        createTables();
        dropTables();
        createViews();
        for (const QList<DiffStatement> *phase : {&m_dropViews, &m_dropForeignKeys, &m_alters, &m_creates,
                                                  &m_drops, &m_addForeignKeys, &m_views}) {
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

    qsizetype objectIndex(const QString &name, bool isView)
    {
        for (qsizetype i = 0; i < m_result.objects.size(); ++i) {
            if (m_result.objects[i].name == name && m_result.objects[i].isView == isView)
                return i;
        }
        ObjectDiff object;
        object.name = name;
        object.isView = isView;
        if (isView) {
            const View *a = m_from.view(name);
            const View *b = m_to.view(name);
            object.fromDefinition = a ? a->createStatement : QString();
            object.toDefinition = b ? b->createStatement : QString();
        } else {
            const Table *a = m_from.table(name);
            const Table *b = m_to.table(name);
            object.fromDefinition = a ? a->createStatement : QString();
            object.toDefinition = b ? b->createStatement : QString();
        }
        object.change = object.fromDefinition.isEmpty() ? ChangeKind::Added
                        : object.toDefinition.isEmpty() ? ChangeKind::Removed : ChangeKind::Changed;
        m_result.objects.append(object);
        return m_result.objects.size() - 1;
    }

    void dropViews()
    {
        for (const View &a : m_from.views) {
            if (!m_to.view(a.name))
                m_dropViews.append({a.name, StatementKind::DropView, u"DROP VIEW "_s + quoteIdentifier(a.name), {}});
        }
    }

    void alterTables()
    {
        for (const Table &b : m_to.tables) {
            const Table *a = m_from.table(b.name);
            if (!a)
                continue;
            const TableChanges changes = TableComparer::compare(*a, b);
            if (!changes.dropForeignKeys.isEmpty())
                m_dropForeignKeys.append({b.name, StatementKind::AlterTable, alterSql(b.name, changes.dropForeignKeys), {}});
            if (changes.removePartitioning)
                m_alters.append({b.name, StatementKind::AlterTable, alterSql(b.name, {u"REMOVE PARTITIONING"_s}), {}});
            if (!changes.clauses.isEmpty())
                m_alters.append({b.name, StatementKind::AlterTable, alterSql(b.name, changes.clauses), changes.lossReasons});
            if (!changes.partitionBy.isEmpty())
                m_alters.append({b.name, StatementKind::AlterTable,
                                 u"ALTER TABLE "_s + quoteIdentifier(b.name) + u'\n' + changes.partitionBy, {}});
            if (!changes.addForeignKeys.isEmpty())
                m_addForeignKeys.append({b.name, StatementKind::AlterTable, alterSql(b.name, changes.addForeignKeys), {}});
        }
    }

    // New tables, each after the new tables it references; a reference cycle is broken by adding
    // the remaining foreign keys afterwards.
    void createTables()
    {
        QList<const Table *> pending;
        QSet<QString> pendingNames;
        for (const Table &b : m_to.tables) {
            if (!m_from.table(b.name)) {
                pending.append(&b);
                pendingNames.insert(b.name);
            }
        }
        while (!pending.isEmpty()) {
            qsizetype pick = 0;
            while (pick < pending.size() && !unresolved(*pending[pick], pendingNames).isEmpty())
                ++pick;
            const bool cycle = pick == pending.size();
            const Table &t = *pending.takeAt(cycle ? 0 : pick);
            pendingNames.remove(t.name);
            QSet<QString> deferred;
            QStringList deferredClauses;
            for (const ForeignKey &fk : t.foreignKeys) {
                if (cycle && fk.referencedSchema.isEmpty() && pendingNames.contains(fk.referencedTable)) {
                    deferred.insert(fk.name);
                    deferredClauses.append(u"ADD "_s + fk.definition);
                }
            }
            m_creates.append({t.name, StatementKind::CreateTable, createSql(t, deferred), {}});
            if (!deferredClauses.isEmpty())
                m_addForeignKeys.append({t.name, StatementKind::AlterTable, alterSql(t.name, deferredClauses), {}});
        }
    }

    static QStringList unresolved(const Table &t, const QSet<QString> &pendingNames)
    {
        QStringList out;
        for (const ForeignKey &fk : t.foreignKeys) {
            if (fk.referencedSchema.isEmpty() && fk.referencedTable != t.name && pendingNames.contains(fk.referencedTable))
                out.append(fk.name);
        }
        return out;
    }

    // Removed tables, each before the removed tables it references; cycles lose their foreign keys first.
    void dropTables()
    {
        QList<const Table *> pending;
        for (const Table &a : m_from.tables) {
            if (!m_to.table(a.name))
                pending.append(&a);
        }
        while (!pending.isEmpty()) {
            auto referenced = [&pending](const Table &t) {
                return std::any_of(pending.cbegin(), pending.cend(), [&t](const Table *other) {
                    return other->name != t.name
                           && std::any_of(other->foreignKeys.cbegin(), other->foreignKeys.cend(), [&t](const ForeignKey &fk) {
                                  return fk.referencedSchema.isEmpty() && fk.referencedTable == t.name;
                              });
                });
            };
            qsizetype pick = 0;
            while (pick < pending.size() && referenced(*pending[pick]))
                ++pick;
            if (pick == pending.size()) {
                pick = 0;
                breakReferencesTo(*pending[0], pending);
            }
            const Table &t = *pending.takeAt(pick);
            m_drops.append({t.name, StatementKind::DropTable, u"DROP TABLE "_s + quoteIdentifier(t.name),
                            {u"drops table "_s + quoteIdentifier(t.name) + u" and its rows"_s}});
        }
    }

    void breakReferencesTo(const Table &t, const QList<const Table *> &pending)
    {
        for (const Table *other : pending) {
            QStringList clauses;
            for (const ForeignKey &fk : other->foreignKeys) {
                if (other->name != t.name && fk.referencedSchema.isEmpty() && fk.referencedTable == t.name)
                    clauses.append(u"DROP FOREIGN KEY "_s + quoteIdentifier(fk.name));
            }
            if (!clauses.isEmpty())
                m_dropForeignKeys.append({other->name, StatementKind::AlterTable, alterSql(other->name, clauses), {}});
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
            const View *a = m_from.view(b.name);
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
            const bool existed = m_from.view(v.name) != nullptr;
            m_views.append({v.name, existed ? StatementKind::ReplaceView : StatementKind::CreateView,
                            viewSql(v, existed), {}});
        }
    }

    const SchemaModel &m_from;
    const SchemaModel &m_to;
    SchemaDiffResult m_result;
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
        groups.append(QJsonObject{{u"name"_s, o.name},
                                  {u"type"_s, o.isView ? u"view"_s : u"table"_s},
                                  {u"change"_s, changeName(o.change)},
                                  {u"from"_s, o.fromDefinition},
                                  {u"to"_s, o.toDefinition},
                                  {u"statements"_s, statementsOfObject}});
    }
    return QJsonObject{{u"identical"_s, isEmpty()},
                       {u"dataLoss"_s, canLoseData()},
                       {u"objects"_s, groups},
                       {u"statements"_s, all}};
}

} // namespace Schema

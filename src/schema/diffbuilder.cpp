#include "schema/diffbuilder.h"

#include "schema/programdiff.h"
#include "schema/tablecomparer.h"

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

// ALTER TABLE with its clauses; on a system-versioned table inside SET STATEMENT ... FOR, because the
// server refuses to alter one unless system_versioning_alter_history is KEEP (one statement: no
// session variable left behind).
QString alterSql(const QString &table, const QStringList &clauses, bool keepHistory = false)
{
    const QString alter = u"ALTER TABLE "_s + quoteIdentifier(table) + u"\n  "_s + clauses.join(u",\n  "_s);
    return keepHistory ? u"SET STATEMENT system_versioning_alter_history = KEEP FOR "_s + alter : alter;
}

QString keepHistoryNote(const QString &table)
{
    return quoteIdentifier(table)
        + u" is system-versioned: altered with system_versioning_alter_history = KEEP, so its history rows are kept"_s;
}

QString createSql(const Table &t, const QSet<QString> &deferredForeignKeys)
{
    QStringList definitions;
    for (const Column &c : t.columns)
        definitions.append(quoteIdentifier(c.name) + u' ' + c.definition);
    for (const Period &p : t.periods)
        definitions.append(p.definition);
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

// Foreign keys of `t` that use a column changing here or in the referenced table: the server only
// allows that change with the foreign key gone, so it is dropped first and added back at the end.
QSet<QString> foreignKeysOnChangedColumns(const Table &t, const QHash<QString, QSet<QString>> &changed)
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
QSet<QString> referencedAmong(const Table &t, const QHash<QString, qsizetype> &names)
{
    QSet<QString> out;
    for (const ForeignKey &fk : t.foreignKeys) {
        if (fk.referencedSchema.isEmpty() && fk.referencedTable != t.name && names.contains(fk.referencedTable))
            out.insert(fk.referencedTable);
    }
    return out;
}

// Emits items in dependency order: ready ones by position; when only cycles remain, the first
// remaining item goes next with cycle = true.
template<typename Emit>
void orderAndEmit(QList<int> waitingFor, const QList<QList<qsizetype>> &dependents, Emit emitItem)
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

bool sameView(const View &a, const View &b)
{
    return a.algorithm == b.algorithm && a.definer == b.definer && a.security == b.security
        && a.columnList == b.columnList && a.select == b.select && a.checkOption == b.checkOption;
}

QString viewSql(const View &v, bool replace)
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

} // namespace

DiffBuilder::DiffBuilder(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
    : m_from(from)
    , m_to(to)
    , m_options(options)
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

SchemaDiffResult DiffBuilder::build()
{
    ProgramDiff::Statements programs = ProgramDiff::compare(m_from, m_to);
    m_dropPrograms = std::move(programs.drops);
    m_routines = std::move(programs.routines);
    m_triggers = std::move(programs.triggersAndEvents);
    dropViews();
    alterTables();
    createTables();
    dropTables();
    createViews();
    // Tables go before the ALTERs: one may drop an index that a foreign key of a removed table needs.
    for (const QList<DiffStatement> *phase : { &m_dropPrograms, &m_dropViews, &m_dropForeignKeys, &m_drops, &m_alters,
             &m_creates, &m_addForeignKeys, &m_routines, &m_views, &m_triggers }) {
        for (const DiffStatement &s : *phase) {
            m_result.statements.append(s);
            m_result.objects[objectIndex(s)].statements.append(s);
        }
    }
    std::sort(m_result.objects.begin(), m_result.objects.end(),
        [](const ObjectDiff &a, const ObjectDiff &b) { return a.name != b.name ? a.name < b.name : a.type < b.type; });
    return m_result;
}

std::pair<QString, QString> DiffBuilder::definitions(ObjectType type, const QString &name) const
{
    switch (type) {
    case ObjectType::Table: {
        const Table *a = fromTable(name);
        const Table *b = toTable(name);
        return { a ? a->createStatement : QString(), b ? b->createStatement : QString() };
    }
    case ObjectType::View: {
        const View *a = fromView(name);
        const View *b = toView(name);
        return { a ? a->createStatement : QString(), b ? b->createStatement : QString() };
    }
    default:
        break;
    }
    const auto kind = type == ObjectType::Procedure ? StoredProgram::Kind::Procedure
        : type == ObjectType::Function              ? StoredProgram::Kind::Function
        : type == ObjectType::Trigger               ? StoredProgram::Kind::Trigger
                                                    : StoredProgram::Kind::Event;
    const StoredProgram *a = m_from.program(kind, name);
    const StoredProgram *b = m_to.program(kind, name);
    return { a ? a->createStatement : QString(), b ? b->createStatement : QString() };
}

qsizetype DiffBuilder::objectIndex(const DiffStatement &statement)
{
    const QString key = QString::number(int(statement.objectType)) + u':' + statement.object;
    if (const auto it = m_objectIndex.constFind(key); it != m_objectIndex.cend())
        return it.value();
    m_objectIndex.insert(key, m_result.objects.size());
    ObjectDiff object;
    object.name = statement.object;
    object.type = statement.objectType;
    object.isView = object.type == ObjectType::View;
    std::tie(object.fromDefinition, object.toDefinition) = definitions(object.type, object.name);
    object.change = object.fromDefinition.isEmpty() ? ChangeKind::Added
        : object.toDefinition.isEmpty()             ? ChangeKind::Removed
                                                    : ChangeKind::Changed;
    m_result.objects.append(object);
    return m_result.objects.size() - 1;
}

void DiffBuilder::dropViews()
{
    for (const View &a : m_from.views) {
        if (!toView(a.name))
            m_dropViews.append({ a.name, StatementKind::DropView, u"DROP VIEW "_s + quoteIdentifier(a.name), {},
                ObjectType::View, {}, {} });
    }
}

void DiffBuilder::alterTables()
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
        const TableChanges changes = TableComparer::compare(*a, b, recreateForeignKeys, m_options.detectRenames);
        m_result.renames.append(changes.renames);
        alterTable(b, changes);
    }
}

void DiffBuilder::alterTable(const Table &b, const TableChanges &changes)
{
    const bool keep = changes.keepHistory;
    const QStringList notes = keep ? QStringList { keepHistoryNote(b.name) } : QStringList();
    auto statement = [&](const QStringList &clauses, const QStringList &loss = {}) {
        return DiffStatement { b.name, StatementKind::AlterTable, alterSql(b.name, clauses, keep), loss,
            ObjectType::Table, notes, {} };
    };
    if (!changes.dropForeignKeys.isEmpty())
        m_dropForeignKeys.append(statement(changes.dropForeignKeys));
    if (changes.removePartitioning)
        m_alters.append(statement({ u"REMOVE PARTITIONING"_s }));
    if (!changes.clauses.isEmpty()) {
        DiffStatement main = statement(changes.clauses, changes.lossReasons);
        main.rebuiltIndexes = changes.rebuiltIndexes;
        if (!changes.rebuiltIndexes.isEmpty()) {
            QStringList names;
            for (const QString &name : changes.rebuiltIndexes)
                names.append(quoteIdentifier(name));
            main.notes.append(u"rebuilds index "_s + names.join(u", "_s)
                + u" only to match the target's index order (slow on big tables)"_s);
        }
        m_alters.append(main);
    }
    if (!changes.partitionBy.isEmpty()) {
        DiffStatement partition = statement({});
        partition.sql = (keep ? u"SET STATEMENT system_versioning_alter_history = KEEP FOR "_s : QString())
            + u"ALTER TABLE "_s + quoteIdentifier(b.name) + u'\n' + changes.partitionBy;
        m_alters.append(partition);
    }
    if (!changes.addForeignKeys.isEmpty())
        m_addForeignKeys.append(statement(changes.addForeignKeys));
}

// New tables, each after the new tables it references (Kahn's algorithm, preferring the target's
// order); a reference cycle is broken by adding the remaining foreign keys afterwards.
void DiffBuilder::createTables()
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
        m_creates.append({ t.name, StatementKind::CreateTable, createSql(t, deferred), {}, ObjectType::Table, {}, {} });
        if (!deferredClauses.isEmpty())
            m_addForeignKeys.append({ t.name, StatementKind::AlterTable,
                alterSql(t.name, deferredClauses, t.isSystemVersioned()), {}, ObjectType::Table, {}, {} });
    });
}

// Removed tables, each before the removed tables it references; cycles lose their foreign keys first.
void DiffBuilder::dropTables()
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
            { u"drops table "_s + quoteIdentifier(t.name) + u" and its rows"_s }, ObjectType::Table, {}, {} });
    });
}

void DiffBuilder::breakReferencesTo(const Table &t, const QList<const Table *> &tables, const QList<bool> &done)
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
            m_dropForeignKeys.append({ other->name, StatementKind::AlterTable,
                alterSql(other->name, clauses, other->isSystemVersioned()), {}, ObjectType::Table, {}, {} });
    }
}

// New and changed views, each after the views it selects from.
void DiffBuilder::createViews()
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
        m_views.append({ v.name, existed ? StatementKind::ReplaceView : StatementKind::CreateView, viewSql(v, existed),
            {}, ObjectType::View, {}, {} });
    }
}

} // namespace Schema

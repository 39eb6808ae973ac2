#include "schema/programdiff.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

using Group = QList<const StoredProgram *>;

QString groupKey(const StoredProgram &p)
{
    return p.table + u'\n' + p.timing.toUpper() + u'\n' + p.event.toUpper();
}

// Triggers by table, timing and event, each group in firing order, groups in the order first seen.
QList<std::pair<QString, Group>> triggerGroups(const SchemaModel &model)
{
    QList<std::pair<QString, Group>> groups;
    QHash<QString, qsizetype> at;
    for (const StoredProgram &p : model.programs) {
        if (p.kind != StoredProgram::Kind::Trigger)
            continue;
        const QString key = groupKey(p);
        auto it = at.constFind(key);
        if (it == at.cend()) {
            it = at.insert(key, groups.size());
            groups.append({ key, {} });
        }
        groups[it.value()].second.append(&p);
    }
    return groups;
}

DiffStatement dropStatement(const StoredProgram &p)
{
    return { p.name, StatementKind::DropProgram, u"DROP "_s + p.typeName() + u' ' + quoteIdentifier(p.name), {},
        ProgramDiff::objectType(p.kind), {}, {} };
}

DiffStatement createStatement(const StoredProgram &p)
{
    return { p.name, StatementKind::CreateProgram, p.createStatement, {}, ProgramDiff::objectType(p.kind), {}, {} };
}

void compareTriggers(const SchemaModel &from, const SchemaModel &to, ProgramDiff::Statements &out)
{
    const auto before = triggerGroups(from);
    const auto after = triggerGroups(to);
    QHash<QString, const Group *> beforeByKey;
    for (const auto &[key, group] : before)
        beforeByKey.insert(key, &group);
    QHash<QString, qsizetype> firstChanged; // per group: triggers of `from` from here on are dropped
    for (const auto &[key, group] : after) {
        const Group *old = beforeByKey.value(key);
        qsizetype k = 0;
        while (old && k < group.size() && k < old->size() && (*old)[k]->name == group[k]->name
            && (*old)[k]->createStatement == group[k]->createStatement)
            ++k;
        firstChanged.insert(key, k);
        for (qsizetype i = k; i < group.size(); ++i)
            out.triggersAndEvents.append(createStatement(*group[i]));
    }
    for (const auto &[key, group] : before) {
        for (qsizetype i = firstChanged.value(key, 0); i < group.size(); ++i)
            out.drops.append(dropStatement(*group[i]));
    }
}

} // namespace

ObjectType ProgramDiff::objectType(StoredProgram::Kind kind)
{
    switch (kind) {
    case StoredProgram::Kind::Procedure:
        return ObjectType::Procedure;
    case StoredProgram::Kind::Function:
        return ObjectType::Function;
    case StoredProgram::Kind::Trigger:
        return ObjectType::Trigger;
    case StoredProgram::Kind::Event:
        return ObjectType::Event;
    }
    return ObjectType::Procedure;
}

ProgramDiff::Statements ProgramDiff::compare(const SchemaModel &from, const SchemaModel &to)
{
    Statements out;
    for (const StoredProgram &a : from.programs) {
        if (a.kind == StoredProgram::Kind::Trigger)
            continue;
        const StoredProgram *b = to.program(a.kind, a.name);
        if (!b || b->createStatement != a.createStatement)
            out.drops.append(dropStatement(a));
    }
    for (const StoredProgram &b : to.programs) {
        if (b.kind == StoredProgram::Kind::Trigger)
            continue;
        const StoredProgram *a = from.program(b.kind, b.name);
        if (a && a->createStatement == b.createStatement)
            continue;
        (b.kind == StoredProgram::Kind::Event ? out.triggersAndEvents : out.routines).append(createStatement(b));
    }
    compareTriggers(from, to, out);
    return out;
}

} // namespace Schema

#include "schema/schemadiff.h"

#include "schema/diffbuilder.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

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
    case StatementKind::CreateProgram:
        return u"create_program"_s;
    case StatementKind::DropProgram:
        return u"drop_program"_s;
    }
    return {};
}

QString typeName(ObjectType type)
{
    switch (type) {
    case ObjectType::Table:
        return u"table"_s;
    case ObjectType::View:
        return u"view"_s;
    case ObjectType::Procedure:
        return u"procedure"_s;
    case ObjectType::Function:
        return u"function"_s;
    case ObjectType::Trigger:
        return u"trigger"_s;
    case ObjectType::Event:
        return u"event"_s;
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
    return QJsonObject { { u"object"_s, s.object }, { u"type"_s, typeName(s.objectType) },
        { u"kind"_s, kindName(s.kind) }, { u"sql"_s, s.sql }, { u"dataLoss"_s, s.canLoseData() },
        { u"lossReasons"_s, QJsonArray::fromStringList(s.lossReasons) },
        { u"notes"_s, QJsonArray::fromStringList(s.notes) },
        { u"rebuiltIndexes"_s, QJsonArray::fromStringList(s.rebuiltIndexes) } };
}

QJsonObject renameJson(const RenameCandidate &c)
{
    return QJsonObject { { u"table"_s, c.table }, { u"kind"_s, c.isIndex ? u"index"_s : u"column"_s },
        { u"from"_s, c.from }, { u"to"_s, c.to }, { u"evidence"_s, QJsonArray::fromStringList(c.evidence) },
        { u"applied"_s, c.applied } };
}

} // namespace

SchemaDiffResult SchemaDiff::compare(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
{
    return DiffBuilder(from, to, options).build();
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
        for (const QString &note : s.notes)
            out += u"-- NOTE: "_s + note + u'\n';
        if (s.needsDelimiter())
            out += u"DELIMITER ;;\n"_s + s.sql + u"\n;;\nDELIMITER ;\n"_s;
        else
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
        groups.append(QJsonObject { { u"name"_s, o.name }, { u"type"_s, typeName(o.type) },
            { u"change"_s, changeName(o.change) }, { u"from"_s, o.fromDefinition }, { u"to"_s, o.toDefinition },
            { u"statements"_s, statementsOfObject } });
    }
    QJsonArray renameList;
    for (const RenameCandidate &c : renames)
        renameList.append(renameJson(c));
    QJsonArray rebuilt;
    for (const DiffStatement &s : statements) {
        for (const QString &index : s.rebuiltIndexes)
            rebuilt.append(QJsonObject { { u"table"_s, s.object }, { u"index"_s, index } });
    }
    return QJsonObject { { u"identical"_s, isEmpty() }, { u"dataLoss"_s, canLoseData() }, { u"objects"_s, groups },
        { u"statements"_s, all }, { u"renameCandidates"_s, renameList }, { u"rebuiltIndexes"_s, rebuilt } };
}

} // namespace Schema

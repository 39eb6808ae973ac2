#include "ui/schemacomparison.h"

#include "schema/schemadiff.h"
#include "schema/schemaloader.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

Core::Result<Schema::SchemaModel> load(const QList<Core::TableDdl> &tables)
{
    Schema::SchemaModel model;
    for (const Core::TableDdl &t : tables) {
        if (auto added = Schema::SchemaLoader::addScript(model, t.raw, t.name); !added)
            return added.error();
    }
    return model;
}

QList<TableDiff> compareText(const QList<Core::TableDdl> &from, const QList<Core::TableDdl> &to)
{
    QHash<QString, QString> left;
    for (const Core::TableDdl &t : from)
        left.insert(t.name, t.raw.trimmed());
    QList<TableDiff> result;
    QSet<QString> seen;
    for (const Core::TableDdl &t : to) {
        seen.insert(t.name);
        const QString l = left.value(t.name);
        const QString r = t.raw.trimmed();
        if (l == r)
            continue;
        TableDiff d{t.name, l.isEmpty() ? TableDiff::Change::Added : TableDiff::Change::Changed, l, r, {}, {}, {}};
        result.append(d);
    }
    for (const Core::TableDdl &t : from) {
        if (seen.contains(t.name))
            continue;
        TableDiff d{t.name, TableDiff::Change::Removed, t.raw.trimmed(), {}, {}, {}, {}};
        d.warnings << QCoreApplication::translate("Ui::SchemaComparison", "Drops table %1 and all its rows.").arg(t.name);
        result.append(d);
    }
    std::sort(result.begin(), result.end(), [](const TableDiff &a, const TableDiff &b) { return a.name < b.name; });
    return result;
}

} // namespace

QList<TableDiff> SchemaComparison::compare(const QList<Core::TableDdl> &from, const QList<Core::TableDdl> &to)
{
    const auto left = load(from);
    const auto right = load(to);
    if (!left || !right)
        return compareText(from, to);

    const Schema::SchemaDiffResult diff = Schema::SchemaDiff::compare(left.value(), right.value());
    QList<TableDiff> result;
    for (const Schema::ObjectDiff &object : diff.objects) {
        TableDiff d;
        d.name = object.name;
        d.change = object.change == Schema::ChangeKind::Added     ? TableDiff::Change::Added
                   : object.change == Schema::ChangeKind::Removed ? TableDiff::Change::Removed
                                                                  : TableDiff::Change::Changed;
        d.from = object.fromDefinition.trimmed();
        d.to = object.toDefinition.trimmed();
        for (const Schema::DiffStatement &s : object.statements) {
            d.statements << s.sql + u';';
            d.warnings << s.lossReasons;
        }
        result.append(d);
    }
    return result;
}

} // namespace Ui

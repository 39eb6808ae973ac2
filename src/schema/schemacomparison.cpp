#include "schema/schemacomparison.h"

#include "schema/schemadiff.h"
#include "schema/schemaloader.h"
#include "schema/tablememo.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

Core::Result<Schema::SchemaModel> load(const QList<Core::TableDdl> &tables, TableMemo &memo)
{
    Schema::SchemaModel model;
    for (const Core::TableDdl &t : tables) {
        if (auto added = Schema::SchemaLoader::addScript(model, t.raw, t.name, &memo); !added)
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
        TableDiff d { t.name, l.isEmpty() ? TableDiff::Change::Added : TableDiff::Change::Changed, l, r, {}, {}, {} };
        result.append(d);
    }
    for (const Core::TableDdl &t : from) {
        if (seen.contains(t.name))
            continue;
        TableDiff d { t.name, TableDiff::Change::Removed, t.raw.trimmed(), {}, {}, {}, {} };
        d.warnings
            << QCoreApplication::translate("Schema::SchemaComparison", "Drops table %1 and all its rows.").arg(t.name);
        result.append(d);
    }
    std::sort(result.begin(), result.end(), [](const TableDiff &a, const TableDiff &b) { return a.name < b.name; });
    return result;
}

// "+ added", "- removed", "  same" lines (some diff endpoints answer like this) → (before, after).
std::optional<std::pair<QString, QString>> splitLineDiff(const QString &raw)
{
    const QStringList lines = raw.split(u'\n');
    bool marked = false;
    QStringList before;
    QStringList after;
    for (const QString &line : lines) {
        if (line.isEmpty())
            continue;
        const QChar c = line.front();
        if (c != u'+' && c != u'-' && c != u' ')
            return std::nullopt;
        marked = marked || c != u' ';
        const QString text = line.mid(1);
        if (c != u'+')
            before << text;
        if (c != u'-')
            after << text;
    }
    if (!marked)
        return std::nullopt;
    return std::make_pair(before.join(u'\n').trimmed(), after.join(u'\n').trimmed());
}

} // namespace

QList<TableDiff> SchemaComparison::compare(const QList<Core::TableDdl> &from, const QList<Core::TableDdl> &to)
{
    TableMemo memo;
    const auto left = load(from, memo);
    const auto right = load(to, memo);
    if (!left || !right)
        return compareText(from, to);

    const Schema::SchemaDiffResult diff = Schema::SchemaDiff::compare(left.value(), right.value());
    QList<TableDiff> result;
    for (const Schema::ObjectDiff &object : diff.objects) {
        TableDiff d;
        d.name = object.name;
        d.change = object.change == Schema::ChangeKind::Added ? TableDiff::Change::Added
            : object.change == Schema::ChangeKind::Removed    ? TableDiff::Change::Removed
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

QList<TableDiff> SchemaComparison::forDeployRequest(const QList<Core::TableDdl> &changed,
    const QList<Core::TableDdl> &into, const QList<Core::TableDdl> &head,
    const std::optional<Core::Deployment> &deployment)
{
    QHash<QString, TableDiff> compared;
    for (const TableDiff &d : SchemaComparison::compare(into, head))
        compared.insert(d.name, d);
    QHash<QString, QString> intoDdl;
    for (const Core::TableDdl &t : into)
        intoDdl.insert(t.name, t.raw.trimmed());

    QList<TableDiff> diffs;
    for (const Core::TableDdl &t : changed) {
        if (compared.contains(t.name)) {
            diffs << compared.value(t.name);
            continue;
        }
        // Already deployed (both branches equal now) or the head is gone: show the request's own text,
        // split into both sides when it is a +/- line diff.
        const QString raw = t.raw.trimmed();
        TableDiff d { t.name, TableDiff::Change::Changed, intoDdl.value(t.name), {}, {}, {}, {} };
        if (const auto sides = splitLineDiff(t.raw)) {
            d.from = sides->first;
            d.to = sides->second;
        } else if (raw.startsWith(u"CREATE"_s, Qt::CaseInsensitive)) {
            d.to = raw;
        } else {
            d.to = d.from; // the statement alone (ALTER/DROP): the base already shows its effect
            d.statements << raw;
        }
        if (d.from.isEmpty())
            d.change = TableDiff::Change::Added;
        diffs << d;
    }
    if (changed.isEmpty())
        diffs = SchemaComparison::compare(into, head);

    // Lint errors next to their table; operations that can drop data as warnings.
    QStringList general;
    if (deployment) {
        for (const Core::LintError &lint : deployment->lintErrors) {
            const QString text
                = lint.errorDescription.isEmpty() ? lint.lintError : lint.lintError + u": "_s + lint.errorDescription;
            bool placed = false;
            for (TableDiff &d : diffs) {
                if (!lint.tableName.isEmpty() && d.name == lint.tableName) {
                    d.lintErrors << text;
                    placed = true;
                }
            }
            if (!placed)
                general << text;
        }
        for (const Core::DeployOperation &op : deployment->operations) {
            for (TableDiff &d : diffs) {
                if (op.canDropData && d.name == op.tableName && d.warnings.isEmpty())
                    d.warnings << QCoreApplication::translate(
                        "Schema::SchemaComparison", "this operation can drop data");
            }
        }
    }
    if (!general.isEmpty() && !diffs.isEmpty())
        diffs.first().lintErrors << general;
    return diffs;
}

} // namespace Schema

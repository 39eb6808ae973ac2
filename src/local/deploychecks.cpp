#include "local/deploychecks.h"

#include "local/tableplanner.h"

#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

DeployFinding refusal(const QString &table, const QString &description)
{
    return DeployFinding { u"UNSUPPORTED_CHANGE"_s, table, {}, {}, 0, description };
}

} // namespace

Core::Result<QList<DeployFinding>> DeployChecks::shapeFindings(
    SqlSession &session, const QString &baseSchema, const DeployOperationRecord &op, const DeploySettings &settings)
{
    QList<DeployFinding> out;
    if (auto plan = TablePlanner::deploy(baseSchema, op, settings); !plan)
        out << refusal(op.table, plan.error().message);
    // Other tables' foreign keys follow a renamed table: after the swap they would reference the archive.
    // (Looked up within the schema: a condition on TABLE_SCHEMA lets the server open only that schema's tables.)
    auto children = session.select(
        u"SELECT DISTINCT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = "_s
        + session.quote(baseSchema) + u" AND REFERENCED_TABLE_SCHEMA = "_s + session.quote(baseSchema)
        + u" AND REFERENCED_TABLE_NAME = "_s + session.quote(op.table) + u" AND TABLE_NAME <> "_s
        + session.quote(op.table) + u" ORDER BY TABLE_NAME"_s);
    if (!children)
        return children.error();
    if (!children->rows.isEmpty()) {
        QStringList names;
        for (const QList<QByteArray> &row : children->rows)
            names << QString::fromUtf8(row.value(0)) + u" ("_s + QString::fromUtf8(row.value(1)) + u')';
        out << refusal(op.table,
            u"Table "_s + op.table + u" is referenced by foreign keys of "_s + names.join(u", "_s)
                + u"; swapping it would leave them pointing at the old table. Deploy in steps: drop those foreign"
                  u" keys, deploy this change, then add them back."_s);
    }
    // A user trigger that reads a column the change drops would fail every write after the cutover.
    auto to = TablePlanner::parse(op.newDefinition);
    if (!to)
        return out;
    auto triggers = session.select(u"SELECT TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE"
                                   u" EVENT_OBJECT_SCHEMA = "_s
        + session.quote(baseSchema) + u" AND EVENT_OBJECT_TABLE = "_s + session.quote(op.table)
        + u" AND TRIGGER_NAME NOT LIKE '\\_bd\\_%'"_s);
    if (!triggers)
        return triggers.error();
    static const QRegularExpression reference(
        u"\\b(?:NEW|OLD)\\s*\\.\\s*`?([A-Za-z0-9_$]+)`?"_s, QRegularExpression::CaseInsensitiveOption);
    for (const QList<QByteArray> &row : triggers->rows) {
        const QString body = QString::fromUtf8(row.value(1));
        for (auto it = reference.globalMatch(body); it.hasNext();) {
            const QString column = it.next().captured(1);
            if (!to->column(column)) {
                out << refusal(op.table,
                    u"Table "_s + op.table + u": trigger "_s + QString::fromUtf8(row.value(0)) + u" reads column "_s
                        + column + u", which the change drops; change or drop the trigger first."_s);
                break;
            }
        }
    }
    return out;
}

Core::Result<QList<DeployFinding>> DeployChecks::run(SqlSession &session, const QString &baseSchema,
    const QList<DeployOperationRecord> &operations, const DeploySettings &settings)
{
    QList<DeployFinding> out;
    for (const DeployOperationRecord &op : operations) {
        if (op.isView || op.operation != u"alter"_s)
            continue;
        auto shapes = shapeFindings(session, baseSchema, op, settings);
        if (!shapes)
            return shapes.error();
        out << *shapes;
        auto from = TablePlanner::parse(op.oldDefinition);
        auto to = TablePlanner::parse(op.newDefinition);
        if (!from || !to) {
            out << refusal(op.table, u"Table "_s + op.table + u": "_s + (!from ? from : to).error().toString());
            continue;
        }
        auto data = DataCheck::run(session, baseSchema, *from, *to);
        if (!data)
            return data.error();
        out << *data;
    }
    return out;
}

QJsonArray DeployChecks::toJson(const QList<DeployFinding> &findings, const QString &keyspace)
{
    QJsonArray items;
    for (const DeployFinding &f : findings) {
        QJsonObject item { { u"lint_error"_s, f.code }, { u"subject_type"_s, u"table"_s },
            { u"keyspace_name"_s, keyspace }, { u"table_name"_s, f.table }, { u"error_description"_s, f.description },
            { u"docs_url"_s, QString() }, { u"column_name"_s, f.column },
            { u"foreign_key_column_names"_s, QJsonArray() }, { u"auto_increment_column_names"_s, QJsonArray() },
            { u"charset_name"_s, QString() }, { u"engine_name"_s, QString() }, { u"vindex_name"_s, QString() },
            { u"json_path"_s, QString() },
            { u"check_constraint_name"_s, f.code == u"CHECK_CONSTRAINT_VIOLATED"_s ? f.constraint : QString() },
            { u"enum_value"_s, QString() }, { u"partitioning_type"_s, QString() }, { u"partition_name"_s, QString() },
            // Not in the official API: how many rows the change would reject, drop or alter.
            { u"offending_rows"_s, f.rows } };
        items.append(item);
    }
    return items;
}

QString DeployChecks::summary(const QList<DeployFinding> &findings)
{
    QStringList sentences;
    for (const DeployFinding &f : findings)
        sentences << f.description;
    return sentences.join(u' ');
}

} // namespace Local

#include "local/deployplanner.h"

#include "local/jsonviews.h"
#include "local/naming.h"
#include "local/schemareader.h"
#include "schema/schemadiff.h"
#include "schema/schemalinter.h"
#include "schema/tablememo.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Local {

Core::Result<void> DeployPlanner::writeOperations(MetaStore &meta, const QString &requestId, const QString &keyspace,
    const QString &fromSchema, const QString &toSchema, bool *empty)
{
    SqlSession &s = meta.session();
    Schema::TableMemo memo;
    auto from = SchemaReader::model(s, fromSchema, &memo);
    if (!from)
        return from.error();
    auto to = SchemaReader::model(s, toSchema, &memo);
    if (!to)
        return to.error();
    const Schema::SchemaDiffResult diff = Schema::SchemaDiff::compare(*from, *to);
    *empty = diff.isEmpty();
    // Lint only what the deploy request changes: findings on untouched tables are the branch's, not its.
    QStringList changed;
    for (const Schema::ObjectDiff &object : diff.objects) {
        if (!object.isView && object.change != Schema::ChangeKind::Removed)
            changed << object.name;
    }
    const QList<Core::LintError> lint
        = changed.isEmpty() ? QList<Core::LintError>() : Schema::SchemaLinter::lint(*to, keyspace, changed);
    const QString lintJson
        = QString::fromUtf8(QJsonDocument(JsonViews::lintErrors(lint)).toJson(QJsonDocument::Compact));
    const QString ops = meta.table(u"deploy_operations"_s);
    return s.transaction([&]() -> Core::Result<void> {
        if (auto done = s.exec(u"DELETE FROM "_s + ops + u" WHERE deploy_request_id = "_s + s.quote(requestId)); !done)
            return done;
        int position = 0;
        for (const Schema::ObjectDiff &object : diff.objects) {
            QStringList statements;
            bool loses = false;
            for (const Schema::DiffStatement &statement : object.statements) {
                statements << statement.sql + u';';
                loses = loses || statement.canLoseData();
            }
            const QString name = object.change == Schema::ChangeKind::Added ? u"create"_s
                : object.change == Schema::ChangeKind::Removed              ? u"drop"_s
                                                                            : u"alter"_s;
            const auto text = [&](const QString &t) { return t.isEmpty() ? u"NULL"_s : s.quote(t); };
            if (auto done = s.exec(u"INSERT INTO "_s + ops
                    + u" (id, deploy_request_id, position, table_name, is_view, operation_name,"
                      u" ddl_statement, old_definition, new_definition, can_drop_data, state, progress,"
                      u" created_at, updated_at) VALUES ("_s
                    + s.quote(Naming::randomId()) + u", "_s + s.quote(requestId) + u", "_s + QString::number(position++)
                    + u", "_s + s.quote(object.name) + u", "_s + (object.isView ? u"1"_s : u"0"_s) + u", "_s
                    + s.quote(name) + u", "_s + s.quote(statements.join(u'\n')) + u", "_s + text(object.fromDefinition)
                    + u", "_s + text(object.toDefinition) + u", "_s + (loses ? u"1"_s : u"0"_s)
                    + u", 'pending', 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"_s);
                !done)
                return done;
        }
        return s.exec(u"REPLACE INTO "_s + meta.table(u"deploy_lint"_s)
            + u" (deploy_request_id, lint_errors) VALUES ("_s + s.quote(requestId) + u", "_s + s.quote(lintJson)
            + u')');
    });
}

} // namespace Local

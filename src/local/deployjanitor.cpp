#include "local/deployjanitor.h"

#include "local/liveddl.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

using S = Core::DeploymentState;

} // namespace

bool DeployJanitor::needed(const QString &suffix, Core::DeploymentState state)
{
    if (suffix == u"n"_s)
        return state == S::Submitting || state == S::InProgress || state == S::PendingCutover
            || state == S::InProgressCutover || state == S::InProgressCancel;
    if (suffix == u"o"_s || suffix == u"h"_s)
        return state == S::InProgressCutover || state == S::CompletePendingRevert || state == S::InProgressRevert;
    if (suffix == u"r"_s || suffix == u"x"_s)
        return state == S::InProgressRevert;
    return false;
}

Core::Result<int> DeployJanitor::sweep()
{
    SqlSession &s = m_c.session();
    // Every deployment object in the schemas deploy requests deploy into, with the state of the request it
    // belongs to (if any). One schema at a time: the server then opens only that schema's tables.
    const QString ops = m_c.meta().table(u"deploy_operations"_s);
    const QString requests = m_c.meta().table(u"deploy_requests"_s);
    auto schemas = s.select(u"SELECT DISTINCT b.schema_name FROM "_s + requests + u" AS r JOIN "_s
        + m_c.meta().table(u"branches"_s) + u" AS b ON b.database_name = r.database_name AND b.name = r.into_branch"_s);
    if (!schemas)
        return schemas.error();
    Sql::QueryResult found;
    for (const QList<QByteArray> &schemaRow : schemas->rows) {
        const QString schema = s.quote(QString::fromUtf8(schemaRow.value(0)));
        auto objects = s.select(u"SELECT o.kind, o.schema_name, o.name, r.deployment_state FROM ("
                                u"SELECT 'table' AS kind, TABLE_SCHEMA AS schema_name, TABLE_NAME AS name FROM"
                                u" information_schema.TABLES WHERE TABLE_SCHEMA = "_s
            + schema
            + u" AND TABLE_NAME LIKE '\\_bd\\_%' UNION ALL SELECT 'trigger', EVENT_OBJECT_SCHEMA, TRIGGER_NAME FROM"
              u" information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = "_s
            + schema + u" AND TRIGGER_NAME LIKE '\\_bd\\_%') AS o LEFT JOIN "_s + ops
            + u" AS op ON op.id = SUBSTRING_INDEX(SUBSTRING(o.name, 5), '_', 1) LEFT JOIN "_s + requests
            + u" AS r ON r.id = op.deploy_request_id ORDER BY o.kind DESC"_s);
        if (!objects)
            return objects.error();
        found.rows << objects->rows;
    }
    static const QRegularExpression name(u"^_bd_[a-z0-9]+_([a-z])[0-9]*(?:_t[iud])?$"_s);
    int dropped = 0;
    for (const QList<QByteArray> &row : std::as_const(found.rows)) {
        const QString kind = QString::fromUtf8(row.value(0));
        const QString schema = QString::fromUtf8(row.value(1));
        const QString object = QString::fromUtf8(row.value(2));
        const QRegularExpressionMatch match = name.match(object);
        const QString suffix = match.hasMatch() ? match.captured(1) : QString();
        // A shadow's trigger lives as long as its shadow; a temporary foreign key name or key index is
        // never a table of its own.
        const S state
            = row.value(3).isNull() ? S::Unknown : Core::deploymentStateFromString(QString::fromUtf8(row.value(3)));
        if (needed(suffix, state))
            continue;
        const QString qualified = SqlSession::ident(schema) + u'.' + SqlSession::ident(object);
        auto done = kind == u"trigger"_s
            ? LiveDdl::run(s, u"DROP TRIGGER IF EXISTS "_s + qualified, m_c.settings().ddlBudgetMs)
            : LiveDdl::run(s, u"DROP TABLE IF EXISTS "_s + qualified, m_c.settings().ddlBudgetMs);
        if (!done)
            return done.error();
        ++dropped;
    }
    return dropped;
}

} // namespace Local

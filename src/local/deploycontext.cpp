#include "local/deploycontext.h"

#include "local/naming.h"
#include "local/schemareader.h"

#include <QDebug>

using namespace Qt::StringLiterals;

namespace Local {

Core::Result<bool> DeployContext::moveState(
    const DeployRequestRecord &request, Core::DeploymentState from, Core::DeploymentState to, const QString &extra)
{
    auto done = m_session.exec(u"UPDATE "_s + m_meta.table(u"deploy_requests"_s) + u" SET deployment_state = "_s
        + m_session.quote(Core::deploymentStateName(to)) + (extra.isEmpty() ? QString() : u", "_s + extra)
        + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + m_session.quote(request.id) + u" AND deployment_state = "_s
        + m_session.quote(Core::deploymentStateName(from)));
    if (!done)
        return done.error();
    return m_session.affectedRows() == 1;
}

Core::Result<void> DeployContext::fail(
    const DeployRequestRecord &request, Core::DeploymentState from, const Core::Error &error, Core::DeploymentState to)
{
    // Waiting for a lock another session holds is not an end: the request stays where it is and the worker
    // takes it up again in its next round (see DeployWorker::pump).
    if (isBusy(error))
        return error;
    // The statement that failed goes to the log only (the request keeps the sentence a user can act on).
    qWarning().noquote() << u"Deploy request"_s << request.id << u"failed:"_s << error.toString();
    auto moved = moveState(request, from, to,
        u"deploy_errors = "_s + m_session.quote(error.message) + u", finished_at = UTC_TIMESTAMP(3)"_s);
    if (!moved)
        return moved.error();
    return {};
}

bool DeployContext::isBusy(const Core::Error &error)
{
    return error.code == u"lock_busy"_s;
}

Core::DeploymentState DeployContext::currentState(const DeployRequestRecord &request)
{
    auto state = m_session.scalar(u"SELECT deployment_state FROM "_s + m_meta.table(u"deploy_requests"_s)
        + u" WHERE id = "_s + m_session.quote(request.id));
    return state ? Core::deploymentStateFromString(*state) : Core::DeploymentState::Unknown;
}

Core::Result<void> DeployContext::setOperation(const QString &id, const QString &assignments)
{
    return m_session.exec(u"UPDATE "_s + m_meta.table(u"deploy_operations"_s) + u" SET "_s + assignments
        + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + m_session.quote(id));
}

Core::Result<QString> DeployContext::schemaOf(const QString &database, const QString &branch)
{
    auto row = m_meta.branch(database, branch);
    if (!row)
        return row.error();
    if (!*row)
        return Core::makeError(u"not_found"_s, u"Branch "_s + branch + u" no longer exists."_s);
    return (*row)->value(u"schema_name"_s);
}

Core::Result<void> DeployContext::execIn(const QString &schema, const QString &sql)
{
    if (auto used = m_session.use(schema); !used)
        return used;
    auto done = m_session.exec(sql);
    (void)m_session.use(Naming::metaSchema());
    return done;
}

bool DeployContext::tableExists(const QString &schema, const QString &table)
{
    auto n = m_session.scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "_s
        + m_session.quote(schema) + u" AND TABLE_NAME = "_s + m_session.quote(table));
    return n && *n == u"1"_s;
}

Core::Result<void> DeployContext::createView(const QString &schema, const QString &definition)
{
    return execIn(schema, SchemaReader::portableView(definition));
}

void DeployContext::touchSchema(const QString &schema)
{
    (void)m_session.exec(u"UPDATE "_s + m_meta.table(u"branches"_s)
        + u" SET schema_last_updated_at = UTC_TIMESTAMP(3) WHERE schema_name = "_s + m_session.quote(schema));
}

} // namespace Local

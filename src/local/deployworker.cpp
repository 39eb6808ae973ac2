#include "local/deployworker.h"

#include "local/accounts.h"
#include "local/deployplanner.h"
#include "local/naming.h"
#include "local/onlinecopy.h"
#include "local/tabledefinition.h"
#include "schema/schemaloader.h"
#include "sql/mysqllibrary.h"

#include <QThread>

#include <mysql.h>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

const QString activeStates
    = u"('submitting', 'in_progress', 'pending_cutover', 'in_progress_cutover', 'complete_pending_revert',"
      u" 'in_progress_revert', 'in_progress_cancel')"_s;

QString internalName(const Row &op, const QString &suffix)
{
    return u"_bd_"_s + op.value(u"id"_s) + u'_' + suffix;
}

CopyPlan basicPlan(const QString &schema, const QString &source, const QString &shadow)
{
    CopyPlan plan;
    plan.schema = schema;
    plan.source = source;
    plan.shadow = shadow;
    plan.triggerPrefix = shadow;
    return plan;
}

} // namespace

DeployWorker::DeployWorker(Sql::ConnectionOptions options, DeploySettings settings)
    : m_options(std::move(options))
    , m_settings(settings)
{ }

DeployWorker::~DeployWorker() = default;

void DeployWorker::start()
{
    mysql_thread_init();
    auto session = SqlSession::open(m_options);
    if (!session) {
        Q_EMIT failed(session.error().toString());
        return;
    }
    m_session = std::move(session).value();
    m_meta = std::make_unique<MetaStore>(*m_session);
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &DeployWorker::pump);
    m_timer->start();
    pump();
}

void DeployWorker::stop()
{
    if (m_timer)
        m_timer->stop();
    m_meta.reset();
    m_session.reset();
    mysql_thread_end();
}

void DeployWorker::pump()
{
    if (!m_session || m_pumping)
        return;
    // One worker per server: several sandboxes may share one server (tests, a second launch). The metadata
    // drives everything, so the worker that holds the lock moves every request on; the others wait for it.
    if (!m_ownsLock) {
        auto lock = m_session->queryRow(u"SELECT GET_LOCK('branchdeck_sandbox.deployer', 0) AS l"_s);
        if (!lock || lock->value(u"l"_s) != u"1"_s)
            return;
        m_ownsLock = true;
        if (auto done = recover(); !done)
            Q_EMIT failed(done.error().toString());
    }
    m_pumping = true;
    for (int i = 0; i < 100 && !m_stopping.load(); ++i) {
        auto did = step();
        if (!did) {
            Q_EMIT failed(did.error().toString());
            break;
        }
        if (!*did)
            break;
    }
    m_pumping = false;
    Q_EMIT pumped();
}

Core::Result<bool> DeployWorker::step()
{
    const QString table = m_meta->table(u"deploy_requests"_s);
    const QStringList queries = {
        u"SELECT * FROM "_s + table + u" WHERE deployment_state = 'in_progress_cancel' LIMIT 1"_s,
        u"SELECT * FROM "_s + table + u" WHERE deployment_state = 'in_progress_cutover' LIMIT 1"_s,
        u"SELECT * FROM "_s + table + u" WHERE deployment_state = 'in_progress_revert' LIMIT 1"_s,
        u"SELECT * FROM "_s + table
            + u" WHERE revert_expires_at IS NOT NULL AND (deployment_state <> "
              u"'complete_pending_revert' OR revert_expires_at <= UTC_TIMESTAMP(3)) LIMIT 1"_s,
        u"SELECT * FROM "_s + table + u" AS r WHERE deployment_state = 'queued' AND NOT EXISTS (SELECT 1 FROM "_s
            + table
            + u" AS o WHERE o.database_name = r.database_name AND o.into_branch = r.into_branch AND"
              u" o.deployment_state IN "_s
            + activeStates + u") ORDER BY queued_at, number LIMIT 1"_s,
    };
    for (int kind = 0; kind < queries.size(); ++kind) {
        auto row = m_session->queryRow(queries[kind]);
        if (!row)
            return row.error();
        if (row->isEmpty())
            continue;
        Core::Result<void> done;
        switch (kind) {
        case 0:
            done = cleanupCancelled(*row, u"complete_cancel"_s);
            break;
        case 1:
            done = cutover(*row);
            break;
        case 2:
            done = revert(*row);
            break;
        case 3:
            done = finalize(*row,
                row->value(u"deployment_state"_s) == u"complete_pending_revert"_s ? u"complete"_s
                                                                                  : row->value(u"deployment_state"_s));
            break;
        default:
            done = deploy(*row);
            break;
        }
        if (!done)
            return done.error();
        return true;
    }
    return false;
}

Core::Result<void> DeployWorker::recover()
{
    // A deployment interrupted while copying starts over: its shadows are incomplete.
    auto rows = m_session->query(u"SELECT * FROM "_s + m_meta->table(u"deploy_requests"_s)
        + u" WHERE deployment_state IN ('submitting', 'in_progress')"_s);
    if (!rows)
        return rows.error();
    for (const Row &request : *rows) {
        if (auto done = cleanupCancelled(request, u"queued"_s); !done)
            return done;
    }
    return {};
}

Core::Result<QString> DeployWorker::schemaOf(const QString &database, const QString &branch)
{
    auto row = m_meta->branch(database, branch);
    if (!row)
        return row.error();
    if (!*row)
        return Core::makeError(u"not_found"_s, u"Branch "_s + branch + u" no longer exists."_s);
    return (*row)->value(u"schema_name"_s);
}

Core::Result<QList<Row>> DeployWorker::operations(const Row &request)
{
    return m_session->query(u"SELECT * FROM "_s + m_meta->table(u"deploy_operations"_s)
        + u" WHERE deploy_request_id = "_s + m_session->quote(request.value(u"id"_s)) + u" ORDER BY position"_s);
}

Core::Result<Row> DeployWorker::reload(const Row &request)
{
    return m_session->queryRow(u"SELECT * FROM "_s + m_meta->table(u"deploy_requests"_s) + u" WHERE id = "_s
        + m_session->quote(request.value(u"id"_s)));
}

bool DeployWorker::tableExists(const QString &schema, const QString &table)
{
    auto row = m_session->queryRow(u"SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = "_s
        + m_session->quote(schema) + u" AND TABLE_NAME = "_s + m_session->quote(table));
    return row && row->value(u"n"_s) == u"1"_s;
}

bool DeployWorker::cancelRequested(const Row &request)
{
    auto row = reload(request);
    return row && row->value(u"deployment_state"_s) == u"in_progress_cancel"_s;
}

Core::Result<void> DeployWorker::setState(const Row &request, const QString &state, const QString &extra)
{
    return m_session->exec(u"UPDATE "_s + m_meta->table(u"deploy_requests"_s) + u" SET deployment_state = "_s
        + m_session->quote(state) + (extra.isEmpty() ? QString() : u", "_s + extra)
        + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + m_session->quote(request.value(u"id"_s)));
}

Core::Result<void> DeployWorker::setOperation(const QString &id, const QString &assignments)
{
    return m_session->exec(u"UPDATE "_s + m_meta->table(u"deploy_operations"_s) + u" SET "_s + assignments
        + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + m_session->quote(id));
}

Core::Result<void> DeployWorker::execIn(const QString &schema, const QString &sql)
{
    if (auto used = m_session->exec(u"USE "_s + SqlSession::ident(schema)); !used)
        return used;
    auto done = m_session->exec(sql);
    (void)m_session->exec(u"USE "_s + SqlSession::ident(Naming::metaSchema()));
    return done;
}

Core::Result<void> DeployWorker::deploy(const Row &request)
{
    const QString db = request.value(u"database_name"_s);
    auto base = schemaOf(db, request.value(u"into_branch"_s));
    auto head = schemaOf(db, request.value(u"branch"_s));
    if (!base || !head)
        return setState(request, u"complete_error"_s,
            u"deploy_errors = "_s + m_session->quote((!base ? base.error() : head.error()).message));
    if (auto done = setState(request, u"submitting"_s, u"submitted_at = UTC_TIMESTAMP(3)"_s); !done)
        return done;
    bool empty = false;
    if (auto done = DeployPlanner::writeOperations(*m_meta, request.value(u"id"_s), db, *base, *head, &empty); !done)
        return setState(
            request, u"complete_error"_s, u"deploy_errors = "_s + m_session->quote(done.error().toString()));
    if (empty)
        return setState(request, u"no_changes"_s);
    if (auto done = setState(request, u"in_progress"_s, u"started_at = UTC_TIMESTAMP(3)"_s); !done)
        return done;
    auto ops = operations(request);
    if (!ops)
        return ops.error();
    if (request.value(u"instant_ddl"_s) == u"1"_s)
        return deployInstant(request, *base, *ops);
    for (const Row &op : *ops) {
        if (op.value(u"is_view"_s) == u"1"_s || op.value(u"operation_name"_s) != u"alter"_s) {
            (void)setOperation(op.value(u"id"_s), u"state = 'queued'"_s);
            continue;
        }
        const QString table = op.value(u"table_name"_s);
        auto oldTable = TableDefinition::parse(op.value(u"old_definition"_s));
        auto newTable = TableDefinition::parse(op.value(u"new_definition"_s));
        QString problem;
        if (!oldTable || !newTable)
            problem = (!oldTable ? oldTable.error() : newTable.error()).toString();
        else if (TableDefinition::primaryKey(*oldTable).isEmpty()
            || TableDefinition::primaryKey(*oldTable) != TableDefinition::primaryKey(*newTable))
            problem = u"Table "_s + table
                + u" needs the same primary key before and after the change for an online deploy."_s;
        else if (!oldTable->foreignKeys.isEmpty() || !newTable->foreignKeys.isEmpty())
            problem = u"Table "_s + table
                + u" has foreign keys; the sandbox deploys such tables only by creating or dropping them."_s;
        const QString shadowSql
            = TableDefinition::renamed(op.value(u"new_definition"_s), table, internalName(op, u"n"_s));
        if (problem.isEmpty() && shadowSql.isEmpty())
            problem = u"Unexpected definition of table "_s + table;
        CopyPlan plan { *base, table, internalName(op, u"n"_s), internalName(op, u"n"_s), {}, {}, {}, {},
            m_settings.chunkRows, m_settings.throttleMs };
        if (problem.isEmpty()) {
            plan.key = TableDefinition::primaryKey(*oldTable);
            for (const Schema::Column &column : newTable->columns)
                if (TableDefinition::copyable(&column) && TableDefinition::copyable(oldTable->column(column.name)))
                    plan.columns << column.name;
        }
        OnlineCopy copy(*m_session, plan);
        Core::Result<void> done = problem.isEmpty() ? execIn(*base, shadowSql)
                                                    : Core::Result<void>(Core::makeError(u"unsupported"_s, problem));
        if (done)
            done = copy.installTriggers();
        if (done)
            (void)setOperation(op.value(u"id"_s), u"state = 'in_progress', progress = 0"_s);
        if (done)
            done = copy.copy([&](const CopyProgress &p) {
                const double percent = p.total > 0 ? 100.0 * double(p.copied) / double(p.total) : 100.0;
                (void)setOperation(op.value(u"id"_s),
                    u"rows_total = "_s + QString::number(p.total) + u", rows_copied = "_s + QString::number(p.copied)
                        + u", progress = "_s + QString::number(percent, 'f', 2) + u", eta_seconds = "_s
                        + QString::number(p.etaSeconds, 'f', 1));
                return !m_stopping.load() && !cancelRequested(request);
            });
        if (!done) {
            if (done.error().code == u"cancelled"_s && m_stopping.load())
                return {}; // shutting down: the next start finds it in_progress and starts it over
            if (done.error().code == u"cancelled"_s)
                return cleanupCancelled(request, u"complete_cancel"_s);
            (void)cleanupCancelled(request, u"complete_error"_s); // drops every shadow and trigger made so far
            (void)setOperation(
                op.value(u"id"_s), u"state = 'error', deploy_errors = "_s + m_session->quote(done.error().toString()));
            return setState(
                request, u"complete_error"_s, u"deploy_errors = "_s + m_session->quote(done.error().toString()));
        }
        (void)setOperation(op.value(u"id"_s), u"progress = 100, eta_seconds = 0"_s);
    }
    auto current = reload(request);
    if (!current)
        return current.error();
    if (current->value(u"deployment_state"_s) != u"in_progress"_s)
        return {}; // cancelled meanwhile: the next step cleans up
    if (current->value(u"auto_cutover"_s) == u"1"_s) {
        if (auto done = setState(request, u"in_progress_cutover"_s, u"ready_to_cutover_at = UTC_TIMESTAMP(3)"_s); !done)
            return done;
        return cutover(*current);
    }
    return setState(request, u"pending_cutover"_s, u"ready_to_cutover_at = UTC_TIMESTAMP(3)"_s);
}

Core::Result<void> DeployWorker::deployInstant(const Row &request, const QString &base, const QList<Row> &ops)
{
    for (const Row &op : ops) {
        Core::Result<void> done;
        if (op.value(u"operation_name"_s) != u"alter"_s || op.value(u"is_view"_s) == u"1"_s)
            done = Core::makeError(u"not_instant"_s, u"Only column changes can be deployed with instant DDL."_s,
                op.value(u"table_name"_s));
        const QString ddl = op.value(u"ddl_statement"_s);
        for (const Schema::SchemaLoader::Statement &statement : Schema::SchemaLoader::split(ddl)) {
            if (!done)
                break;
            QString sql = statement.text.trimmed().toString();
            if (sql.endsWith(u';'))
                sql.chop(1);
            // The server refuses what it cannot do instantly instead of copying the table.
            done = execIn(base, sql + u", ALGORITHM=INSTANT"_s);
        }
        if (!done) {
            (void)setOperation(
                op.value(u"id"_s), u"state = 'error', deploy_errors = "_s + m_session->quote(done.error().toString()));
            return setState(
                request, u"complete_error"_s, u"deploy_errors = "_s + m_session->quote(done.error().toString()));
        }
        (void)setOperation(op.value(u"id"_s), u"state = 'complete', progress = 100, eta_seconds = 0"_s);
    }
    (void)m_session->exec(u"UPDATE "_s + m_meta->table(u"branches"_s)
        + u" SET schema_last_updated_at = UTC_TIMESTAMP(3) WHERE schema_name = "_s + m_session->quote(base));
    deleteHeadIfAsked(request);
    // Changed in place: nothing to revert to.
    return setState(request, u"complete"_s,
        u"cutover_at = UTC_TIMESTAMP(3), deployed_at = UTC_TIMESTAMP(3), finished_at = UTC_TIMESTAMP(3)"_s);
}

void DeployWorker::deleteHeadIfAsked(const Row &request)
{
    if (request.value(u"auto_delete_branch"_s) != u"1"_s)
        return;
    // The head branch has served its purpose; its schema and passwords go (as on PlanetScale).
    auto head = m_meta->branch(request.value(u"database_name"_s), request.value(u"branch"_s));
    if (head && *head)
        (void)Accounts(*m_meta).dropBranch(**head);
}

Core::Result<void> DeployWorker::cutover(const Row &request)
{
    auto base = schemaOf(request.value(u"database_name"_s), request.value(u"into_branch"_s));
    if (!base)
        return setState(request, u"complete_error"_s, u"deploy_errors = "_s + m_session->quote(base.error().message));
    auto ops = operations(request);
    if (!ops)
        return ops.error();
    const auto q = [&](const QString &t) -> QString { return SqlSession::ident(*base) + u'.' + SqlSession::ident(t); };
    Core::Result<void> done;
    for (int pass = 0; pass < 2 && done; ++pass) { // tables, then views (they may select from new tables)
        for (const Row &op : *ops) {
            if ((op.value(u"is_view"_s) == u"1"_s) != (pass == 1) || op.value(u"state"_s) == u"complete"_s)
                continue;
            const QString table = op.value(u"table_name"_s);
            const QString name = op.value(u"operation_name"_s);
            if (pass == 1) {
                done = m_session->exec(u"DROP VIEW IF EXISTS "_s + q(table));
                if (done && name != u"drop"_s)
                    done = execIn(*base, op.value(u"new_definition"_s));
            } else if (name == u"create"_s) {
                done = execIn(*base, op.value(u"new_definition"_s));
            } else if (name == u"drop"_s) {
                done = m_session->exec(u"RENAME TABLE "_s + q(table) + u" TO "_s + q(internalName(op, u"h"_s)));
            } else {
                OnlineCopy copy(*m_session, basicPlan(*base, table, internalName(op, u"n"_s)));
                done = copy.swap(internalName(op, u"o"_s));
            }
            if (!done)
                break;
            (void)setOperation(op.value(u"id"_s), u"state = 'complete', progress = 100, eta_seconds = 0"_s);
        }
    }
    if (!done)
        return setState(
            request, u"complete_error"_s, u"deploy_errors = "_s + m_session->quote(done.error().toString()));
    (void)m_session->exec(u"UPDATE "_s + m_meta->table(u"branches"_s)
        + u" SET schema_last_updated_at = UTC_TIMESTAMP(3) WHERE schema_name = "_s + m_session->quote(*base));
    deleteHeadIfAsked(request);
    return setState(request, u"complete_pending_revert"_s,
        u"cutover_at = UTC_TIMESTAMP(3), deployed_at = UTC_TIMESTAMP(3), finished_at = UTC_TIMESTAMP(3),"
        u" revert_expires_at = UTC_TIMESTAMP(3) + INTERVAL COALESCE(revert_window_seconds, "_s
            + QString::number(m_settings.revertWindowSeconds) + u") SECOND"_s);
}

Core::Result<void> DeployWorker::revert(const Row &request)
{
    auto base = schemaOf(request.value(u"database_name"_s), request.value(u"into_branch"_s));
    if (!base)
        return setState(
            request, u"complete_revert_error"_s, u"deploy_errors = "_s + m_session->quote(base.error().message));
    auto ops = operations(request);
    if (!ops)
        return ops.error();
    const auto q = [&](const QString &t) -> QString { return SqlSession::ident(*base) + u'.' + SqlSession::ident(t); };
    Core::Result<void> done;
    for (qsizetype i = ops->size() - 1; i >= 0 && done; --i) {
        const Row &op = ops->at(i);
        const QString table = op.value(u"table_name"_s);
        const QString name = op.value(u"operation_name"_s);
        if (op.value(u"is_view"_s) == u"1"_s) {
            done = m_session->exec(u"DROP VIEW IF EXISTS "_s + q(table));
            if (done && name != u"create"_s)
                done = execIn(*base, op.value(u"old_definition"_s));
        } else if (name == u"create"_s) {
            done = m_session->exec(u"DROP TABLE IF EXISTS "_s + q(table));
        } else if (name == u"drop"_s) {
            // Steps are idempotent: an interrupted revert is simply run again.
            if (tableExists(*base, internalName(op, u"h"_s)))
                done = m_session->exec(u"RENAME TABLE "_s + q(internalName(op, u"h"_s)) + u" TO "_s + q(table));
        } else if (!tableExists(*base, internalName(op, u"o"_s))) {
            continue; // already reverted
        } else {
            // The live table (new shape, with every row written since the deploy) is copied back into the old
            // shape; values of columns the deploy dropped come from the archived pre-deploy table.
            auto oldTable = TableDefinition::parse(op.value(u"old_definition"_s));
            auto newTable = TableDefinition::parse(op.value(u"new_definition"_s));
            if (!oldTable || !newTable) {
                done = !oldTable ? oldTable.error() : newTable.error();
                break;
            }
            CopyPlan plan { *base, table, internalName(op, u"r"_s), internalName(op, u"r"_s), {},
                TableDefinition::primaryKey(*oldTable), internalName(op, u"o"_s), {}, m_settings.chunkRows,
                m_settings.throttleMs };
            for (const Schema::Column &column : oldTable->columns) {
                if (!TableDefinition::copyable(&column))
                    continue;
                if (TableDefinition::copyable(newTable->column(column.name)))
                    plan.columns << column.name;
                else if (!newTable->column(column.name))
                    plan.fillColumns << column.name;
            }
            OnlineCopy copy(*m_session, plan);
            copy.abandon(); // leftovers of an interrupted revert
            done = execIn(*base, TableDefinition::renamed(op.value(u"old_definition"_s), table, plan.shadow));
            if (done)
                done = copy.installTriggers();
            if (done)
                done = copy.copy([&](const CopyProgress &p) {
                    const double percent = p.total > 0 ? 100.0 * double(p.copied) / double(p.total) : 100.0;
                    (void)setOperation(op.value(u"id"_s),
                        u"progress = "_s + QString::number(percent, 'f', 2) + u", eta_seconds = "_s
                            + QString::number(p.etaSeconds, 'f', 1));
                    return !m_stopping.load();
                });
            if (!done && m_stopping.load())
                return {}; // shutting down: in_progress_revert is resumed at the next start
            if (done)
                done = copy.swap(internalName(op, u"x"_s));
            if (!done) {
                copy.abandon();
                break;
            }
            (void)m_session->exec(
                u"DROP TABLE IF EXISTS "_s + q(internalName(op, u"x"_s)) + u", "_s + q(internalName(op, u"o"_s)));
        }
    }
    if (!done)
        return setState(
            request, u"complete_revert_error"_s, u"deploy_errors = "_s + m_session->quote(done.error().toString()));
    (void)m_session->exec(u"UPDATE "_s + m_meta->table(u"branches"_s)
        + u" SET schema_last_updated_at = UTC_TIMESTAMP(3) WHERE schema_name = "_s + m_session->quote(*base));
    return setState(request, u"complete_revert"_s, u"finished_at = UTC_TIMESTAMP(3), revert_expires_at = NULL"_s);
}

Core::Result<void> DeployWorker::finalize(const Row &request, const QString &state)
{
    auto base = schemaOf(request.value(u"database_name"_s), request.value(u"into_branch"_s));
    auto ops = operations(request);
    if (!ops)
        return ops.error();
    if (base) {
        for (const Row &op : *ops) {
            for (const QString &suffix : { u"o"_s, u"h"_s })
                (void)m_session->exec(u"DROP TABLE IF EXISTS "_s + SqlSession::ident(*base) + u'.'
                    + SqlSession::ident(internalName(op, suffix)));
        }
    }
    return setState(request, state, u"revert_expires_at = NULL"_s);
}

Core::Result<void> DeployWorker::cleanupCancelled(const Row &request, const QString &finalState)
{
    auto base = schemaOf(request.value(u"database_name"_s), request.value(u"into_branch"_s));
    auto ops = operations(request);
    if (!ops)
        return ops.error();
    for (const Row &op : *ops) {
        if (base) {
            OnlineCopy copy(*m_session, basicPlan(*base, op.value(u"table_name"_s), internalName(op, u"n"_s)));
            copy.abandon();
        }
        (void)setOperation(op.value(u"id"_s),
            finalState == u"queued"_s ? u"state = 'pending', progress = 0"_s : u"state = 'cancelled'"_s);
    }
    return setState(request, finalState);
}

} // namespace Local

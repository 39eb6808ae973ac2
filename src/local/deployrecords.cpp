#include "local/deployrecords.h"

namespace Local {

namespace {

// Reads one row's cells by column indexes resolved once for the whole result.
class Cells
{
public:
    explicit Cells(const Sql::QueryResult &result)
        : m_result(result)
    { }
    int index(const char *name) const { return m_result.column(QByteArrayView(name)); }
    void select(qsizetype row) { m_row = &m_result.rows.at(row); }
    QByteArray raw(int column) const { return column < 0 ? QByteArray() : m_row->at(column); }
    QString text(int column) const
    {
        const QByteArray cell = raw(column);
        return cell.isNull() ? QString() : QString::fromUtf8(cell);
    }
    qint64 integer(int column) const { return raw(column).toLongLong(); }
    bool flag(int column) const { return raw(column) == "1"; }
    std::optional<qint64> optionalInteger(int column) const
    {
        const QByteArray cell = raw(column);
        return cell.isNull() ? std::nullopt : std::optional<qint64>(cell.toLongLong());
    }
    std::optional<double> optionalNumber(int column) const
    {
        const QByteArray cell = raw(column);
        return cell.isNull() ? std::nullopt : std::optional<double>(cell.toDouble());
    }

private:
    const Sql::QueryResult &m_result;
    const QList<QByteArray> *m_row = nullptr;
};

} // namespace

QList<DeployRequestRecord> DeployRequestRecord::from(const Sql::QueryResult &result)
{
    Cells c(result);
    const int id = c.index("id"), deploymentId = c.index("deployment_id"), database = c.index("database_name"),
              number = c.index("number"), branch = c.index("branch"), branchId = c.index("branch_id"),
              into = c.index("into_branch"), notes = c.index("notes"), state = c.index("state"),
              deploymentState = c.index("deployment_state"), approved = c.index("approved"),
              autoCutover = c.index("auto_cutover"), autoDelete = c.index("auto_delete_branch"),
              instant = c.index("instant_ddl"), window = c.index("revert_window_seconds"),
              errors = c.index("deploy_errors"), lint = c.index("lint_errors"), created = c.index("created_at"),
              updated = c.index("updated_at"), closed = c.index("closed_at"), deployed = c.index("deployed_at"),
              queued = c.index("queued_at"), submitted = c.index("submitted_at"), started = c.index("started_at"),
              ready = c.index("ready_to_cutover_at"), cutover = c.index("cutover_at"),
              finished = c.index("finished_at"), expires = c.index("revert_expires_at"), retry = c.index("retry_at"),
              force = c.index("force_cutover_at"), ratio = c.index("throttle_ratio"),
              throttler = c.index("throttler_updated_at");
    QList<DeployRequestRecord> out;
    out.reserve(result.rows.size());
    for (qsizetype i = 0; i < result.rows.size(); ++i) {
        c.select(i);
        DeployRequestRecord r;
        r.id = c.text(id);
        r.deploymentId = c.text(deploymentId);
        r.database = c.text(database);
        r.number = c.integer(number);
        r.branch = c.text(branch);
        r.branchId = c.text(branchId);
        r.intoBranch = c.text(into);
        r.notes = c.text(notes);
        r.state = c.text(state);
        r.deploymentStateName = c.text(deploymentState);
        r.deploymentState = Core::deploymentStateFromString(r.deploymentStateName);
        r.approved = c.flag(approved);
        r.autoCutover = c.flag(autoCutover);
        r.autoDeleteBranch = c.flag(autoDelete);
        r.instantDdl = c.flag(instant);
        if (const auto seconds = c.optionalInteger(window))
            r.revertWindowSeconds = int(*seconds);
        r.deployErrors = c.text(errors);
        r.lintErrors = c.text(lint);
        r.createdAt = c.text(created);
        r.updatedAt = c.text(updated);
        r.closedAt = c.text(closed);
        r.deployedAt = c.text(deployed);
        r.queuedAt = c.text(queued);
        r.submittedAt = c.text(submitted);
        r.startedAt = c.text(started);
        r.readyToCutoverAt = c.text(ready);
        r.cutoverAt = c.text(cutover);
        r.finishedAt = c.text(finished);
        r.revertExpiresAt = c.text(expires);
        r.retryAt = c.text(retry);
        r.forceCutoverAt = c.text(force);
        r.throttleRatio = int(c.integer(ratio));
        r.throttlerUpdatedAt = c.text(throttler);
        out << r;
    }
    return out;
}

QList<DeployOperationRecord> DeployOperationRecord::from(const Sql::QueryResult &result)
{
    Cells c(result);
    const int id = c.index("id"), request = c.index("deploy_request_id"), position = c.index("position"),
              table = c.index("table_name"), isView = c.index("is_view"), operation = c.index("operation_name"),
              ddl = c.index("ddl_statement"), oldDefinition = c.index("old_definition"),
              newDefinition = c.index("new_definition"), canDrop = c.index("can_drop_data"), state = c.index("state"),
              total = c.index("rows_total"), copied = c.index("rows_copied"), progress = c.index("progress"),
              eta = c.index("eta_seconds"), errors = c.index("deploy_errors"), step = c.index("step"),
              upTo = c.index("copied_up_to"), verified = c.index("verified_up_to"), created = c.index("created_at"),
              updated = c.index("updated_at"), throttled = c.index("throttled_at");
    QList<DeployOperationRecord> out;
    out.reserve(result.rows.size());
    for (qsizetype i = 0; i < result.rows.size(); ++i) {
        c.select(i);
        DeployOperationRecord o;
        o.id = c.text(id);
        o.requestId = c.text(request);
        o.position = int(c.integer(position));
        o.table = c.text(table);
        o.isView = c.flag(isView);
        o.operation = c.text(operation);
        o.ddl = c.text(ddl);
        o.oldDefinition = c.text(oldDefinition);
        o.newDefinition = c.text(newDefinition);
        o.canDropData = c.flag(canDrop);
        o.state = c.text(state);
        o.rowsTotal = c.optionalInteger(total);
        o.rowsCopied = c.optionalInteger(copied);
        o.progress = c.optionalNumber(progress);
        o.etaSeconds = c.optionalNumber(eta);
        o.deployErrors = c.text(errors);
        o.step = c.text(step);
        o.copiedUpTo = c.raw(upTo);
        o.verifiedUpTo = c.raw(verified);
        o.createdAt = c.text(created);
        o.updatedAt = c.text(updated);
        o.throttledAt = c.text(throttled);
        out << o;
    }
    return out;
}

} // namespace Local

#include "local/jsonviews.h"

#include "local/naming.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

bool flag(const Row &row, const QString &key)
{
    return row.value(key) == u"1"_s;
}

} // namespace

QJsonValue JsonViews::timestamp(const QString &sqlDateTime)
{
    const QString iso = Naming::isoTimestamp(sqlDateTime);
    return iso.isNull() ? QJsonValue() : QJsonValue(iso);
}

QString JsonViews::html(const QString &raw)
{
    return u"<pre class=\"sql\">"_s + raw.toHtmlEscaped() + u"</pre>"_s;
}

QJsonObject JsonViews::actor()
{
    return { { u"id"_s, u"local"_s }, { u"display_name"_s, u"Local sandbox"_s }, { u"avatar_url"_s, QString() } };
}

QJsonObject JsonViews::region()
{
    return { { u"id"_s, u"local"_s }, { u"provider"_s, u"local"_s }, { u"enabled"_s, true },
        { u"public_ip_addresses"_s, QJsonArray { u"127.0.0.1"_s } }, { u"display_name"_s, u"This computer"_s },
        { u"location"_s, u"localhost"_s }, { u"slug"_s, u"local"_s }, { u"current_default"_s, true },
        { u"mysql_supported"_s, true }, { u"postgresql_supported"_s, false } };
}

QJsonObject JsonViews::organization(qint64 databaseCount, const QString &createdAt) const
{
    return { { u"id"_s, u"local"_s }, { u"name"_s, organizationName() }, { u"billing_email"_s, QString() },
        { u"created_at"_s, timestamp(createdAt) }, { u"updated_at"_s, timestamp(createdAt) },
        { u"plan"_s, u"sandbox"_s }, { u"valid_billing_info"_s, true }, { u"sso"_s, false },
        { u"sso_directory"_s, false }, { u"single_tenancy"_s, false }, { u"managed_tenancy"_s, false },
        { u"database_count"_s, databaseCount }, { u"features"_s, QJsonObject() }, { u"idp_managed_roles"_s, false },
        { u"invoice_budget_amount"_s, u"0"_s }, { u"keyspace_shard_limit"_s, 1 }, { u"has_card"_s, false },
        { u"payment_info_required"_s, false } };
}

QString JsonViews::databaseUrl(const QString &name) const
{
    return m_apiBase + u"/organizations/local/databases/"_s + name;
}

QJsonObject JsonViews::database(
    const Row &row, qint64 branches, qint64 productionBranches, qint64 tables, qint64 openRecommendations) const
{
    const QString name = row.value(u"name"_s);
    const QString url = databaseUrl(name);
    return { { u"id"_s, row.value(u"id"_s) }, { u"url"_s, url }, { u"branches_url"_s, QString(url + u"/branches"_s) },
        { u"branches_count"_s, branches }, { u"open_schema_recommendations_count"_s, openRecommendations },
        { u"development_branches_count"_s, branches - productionBranches },
        { u"production_branches_count"_s, productionBranches }, { u"multiple_admins_required_for_deletion"_s, false },
        { u"ready"_s, true }, { u"at_backup_restore_branches_limit"_s, false },
        { u"at_development_branch_usage_limit"_s, false }, { u"region"_s, region() }, { u"html_url"_s, url },
        { u"name"_s, name }, { u"state"_s, u"ready"_s }, { u"sharded"_s, false },
        { u"default_branch_shard_count"_s, 1 }, { u"default_branch_read_only_regions_count"_s, 0 },
        { u"default_branch_table_count"_s, tables }, { u"default_branch"_s, row.value(u"default_branch"_s) },
        { u"require_approval_for_deploy"_s, false }, { u"deletion_protected"_s, false }, { u"resizing"_s, false },
        { u"resize_queued"_s, false }, { u"config_changing"_s, false }, { u"config_change_queued"_s, false },
        { u"allow_data_branching"_s, false }, { u"foreign_keys_enabled"_s, true },
        { u"restrict_branch_region"_s, false }, { u"insights_raw_queries"_s, false }, { u"plan"_s, u"sandbox"_s },
        { u"insights_enabled"_s, false }, { u"production_branch_web_console"_s, false },
        { u"created_at"_s, timestamp(row.value(u"created_at"_s)) },
        { u"updated_at"_s, timestamp(row.value(u"updated_at"_s)) },
        { u"schema_last_updated_at"_s, timestamp(row.value(u"updated_at"_s)) }, { u"kind"_s, u"mysql"_s } };
}

QJsonObject JsonViews::branch(const Row &row) const
{
    const QString url = m_apiBase + u"/organizations/local/databases/"_s + row.value(u"database_name"_s)
        + u"/branches/"_s + row.value(u"name"_s);
    const QJsonValue updated = timestamp(row.value(u"updated_at"_s));
    const QString schemaUpdated = row.value(u"schema_last_updated_at"_s);
    // Restored from a backup: not ready until the deploy worker has filled it (RestoreRun).
    const bool ready = row.value(u"restore_state"_s).isNull();
    QJsonObject view { { u"id"_s, row.value(u"id"_s) }, { u"name"_s, row.value(u"name"_s) },
        { u"created_at"_s, timestamp(row.value(u"created_at"_s)) }, { u"updated_at"_s, updated },
        { u"deleted_at"_s, QJsonValue() }, { u"restore_checklist_completed_at"_s, QJsonValue() },
        { u"schema_last_updated_at"_s, schemaUpdated.isNull() ? updated : timestamp(schemaUpdated) },
        { u"kind"_s, u"mysql"_s }, { u"mysql_address"_s, m_hostPort }, { u"mysql_edge_address"_s, m_hostPort },
        { u"state"_s, ready ? u"ready"_s : u"pending"_s }, { u"direct_vtgate"_s, false },
        { u"vtgate_size"_s, u"sandbox"_s }, { u"vtgate_name"_s, u"sandbox"_s }, { u"vtgate_count"_s, 0 },
        { u"vtgate_autoscaling"_s, false }, { u"vtgate_max_count"_s, 0 }, { u"vtgate_target_cpu_utilization"_s, 0 },
        { u"cluster_name"_s, u"sandbox"_s }, { u"cluster_iops"_s, 0 }, { u"ready"_s, ready },
        { u"schema_ready"_s, true }, { u"metal"_s, false }, { u"production"_s, flag(row, u"production"_s) },
        { u"safe_migrations"_s, flag(row, u"safe_migrations"_s) }, { u"deletion_protected"_s, false },
        { u"sharded"_s, false }, { u"shard_count"_s, 1 }, { u"keyspace_count"_s, 1 }, { u"stale_schema"_s, false },
        { u"actor"_s, actor() }, { u"restored_from_branch"_s, QJsonValue() }, { u"private_edge_connectivity"_s, false },
        // Like PlanetScale, production branches have replicas (here: read-only accounts on the one server,
        // see PasswordsHandler); development branches have none.
        { u"has_replicas"_s, flag(row, u"production"_s) }, { u"has_read_only_replicas"_s, false },
        { u"html_url"_s, url }, { u"url"_s, url }, { u"region"_s, region() },
        { u"parent_branch"_s,
            row.value(u"parent_branch"_s).isNull() ? QJsonValue() : QJsonValue(row.value(u"parent_branch"_s)) },
        { u"vtgate_options"_s, QJsonObject() },
        // Not in the official API: the MySQL schema that holds this branch (see Naming).
        { u"sandbox_schema"_s, row.value(u"schema_name"_s) } };
    // Not in the official API either: why a restore failed (the branch stays empty, never ready).
    if (row.value(u"restore_state"_s) == u"failed"_s)
        view.insert(u"restore_error"_s, row.value(u"restore_error"_s));
    return view;
}

QJsonObject JsonViews::password(const Row &row, const Row &branch, const QString &plainText) const
{
    const QString expires = row.value(u"expires_at"_s);
    const bool expired = !expires.isNull()
        && QDateTime::fromString(Naming::isoTimestamp(expires), Qt::ISODateWithMs) < QDateTime::currentDateTimeUtc();
    const QString ttl = row.value(u"ttl_seconds"_s);
    return { { u"id"_s, row.value(u"id"_s) }, { u"name"_s, row.value(u"name"_s) }, { u"role"_s, row.value(u"role"_s) },
        { u"cidrs"_s, QJsonArray() }, { u"created_at"_s, timestamp(row.value(u"created_at"_s)) },
        { u"deleted_at"_s, timestamp(row.value(u"deleted_at"_s)) }, { u"expires_at"_s, timestamp(expires) },
        { u"last_used_at"_s, QJsonValue() }, { u"expired"_s, expired }, { u"direct_vtgate"_s, false },
        { u"direct_vtgate_addresses"_s, QJsonArray() },
        { u"ttl_seconds"_s, ttl.isNull() ? QJsonValue() : QJsonValue(ttl.toLongLong()) },
        { u"access_host_url"_s, m_hostPort }, { u"access_host_regional_url"_s, m_hostPort },
        { u"access_host_regional_urls"_s, QJsonArray { m_hostPort } }, { u"actor"_s, actor() },
        { u"region"_s, region() }, { u"username"_s, row.value(u"username"_s) },
        { u"plain_text"_s, plainText.isEmpty() ? QJsonValue() : QJsonValue(plainText) },
        { u"replica"_s, flag(row, u"replica"_s) }, { u"renewable"_s, !ttl.isNull() },
        { u"database_branch"_s,
            QJsonObject { { u"name"_s, branch.value(u"name"_s) }, { u"id"_s, branch.value(u"id"_s) },
                { u"production"_s, flag(branch, u"production"_s) }, { u"mysql_edge_address"_s, m_hostPort },
                { u"private_edge_connectivity"_s, false } } } };
}

QJsonObject JsonViews::operation(const DeployOperationRecord &op, const QString &keyspace) const
{
    const auto number = [](const std::optional<double> &v) { return v ? QJsonValue(*v) : QJsonValue(); };
    return { { u"id"_s, op.id }, { u"state"_s, op.state }, { u"keyspace_name"_s, keyspace },
        { u"table_name"_s, op.table }, { u"operation_name"_s, op.operation },
        { u"eta_seconds"_s, number(op.etaSeconds) }, { u"progress_percentage"_s, number(op.progress) },
        { u"deploy_error_docs_url"_s, QJsonValue() }, { u"ddl_statement"_s, op.ddl },
        { u"syntax_highlighted_ddl"_s, html(op.ddl) }, { u"created_at"_s, timestamp(op.createdAt) },
        { u"updated_at"_s, timestamp(op.updatedAt) }, { u"throttled_at"_s, timestamp(op.throttledAt) },
        { u"can_drop_data"_s, op.canDropData }, { u"table_locked"_s, false }, { u"table_recently_used"_s, false },
        { u"table_recently_used_at"_s, QJsonValue() }, { u"removed_foreign_key_names"_s, QJsonArray() },
        { u"deploy_errors"_s, op.deployErrors.isNull() ? QJsonValue() : QJsonValue(op.deployErrors) } };
}

QJsonObject JsonViews::deployment(const DeployRequestRecord &request, const QList<DeployOperationRecord> &operations,
    const QList<DeployRequestRecord> &preceding, const QJsonArray &lintErrors, const QString &pauseReason) const
{
    QJsonArray ops;
    QJsonArray summaries;
    for (const DeployOperationRecord &row : operations) {
        const QJsonObject op = operation(row, request.database);
        ops.append(op);
        QJsonObject summary = op;
        summary.remove(u"table_locked"_s);
        // The summary's eta, progress and errors are required, not nullable: before the copy has measured
        // anything no time is known to remain (0, as PlanetScale reports it), and no errors is "".
        const QJsonValue eta = op.value(u"eta_seconds"_s);
        summary.insert(u"eta_seconds"_s, eta.isNull() ? qint64(0) : qint64(eta.toDouble()));
        if (summary.value(u"progress_percentage"_s).isNull())
            summary.insert(u"progress_percentage"_s, op.value(u"state"_s) == u"complete"_s ? 100.0 : 0.0);
        if (summary.value(u"deploy_errors"_s).isNull())
            summary.insert(u"deploy_errors"_s, QString());
        if (summary.value(u"state"_s) == u"queued"_s)
            summary.insert(u"state"_s, u"pending"_s);
        summary.insert(u"shard_count"_s, 1);
        summary.insert(u"shard_names"_s, QJsonArray { u"-"_s });
        summary.insert(u"sharded"_s, false);
        summary.insert(u"operations"_s,
            QJsonArray {
                QJsonObject { { u"id"_s, row.id }, { u"shard"_s, u"-"_s }, { u"state"_s, op.value(u"state"_s) },
                    { u"progress_percentage"_s, summary.value(u"progress_percentage"_s) },
                    { u"eta_seconds"_s, summary.value(u"eta_seconds"_s) } } });
        summaries.append(summary);
    }
    // ALGORITHM=INSTANT covers column changes, not new indexes, tables or drops (MariaDB 10.11).
    bool instantEligible = !operations.isEmpty();
    for (const DeployOperationRecord &row : operations) {
        instantEligible = instantEligible && row.operation == u"alter"_s && !row.isView && !row.ddl.contains(u" KEY "_s)
            && !row.ddl.contains(u"FOREIGN"_s) && !row.ddl.contains(u"PARTITION"_s);
    }
    QJsonArray queue;
    for (const DeployRequestRecord &row : preceding)
        queue.append(QJsonObject { { u"id"_s, row.deploymentId }, { u"state"_s, row.deploymentStateName },
            { u"deploy_request_number"_s, row.number }, { u"into_branch"_s, row.intoBranch },
            { u"queued_at"_s, timestamp(row.queuedAt) } });
    // The data checks' findings: what would reject, drop or alter rows, shown with the diff.
    const QJsonArray lint
        = request.lintErrors.isNull() ? QJsonArray() : QJsonDocument::fromJson(request.lintErrors.toUtf8()).array();
    // Only the data checks' findings block the deploy; the schema linter's are advice.
    const bool deployable = request.deploymentState == Core::DeploymentState::Ready && lint.isEmpty();
    QJsonArray allLint = lint;
    for (const QJsonValue &finding : lintErrors)
        allLint.append(finding);
    const QString &errors = request.deployErrors;
    return { { u"id"_s, request.deploymentId }, { u"auto_cutover"_s, request.autoCutover },
        { u"auto_delete_branch"_s, request.autoDeleteBranch }, { u"created_at"_s, timestamp(request.createdAt) },
        { u"cutover_at"_s, timestamp(request.cutoverAt) }, { u"cutover_expiring"_s, false },
        { u"finished_at"_s, timestamp(request.finishedAt) },
        { u"force_cutover_requested_at"_s, timestamp(request.forceCutoverAt) },
        { u"queued_at"_s, timestamp(request.queuedAt) },
        { u"ready_to_cutover_at"_s, timestamp(request.readyToCutoverAt) },
        { u"started_at"_s, timestamp(request.startedAt) }, { u"state"_s, request.deploymentStateName },
        { u"submitted_at"_s, timestamp(request.submittedAt) }, { u"updated_at"_s, timestamp(request.updatedAt) },
        { u"into_branch"_s, request.intoBranch }, { u"deploy_request_number"_s, request.number },
        { u"deployable"_s, deployable }, { u"preceding_deployments"_s, queue }, { u"deploy_operations"_s, ops },
        { u"deploy_operation_summaries"_s, summaries }, { u"lint_errors"_s, allLint },
        { u"sequential_diff_dependencies"_s, QJsonArray() }, { u"lookup_vindex_operations"_s, QJsonArray() },
        { u"deployment_revert_request"_s, QJsonValue() },
        { u"deploy_check_errors"_s, errors.isNull() ? QJsonValue() : QJsonValue(errors) }, { u"actor"_s, actor() },
        { u"schema_last_updated_at"_s, timestamp(request.updatedAt) }, { u"table_locked"_s, false },
        { u"instant_ddl"_s, request.instantDdl }, { u"instant_ddl_eligible"_s, instantEligible },
        { u"queue_paused"_s, !pauseReason.isNull() },
        { u"queue_pause_reason"_s, pauseReason.isNull() ? QJsonValue() : QJsonValue(pauseReason) },
        // Not in the official API: when the revert window of a deployed request ends.
        { u"revert_expires_at"_s, timestamp(request.revertExpiresAt) } };
}

QJsonObject JsonViews::deployRequest(const DeployRequestRecord &request, const QJsonObject &deployment) const
{
    const QString url = m_apiBase + u"/organizations/local/databases/"_s + request.database + u"/deploy-requests/"_s
        + QString::number(request.number);
    const QString &notes = request.notes;
    return { { u"id"_s, request.id }, { u"number"_s, request.number }, { u"actor"_s, actor() },
        { u"closed_by"_s, request.closedAt.isNull() ? QJsonValue() : QJsonValue(actor()) },
        { u"branch"_s, request.branch }, { u"branch_id"_s, request.branchId },
        { u"branch_deleted"_s, request.branchDeleted }, { u"branch_deleted_at"_s, QJsonValue() },
        { u"branch_deleted_by"_s, QJsonValue() }, { u"into_branch"_s, request.intoBranch },
        { u"into_branch_sharded"_s, false }, { u"into_branch_shard_count"_s, 1 },
        { u"into_branch_keyspace_count"_s, 1 }, { u"approved"_s, request.approved }, { u"state"_s, request.state },
        { u"deployment_state"_s, request.deploymentStateName }, { u"deployment"_s, deployment },
        { u"num_comments"_s, 0 }, { u"html_url"_s, url }, { u"notes"_s, notes.isNull() ? QString() : notes },
        { u"html_body"_s, notes.isNull() ? QString() : html(notes) }, { u"created_at"_s, timestamp(request.createdAt) },
        { u"updated_at"_s, timestamp(request.updatedAt) }, { u"closed_at"_s, timestamp(request.closedAt) },
        { u"deployed_at"_s, timestamp(request.deployedAt) } };
}

QJsonObject JsonViews::review(const Row &row) const
{
    return { { u"id"_s, row.value(u"id"_s) }, { u"body"_s, row.value(u"body"_s) },
        { u"html_body"_s, html(row.value(u"body"_s)) }, { u"state"_s, row.value(u"state"_s) },
        { u"created_at"_s, timestamp(row.value(u"created_at"_s)) },
        { u"updated_at"_s, timestamp(row.value(u"created_at"_s)) }, { u"actor"_s, actor() } };
}

QJsonObject JsonViews::lintError(const Core::LintError &e)
{
    return { { u"lint_error"_s, e.lintError }, { u"subject_type"_s, e.subjectType },
        { u"keyspace_name"_s, e.keyspaceName }, { u"table_name"_s, e.tableName },
        { u"error_description"_s, e.errorDescription }, { u"docs_url"_s, e.docsUrl },
        { u"column_name"_s, e.columnName },
        { u"foreign_key_column_names"_s, QJsonArray::fromStringList(e.foreignKeyColumnNames) },
        { u"auto_increment_column_names"_s, QJsonArray::fromStringList(e.autoIncrementColumnNames) },
        { u"charset_name"_s, e.charsetName }, { u"engine_name"_s, e.engineName }, { u"vindex_name"_s, QString() },
        { u"json_path"_s, QString() }, { u"check_constraint_name"_s, QString() }, { u"enum_value"_s, QString() },
        { u"partitioning_type"_s, QString() }, { u"partition_name"_s, QString() } };
}

QJsonArray JsonViews::lintErrors(const QList<Core::LintError> &errors)
{
    QJsonArray out;
    for (const Core::LintError &e : errors)
        out.append(lintError(e));
    return out;
}

} // namespace Local

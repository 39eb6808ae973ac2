#include "api/deploymentparser.h"

#include "api/commonparsers.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::DeployOperation readDeployOperation(JsonReader &r)
{
    Core::DeployOperation op;
    op.id = r.string("id");
    op.state = r.string("state");
    op.keyspaceName = r.string("keyspace_name");
    op.tableName = r.string("table_name");
    op.operationName = r.string("operation_name");
    op.ddlStatement = r.string("ddl_statement");
    op.syntaxHighlightedDdl = r.string("syntax_highlighted_ddl");
    op.deployErrors = r.string("deploy_errors");
    op.deployErrorDocsUrl = r.string("deploy_error_docs_url");
    op.shard = r.string("shard");
    op.removedForeignKeyNames = r.stringList("removed_foreign_key_names");
    op.etaSeconds = r.optionalNumber("eta_seconds");
    op.progressPercentage = r.optionalNumber("progress_percentage");
    op.canDropData = r.boolean("can_drop_data");
    op.tableLocked = r.boolean("table_locked");
    op.tableRecentlyUsed = r.boolean("table_recently_used");
    op.tableRecentlyUsedAt = r.dateTime("table_recently_used_at");
    op.throttledAt = r.dateTime("throttled_at");
    op.createdAt = r.dateTime("created_at");
    op.updatedAt = r.dateTime("updated_at");
    return op;
}

Core::Result<Core::DeployOperation> parseDeployOperation(const QJsonValue &json)
{
    return readObject<Core::DeployOperation>(json, u"deploy_operation"_s, readDeployOperation);
}

Core::DeployOperationSummary readDeployOperationSummary(JsonReader &r)
{
    Core::DeployOperationSummary s;
    s.total = readDeployOperation(r);
    s.shardCount = r.integer("shard_count");
    s.shardNames = r.stringList("shard_names");
    s.sharded = r.boolean("sharded");
    s.operations = r.list<Core::DeployOperation>("operations", readDeployOperation);
    return s;
}

static Core::PrecedingDeployment readPrecedingDeployment(JsonReader &r)
{
    Core::PrecedingDeployment p;
    p.id = r.string("id");
    p.state = r.string("state");
    p.intoBranch = r.string("into_branch");
    p.deployRequestNumber = r.integer("deploy_request_number");
    return p;
}

Core::Deployment readDeployment(JsonReader &r)
{
    Core::Deployment d;
    d.id = r.string("id");
    d.stateName = r.string("state");
    d.state = Core::deploymentStateFromString(d.stateName);
    d.intoBranch = r.string("into_branch");
    d.deployRequestNumber = r.integer("deploy_request_number");
    d.deployCheckErrors = r.string("deploy_check_errors");
    d.lockedTableName = r.string("locked_table_name");
    d.queuePauseReason = r.string("queue_pause_reason");
    d.operations = r.list<Core::DeployOperation>("deploy_operations", readDeployOperation);
    d.operationSummaries
        = r.list<Core::DeployOperationSummary>("deploy_operation_summaries", readDeployOperationSummary);
    d.lintErrors = r.list<Core::LintError>("lint_errors", readLintError);
    d.precedingDeployments = r.list<Core::PrecedingDeployment>("preceding_deployments", readPrecedingDeployment);
    d.actor = r.object<Core::Actor>("actor", readActor);
    d.cutoverActor = r.object<Core::Actor>("cutover_actor", readActor);
    d.cancelledActor = r.object<Core::Actor>("cancelled_actor", readActor);
    d.deployable = r.boolean("deployable");
    d.autoCutover = r.boolean("auto_cutover");
    d.autoDeleteBranch = r.boolean("auto_delete_branch");
    d.cutoverExpiring = r.boolean("cutover_expiring");
    d.instantDdl = r.boolean("instant_ddl");
    d.instantDdlEligible = r.boolean("instant_ddl_eligible");
    d.tableLocked = r.boolean("table_locked");
    d.queuePaused = r.boolean("queue_paused");
    d.hasRevertRequest = r.object<bool>("deployment_revert_request", [](JsonReader &) { return true; }).value_or(false);
    d.createdAt = r.dateTime("created_at");
    d.updatedAt = r.dateTime("updated_at");
    d.queuedAt = r.dateTime("queued_at");
    d.submittedAt = r.dateTime("submitted_at");
    d.startedAt = r.dateTime("started_at");
    d.readyToCutoverAt = r.dateTime("ready_to_cutover_at");
    d.cutoverAt = r.dateTime("cutover_at");
    d.finishedAt = r.dateTime("finished_at");
    d.forceCutoverRequestedAt = r.dateTime("force_cutover_requested_at");
    d.schemaLastUpdatedAt = r.dateTime("schema_last_updated_at");
    d.revertExpiresAt = r.dateTime("revert_expires_at");
    return d;
}

Core::Result<Core::Deployment> parseDeployment(const QJsonValue &json)
{
    return readObject<Core::Deployment>(json, u"deployment"_s, readDeployment);
}

} // namespace Api::Parsers

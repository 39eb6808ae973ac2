#include "api/databaseparser.h"

#include "api/commonparsers.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::Database readDatabase(JsonReader &r)
{
    Core::Database d;
    r.require("name");
    d.id = r.string("id");
    d.name = r.string("name");
    d.state = r.string("state");
    d.kind = r.string("kind");
    d.url = r.string("url");
    d.branchesUrl = r.string("branches_url");
    d.htmlUrl = r.string("html_url");
    d.defaultBranch = r.string("default_branch");
    d.plan = r.string("plan");
    d.migrationTableName = r.string("migration_table_name");
    d.migrationFramework = r.string("migration_framework");
    d.region = r.object<Core::Region>("region", readRegion).value_or(Core::Region {});
    d.branchesCount = r.integer("branches_count");
    d.developmentBranchesCount = r.integer("development_branches_count");
    d.productionBranchesCount = r.integer("production_branches_count");
    d.openSchemaRecommendationsCount = r.integer("open_schema_recommendations_count");
    d.issuesCount = r.optionalInteger("issues_count");
    d.defaultBranchShardCount = r.integer("default_branch_shard_count");
    d.defaultBranchReadOnlyRegionsCount = r.integer("default_branch_read_only_regions_count");
    d.defaultBranchTableCount = r.integer("default_branch_table_count");
    d.ready = r.boolean("ready");
    d.sharded = r.boolean("sharded");
    d.requireApprovalForDeploy = r.boolean("require_approval_for_deploy");
    d.deletionProtected = r.boolean("deletion_protected");
    d.resizing = r.boolean("resizing");
    d.resizeQueued = r.boolean("resize_queued");
    d.allowDataBranching = r.boolean("allow_data_branching");
    d.foreignKeysEnabled = r.boolean("foreign_keys_enabled");
    d.automaticMigrations = r.optionalBoolean("automatic_migrations");
    d.restrictBranchRegion = r.boolean("restrict_branch_region");
    d.insightsRawQueries = r.boolean("insights_raw_queries");
    d.insightsEnabled = r.boolean("insights_enabled");
    d.productionBranchWebConsole = r.boolean("production_branch_web_console");
    d.configChanging = r.boolean("config_changing");
    d.configChangeQueued = r.boolean("config_change_queued");
    d.multipleAdminsRequiredForDeletion = r.boolean("multiple_admins_required_for_deletion");
    d.atBackupRestoreBranchesLimit = r.boolean("at_backup_restore_branches_limit");
    d.atDevelopmentBranchUsageLimit = r.boolean("at_development_branch_usage_limit");
    d.dataImportState
        = r.object<QString>("data_import", [](JsonReader &c) { return c.string("state"); }).value_or(QString());
    d.createdAt = r.dateTime("created_at");
    d.updatedAt = r.dateTime("updated_at");
    d.schemaLastUpdatedAt = r.dateTime("schema_last_updated_at");
    return d;
}

Core::Result<Core::Database> parseDatabase(const QJsonValue &json)
{
    return readObject<Core::Database>(json, u"database"_s, readDatabase);
}

} // namespace Api::Parsers

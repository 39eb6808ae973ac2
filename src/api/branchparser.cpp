#include "api/branchparser.h"

#include "api/commonparsers.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::Branch readBranch(JsonReader &r)
{
    Core::Branch b;
    r.require("name");
    b.id = r.string("id");
    b.name = r.string("name");
    b.parentBranch = r.string("parent_branch");
    b.state = r.string("state");
    b.kind = r.string("kind");
    b.mysqlAddress = r.string("mysql_address");
    b.mysqlEdgeAddress = r.string("mysql_edge_address");
    b.clusterName = r.string("cluster_name");
    b.vtgateSize = r.string("vtgate_size");
    b.vtgateName = r.string("vtgate_name");
    b.htmlUrl = r.string("html_url");
    b.url = r.string("url");
    const auto restored = r.object<QString>("restored_from_branch", [](JsonReader &c) { return c.string("name"); });
    b.restoredFromBranch = restored.value_or(QString());
    b.region = r.object<Core::Region>("region", readRegion).value_or(Core::Region {});
    b.actor = r.object<Core::Actor>("actor", readActor);
    b.shardCount = r.integer("shard_count");
    b.keyspaceCount = r.integer("keyspace_count");
    b.vtgateCount = r.integer("vtgate_count");
    b.vtgateMaxCount = r.optionalInteger("vtgate_max_count");
    b.vtgateTargetCpuUtilization = r.optionalInteger("vtgate_target_cpu_utilization");
    b.clusterIops = r.optionalInteger("cluster_iops");
    b.ready = r.boolean("ready");
    b.schemaReady = r.boolean("schema_ready");
    b.production = r.boolean("production");
    b.safeMigrations = r.boolean("safe_migrations");
    b.deletionProtected = r.boolean("deletion_protected");
    b.sharded = r.boolean("sharded");
    b.staleSchema = r.boolean("stale_schema");
    b.metal = r.boolean("metal");
    b.directVtgate = r.boolean("direct_vtgate");
    b.vtgateAutoscaling = r.boolean("vtgate_autoscaling");
    b.privateEdgeConnectivity = r.boolean("private_edge_connectivity");
    b.hasReplicas = r.boolean("has_replicas");
    b.hasReadOnlyReplicas = r.boolean("has_read_only_replicas");
    if (r.has("restore_error"))
        b.restoreError = r.string("restore_error");
    b.createdAt = r.dateTime("created_at");
    b.updatedAt = r.dateTime("updated_at");
    b.deletedAt = r.dateTime("deleted_at");
    b.schemaLastUpdatedAt = r.dateTime("schema_last_updated_at");
    b.restoreChecklistCompletedAt = r.dateTime("restore_checklist_completed_at");
    return b;
}

Core::Result<Core::Branch> parseBranch(const QJsonValue &json)
{
    return readObject<Core::Branch>(json, u"branch"_s, readBranch);
}

Core::Keyspace readKeyspace(JsonReader &r)
{
    Core::Keyspace k;
    r.require("name");
    k.id = r.string("id");
    k.name = r.string("name");
    k.clusterName = r.string("cluster_name");
    k.clusterDisplayName = r.string("cluster_display_name");
    k.nodeTtlStrategy = r.string("node_ttl_strategy");
    k.replicationDurabilityStrategy = r.object<QString>("replication_durability_constraints", [](JsonReader &c) {
                                           return c.string("strategy");
                                       }).value_or(QString());
    k.shards = r.integer("shards");
    k.replicas = r.integer("replicas");
    k.extraReplicas = r.integer("extra_replicas");
    k.vectorPoolAllocation = r.optionalNumber("vector_pool_allocation");
    k.sharded = r.boolean("sharded");
    k.ready = r.boolean("ready");
    k.isDefault = r.boolean("default");
    k.resizing = r.boolean("resizing");
    k.resizePending = r.boolean("resize_pending");
    k.metal = r.boolean("metal");
    k.imported = r.boolean("imported");
    k.createdAt = r.dateTime("created_at");
    k.updatedAt = r.dateTime("updated_at");
    return k;
}

Core::Result<Core::Keyspace> parseKeyspace(const QJsonValue &json)
{
    return readObject<Core::Keyspace>(json, u"keyspace"_s, readKeyspace);
}

QString readVSchema(JsonReader &r)
{
    r.require("raw");
    return r.string("raw");
}

} // namespace Api::Parsers

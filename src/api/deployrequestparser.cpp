#include "api/deployrequestparser.h"

#include "api/commonparsers.h"
#include "api/deploymentparser.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::DeployRequest readDeployRequest(JsonReader &r)
{
    Core::DeployRequest dr;
    r.require("number");
    dr.id = r.string("id");
    dr.number = r.integer("number");
    dr.state = r.string("state");
    dr.deploymentStateName = r.string("deployment_state");
    dr.deploymentState = Core::deploymentStateFromString(dr.deploymentStateName);
    dr.branch = r.string("branch");
    dr.branchId = r.string("branch_id");
    dr.intoBranch = r.string("into_branch");
    dr.notes = r.string("notes");
    dr.htmlBody = r.string("html_body");
    dr.htmlUrl = r.string("html_url");
    dr.actor = r.object<Core::Actor>("actor", readActor);
    dr.closedBy = r.object<Core::Actor>("closed_by", readActor);
    dr.branchDeletedBy = r.object<Core::Actor>("branch_deleted_by", readActor);
    dr.deployment = r.object<Core::Deployment>("deployment", readDeployment);
    dr.numComments = r.integer("num_comments");
    dr.intoBranchShardCount = r.integer("into_branch_shard_count");
    dr.intoBranchKeyspaceCount = r.integer("into_branch_keyspace_count");
    dr.approved = r.boolean("approved");
    dr.branchDeleted = r.boolean("branch_deleted");
    dr.intoBranchSharded = r.boolean("into_branch_sharded");
    dr.createdAt = r.dateTime("created_at");
    dr.updatedAt = r.dateTime("updated_at");
    dr.closedAt = r.dateTime("closed_at");
    dr.deployedAt = r.dateTime("deployed_at");
    dr.branchDeletedAt = r.dateTime("branch_deleted_at");
    return dr;
}

Core::Result<Core::DeployRequest> parseDeployRequest(const QJsonValue &json)
{
    return readObject<Core::DeployRequest>(json, u"deploy_request"_s, readDeployRequest);
}

} // namespace Api::Parsers

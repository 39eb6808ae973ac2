#include "api/schemarecommendationparser.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::SchemaRecommendation readSchemaRecommendation(JsonReader &r)
{
    Core::SchemaRecommendation rec;
    // Without its number a recommendation cannot be fetched or dismissed, nor without its DDL applied.
    r.require("number");
    r.require("state");
    rec.id = r.string("id");
    rec.number = r.integer("number");
    rec.htmlUrl = r.string("html_url");
    rec.title = r.string("title");
    rec.tableName = r.string("table_name");
    rec.keyspace = r.string("keyspace");
    rec.ddlStatement = r.string("ddl_statement");
    rec.state = r.string("state");
    rec.recommendationType = r.string("recommendation_type");
    rec.createdAt = r.dateTime("created_at");
    rec.updatedAt = r.dateTime("updated_at");
    rec.appliedAt = r.dateTime("applied_at");
    rec.dismissedAt = r.dateTime("dismissed_at");
    rec.closedByDeployRequest = r.object<Core::ClosingDeployRequest>("closed_by_deploy_request", [](JsonReader &c) {
        c.require("number");
        return Core::ClosingDeployRequest { c.string("id"), c.string("branch_id"), c.integer("number") };
    });
    rec.dismissedBy
        = r.object<QString>("dismissed_by", [](JsonReader &a) { return a.string("display_name"); }).value_or(QString());
    return rec;
}

Core::Result<Core::SchemaRecommendation> parseSchemaRecommendation(const QJsonValue &json)
{
    return readObject<Core::SchemaRecommendation>(json, u"schema_recommendation"_s, readSchemaRecommendation);
}

} // namespace Api::Parsers

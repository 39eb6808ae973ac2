#pragma once

#include "api/jsonreader.h"
#include "core/result.h"
#include "core/schemarecommendation.h"

#include <QJsonValue>

namespace Api::Parsers {

// list/get/dismiss_schema_recommendation: one recommendation object.
Core::SchemaRecommendation readSchemaRecommendation(JsonReader &r);
Core::Result<Core::SchemaRecommendation> parseSchemaRecommendation(const QJsonValue &json);

} // namespace Api::Parsers

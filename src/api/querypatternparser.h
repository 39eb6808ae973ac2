#pragma once

#include "api/jsonreader.h"
#include "core/querypattern.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

// One item of list_branch_queries. The fields Branchdeck shows are required (the official document
// requires them all); a pattern without them is a parse error naming the field.
Core::QueryPattern readQueryPattern(JsonReader &r);
Core::Result<Core::QueryPattern> parseQueryPattern(const QJsonValue &json);

} // namespace Api::Parsers

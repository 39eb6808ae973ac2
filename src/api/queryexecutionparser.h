#pragma once

#include "api/jsonreader.h"
#include "core/queryexecution.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

// One item of get_query_statistics or get_branch_query_error (the same shape in the official document).
// The fields Branchdeck shows are required.
Core::QueryExecution readQueryExecution(JsonReader &r);
Core::Result<Core::QueryExecution> parseQueryExecution(const QJsonValue &json);

} // namespace Api::Parsers

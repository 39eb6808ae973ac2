#pragma once

#include "api/jsonreader.h"
#include "core/queryerror.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

// One item of list_branch_query_errors; every field the official document requires is required here.
Core::QueryError readQueryError(JsonReader &r);
Core::Result<Core::QueryError> parseQueryError(const QJsonValue &json);

} // namespace Api::Parsers

#pragma once

#include "api/jsonreader.h"
#include "core/queryanomaly.h"
#include "core/querymetrics.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

// get_branch_query_metrics. The document types each `series` item as a string: it is read as the JSON
// text of {metric, fingerprint, points: [[unix_seconds, value|null], …]} (an object in its place is read
// the same way). start_date, end_date, interval and series are required.
Core::Result<Core::QueryMetrics> parseQueryMetrics(const QJsonValue &json);

// One item of list_branch_anomalies, with its correlations.
Core::QueryAnomaly readQueryAnomaly(JsonReader &r);

} // namespace Api::Parsers

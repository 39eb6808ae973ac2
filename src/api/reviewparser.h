#pragma once

#include "api/jsonreader.h"
#include "core/result.h"
#include "core/review.h"

#include <QJsonValue>

namespace Api::Parsers {

Core::Review readReview(JsonReader &r);
Core::Result<Core::Review> parseReview(const QJsonValue &json);

} // namespace Api::Parsers

#pragma once

#include "api/jsonreader.h"
#include "core/database.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

Core::Database readDatabase(JsonReader &r);
Core::Result<Core::Database> parseDatabase(const QJsonValue &json);

} // namespace Api::Parsers

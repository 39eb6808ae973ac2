#pragma once

#include "api/jsonreader.h"
#include "core/password.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

Core::Password readPassword(JsonReader &r);
Core::Result<Core::Password> parsePassword(const QJsonValue &json);

} // namespace Api::Parsers

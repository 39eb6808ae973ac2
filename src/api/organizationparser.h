#pragma once

#include "api/jsonreader.h"
#include "core/organization.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

Core::Organization readOrganization(JsonReader &r);
Core::Result<Core::Organization> parseOrganization(const QJsonValue &json);

} // namespace Api::Parsers

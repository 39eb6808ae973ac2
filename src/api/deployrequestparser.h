#pragma once

#include "api/jsonreader.h"
#include "core/deployrequest.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

Core::DeployRequest readDeployRequest(JsonReader &r);
Core::Result<Core::DeployRequest> parseDeployRequest(const QJsonValue &json);

} // namespace Api::Parsers

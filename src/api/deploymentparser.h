#pragma once

#include "api/jsonreader.h"
#include "core/deployment.h"
#include "core/deployoperation.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

Core::DeployOperation readDeployOperation(JsonReader &r);
Core::Result<Core::DeployOperation> parseDeployOperation(const QJsonValue &json);

Core::DeployOperationSummary readDeployOperationSummary(JsonReader &r);

Core::Deployment readDeployment(JsonReader &r);
Core::Result<Core::Deployment> parseDeployment(const QJsonValue &json);

} // namespace Api::Parsers

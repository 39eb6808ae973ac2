#pragma once

#include "api/jsonreader.h"
#include "core/backup.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

Core::Backup readBackup(JsonReader &r);
Core::Result<Core::Backup> parseBackup(const QJsonValue &json);

} // namespace Api::Parsers

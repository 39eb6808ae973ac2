#pragma once

#include "api/jsonreader.h"
#include "core/branch.h"
#include "core/keyspace.h"
#include "core/result.h"

#include <QJsonValue>

namespace Api::Parsers {

Core::Branch readBranch(JsonReader &r);
Core::Result<Core::Branch> parseBranch(const QJsonValue &json);

Core::Keyspace readKeyspace(JsonReader &r);
Core::Result<Core::Keyspace> parseKeyspace(const QJsonValue &json);
// get_keyspace_vschema: {raw}, the VSchema's JSON text.
QString readVSchema(JsonReader &r);

} // namespace Api::Parsers

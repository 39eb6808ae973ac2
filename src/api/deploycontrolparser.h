#pragma once

#include "api/jsonreader.h"
#include "core/deploythrottler.h"
#include "core/storagecheck.h"

namespace Api::Parsers {

// get/update_deploy_request_throttler: {keyspaces, configurable, configurations}.
Core::DeployThrottler readDeployThrottler(JsonReader &r);
// check_deploy_request_storage: {enough_storage, upgradeable, storage_bytes_needed, storage_report}, the
// report keyed by keyspace, then by shard.
Core::StorageCheck readStorageCheck(JsonReader &r);

} // namespace Api::Parsers

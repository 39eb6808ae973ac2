#pragma once

#include "core/result.h"
#include "local/metastore.h"

namespace Local {

// Turns the schema engine's diff between two branch schemas into a deploy request's per-table operations
// (create / alter / drop, one row per table or view, with both definitions kept for cutover and revert),
// and the lint findings of the tables it creates or alters (the deployment's `lint_errors`; `keyspace`
// names them).
class DeployPlanner
{
public:
    static Core::Result<void> writeOperations(MetaStore &meta, const QString &requestId, const QString &keyspace,
        const QString &fromSchema, const QString &toSchema, bool *empty);
};

} // namespace Local

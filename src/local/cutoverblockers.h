#pragma once

#include "core/result.h"
#include "local/deployrecords.h"

namespace Local {

class MetaStore;

// Force cutover: ends the application sessions that keep a deployment's swap waiting. Without the
// metadata_lock_info plugin the server does not say who holds a table's metadata lock, so the sessions
// ended are those that can hold one on the branch: sessions of the branch's passwords, or with the branch's
// schema selected, that are running a statement or have a transaction open. Idle sessions are left alone,
// and so are the sandbox's own.
class CutoverBlockers
{
public:
    // Returns how many sessions were ended.
    static Core::Result<int> end(MetaStore &meta, const DeployRequestRecord &request, const QString &baseSchema);
};

} // namespace Local

#pragma once

#include "local/cutover.h"
#include "local/deploycontext.h"

namespace Local {

// A revert inside the revert window, and the end of that window. The live table (new shape, with every
// row written since the deploy) is copied online back into the old shape — columns the deploy dropped
// come back from the archived pre-deploy table — and swapped in the same way a deployment is; re-entrant
// from the journal and the catalog like DeployRun.
class RevertRun
{
public:
    explicit RevertRun(DeployContext &context)
        : m_c(context)
    { }

    // in_progress_revert → complete_revert (or complete_revert_error, the live tables untouched).
    Core::Result<void> revert(const DeployRequestRecord &request);
    // The revert window ended (or was skipped): the archives go; complete_pending_revert → complete.
    Core::Result<void> finalize(const DeployRequestRecord &request);

private:
    Core::Result<bool> copyBack(
        const DeployRequestRecord &request, const DeployOperationRecord &op, const SwapTable &table, bool *refused);
    Core::Result<void> refuse(const DeployRequestRecord &request, const Core::Error &error);

    DeployContext &m_c;
};

} // namespace Local

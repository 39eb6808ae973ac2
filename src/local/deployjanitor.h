#pragma once

#include "core/result.h"
#include "local/deploycontext.h"

namespace Local {

// Shadow tables, archives and triggers never outlive their deployment: anything named `_bd_<operation>_…`
// whose deploy request no longer needs it (or that belongs to no known operation) is dropped — triggers
// first, with bounded lock waits. Runs when the worker takes over (recovery) and now and then after.
class DeployJanitor
{
public:
    explicit DeployJanitor(DeployContext &context)
        : m_c(context)
    { }

    // Returns how many objects it dropped.
    Core::Result<int> sweep();

    // Whether an object with this suffix (n, o, h, r, x, k or a trigger of n/r) is still needed in `state`.
    static bool needed(const QString &suffix, Core::DeploymentState state);

private:
    DeployContext &m_c;
};

} // namespace Local

#pragma once

#include <QString>
#include <QStringList>

namespace Local {

// Test hooks at the steps of a deployment. BRANCHDECK_FAILPOINT names one or more failpoints, comma
// separated, each `name` (the process kills itself with SIGKILL there, as a crash would) or
// `name=sleep:MS` (it pauses there). Read at every hit, so a test may change it while the sandbox runs.
// Unset, a hit costs one environment lookup.
class Failpoint
{
public:
    static void hit(const char *name);
    // Every failpoint the deploy worker has, in the order a deployment, a cutover and a revert pass them.
    static QStringList all();
};

} // namespace Local

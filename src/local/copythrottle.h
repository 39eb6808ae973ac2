#pragma once

#include <QtGlobal>

namespace Local {

// The deploy request throttler mapped onto the online copy: a ratio r (0..95) makes the copy pause r % of
// the time, so after a chunk that took t ms it waits t·r/(100−r) ms (capped, so a slow chunk never stalls
// the deployment for long).
class CopyThrottle
{
public:
    static constexpr int maxPauseMs = 5000;
    static qint64 pauseMs(int ratio, qint64 chunkMs);
};

} // namespace Local

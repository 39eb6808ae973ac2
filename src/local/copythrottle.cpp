#include "local/copythrottle.h"

namespace Local {

qint64 CopyThrottle::pauseMs(int ratio, qint64 chunkMs)
{
    if (ratio <= 0 || chunkMs <= 0)
        return 0;
    const qint64 r = qMin(ratio, 95);
    return qMin<qint64>(maxPauseMs, qMax<qint64>(1, chunkMs * r / (100 - r)));
}

} // namespace Local

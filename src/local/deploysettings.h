#pragma once

namespace Local {

struct DeploySettings
{
    int revertWindowSeconds = 30 * 60; // PlanetScale's revert window
    int chunkRows = 1000; // rows per copy chunk (the first chunk's when chunkTargetMs > 0)
    int chunkTargetMs = 0; // > 0: chunks grow or shrink to take about this long
    int throttleMs = 0; // pause between chunks (gives application writes room)
    int ddlBudgetMs = 30000; // how long DDL on a live table keeps retrying for its lock (triggers)
    int cutoverBudgetMs = 5000; // how long one cutover attempt retries the swap before trying again later
    bool deferIndexes = true; // plain secondary indexes of a shadow are built after its copy, in one pass
    bool checkBeside = true; // a chunk's check runs on a second session while the next chunk copies
};

} // namespace Local

#pragma once

namespace Local {

struct DeploySettings
{
    int revertWindowSeconds = 30 * 60; // PlanetScale's revert window
    int chunkRows = 1000; // rows per copy chunk
    int throttleMs = 0; // pause between chunks (gives application writes room)
};

} // namespace Local

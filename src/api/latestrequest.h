#pragma once

#include "api/apiresult.h"

namespace Api {

// For a receiver that asks the same question repeatedly (a list refreshed on every selection change):
// remembers the id of the latest request so answers to older ones are recognised and dropped.
class LatestRequest
{
public:
    void track(RequestId id) { m_id = id; }
    void clear() { m_id = 0; }
    RequestId id() const { return m_id; }
    bool isLatest(RequestId id) const { return id != 0 && id == m_id; }

private:
    RequestId m_id = 0;
};

} // namespace Api

#pragma once

#include "core/result.h"
#include "local/services.h"

namespace Local {

// Keeps Query Insights' history in the metadata schema. performance_schema only holds running totals per
// digest and the latest statement events; a sample stores what changed since the previous one:
//   insights_minutes  per branch schema, digest and minute: queries, errors, total time, rows read,
//                     returned and affected (the difference of the digest totals, put in the current minute)
//   insights_samples  one latency per statement event, at the time the statement ended
// so the time series (and percentiles per minute) survive a restart of the sandbox or of its server.
// The sandbox samples every few seconds and before every answer that reads them; concurrent samplers on
// one server are serialised by a row lock. Data older than 8 days is pruned.
class InsightsSampler
{
public:
    explicit InsightsSampler(Services services)
        : m_services(services)
    { }

    Core::Result<void> sample();

    static constexpr int keepDays = 8;

private:
    Core::Result<void> sampleDigests(const QString &minute);
    Core::Result<void> sampleEvents();

    Services m_services;
};

} // namespace Local

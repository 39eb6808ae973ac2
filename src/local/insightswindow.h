#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QUrlQuery>

namespace Local {

// The time window of an Insights request: `period` (15m … 8d, counted back from now) or `from`/`to`
// (ISO 8601). An unset end is open, unless the caller asked for a default period.
struct InsightsWindow
{
    QDateTime from;
    QDateTime to;

    // Error (a message for a 422) for a period outside the document's enum or a timestamp that does not parse.
    static Core::Result<InsightsWindow> parse(const QUrlQuery &query, const QString &defaultPeriod = {});
    static qint64 periodSeconds(const QString &period); // -1 when not one of the document's periods
    bool contains(const QDateTime &at) const { return (!from.isValid() || at >= from) && (!to.isValid() || at <= to); }
};

} // namespace Local

#include "local/insightswindow.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Local {

qint64 InsightsWindow::periodSeconds(const QString &period)
{
    static const QHash<QString, qint64> periods { { u"15m"_s, 15 * 60 }, { u"1h"_s, 3600 }, { u"3h"_s, 3 * 3600 },
        { u"6h"_s, 6 * 3600 }, { u"12h"_s, 12 * 3600 }, { u"1d"_s, 86400 }, { u"2d"_s, 2 * 86400 },
        { u"7d"_s, 7 * 86400 }, { u"8d"_s, 8 * 86400 } };
    return periods.value(period, -1);
}

Core::Result<InsightsWindow> InsightsWindow::parse(const QUrlQuery &query, const QString &defaultPeriod)
{
    InsightsWindow w;
    const QString period = query.queryItemValue(u"period"_s);
    if (!period.isEmpty() && periodSeconds(period) < 0)
        return Core::makeError(u"invalid"_s, u"period must be one of 15m, 1h, 3h, 6h, 12h, 1d, 2d, 7d, 8d."_s);
    for (const auto &[name, target] : { std::pair { u"from"_s, &w.from }, std::pair { u"to"_s, &w.to } }) {
        const QString text = query.queryItemValue(name);
        if (text.isEmpty())
            continue;
        *target = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!target->isValid())
            return Core::makeError(u"invalid"_s, name + u" must be an ISO 8601 timestamp."_s);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!period.isEmpty())
        w.from = now.addSecs(-periodSeconds(period));
    else if (!w.from.isValid() && !defaultPeriod.isEmpty())
        w.from = (w.to.isValid() ? w.to : now).addSecs(-periodSeconds(defaultPeriod));
    if (!defaultPeriod.isEmpty() && !w.to.isValid())
        w.to = now;
    return w;
}

} // namespace Local

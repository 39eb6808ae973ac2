#include "core/vitesserrors.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

// vttablet's wording; the case is its own ("Row count exceeded %d").
const QString RowLimitText = u"Row count exceeded"_s;

} // namespace

bool VitessErrors::isRowLimit(unsigned int errorNumber, const QString &message)
{
    // vtgate hands the client vttablet's errno when the text carries "(errno N)"; older paths sent 0 or a
    // generic number with the text alone, so the text decides on its own too.
    return (errorNumber == MaxRowsExceeded && message.contains(u"exceeded"_s, Qt::CaseInsensitive))
        || message.contains(RowLimitText);
}

std::optional<qint64> VitessErrors::rowLimit(const QString &message)
{
    static const QRegularExpression number(u"Row count exceeded (\\d{1,18})"_s);
    const auto match = number.match(message);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toLongLong();
}

bool VitessErrors::isKillRefused(unsigned int errorNumber, const QString &message)
{
    return message.contains(u"VT07001"_s)
        || (errorNumber == KillDenied
            && message.contains(u"kill statement execution not permitted"_s, Qt::CaseInsensitive));
}

} // namespace Core

#include "core/collationids.h"

#include <algorithm>
#include <iterator>

namespace Core {

namespace {

struct IdRange
{
    quint32 first;
    quint32 last;
    quint32 step;
};

// Generated from MariaDB 10.11's information_schema.COLLATION_CHARACTER_SET_APPLICABILITY (ID of every
// FULL_COLLATION_NAME that is `binary` or ends in _bin or _cs; ids from 2048 are the uca1400 family),
// plus MySQL 8.0's utf8mb4_0900 *_as_cs and utf8mb4_0900_bin ids (278-300, 303, 304, 307-309 and the odd
// ids 311-323), which MariaDB does not use.
constexpr IdRange CaseSensitive[] = { { 2, 2, 1 }, { 20, 20, 1 }, { 34, 34, 1 }, { 42, 43, 1 }, { 46, 47, 1 },
    { 49, 50, 1 }, { 52, 53, 1 }, { 55, 55, 1 }, { 58, 58, 1 }, { 61, 75, 1 }, { 77, 91, 1 }, { 93, 93, 1 },
    { 96, 98, 2 }, { 278, 300, 1 }, { 303, 304, 1 }, { 307, 309, 1 }, { 311, 323, 2 }, { 1067, 1067, 1 },
    { 1070, 1071, 1 }, { 1074, 1074, 1 }, { 1077, 1079, 2 }, { 1082, 1082, 1 }, { 1085, 1086, 1 }, { 1088, 1099, 1 },
    { 1101, 1115, 1 }, { 1117, 1117, 1 }, { 1120, 1122, 2 }, { 2049, 2215, 2 }, { 2233, 2247, 2 }, { 2305, 2471, 2 },
    { 2489, 2503, 2 }, { 2561, 2727, 2 }, { 2745, 2759, 2 }, { 2817, 2983, 2 }, { 3001, 3015, 2 }, { 3073, 3239, 2 },
    { 3257, 3271, 2 } };

} // namespace

bool CollationIds::isCaseSensitive(quint32 id)
{
    const auto *it = std::upper_bound(std::begin(CaseSensitive), std::end(CaseSensitive), id,
        [](quint32 value, const IdRange &range) { return value < range.first; });
    if (it == std::begin(CaseSensitive))
        return false;
    --it;
    return id <= it->last && (id - it->first) % it->step == 0;
}

} // namespace Core

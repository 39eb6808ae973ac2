#pragma once

#include <QtGlobal>

namespace Core {

// Which collation ids (the charsetnr of a result column) order text by bytes or case-sensitively: `binary`,
// every *_bin and *_cs collation. The others ignore case.
class CollationIds
{
public:
    static bool isCaseSensitive(quint32 id);
};

} // namespace Core

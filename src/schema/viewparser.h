#pragma once

#include "core/result.h"
#include "schema/schemamodel.h"

namespace Schema {

// Parses CREATE VIEW as the server prints it (SHOW CREATE VIEW): algorithm, definer, security,
// the query and the check option.
class ViewParser
{
public:
    static Core::Result<View> parse(QStringView createStatement);
};

} // namespace Schema

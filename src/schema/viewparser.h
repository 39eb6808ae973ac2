#pragma once

#include "core/result.h"
#include "schema/schemamodel.h"

namespace Schema {

class DdlCursor;

// Parses CREATE VIEW as the server prints it (SHOW CREATE VIEW): algorithm, definer, security,
// the query and the check option.
class ViewParser
{
public:
    static Core::Result<View> parse(QStringView createStatement);
    static Core::Result<View> parse(DdlCursor &cursor);
};

} // namespace Schema

#pragma once

#include "core/result.h"
#include "schema/schemamodel.h"

namespace Schema {

class DdlCursor;

// Parses CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT as SHOW CREATE prints it (or mysqldump, whose
// version comments around a trigger are taken off): the kind, the name and, for a trigger, its table,
// timing and event. The body is kept as text.
class ProgramParser
{
public:
    static Core::Result<StoredProgram> parse(QStringView createStatement);
    static Core::Result<StoredProgram> parse(DdlCursor &cursor);
    // `text` without the markers of MySQL version comments (/*!50003 ... */), other text kept as it is.
    static QString withoutVersionComments(QStringView text);
};

} // namespace Schema

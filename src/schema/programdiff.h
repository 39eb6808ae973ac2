#pragma once

#include "schema/schemadiff.h"

namespace Schema {

// The statements that turn one schema's stored programs into another's. A program's text is compared
// whole; a changed one is dropped and created again. Triggers of one table, timing and event fire in
// the order they were created, so when one of them changes, those after it are re-created too.
class ProgramDiff
{
public:
    struct Statements
    {
        QList<DiffStatement> drops; // before anything else
        QList<DiffStatement> routines; // procedures and functions: before views, which may call them
        QList<DiffStatement> triggersAndEvents; // last: the tables they use exist by then
    };

    static Statements compare(const SchemaModel &from, const SchemaModel &to);
    static ObjectType objectType(StoredProgram::Kind kind);
};

} // namespace Schema

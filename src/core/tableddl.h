#pragma once

#include <QString>

namespace Core {

// One table of a branch schema or of a schema diff, as the API gives it: name, DDL text, highlighted HTML.
struct TableDdl
{
    QString name;
    QString raw;
    QString html;
};

} // namespace Core

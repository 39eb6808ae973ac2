#pragma once

#include "schema/schemamodel.h"

namespace Schema {

// Decides whether changing a column from one definition to another can lose data: a narrower type,
// a shorter length, a smaller precision, a lost enum member, a signedness flip, another type family
// or a character set that cannot hold everything the old one could.
class TypeChange
{
public:
    // Empty when the change is safe; otherwise a short reason ("narrows int to smallint").
    static QString lossReason(
        const Column &from, const QString &fromCharset, const Column &to, const QString &toCharset);
};

} // namespace Schema

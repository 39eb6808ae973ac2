#pragma once

#include "schema/schemamodel.h"

#include <QList>
#include <QString>

namespace Schema {

// A change the schema model suggests, with the DDL that makes it. `key` names what it is about (type, table
// and index or column) so that the same finding on a later look is the same recommendation.
struct Recommendation
{
    QString type; // the API's recommendation_type: duplicate_index | sequence_overflow | unused_index | new_index
    QString table;
    QString subject; // the index to drop or to add, or the column to widen
    QString title;
    QString ddl;

    QString key() const { return type + u':' + table + u':' + subject; }
};

// Schema recommendations from the linter's findings (the sandbox's list_schema_recommendations): a
// duplicate or redundant index (a left prefix of another) → drop it; an AUTO_INCREMENT column that has used
// most of its type's range → widen it to bigint unsigned. Pure, so it is unit-tested on DDL text.
class SchemaRecommender
{
public:
    static QList<Recommendation> recommend(const SchemaModel &model, const QString &keyspace);
    // The column's definition with its integer type replaced by bigint unsigned (empty: nothing wider).
    static QString widenedDefinition(const Column &column);
};

} // namespace Schema

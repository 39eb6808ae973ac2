#pragma once

#include "local/keyrange.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Local {

// A column the revert brings back from the archive: `expression` reads it from alias `a.` (the archived
// pre-deploy table), falling back to the column's default for rows written since the deploy.
struct FillColumn
{
    QString name;
    QString expression;
};

// A foreign key of the shadow table: constraint names are unique per schema, so the shadow carries a
// temporary name and the final one is given back after the swap.
struct ForeignKeyRename
{
    QString temporaryName;
    QString finalName;
    QString definition; // "CONSTRAINT `final` FOREIGN KEY …" as the target definition prints it
};

// A plain secondary index the shadow gets after its rows are copied (see TablePlanner, OnlineCopy::buildIndexes).
struct DeferredIndex
{
    QString name;
    QString definition; // "KEY `k` (…)" as the server prints it
};

// How one table is copied online into a table of another shape (see OnlineCopy and TablePlanner).
struct CopyPlan
{
    QString schema;
    QString source; // the live table
    QString shadow; // created from shadowDefinition
    QString triggerPrefix;
    QString shadowDefinition; // CREATE TABLE `shadow` …
    QList<KeyColumn> key; // the source's primary key: the copy's chunking key and the triggers' row identity
    QStringList columns; // present in both shapes and stored (not generated): copied as they are
    QStringList changedColumns; // those of `columns` whose type or character set changes
    QStringList textColumns; // those of changedColumns that are text on both sides (compared as UTF-8 bytes)
    QList<std::pair<QString, QString>> implicitValues; // new NOT NULL columns without a default: name, value
    QString fillFrom; // an archive table to join by key (revert), or empty
    QList<FillColumn> fill;
    QList<ForeignKeyRename> foreignKeys;
    QString temporaryKeyIndex; // a unique index over `key` added to the shadow when its primary key differs
    QList<DeferredIndex> deferredIndexes; // left out of shadowDefinition, built after the copy
    int chunkRows = 1000;
    int chunkTargetMs = 0; // > 0: chunks are sized to take about this long
    int throttleMs = 0;
    bool checkBeside = true; // each chunk's check runs on a second session beside the next chunk's copy
};

} // namespace Local

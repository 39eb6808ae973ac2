#pragma once

#include <QList>
#include <QString>

namespace Core {

// One shard's storage as the deploy request's storage check reports it (bytes).
struct ShardStorage
{
    QString keyspace;
    QString shard;
    qint64 used = 0;
    qint64 capacity = 0;
    qint64 remaining = 0;
    double percentageUsed = 0;
    qint64 storageNeeded = 0;
    bool hasEnough = false;
};

// Whether the branch deployed into has room for the copies a deployment makes.
struct StorageCheck
{
    bool enoughStorage = false;
    bool upgradeable = false;
    qint64 storageBytesNeeded = 0;
    QList<ShardStorage> shards;
};

} // namespace Core

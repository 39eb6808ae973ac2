#include "api/deploycontrolparser.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::DeployThrottler readDeployThrottler(JsonReader &r)
{
    Core::DeployThrottler t;
    r.require("configurations");
    t.keyspaces = r.stringList("keyspaces");
    r.object<int>("configurable", [&t](JsonReader &c) {
        t.configurableId = c.string("id");
        t.configurableName = c.string("name");
        return 0;
    });
    t.configurations = r.list<Core::KeyspaceThrottle>("configurations", [](JsonReader &c) {
        c.require("keyspace_name");
        c.require("ratio");
        return Core::KeyspaceThrottle { c.string("keyspace_name"), c.number("ratio") };
    });
    return t;
}

Core::StorageCheck readStorageCheck(JsonReader &r)
{
    Core::StorageCheck check;
    r.require("enough_storage");
    check.enoughStorage = r.boolean("enough_storage");
    check.upgradeable = r.boolean("upgradeable");
    check.storageBytesNeeded = r.integer("storage_bytes_needed");
    r.object<int>("storage_report", [&check](JsonReader &keyspaces) {
        for (const QString &keyspace : keyspaces.keys()) {
            const QByteArray keyspaceKey = keyspace.toUtf8();
            keyspaces.object<int>(keyspaceKey.constData(), [&check, &keyspace](JsonReader &shards) {
                for (const QString &shard : shards.keys()) {
                    const QByteArray shardKey = shard.toUtf8();
                    shards.object<int>(shardKey.constData(), [&](JsonReader &s) {
                        Core::ShardStorage item;
                        item.keyspace = keyspace;
                        item.shard = shard;
                        item.used = s.integer("used");
                        item.capacity = s.integer("capacity");
                        item.remaining = s.integer("remaining");
                        item.percentageUsed = s.number("percentage_used");
                        item.storageNeeded = s.integer("storage_needed");
                        item.hasEnough = s.boolean("has_enough");
                        check.shards.append(item);
                        return 0;
                    });
                }
                return 0;
            });
        }
        return 0;
    });
    return check;
}

} // namespace Api::Parsers

#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace Core {

// A Vitess keyspace of a branch.
struct Keyspace
{
    QString id;
    QString name;
    QString clusterName;
    QString clusterDisplayName;
    QString nodeTtlStrategy; // node_ttl_follow_maintenance | node_ttl_always | node_ttl_off | unknown kept
    QString replicationDurabilityStrategy; // available | lag | always; empty when null
    qint64 shards = 0;
    qint64 replicas = 0;
    qint64 extraReplicas = 0;
    std::optional<double> vectorPoolAllocation;
    bool sharded = false;
    bool ready = false;
    bool isDefault = false;
    bool resizing = false;
    bool resizePending = false;
    bool metal = false;
    bool imported = false;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace Core

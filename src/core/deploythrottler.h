#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Core {

// The throttler ratio of one keyspace: 0 lets the deployment's copy run at full speed, 95 holds it back
// 95 % of the time (application traffic gets the room).
struct KeyspaceThrottle
{
    QString keyspaceName;
    double ratio = 0;
};

// A deploy request's (or a database's) throttler configuration.
struct DeployThrottler
{
    QStringList keyspaces; // the keyspaces that can be configured
    QString configurableId;
    QString configurableName;
    QList<KeyspaceThrottle> configurations;

    static constexpr int maxRatio = 95;
    // The ratio of `keyspace`, 0 when it has none.
    double ratioOf(const QString &keyspace) const
    {
        for (const KeyspaceThrottle &c : configurations) {
            if (c.keyspaceName == keyspace)
                return c.ratio;
        }
        return 0;
    }
};

} // namespace Core

#pragma once

#include "sql/connectionoptions.h"
#include "sql/connectionpool.h"

#include <QByteArray>
#include <QHash>

#include <memory>

namespace Sql {

// Hands out one ConnectionPool per server — per connection identity: host, port or socket, user,
// password, TLS settings, default database and timeouts — so every tab and background job on a server
// shares its connections and its connection cap. Owned by the application and passed down. A pool lives
// while someone holds it; the registry only remembers it (weakly).
//
//   Sql::PoolRegistry pools;                                  // the app's
//   std::shared_ptr<Sql::ConnectionPool> pool = pools.pool(options);
//
// Lives on the GUI thread.
class PoolRegistry
{
public:
    PoolRegistry() = default;
    explicit PoolRegistry(ConnectionPool::Settings settings)
        : m_settings(settings)
    { }
    PoolRegistry(const PoolRegistry &) = delete;
    PoolRegistry &operator=(const PoolRegistry &) = delete;

    // Settings of the pools created from now on (maxConnections is the per-server cap, default 8).
    void setSettings(const ConnectionPool::Settings &settings) { m_settings = settings; }
    const ConnectionPool::Settings &settings() const { return m_settings; }

    // The pool for this identity: the live one, or a new one.
    std::shared_ptr<ConnectionPool> pool(const ConnectionOptions &options);
    int livePools() const;

    // A digest of everything that makes two sets of options the same server and session defaults; the
    // password enters only through a hash.
    static QByteArray identity(const ConnectionOptions &options);

private:
    ConnectionPool::Settings m_settings;
    QHash<QByteArray, std::weak_ptr<ConnectionPool>> m_pools;
};

} // namespace Sql

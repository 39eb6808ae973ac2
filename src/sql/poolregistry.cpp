#include "sql/poolregistry.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>

namespace Sql {

QByteArray PoolRegistry::identity(const ConnectionOptions &options)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << options.host << options.port << options.socket << options.user
        << QCryptographicHash::hash(options.password.toUtf8(), QCryptographicHash::Sha256) << options.database
        << options.caFile << options.allowPlaintext << options.connectTimeoutSeconds << options.readTimeoutSeconds
        << options.writeTimeoutSeconds;
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

std::shared_ptr<ConnectionPool> PoolRegistry::pool(const ConnectionOptions &options)
{
    const QByteArray key = identity(options);
    if (std::shared_ptr<ConnectionPool> live = m_pools.value(key).lock(); live && !live->isShutDown())
        return live;
    // Forget the pools nobody holds any more before adding one.
    m_pools.removeIf([](decltype(m_pools)::iterator entry) { return entry.value().expired(); });
    auto created = std::make_shared<ConnectionPool>(options, m_settings);
    m_pools.insert(key, created);
    return created;
}

int PoolRegistry::livePools() const
{
    return int(std::count_if(m_pools.cbegin(), m_pools.cend(), [](const auto &weak) { return !weak.expired(); }));
}

} // namespace Sql

#pragma once

#include <QPointer>

namespace Sql {

class ConnectionPool;

// Exclusive use of one pooled connection (session affinity for a SQL tab: USE, SET, transactions and
// temporary tables stay put). Move-only; returns the connection to the pool when destroyed or reset.
// Use it on the pool's thread.
class Lease
{
public:
    Lease() = default;
    Lease(Lease &&other) noexcept;
    Lease &operator=(Lease &&other) noexcept;
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    ~Lease();

    bool isValid() const { return m_pool && m_id != 0; }
    quint64 id() const { return m_id; }
    int slot() const { return m_slot; }
    void reset(); // gives the connection back

private:
    friend class ConnectionPool;
    Lease(ConnectionPool *pool, int slot, quint64 id)
        : m_pool(pool)
        , m_slot(slot)
        , m_id(id)
    { }

    QPointer<ConnectionPool> m_pool;
    int m_slot = -1;
    quint64 m_id = 0;
};

} // namespace Sql

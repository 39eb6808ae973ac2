#include "sql/lease.h"

#include "sql/connectionpool.h"

namespace Sql {

Lease::Lease(Lease &&other) noexcept
    : m_pool(other.m_pool)
    , m_slot(other.m_slot)
    , m_id(other.m_id)
{
    other.m_pool = nullptr;
    other.m_id = 0;
    other.m_slot = -1;
}

Lease &Lease::operator=(Lease &&other) noexcept
{
    if (this != &other) {
        reset();
        m_pool = other.m_pool;
        m_slot = other.m_slot;
        m_id = other.m_id;
        other.m_pool = nullptr;
        other.m_id = 0;
        other.m_slot = -1;
    }
    return *this;
}

Lease::~Lease()
{
    reset();
}

void Lease::reset()
{
    if (m_pool && m_id != 0)
        m_pool->release(m_id, m_slot);
    m_pool = nullptr;
    m_id = 0;
    m_slot = -1;
}

} // namespace Sql

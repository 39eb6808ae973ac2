#pragma once

#include "api/apierror.h"
#include "core/result.h"

#include <utility>
#include <variant>

namespace Api {

// Every request carries an id; receivers keep the id of the latest request they made and drop any
// answer with another id.
using RequestId = quint64;

// The answer of an action that returns nothing useful (204 No Content, delete, refresh-schema).
struct NoContent
{
};

// Either a value or an ApiError, plus the id of the request that produced it.
template<typename T> class [[nodiscard]] ApiResult
{
public:
    ApiResult(T value, RequestId id = 0)
        : m_data(std::in_place_index<0>, std::move(value))
        , m_id(id)
    { }
    ApiResult(ApiError error, RequestId id = 0)
        : m_data(std::in_place_index<1>, std::move(error))
        , m_id(id)
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    RequestId requestId() const { return m_id; }
    void setRequestId(RequestId id) { m_id = id; }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

    const ApiError &error() const { return std::get<1>(m_data); }

    Core::Result<T> toCore() const
    {
        if (ok())
            return value();
        return error().toCoreError();
    }

private:
    std::variant<T, ApiError> m_data;
    RequestId m_id = 0;
};

} // namespace Api

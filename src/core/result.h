#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace Core {

// An error as a value: a machine-readable kind, a user-facing message and optional technical detail.
// Errors never carry secrets; callers must not put tokens or passwords into them.
struct Error
{
    QString code; // stable identifier, e.g. "tls_unknown_ca", "http_404", "parse_error"
    QString message; // one sentence a user can act on
    QString detail; // technical context (server message, field name, …)

    QString toString() const { return detail.isEmpty() ? message : message + u" (" + detail + u')'; }
};

// Result<T>: either a value or an Error. Exceptions never cross a layer or a thread; this does.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

inline Error makeError(QString code, QString message, QString detail = {})
{
    return Error { std::move(code), std::move(message), std::move(detail) };
}

} // namespace Core

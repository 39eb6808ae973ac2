#pragma once

#include <QMutex>

#include <atomic>

namespace Sql {

// Lets another thread interrupt a wait of the client library: raise() wakes every poll that watches
// fd() (a pipe that becomes readable), shuts down the attached socket (for reads the library does block
// on, such as its TLS handshake) and stays raised. Used for connects, health checks and control statements,
// so a shutdown or a cancel never waits for a dead network.
class AbortSignal
{
public:
    AbortSignal();
    ~AbortSignal();
    AbortSignal(const AbortSignal &) = delete;
    AbortSignal &operator=(const AbortSignal &) = delete;

    void raise(); // any thread; idempotent
    bool isRaised() const { return m_raised.load(); }
    int fd() const { return m_read; } // readable once raised; -1 if no pipe could be made (then polled)
    // The socket raise() shuts down; it must stay open until detached (or raised already: then at once).
    void attachSocket(int socket);
    void detachSocket();

private:
    QMutex m_mutex; // guards m_socket against raise() from another thread
    int m_socket = -1;
    int m_read = -1;
    int m_write = -1;
    std::atomic<bool> m_raised { false };
};

} // namespace Sql

#pragma once

#include "core/result.h"
#include "local/sqlsession.h"

#include <QString>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace Local {

// Runs the checks of an online copy's chunks on a second session, on its own thread, while the copy's
// session fills the next chunk: the server runs the two on two cores, so the checks no longer add to the
// copy's time nor hold a chunk's locks (see OnlineCopy for why a check after the commit is as strong).
//
// One check at a time: submit() starts one, wait() returns its outcome. When the second session cannot
// be opened, isRunning() is false and the caller checks in line instead.
class ChunkVerifier
{
public:
    // Runs one check of `range` on `session`.
    using Check = std::function<Core::Result<void>(SqlSession &session, const QString &range)>;

    ChunkVerifier(const SqlSession &like, Check check);
    ~ChunkVerifier(); // waits for a check under way, then ends the thread
    ChunkVerifier(const ChunkVerifier &) = delete;
    ChunkVerifier &operator=(const ChunkVerifier &) = delete;

    bool isRunning() const { return m_thread.joinable(); }
    void submit(const QString &range);
    // The outcome of the check submitted last (ok when there is none); blocks until it ended.
    Core::Result<void> wait();

private:
    void run();

    std::unique_ptr<SqlSession> m_session;
    Check m_check;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<QString> m_pending; // submitted, not started
    bool m_busy = false; // a check is pending or running
    bool m_quit = false;
    Core::Result<void> m_outcome;
};

} // namespace Local

#include "local/chunkverifier.h"

#include "sql/mysqllibrary.h"

#include <utility>

namespace Local {

ChunkVerifier::ChunkVerifier(const SqlSession &like, Check check)
    : m_check(std::move(check))
{
    // Opened here and used only by the thread from then on (a connection may change threads while idle).
    auto session = like.openAnother();
    if (!session)
        return;
    m_session = std::move(session).value();
    m_thread = std::thread([this] { run(); });
}

ChunkVerifier::~ChunkVerifier()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void ChunkVerifier::submit(const QString &range)
{
    {
        std::lock_guard lock(m_mutex);
        Q_ASSERT(!m_busy);
        m_pending = range;
        m_busy = true;
        m_outcome = {};
    }
    m_changed.notify_all();
}

Core::Result<void> ChunkVerifier::wait()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_busy; });
    return m_outcome;
}

void ChunkVerifier::run()
{
    Sql::MysqlLibrary::threadStarted();
    for (;;) {
        QString range;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_quit || m_pending.has_value(); });
            if (!m_pending)
                break;
            range = *std::exchange(m_pending, std::nullopt);
        }
        Core::Result<void> outcome = m_check(*m_session, range);
        {
            std::lock_guard lock(m_mutex);
            m_outcome = std::move(outcome);
            m_busy = false;
        }
        m_changed.notify_all();
    }
    m_session.reset();
    Sql::MysqlLibrary::threadFinished();
}

} // namespace Local

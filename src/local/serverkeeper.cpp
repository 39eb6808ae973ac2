#include "local/serverkeeper.h"

#include "local/mariadbinstance.h"
#include "sql/mysqllibrary.h"

#include <QThread>

namespace Local {

ServerKeeper::ServerKeeper(Sql::ConnectionOptions options, QString privateServerDir)
    : m_dir(std::move(privateServerDir))
    , m_options(std::move(options))
{ }

ServerKeeper::~ServerKeeper()
{
    if (m_thread)
        m_thread->wait();
}

Sql::ConnectionOptions ServerKeeper::options() const
{
    std::lock_guard lock(m_mutex);
    return m_options;
}

int ServerKeeper::recoveries() const
{
    std::lock_guard lock(m_mutex);
    return m_recoveries;
}

void ServerKeeper::connectFailed()
{
    if (m_dir.isEmpty())
        return;
    std::lock_guard lock(m_mutex);
    if (m_running || (m_sinceLast.isValid() && m_sinceLast.elapsed() < 1000))
        return;
    if (m_thread)
        m_thread->wait(); // it has ended (m_running is false): only its object is left
    m_running = true;
    m_thread.reset(QThread::create([this] { recover(); }));
    m_thread->setObjectName(QStringLiteral("server-keeper"));
    m_thread->start();
}

void ServerKeeper::recover()
{
    Sql::MysqlLibrary::threadStarted();
    // Starts the server when it is not running; either way its accounts are locked down again and the
    // sandbox's account gets a password that only this process knows.
    auto endpoint = MariadbInstance::startOrReuse(m_dir);
    Sql::MysqlLibrary::threadFinished();
    std::lock_guard lock(m_mutex);
    if (endpoint) {
        m_options.socket = endpoint->socket;
        m_options.user = endpoint->user;
        m_options.password = endpoint->password;
        ++m_recoveries;
    }
    m_running = false;
    m_sinceLast.start();
}

} // namespace Local

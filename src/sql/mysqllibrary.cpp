#include "sql/mysqllibrary.h"

#include <mysql.h>

#include <csignal>
#include <mutex>

namespace Sql {

bool MysqlLibrary::ensureInitialised()
{
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] {
        // TLS writes go through OpenSSL's plain write(): on a connection the peer (or abortSocket) already
        // closed, that raises SIGPIPE, which would end the process. Errors are handled as values instead.
        struct sigaction current = {};
        if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
            std::signal(SIGPIPE, SIG_IGN);
        ok = mysql_library_init(0, nullptr, nullptr) == 0;
    });
    return ok;
}

void MysqlLibrary::threadStarted()
{
    ensureInitialised();
    mysql_thread_init();
}

QString MysqlLibrary::clientVersion()
{
    return QString::fromLatin1(mysql_get_client_info());
}

void MysqlLibrary::threadFinished()
{
    mysql_thread_end();
}

} // namespace Sql

#include "sql/mysqllibrary.h"

#include <mysql.h>

#include <mutex>

namespace Sql {

bool MysqlLibrary::ensureInitialised()
{
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] { ok = mysql_library_init(0, nullptr, nullptr) == 0; });
    return ok;
}

} // namespace Sql

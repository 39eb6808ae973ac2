#include "local/cutoverblockers.h"

#include "local/metastore.h"

using namespace Qt::StringLiterals;

namespace Local {

Core::Result<int> CutoverBlockers::end(MetaStore &meta, const DeployRequestRecord &request, const QString &baseSchema)
{
    SqlSession &s = meta.session();
    return s.killConnections(u"SELECT p.ID FROM information_schema.PROCESSLIST p WHERE p.ID <> CONNECTION_ID()"
                             u" AND p.USER <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND (p.DB = "_s
            + s.quote(baseSchema) + u" OR p.USER IN (SELECT username FROM "_s + meta.table(u"passwords"_s)
            + u" WHERE database_name = "_s + s.quote(request.database) + u" AND branch_name = "_s
            + s.quote(request.intoBranch)
            + u" AND deleted_at IS NULL)) AND (p.COMMAND <> 'Sleep'"
              u" OR p.ID IN (SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX))"_s,
        u"A session holding the tables could not be ended."_s);
}

} // namespace Local

#include "local/failpoint.h"

#include <QStringList>
#include <QThread>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Local {

QStringList Failpoint::all()
{
    return {
        u"deploy_submitting"_s, // state submitting written
        u"deploy_planned"_s, // operations written
        u"deploy_in_progress"_s, // checked, state in_progress written
        u"copy_shadow_created"_s, // CREATE TABLE of the shadow done
        u"copy_shadow_journaled"_s,
        u"copy_triggers_installed"_s, // CREATE TRIGGER done
        u"copy_triggers_journaled"_s,
        u"copy_chunk_committed"_s, // a chunk and its journal entry committed
        u"copy_indexes_built"_s, // the last chunk committed, the deferred indexes added
        u"copy_verified"_s, // the copy was verified and journaled
        u"deploy_ready_to_cutover"_s, // state in_progress_cutover written
        u"cutover_user_triggers_moved"_s, // the application's triggers are on the shadow
        u"cutover_renamed"_s, // the RENAME done, not journaled yet
        u"cutover_swap_journaled"_s,
        u"cutover_triggers_dropped"_s,
        u"cutover_complete"_s, // state complete_pending_revert written
        u"revert_shadow_created"_s,
        u"revert_triggers_installed"_s,
        u"revert_chunk_committed"_s,
        u"revert_indexes_built"_s,
        u"revert_user_triggers_moved"_s,
        u"revert_renamed"_s,
        u"revert_swap_journaled"_s,
        u"revert_triggers_dropped"_s,
        u"revert_complete"_s,
    };
}

void Failpoint::hit(const char *name)
{
    const QByteArray spec = qgetenv("BRANCHDECK_FAILPOINT");
    if (spec.isEmpty())
        return;
    for (const QByteArray &entry : spec.split(',')) {
        const qsizetype equals = entry.indexOf('=');
        const QByteArray point = (equals < 0 ? entry : entry.left(equals)).trimmed();
        if (point != name)
            continue;
        const QByteArray action = equals < 0 ? QByteArray() : entry.mid(equals + 1).trimmed();
        if (action.startsWith("sleep:")) {
            QThread::msleep(action.mid(6).toULong());
            continue;
        }
        ::kill(::getpid(), SIGKILL);
        ::_exit(137); // not reached
    }
}

} // namespace Local

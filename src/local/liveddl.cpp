#include "local/liveddl.h"

#include "sql/servererrors.h"

#include <QElapsedTimer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Local {

bool LiveDdl::isLockError(unsigned int errorNumber)
{
    return errorNumber == Sql::ServerError::LockWaitTimeout || errorNumber == Sql::ServerError::LockDeadlock;
}

Core::Result<void> LiveDdl::run(SqlSession &session, const QString &sql, int budgetMs, const StopFn &stop)
{
    QElapsedTimer timer;
    timer.start();
    unsigned long pause = 20;
    for (;;) {
        auto done = session.exec(sql);
        if (done || !isLockError(session.lastErrorNumber()))
            return done;
        if (timer.elapsed() + qint64(pause) > budgetMs || (stop && stop()))
            return Core::makeError(u"lock_busy"_s,
                u"A transaction kept the table in use; the change waits and tries again."_s, done.error().detail);
        QThread::msleep(pause);
        pause = qMin(pause * 2, 1000UL);
    }
}

Core::Result<void> LiveDdl::runAll(SqlSession &session, const QStringList &statements, int budgetMs, const StopFn &stop)
{
    for (const QString &sql : statements) {
        if (auto done = run(session, sql, budgetMs, stop); !done)
            return done;
    }
    return {};
}

} // namespace Local

#pragma once

#include "core/result.h"
#include "local/copyplan.h"
#include "local/deployjournal.h"
#include "local/sqlsession.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace Local {

// One table that changes shape at the swap: its copy plan (live table, shadow, mirroring triggers) and
// the name the live table is archived under.
struct SwapTable
{
    QString operationId;
    CopyPlan plan;
    QString archive;
};

// The swap of shadows for live tables, with bounded lock waits and re-entrant from any step:
// 1. the application's own triggers move from each live table to its shadow (under LOCK TABLES, so no
//    write misses them; their definitions are journaled first, so a crash in between loses none) — from
//    then on the mirrored write fires them once, on the shadow's row;
// 2. one RENAME TABLE exchanges every live table for its shadow (and renames tables the deployment drops
//    to their archives), atomically; it never waits for a lock (lock_wait_timeout = 0) but tries again
//    with backoff within a budget, so application queries never queue behind it for long;
// 3. the mirroring triggers are dropped from the archives, the foreign keys get their final names.
// Each step first looks at the catalog, so running the swap again after a crash continues where it was.
class Cutover
{
public:
    enum class Outcome { Done, Busy };

    // `phase` ("cutover" or "revert") prefixes the journal's steps and the failpoints:
    // `<phase>_user_triggers`, `<phase>_renamed`, `<phase>_swap_journaled`, ….
    Cutover(SqlSession &session, DeployJournal &journal, QString requestId, QByteArray phase, int budgetMs)
        : m_session(session)
        , m_journal(journal)
        , m_requestId(std::move(requestId))
        , m_phase(std::move(phase))
        , m_budgetMs(budgetMs)
    { }

    // `renames` are further pairs (from, to) of qualified names for the same RENAME (dropped tables to
    // their archives); the caller passes only those still to do.
    Core::Result<Outcome> swap(const QList<SwapTable> &tables, const QList<std::pair<QString, QString>> &renames);
    // Moves the application's triggers back from a shadow to its live table (before abandoning a shadow).
    Core::Result<void> restoreUserTriggers(const SwapTable &table);

    bool tableExists(const QString &schema, const QString &table);
    static bool swapped(SqlSession &session, const SwapTable &table);

private:
    struct UserTrigger
    {
        QString name;
        QString statement; // the CREATE TRIGGER text as written, on the live table
    };
    Core::Result<QList<UserTrigger>> userTriggers(const SwapTable &table);
    Core::Result<void> moveUserTriggers(const SwapTable &table);
    Core::Result<void> runLocked(const QString &schema, const QStringList &tables, const QStringList &ddl);
    QString step(const char *name) const { return QString::fromLatin1(m_phase + '_' + name); }
    void hit(const char *name) const;
    Core::Result<void> renameForeignKeys(const SwapTable &table);
    Core::Result<void> dropTemporaryKey(const SwapTable &table);
    bool triggerOn(const QString &schema, const QString &trigger, const QString &table);
    static QString retarget(const QString &statement, const QString &table, const QString &qualifiedTarget);

    SqlSession &m_session;
    DeployJournal &m_journal;
    QString m_requestId;
    QByteArray m_phase;
    int m_budgetMs;
};

} // namespace Local

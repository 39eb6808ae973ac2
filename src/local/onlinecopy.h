#pragma once

#include "core/result.h"
#include "local/copyplan.h"
#include "local/sqlsession.h"

#include <QStringList>

#include <functional>

namespace Local {

struct CopyProgress
{
    qint64 total = 0; // an estimate (the table keeps taking writes)
    qint64 copied = 0;
    double etaSeconds = 0;
    KeyValue upTo; // the key of the last copied row
    KeyValue verifiedUpTo; // the key up to which the copy was verified (trails upTo by at most one chunk)
};

// Copies a live table into a shadow table of another shape while the table keeps taking writes, the way
// pt-online-schema-change does, but losslessly by construction:
// - triggers on the live table mirror every insert, update and delete into the shadow with plain INSERT,
//   UPDATE and DELETE (never IGNORE, REPLACE or an upsert: a row that does not fit the new shape makes the
//   application's statement fail instead of silently dropping or rewriting another row); an update finds
//   its row by the old key and never rewrites a key unless the application changed it;
// - existing rows are copied in key chunks, each in one transaction: the chunk's range of the shadow is
//   emptied and refilled from a locking read of the live table and the caller's journal entry for it is
//   written, then it commits. A chunk therefore never resurrects a deleted row, never keeps a stale one,
//   and recovery resumes after the last committed chunk;
// - each chunk's copy is verified (row count and a checksum of the columns copied as they are; values of
//   columns whose type changes are compared one by one) in a consistent snapshot taken right after it
//   committed, on a second session while the next chunk copies (snapshot reads take no locks, so neither waits
//   for the other; one session checks in turn), so the chunk's locks are not held while the check reads. From
//   its commit on, the triggers change the chunk's range of the shadow in the same transaction as the live
//   table, so every snapshot sees the two ranges equal unless the copy is wrong: the check is as strong as
//   one inside the chunk's transaction. How far the finished checks got is journaled with a later chunk (the
//   last chunk waits for every other check and is checked inside its own transaction); recovery checks the
//   chunks after that before it copies on;
// - the end check (verifyRest) compares the rows after the last checked chunk — the ones the triggers alone
//   wrote after the copy's last key — the same way in one snapshot, so together the checks cover every key
//   once without reading either whole table again;
// - the copy runs in strict SQL mode: a value the new shape cannot hold is an error, never a truncation.
class OnlineCopy
{
public:
    // Statements committed with each chunk (the journal), and a check after it (false cancels the copy).
    using JournalFn = std::function<QStringList(const CopyProgress &)>;
    using ProgressFn = std::function<bool(const CopyProgress &)>;

    OnlineCopy(SqlSession &session, CopyPlan plan, int ddlBudgetMs = 30000)
        : m_session(session)
        , m_plan(std::move(plan))
        , m_ddlBudgetMs(ddlBudgetMs)
    { }

    Core::Result<void> createShadow();
    Core::Result<void> installTriggers();
    // Copies every chunk after `resumeAfter` (empty: from the start), after verifying the chunks copied up
    // to it but not verified up to `verifiedUpTo` (empty: none verified), then builds the deferred indexes.
    // Error code "cancelled" when `progressed` asked to stop, "verification_failed" when a chunk's copy differs.
    Core::Result<void> copy(const KeyValue &resumeAfter, const KeyValue &verifiedUpTo, const JournalFn &journal,
        const ProgressFn &progressed);
    // Adds the plan's deferred indexes the shadow lacks (in place, online).
    Core::Result<void> buildIndexes();
    // The end check: the rows after `verifiedUpTo` (everything when empty) compared like a chunk, in one
    // consistent snapshot. "verification_failed" when they differ.
    Core::Result<void> verifyRest(const KeyValue &verifiedUpTo);
    // How far the copy is verified, as journaled with its last committed chunk (after copy(): its end).
    const KeyValue &verifiedUpTo() const { return m_verifiedUpTo; }
    // Drops the triggers (bounded lock waits).
    Core::Result<void> dropTriggers();
    // Drops the triggers and the shadow (cancel, failure, recovery).
    Core::Result<void> abandon();
    bool triggersInstalled();
    bool shadowExists();

    const CopyPlan &plan() const { return m_plan; }
    // Names the failpoint after each committed chunk: `<prefix>_chunk_committed` (default "copy").
    void setFailpointPrefix(const char *prefix) { m_failpointPrefix = prefix; }
    QString qualified(const QString &table) const;
    QStringList triggerNames() const;

private:
    Core::Result<void> copyRows(const KeyValue &resumeAfter, const KeyValue &verifiedUpTo, const JournalFn &journal,
        const ProgressFn &progressed);
    QString insertRow(const QString &prefix) const; // trigger body: INSERT the row into the shadow
    QString copySelect(const QString &range) const;
    QString checksum(const QString &table, const QString &range) const;
    // `finish` runs last in the chunk's transaction (the rows it copied): checks, then the journal.
    Core::Result<qint64> copyChunk(const QString &shadowRange, const QString &range,
        const std::function<Core::Result<QStringList>(qint64)> &finish);
    Core::Result<void> verifyChunk(SqlSession &session, const QString &range) const;
    // verifyChunk() in a consistent snapshot of committed chunks (no transaction of `session` open).
    Core::Result<void> verifyCommitted(SqlSession &session, const QString &range) const;
    Core::Result<KeyValue> keyAt(const QString &where, const QString &order, int offset);

    SqlSession &m_session;
    CopyPlan m_plan;
    int m_ddlBudgetMs;
    QByteArray m_failpointPrefix = "copy";
    KeyValue m_verifiedUpTo;
};

} // namespace Local

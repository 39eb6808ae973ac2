#pragma once

#include "core/result.h"
#include "local/sqlsession.h"

#include <QStringList>

#include <functional>

namespace Local {

// Copies a live table into a shadow table of another shape while the table keeps taking writes, the way
// pt-online-schema-change does: triggers on the live table mirror every insert, update and delete into the
// shadow, and the existing rows are copied in primary-key chunks (locking reads, so a chunk never
// resurrects a row a trigger already deleted). swap() then exchanges the two tables in one atomic RENAME.
//
// For a revert, `fillFrom` names an archive table (the pre-deploy table) whose `fillColumns` are joined in
// by key, so the values of columns the deploy dropped come back.
struct CopyPlan
{
    QString schema;
    QString source; // the live table
    QString shadow; // already created with the target definition
    QString triggerPrefix;
    QStringList columns; // copied as they are (present in both, not generated)
    QStringList key; // primary key columns (same in both)
    QString fillFrom;
    QStringList fillColumns;
    int chunkRows = 1000;
    int throttleMs = 0;
};

struct CopyProgress
{
    qint64 total = 0;
    qint64 copied = 0;
    double etaSeconds = 0;
};

class OnlineCopy
{
public:
    // `progressed` is called after each chunk; returning false cancels the copy.
    using ProgressFn = std::function<bool(const CopyProgress &)>;

    OnlineCopy(SqlSession &session, CopyPlan plan)
        : m_session(session)
        , m_plan(std::move(plan))
    { }

    Core::Result<void> installTriggers();
    // Returns an error with code "cancelled" when `progressed` asked to stop.
    Core::Result<void> copy(const ProgressFn &progressed);
    // RENAME source → archive, shadow → source; then drops the triggers (they moved with the source).
    Core::Result<void> swap(const QString &archive);
    // Drops the triggers and the shadow (cancel or failure).
    void abandon();

    QString qualified(const QString &table) const;
    static QStringList triggerNames(const QString &prefix);

private:
    QString insertRow(const QString &prefix) const; // trigger body: upsert NEW into the shadow
    QString keyMatch(const QString &alias, const QString &prefix) const;
    Core::Result<void> execRetrying(const QString &sql);

    SqlSession &m_session;
    CopyPlan m_plan;
};

} // namespace Local

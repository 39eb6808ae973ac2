#include "ui/editor/runledger.h"

#include "core/sqlclassifier.h"
#include "store/history.h"

#include <algorithm>

namespace Ui {

QStringList RunLedger::start(const QList<Core::SqlStatement> &statements, const QString &target)
{
    m_entries.clear();
    m_panes.clear();
    QStringList errors;
    // History first: if the app dies during the statement, the text is still there.
    for (const auto &statement : statements) {
        Entry entry;
        entry.statement = statement;
        if (m_history) {
            const auto id = m_history->recordStarted(statement.text, target);
            if (id.ok())
                entry.historyId = *id;
            else
                errors.append(id.error().toString());
        }
        m_entries.append(entry);
    }
    m_runClock.start();
    m_statementClock.start();
    return errors;
}

QString RunLedger::finish(int index, qint64 durationMs, qint64 rows, const QString &error)
{
    m_statementClock.start();
    if (!contains(index))
        return {};
    Entry &entry = m_entries[index];
    if (entry.done)
        return {};
    entry.done = true;
    if (!m_history || entry.historyId == 0)
        return {};
    const auto recorded = m_history->recordFinished(entry.historyId, durationMs, rows, error);
    return recorded.ok() ? QString() : recorded.error().toString();
}

void RunLedger::markSucceeded(int index)
{
    if (contains(index))
        m_entries[index].succeeded = true;
}

ResultPane *RunLedger::lastPane(int index) const
{
    ResultPane *last = nullptr;
    for (int result = 0; auto *p = pane(index, result); ++result)
        last = p;
    return last;
}

int RunLedger::doneCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(), [](const Entry &e) { return e.done; }));
}

bool RunLedger::changedSchema() const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
        [](const Entry &e) { return e.succeeded && Core::SqlClassifier::classify(e.statement.text).changesSchema(); });
}

} // namespace Ui

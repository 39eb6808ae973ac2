#pragma once

#include "core/sqlsplitter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QString>

namespace Store {
class History;
}

namespace Ui {

class ResultPane;

// The bookkeeping of a query tab's run: the statements as submitted (text and range in the editor), the
// history entry of each — written before the run starts, so the text survives if the app dies during a
// statement, and finished once as the statement ends —, which statements are done and which succeeded, and
// the clocks of the run and of the statement under way, and the result pane of each result set. The tab
// creates and shows the panes; this only finds them.
class RunLedger
{
public:
    struct Entry
    {
        Core::SqlStatement statement;
        qint64 historyId = 0;
        bool done = false;
        bool succeeded = false;
    };

    void setHistory(Store::History *history) { m_history = history; }

    // Starts a run of `statements` on `target` (the history's name for it); returns the history's errors.
    QStringList start(const QList<Core::SqlStatement> &statements, const QString &target);
    // Ends statement `index` once (later calls do nothing): its history entry gets the duration, the rows (-1:
    // none) and the error, if any. Restarts the statement clock. Returns the history's error, if any.
    QString finish(int index, qint64 durationMs, qint64 rows, const QString &error = {});
    void markSucceeded(int index);

    bool contains(int index) const { return index >= 0 && index < m_entries.size(); }
    const Entry &at(int index) const { return m_entries.at(index); }
    int size() const { return int(m_entries.size()); }
    int doneCount() const;
    // A statement the classifier says changes the schema succeeded: schema views and completions are stale.
    bool changedSchema() const;

    // The pane of a statement's result set (CALL has several), null if it has none yet.
    ResultPane *pane(int index, int result) const { return m_panes.value(paneKey(index, result)); }
    void addPane(int index, int result, ResultPane *pane) { m_panes.insert(paneKey(index, result), pane); }
    // The pane of the last result set that started for a statement (where its error belongs), or null.
    ResultPane *lastPane(int index) const;
    QList<ResultPane *> panes() const { return m_panes.values(); }
    qsizetype paneCount() const { return m_panes.size(); }

    qint64 runElapsedMs() const { return m_runClock.elapsed(); }
    qint64 statementElapsedMs() const { return m_statementClock.elapsed(); }

private:
    static quint64 paneKey(int index, int result) { return (quint64(quint32(index)) << 32) | quint32(result); }

    Store::History *m_history = nullptr;
    QList<Entry> m_entries;
    QHash<quint64, ResultPane *> m_panes; // (statement << 32 | result) → pane
    QElapsedTimer m_runClock;
    QElapsedTimer m_statementClock; // since the current statement started
};

} // namespace Ui

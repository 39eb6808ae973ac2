#pragma once

#include "core/backgroundjobs.h"
#include "core/resultfilter.h"
#include "core/resultsorter.h"
#include "ui/results/resultsetmodel.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Ui {

// Sorts and filters a ResultSetModel off the GUI thread. Each change (a header click, a keystroke in the
// filter box, rows arriving while sorted) cancels the work in flight and starts a new job on a worker;
// the view keeps showing the previous order, stays interactive, and is told when the new one is ready.
// Work is reused: the sort of the whole result is kept while the filter changes, and a filter that only
// narrows the previous one (typing on) looks only at the previous matches.
class ResultArranger : public QObject
{
    Q_OBJECT
public:
    explicit ResultArranger(ResultSetModel *model, QObject *parent = nullptr);
    ~ResultArranger() override;

    const QList<Core::SortKey> &sortKeys() const { return m_keys; }
    void setSortKeys(const QList<Core::SortKey> &keys);
    const Core::FilterSpec &filter() const { return m_filter; }
    void setFilter(const Core::FilterSpec &filter);
    void setFilterText(const QString &text);
    // Adds a condition, or replaces the one on the same column with the same operator.
    void addCondition(const Core::ColumnCondition &condition);
    void removeConditions(int column);

    bool isActive() const { return !m_keys.isEmpty() || !m_filter.isEmpty(); }
    bool isBusy() const { return m_busy; }
    // Rows the view shows, and rows received (equal unless filtered).
    qsizetype shownRows() const;
    qsizetype totalRows() const;
    QString lastError() const { return m_error; }
    // Milliseconds the last finished job took, from request to the view showing it.
    qint64 lastDurationMs() const { return m_lastDurationMs; }

    // Rows arriving while sorted or filtered are folded in at most this often (ms).
    void setRefreshInterval(int ms) { m_refresh.setInterval(ms); }

Q_SIGNALS:
    // The sort keys or the filter were changed (the view follows once the job is done).
    void changed();
    // A job started (busy, with what it does) or the view shows its result (not busy).
    void busyChanged(bool busy, const QString &what);
    void arranged();
    void failed(const QString &message);
    // The order is about to change in a way that moves or drops rows: large selections are best cleared.
    void aboutToRearrange();

private:
    struct Outcome;
    void start();
    void apply(Outcome outcome);
    void onRowsFlushed();
    QString describe() const;

    QPointer<ResultSetModel> m_model;
    QList<Core::SortKey> m_keys;
    Core::FilterSpec m_filter;

    // What the view shows, and the work it came from (reused by the next job).
    QList<Core::SortKey> m_shownKeys;
    Core::FilterSpec m_shownFilter;
    qsizetype m_shownFrom = 0; // rows received when the shown order was made
    ResultSetModel::Order m_sorted; // all rows by m_shownKeys
    ResultSetModel::Order m_matches; // rows passing m_shownFilter, ascending

    Core::CancelFlag m_cancel;
    quint64 m_generation = 0;
    bool m_busy = false;
    QString m_error;
    QElapsedTimer m_clock;
    qint64 m_lastDurationMs = 0;
    QTimer m_refresh;
    Core::BackgroundJobs m_jobs;
};

} // namespace Ui

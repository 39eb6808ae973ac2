#pragma once

#include "core/backgroundjobs.h"
#include "core/columnstatistics.h"

#include <QLabel>
#include <QTimer>

namespace Ui {

class ResultGrid;

// Statistics of the selected cells, per column (count, distinct, NULLs, min/max, sum/average for numbers),
// computed on a worker thread a moment after the selection settles, shown as one line under the grid (the
// full table in its tooltip and in a dialog on request). Cancelled when the selection changes again.
class SelectionStatistics : public QLabel
{
    Q_OBJECT
public:
    explicit SelectionStatistics(ResultGrid *grid, QWidget *parent = nullptr);

    void refresh(); // now, without waiting
    const QList<Core::ColumnStats> &stats() const { return m_stats; }
    bool isComputing() const { return m_computing; }
    void showDetails(); // a dialog with a row per column

Q_SIGNALS:
    void computed();

private:
    void watchSelection();
    QString summary() const;
    QString tableHtml() const;

    ResultGrid *m_grid;
    QTimer m_debounce;
    QList<Core::ColumnStats> m_stats;
    bool m_computing = false;
    quint64 m_generation = 0;
    Core::CancelFlag m_cancel;
    Core::BackgroundJobs m_jobs;
};

} // namespace Ui

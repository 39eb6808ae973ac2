#pragma once

#include "core/backgroundjobs.h"
#include "core/result.h"
#include "core/resultformatter.h"
#include "core/resultwriter.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Ui {

class ResultSetModel;

// Exports a whole result to a file (CSV, TSV, JSON, SQL INSERT, Markdown) on a worker thread
// (Core::ResultWriter), in the order the grid shows the rows (sorted and filtered as shown), with progress
// and cancel. The GUI thread only polls a counter. The file appears only when complete: a cancelled or
// failed export leaves no partial file behind (and an existing file untouched).
class ResultExporter : public QObject
{
    Q_OBJECT
public:
    ResultExporter(const ResultSetModel *model, Core::ResultFormat format, QString path, QObject *parent = nullptr);
    ~ResultExporter() override;

    void setTableName(const QString &name) { m_tableName = name; }
    void setProgressInterval(int ms) { m_poll.setInterval(ms); }
    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    qsizetype totalRows() const { return m_total; }

Q_SIGNALS:
    void progressChanged(qsizetype rowsWritten, qsizetype totalRows);
    void finished(const Core::Result<void> &result);

private:
    void finish(Core::Result<void> result);

    QPointer<const ResultSetModel> m_model;
    Core::ResultFormat m_format;
    QString m_path;
    QString m_tableName;
    qsizetype m_total = 0;
    bool m_running = false;
    Core::CancelFlag m_cancel;
    Core::ResultWriter::Progress m_progress;
    QTimer m_poll;
    Core::BackgroundJobs m_jobs;
};

} // namespace Ui

#pragma once

#include "core/result.h"
#include "ui/results/resultformatter.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QSaveFile;

namespace Ui {

class ResultSetModel;

// Writes a whole result to a file (CSV, JSON, SQL INSERT, …) on the GUI thread in slices of rows, so the
// window stays responsive and a progress dialog can show progress and cancel. The file is written through
// QSaveFile: a cancelled or failed export leaves no partial file behind (and an existing file untouched).
class ResultExporter : public QObject
{
    Q_OBJECT
public:
    ResultExporter(const ResultSetModel *model, ResultFormat format, QString path, QObject *parent = nullptr);
    ~ResultExporter() override;

    void setRowsPerSlice(int rows) { m_rowsPerSlice = qMax(1, rows); }
    void setTableName(const QString &name) { m_tableName = name; }
    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    qsizetype totalRows() const { return m_total; }

Q_SIGNALS:
    void progressChanged(qsizetype rowsWritten, qsizetype totalRows);
    void finished(const Core::Result<void> &result);

private:
    void writeSlice();
    void finish(Core::Result<void> result);

    QPointer<const ResultSetModel> m_model;
    ResultFormat m_format;
    QString m_path;
    QString m_tableName;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<ResultFormatter> m_formatter;
    qsizetype m_next = 0;
    qsizetype m_total = 0;
    int m_rowsPerSlice = 5000;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace Ui

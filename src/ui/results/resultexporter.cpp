#include "ui/results/resultexporter.h"

#include "ui/results/resultsetmodel.h"

#include <QSaveFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Ui {

ResultExporter::ResultExporter(const ResultSetModel *model, ResultFormat format, QString path, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_format(format)
    , m_path(std::move(path))
{ }

ResultExporter::~ResultExporter()
{
    if (m_file)
        m_file->cancelWriting();
}

void ResultExporter::start()
{
    if (m_running)
        return;
    if (!m_model) {
        finish(Core::makeError(u"export_no_result"_s, u"There is no result to export."_s));
        return;
    }
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        finish(Core::makeError(
            u"export_open"_s, u"Cannot write the export file."_s, m_path + u": "_s + m_file->errorString()));
        return;
    }
    m_running = true;
    m_cancelled = false;
    m_next = 0;
    m_total = m_model->receivedRows(); // rows still streaming in are not part of this export
    m_formatter = std::make_unique<ResultFormatter>(m_format, m_model->columns(), m_tableName);
    m_file->write(m_formatter->header().toUtf8());
    Q_EMIT progressChanged(0, m_total);
    QTimer::singleShot(0, this, &ResultExporter::writeSlice);
}

void ResultExporter::cancel()
{
    if (m_running)
        m_cancelled = true;
}

void ResultExporter::writeSlice()
{
    if (!m_running)
        return;
    if (m_cancelled) {
        finish(Core::makeError(u"export_cancelled"_s, u"The export was cancelled; no file was written."_s));
        return;
    }
    if (!m_model) {
        finish(Core::makeError(u"export_no_result"_s, u"The result was closed during the export."_s));
        return;
    }
    const qsizetype end = qMin(m_total, m_next + m_rowsPerSlice);
    QString text;
    for (; m_next < end; ++m_next) {
        qsizetype local = 0;
        const auto &chunk = m_model->chunkFor(m_next, &local);
        text += m_formatter->row(chunk, local);
    }
    if (m_file->write(text.toUtf8()) < 0) {
        finish(Core::makeError(u"export_write"_s, u"Writing the export file failed."_s, m_file->errorString()));
        return;
    }
    Q_EMIT progressChanged(m_next, m_total);
    if (m_next < m_total) {
        QTimer::singleShot(0, this, &ResultExporter::writeSlice);
        return;
    }
    m_file->write(m_formatter->footer().toUtf8());
    if (!m_file->commit()) {
        const QString detail = m_file->errorString();
        m_file.reset();
        finish(Core::makeError(u"export_write"_s, u"Writing the export file failed."_s, detail));
        return;
    }
    m_file.reset();
    finish({});
}

void ResultExporter::finish(Core::Result<void> result)
{
    m_running = false;
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
    Q_EMIT finished(result);
}

} // namespace Ui

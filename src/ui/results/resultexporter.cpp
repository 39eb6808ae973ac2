#include "ui/results/resultexporter.h"

#include "ui/results/resultsetmodel.h"

#include <numeric>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

// The job for a format: CSV, TSV and JSON straight from bytes; the others through the formatter.
Core::ResultWriter::Job jobFor(
    const ResultSetModel &model, Core::ResultFormat format, const QString &path, const QString &table)
{
    Core::ResultWriter::Job job;
    job.rows = model.rows();
    job.order = model.order();
    if (!job.order && model.rowCount() < job.rows.rowCount()) {
        // Rows received but not yet shown (still streaming) are not part of the export.
        auto shown = std::make_shared<std::vector<quint32>>(size_t(model.rowCount()));
        std::iota(shown->begin(), shown->end(), 0u);
        job.order = shown;
    }
    job.path = path;
    switch (format) {
    case Core::ResultFormat::Csv:
        job.format = Core::ResultWriter::Format::Csv;
        return job;
    case Core::ResultFormat::Tsv:
        job.format = Core::ResultWriter::Format::Tsv;
        return job;
    case Core::ResultFormat::Json:
        job.format = Core::ResultWriter::Format::Json;
        return job;
    case Core::ResultFormat::Markdown:
    case Core::ResultFormat::SqlInsert:
        break;
    }
    Core::ResultFormatter formatter(format, job.rows.columns(), table);
    job.format = Core::ResultWriter::Format::Custom;
    job.prefix = formatter.header().toUtf8();
    job.suffix = formatter.footer().toUtf8();
    job.formatRow = [formatter](const Core::ResultSet &chunk, qsizetype row, std::string &out) mutable {
        const QByteArray text = formatter.row(chunk, row).toUtf8();
        out.append(text.constData(), size_t(text.size()));
    };
    return job;
}

} // namespace

ResultExporter::ResultExporter(const ResultSetModel *model, Core::ResultFormat format, QString path, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_format(format)
    , m_path(std::move(path))
    , m_jobs(this)
{
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_progress)
            Q_EMIT progressChanged(qsizetype(m_progress->load(std::memory_order_relaxed)), m_total);
    });
}

ResultExporter::~ResultExporter()
{
    m_cancel.cancel();
}

void ResultExporter::start()
{
    if (m_running)
        return;
    if (!m_model) {
        finish(Core::makeError(u"export_no_result"_s, u"There is no result to export."_s));
        return;
    }
    m_running = true;
    m_cancel = Core::CancelFlag();
    m_progress = std::make_shared<std::atomic<qint64>>(0);
    const auto job = jobFor(*m_model, m_format, m_path, m_tableName);
    m_total = job.order ? qsizetype(job.order->size()) : job.rows.rowCount();
    Q_EMIT progressChanged(0, m_total);
    m_poll.start();
    const Core::CancelFlag cancel = m_cancel;
    const auto progress = m_progress;
    m_jobs.run([job, cancel, progress] { return Core::ResultWriter::write(job, cancel, progress); },
        [this](Core::Result<qint64> written) {
            if (written.ok())
                Q_EMIT progressChanged(qsizetype(written.value()), m_total);
            finish(written.ok() ? Core::Result<void>() : Core::Result<void>(written.error()));
        });
}

void ResultExporter::cancel()
{
    if (m_running)
        m_cancel.cancel();
}

void ResultExporter::finish(Core::Result<void> result)
{
    m_running = false;
    m_poll.stop();
    Q_EMIT finished(result);
}

} // namespace Ui

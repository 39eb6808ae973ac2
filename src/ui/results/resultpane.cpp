#include "ui/results/resultpane.h"

#include "ui/results/resultgrid.h"
#include "ui/results/resultsetmodel.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString formatDuration(qint64 us)
{
    if (us < 1000)
        return QCoreApplication::translate("Ui::ResultPane", "%1 µs").arg(us);
    if (us < 10'000'000)
        return QCoreApplication::translate("Ui::ResultPane", "%1 ms")
            .arg(QLocale().toString(us / 1000.0, 'f', us < 100'000 ? 1 : 0));
    return QCoreApplication::translate("Ui::ResultPane", "%1 s").arg(QLocale().toString(us / 1e6, 'f', 2));
}

// English plural without a loaded translation (tr's %n needs one to pluralise).
QString affectedText(quint64 rows)
{
    return rows == 1 ? QCoreApplication::translate("Ui::ResultPane", "1 row affected")
                     : QCoreApplication::translate("Ui::ResultPane", "%1 rows affected").arg(QLocale().toString(rows));
}

} // namespace

ResultPane::ResultPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new ResultSetModel(this))
    , m_grid(new ResultGrid(this))
    , m_filter(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_status(new QLabel(this))
    , m_stack(new QStackedWidget(this))
{
    m_elapsed.start();
    m_grid->setResultModel(m_model);
    m_filter->setPlaceholderText(tr("Filter rows"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_grid, &ResultGrid::setFilterText);

    auto *gridPage = new QWidget(m_stack);
    auto *gridLayout = new QVBoxLayout(gridPage);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->setSpacing(2);
    gridLayout->addWidget(m_filter);
    gridLayout->addWidget(m_grid, 1);
    m_stack->addWidget(gridPage);

    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(8);
    m_stack->addWidget(m_message);
    m_stack->setCurrentWidget(m_message);
    m_message->setText(tr("Running…"));

    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setContentsMargins(6, 1, 6, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);
    updateLiveStatus();
}

void ResultPane::startRows(const QList<Core::ColumnInfo> &columns)
{
    m_model->setColumns(columns);
    m_stack->setCurrentIndex(0);
    updateLiveStatus();
}

void ResultPane::appendRows(const Core::ResultSet &batch)
{
    m_model->appendBatch(batch);
}

bool ResultPane::hasRows() const
{
    return m_stack->currentIndex() == 0;
}

void ResultPane::updateLiveStatus()
{
    if (m_state != State::Running)
        return;
    const QString rows
        = hasRows() ? tr("%1 rows").arg(QLocale().toString(m_model->receivedRows())) + u" · "_s : QString();
    m_status->setText(tr("Running… %1%2").arg(rows, formatDuration(m_elapsed.nsecsElapsed() / 1000)));
}

void ResultPane::finish(const Sql::StatementSummary &summary)
{
    m_state = State::Finished;
    m_model->flush();
    QStringList parts;
    if (hasRows()) {
        parts.append(tr("%1 rows").arg(QLocale().toString(m_model->receivedRows())));
        if (summary.truncated)
            parts.append(tr("stopped at the memory limit: only these rows were kept"));
    } else {
        QString text = affectedText(summary.affectedRows);
        if (summary.lastInsertId != 0)
            text += u"\n"_s + tr("Last insert id: %1").arg(summary.lastInsertId);
        showMessage(text, false);
        parts.append(affectedText(summary.affectedRows));
    }
    if (summary.warnings > 0)
        parts.append(summary.warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(summary.warnings));
    parts.append(formatDuration(summary.durationUs));
    m_status->setText(parts.join(u" · "_s));
}

QString ResultPane::errorText(const Sql::StatementError &error)
{
    if (error.cancelled)
        return QCoreApplication::translate("Ui::ResultPane", "Cancelled.");
    QString text = u"ERROR %1"_s.arg(error.errorNumber);
    if (!error.sqlState.isEmpty())
        text += u" ("_s + error.sqlState + u')';
    text += u": "_s + error.message;
    if (error.connectionLost)
        text += u"\n"_s
            + QCoreApplication::translate("Ui::ResultPane",
                "The connection was lost: session variables, open "
                "transactions and temporary tables are gone.");
    return text;
}

void ResultPane::fail(const Sql::StatementError &error)
{
    m_state = error.cancelled ? State::Cancelled : State::Failed;
    m_model->flush();
    const QString text = errorText(error);
    if (hasRows()) {
        // Rows already shown stay; the error goes into the status line.
        m_status->setText(tr("%1 rows, then: %2").arg(QLocale().toString(m_model->receivedRows()), text));
    } else {
        showMessage(text, !error.cancelled);
        m_status->setText(formatDuration(m_elapsed.nsecsElapsed() / 1000));
    }
}

void ResultPane::skip(const QString &why)
{
    m_state = State::Cancelled;
    m_model->flush();
    if (!hasRows())
        showMessage(why, false);
    m_status->setText(why);
}

void ResultPane::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: #b0281c;"_s : QString());
    m_stack->setCurrentWidget(m_message);
}

QString ResultPane::statusText() const
{
    return m_status->text();
}

QString ResultPane::messageText() const
{
    return m_message->text();
}

} // namespace Ui

#include "ui/results/resultpane.h"

#include "core/serverquery.h"
#include "ui/common/plural.h"
#include "ui/results/resultarranger.h"
#include "ui/results/resultfindbar.h"
#include "ui/results/resultgrid.h"
#include "ui/results/resultsetmodel.h"
#include "ui/results/selectionstatistics.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QStackedWidget>
#include <QToolButton>
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

QString affectedText(quint64 rows)
{
    return countText(qint64(rows), QCoreApplication::translate("Ui::ResultPane", "1 row affected"),
        QCoreApplication::translate("Ui::ResultPane", "%n rows affected"));
}

} // namespace

ResultPane::ResultPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new ResultSetModel(this))
    , m_grid(new ResultGrid(this))
    , m_filter(new QLineEdit(this))
    , m_arrangeStatus(new StatusLine(this))
    , m_serverButton(new QToolButton(this))
    , m_findBar(nullptr)
    , m_statistics(nullptr)
    , m_message(new StatusLine(this))
    , m_status(new StatusLine(this))
    , m_stack(new QStackedWidget(this))
{
    m_elapsed.start();
    m_grid->setResultModel(m_model);
    m_findBar = new ResultFindBar(m_grid, this);
    m_findBar->hide();
    m_statistics = new SelectionStatistics(m_grid, this);
    m_filter->setPlaceholderText(tr("Filter rows (any column contains…)"));
    m_filter->setClearButtonEnabled(true);
    // Each keystroke cancels the filtering in flight and starts over on a worker (narrowing reuses matches).
    connect(m_filter, &QLineEdit::textChanged, m_grid, &ResultGrid::setFilterText);
    connect(m_grid, &ResultGrid::findRequested, m_findBar, &ResultFindBar::activate);
    connect(m_grid, &ResultGrid::goToRowRequested, m_findBar, &ResultFindBar::activateGoToRow);
    connect(m_grid, &ResultGrid::statisticsRequested, m_statistics, [this] {
        m_statistics->refresh();
        m_statistics->showDetails();
    });
    auto *arranger = m_grid->arranger();
    connect(arranger, &ResultArranger::busyChanged, this, [this](bool busy, const QString &what) {
        if (busy)
            m_arrangeStatus->showRunning(what);
        else
            updateArrangeStatus();
    });
    connect(arranger, &ResultArranger::arranged, this, &ResultPane::updateArrangeStatus);
    connect(arranger, &ResultArranger::failed, this, &ResultPane::updateArrangeStatus);
    // Its text changes at each keystroke and sort: as wide as the longest count, so nothing beside it moves.
    m_arrangeStatus->setContentsMargins(6, 0, 6, 0);
    m_arrangeStatus->reserveWidth(
        tr("%1 of %2 rows").arg(QLocale().toString(9'999'999), QLocale().toString(9'999'999)));
    m_arrangeStatus->setHidesWhenEmpty(false);
    m_arrangeStatus->show();
    m_serverButton->setText(tr("Sort && Filter on Server"));
    m_serverButton->setToolTip(tr("Run the statement again with this sort and filter done by the server, which "
                                  "sees every row (also those a memory limit kept out)"));
    m_serverButton->setAutoRaise(true);
    m_serverButton->setEnabled(false);
    connect(m_serverButton, &QToolButton::clicked, this, &ResultPane::requestServerRun);
    connect(m_grid, &ResultGrid::serverRunRequested, this, &ResultPane::requestServerRun);

    auto *gridPage = new QWidget(m_stack);
    auto *filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(0, 0, 0, 0);
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_arrangeStatus);
    filterRow->addWidget(m_serverButton);
    auto *gridLayout = new QVBoxLayout(gridPage);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->setSpacing(2);
    gridLayout->addLayout(filterRow);
    gridLayout->addWidget(m_grid, 1);
    gridLayout->addWidget(m_findBar);
    gridLayout->addWidget(m_statistics);
    m_stack->addWidget(gridPage);

    m_message->setHidesWhenEmpty(false); // a page of the stack, which shows and hides it
    m_message->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_message->setContentsMargins(8, 8, 8, 8);
    m_stack->addWidget(m_message);
    m_stack->setCurrentWidget(m_message);
    m_message->showMessage(tr("Running…"));

    m_status->setContentsMargins(6, 1, 6, 1);
    m_status->setSingleLine(true);
    m_status->setHidesWhenEmpty(false);
    m_status->show();
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

QString ResultPane::receivedText() const
{
    return countText(m_model->receivedRows(), tr("1 row"), tr("%n rows"));
}

void ResultPane::updateLiveStatus()
{
    if (m_state != State::Running)
        return;
    const QString rows = hasRows() ? receivedText() + u" · "_s : QString();
    m_status->showRunning(tr("Running… %1%2").arg(rows, formatDuration(m_elapsed.nsecsElapsed() / 1000)));
}

void ResultPane::finish(const Sql::StatementSummary &summary)
{
    m_state = State::Finished;
    m_model->flush();
    QStringList parts;
    if (hasRows()) {
        parts.append(receivedText());
        if (summary.truncated) {
            m_truncated = true;
            parts.append(tr("stopped at the memory limit: only these rows were kept — sort and filter on the "
                            "server to see them all"));
            updateArrangeStatus();
        }
    } else {
        QString text = affectedText(summary.affectedRows);
        if (summary.lastInsertId != 0)
            text += u"\n"_s + tr("Last insert id: %1").arg(summary.lastInsertId);
        showMessage(text, false);
        parts.append(affectedText(summary.affectedRows));
    }
    if (summary.warnings > 0)
        parts.append(countText(summary.warnings, tr("1 warning"), tr("%n warnings")));
    parts.append(formatDuration(summary.durationUs));
    showFinalStatus(parts.join(u" · "_s), m_truncated ? Tone::Warning : Tone::Success);
}

void ResultPane::showFinalStatus(const QString &text, Tone tone)
{
    m_status->setSingleLine(false);
    m_status->showMessage(text, tone);
}

QString ResultPane::errorText(const Sql::StatementError &error)
{
    if (error.cancelled && error.connectionLost)
        return QCoreApplication::translate("Ui::ResultPane",
            "Cancelled by closing the connection (the server could not be asked in time to stop the statement): "
            "session variables, open transactions and temporary tables are gone.");
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
    const Tone tone = error.cancelled ? Tone::Warning : Tone::Danger;
    if (hasRows()) {
        // Rows already shown stay; the error goes into the status line.
        showFinalStatus(tr("%1, then: %2").arg(receivedText(), text), tone);
    } else {
        showMessage(text, !error.cancelled);
        showFinalStatus(formatDuration(m_elapsed.nsecsElapsed() / 1000), tone);
    }
}

void ResultPane::skip(const QString &why)
{
    m_state = State::Cancelled;
    m_model->flush();
    if (!hasRows())
        showMessage(why, false);
    showFinalStatus(why, Tone::Neutral);
}

void ResultPane::showMessage(const QString &text, bool error)
{
    m_message->showStatus(text, error);
    m_stack->setCurrentWidget(m_message);
}

void ResultPane::updateArrangeStatus()
{
    const auto *arranger = m_grid->arranger();
    const QLocale locale;
    if (arranger->isBusy())
        return; // busyChanged says what it does
    if (!arranger->lastError().isEmpty()) {
        m_arrangeStatus->showError(u"\u26a0 "_s + arranger->lastError());
    } else if (!arranger->filter().isEmpty()) {
        m_arrangeStatus->showMessage(
            tr("%1 of %2 rows").arg(locale.toString(arranger->shownRows()), locale.toString(arranger->totalRows())));
    } else {
        m_arrangeStatus->clearMessage();
    }
}

void ResultPane::setSource(const Core::SqlStatement &statement)
{
    m_source = statement;
    m_serverButton->setEnabled(Core::ServerQuery::wrap(statement.text, {}, {}, {}).ok());
}

void ResultPane::requestServerRun()
{
    const auto *arranger = m_grid->arranger();
    const auto sql
        = Core::ServerQuery::wrap(m_source.text, m_model->columns(), arranger->sortKeys(), arranger->filter());
    if (!sql.ok()) {
        m_arrangeStatus->showError(u"\u26a0 "_s + sql.error().toString());
        return;
    }
    Core::SqlStatement statement = m_source; // errors are marked on the statement the user wrote
    statement.text = sql.value();
    Q_EMIT serverRunRequested(statement);
}

QString ResultPane::arrangeText() const
{
    return m_arrangeStatus->text();
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

#include "ui/editor/querytab.h"
#include "ui/common/plural.h"

#include "core/sqlclassifier.h"
#include "core/vitesserrors.h"
#include "sql/connectionpool.h"
#include "ui/common/statusline.h"
#include "ui/common/theme.h"
#include "ui/editor/completionfetcher.h"
#include "ui/editor/findbar.h"
#include "ui/editor/olapoffer.h"
#include "ui/editor/productionconfirmation.h"
#include "ui/editor/runtoolbar.h"
#include "ui/editor/sqleditor.h"
#include "ui/results/resultpane.h"

#include <QKeyEvent>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString firstWord(const QString &statement)
{
    const QString simplified = statement.simplified();
    return simplified.section(u' ', 0, 0).toUpper().left(12);
}

} // namespace

QueryTab::QueryTab(Sql::ConnectionPool *pool, Store::ConnectionProfile profile, QWidget *parent)
    : QWidget(parent)
    , m_pool(pool)
    , m_profile(std::move(profile))
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_editor(new SqlEditor(this))
    , m_findBar(new FindBar(m_editor, this))
    , m_results(new QTabWidget(this))
    , m_status(new StatusLine(this))
    , m_olapOffer(new OlapOffer(this))
    , m_ticker(new QTimer(this))
    , m_autosaveTimer(new QTimer(this))
    , m_completion(new CompletionFetcher(pool, m_profile.database, this))
{
    m_toolbar = new RunToolbar(m_profile.displayName(), m_profile.production, this, this);
    connect(m_toolbar, &RunToolbar::runRequested, this, &QueryTab::runCurrent);
    connect(m_toolbar, &RunToolbar::runAllRequested, this, &QueryTab::runAll);
    connect(m_toolbar, &RunToolbar::cancelRequested, this, &QueryTab::cancel);
    connect(m_toolbar, &RunToolbar::findRequested, this, &QueryTab::showFindBar);
    connect(this, &QueryTab::runStarted, m_toolbar, [this] { m_toolbar->setRunning(true); });
    connect(this, &QueryTab::runFinished, m_toolbar, [this] { m_toolbar->setRunning(false); });

    m_findBar->hide();
    m_results->setDocumentMode(true);
    m_results->setTabsClosable(false);

    auto *editorBox = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_findBar);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(editorBox);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 280, 520 }); // results get most of the room
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolbar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_olapOffer);
    layout->addWidget(m_status);
    connect(m_olapOffer, &OlapOffer::rerunRequested, this, &QueryTab::rerunWithOlap);
    connect(m_olapOffer, &OlapOffer::replicaRequested, this, [this] {
        const Core::SqlStatement statement = m_olapOffer->take();
        if (!statement.text.isEmpty())
            Q_EMIT targetSwitchRequested(true, Core::VitessErrors::olapStatement() + u";\n"_s + statement.text + u';');
    });
    connect(m_toolbar, &RunToolbar::targetChosen, this,
        [this](bool replica) { Q_EMIT targetSwitchRequested(replica, m_editor->text()); });
    m_status->setContentsMargins(6, 2, 6, 2);
    m_status->setSingleLine(true);
    m_status->setHidesWhenEmpty(false);
    m_status->show();

    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        for (auto *pane : m_ledger.panes())
            pane->updateLiveStatus();
        m_status->showRunning(tr("Running statement %1 of %2 · %3 s")
                                  .arg(qMin(m_ledger.doneCount() + 1, m_ledger.size()))
                                  .arg(m_ledger.size())
                                  .arg(m_ledger.runElapsedMs() / 1000.0, 0, 'f', 1));
    });

    m_autosaveTimer->setSingleShot(true);
    connect(m_autosaveTimer, &QTimer::timeout, this, &QueryTab::saveNow);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        m_dirty = true;
        if (m_autosave && !m_autosaveTimer->isActive())
            m_autosaveTimer->start(); // not restarted on each key: saved at most an interval after typing
    });

    connect(m_completion, &CompletionFetcher::wordsFetched, this, [this](const QStringList &words) {
        m_editor->setCompletionWords(words);
        Q_EMIT completionsRefreshed();
    });
    QTimer::singleShot(0, this, &QueryTab::refreshCompletions);

    // QScintilla claims Esc for itself (ShortcutOverride), so the cancel shortcut is taken here first.
    m_editor->installEventFilter(this);

    m_status->showMessage(tr("Ready."));
}

QueryTab::~QueryTab()
{
    // Not saved here on purpose: autosave runs on its timer and after each run; the window saves on an
    // orderly close. A running statement is stopped when m_run goes.
    // The completion fetcher goes now too: as a child QWidget would delete it only after destroyed(), and
    // the pool may go in a destroyed() handler (App::SqlTabs drops it with the server's last tab), which
    // finishes the fetcher's run into our wordsFetched handler on a half-destroyed tab.
    delete m_completion;
    m_completion = nullptr;
}

bool QueryTab::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier && m_run && !m_editor->isListActive()) {
            if (event->type() == QEvent::KeyPress)
                cancel();
            event->accept();
            return event->type() == QEvent::KeyPress;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QueryTab::setAutosave(Store::TabAutosave *autosave, int autosaveIntervalMs)
{
    m_autosave = autosave;
    m_autosaveTimer->setInterval(autosaveIntervalMs);
}

void QueryTab::restore(const Store::TabState &state)
{
    if (!state.id.isEmpty())
        m_id = state.id;
    m_title = state.title;
    m_editor->setText(state.text);
    m_editor->setCursorPosition(state.cursorLine, state.cursorIndex);
    m_editor->ensureCursorVisible();
    m_dirty = false;
    m_autosaveTimer->stop();
    Q_EMIT titleChanged();
}

Store::TabState QueryTab::state() const
{
    Store::TabState s;
    s.id = m_id;
    s.title = title();
    s.target = m_profile.id;
    s.role = m_profile.role;
    s.production = m_profile.production;
    s.text = m_editor->text();
    m_editor->getCursorPosition(&s.cursorLine, &s.cursorIndex);
    return s;
}

void QueryTab::saveNow()
{
    m_autosaveTimer->stop();
    if (!m_autosave)
        return;
    const auto saved = m_autosave->save(state());
    if (!saved.ok()) {
        Q_EMIT statusMessageChanged(saved.error().toString());
        return;
    }
    m_dirty = false;
}

void QueryTab::setStopOnError(bool stop)
{
    m_toolbar->setContinueOnError(!stop);
}

bool QueryTab::stopOnError() const
{
    return !m_toolbar->continueOnError();
}

QString QueryTab::title() const
{
    return m_title.isEmpty() ? m_profile.displayName() : m_title;
}

QColor QueryTab::titleColor() const
{
    if (m_profile.production)
        return Theme::tone(Tone::Danger, palette());
    return m_profile.color.isEmpty() ? QColor() : QColor::fromString(m_profile.color);
}

ResultPane *QueryTab::resultPane(int index) const
{
    return qobject_cast<ResultPane *>(m_results->widget(index));
}

void QueryTab::showFindBar()
{
    m_findBar->activate();
}

void QueryTab::refreshCompletions()
{
    m_completion->refresh();
}

void QueryTab::runCurrent()
{
    run(m_editor->statementsToRun());
}

void QueryTab::runAll()
{
    run(m_editor->statements());
}

void QueryTab::cancel()
{
    if (!m_run) {
        m_findBar->hide();
        return;
    }
    m_run->cancel(); // returns at once; the run reports the cancellation
    m_status->showMessage(tr("Cancelling…"), Tone::Warning);
}

void QueryTab::enableTargetChoice(bool onReplica)
{
    m_toolbar->showTargetChoice(onReplica);
    m_olapOffer->setReplicaAvailable(!onReplica);
}

void QueryTab::rerunWithOlap()
{
    if (isRunning()) {
        m_status->showMessage(tr("Wait for the running statement to finish (or cancel it) first."), Tone::Warning);
        return;
    }
    const Core::SqlStatement again = m_olapOffer->take();
    if (again.text.isEmpty())
        return;
    Core::SqlStatement olap;
    olap.text = Core::VitessErrors::olapStatement();
    olap.begin = again.begin; // marks the statement it is for while it runs
    olap.end = again.begin;
    run({ olap, again });
}

bool QueryTab::confirmDestructive(const QList<Core::SqlStatement> &statements)
{
    if (!m_profile.production)
        return true;
    for (const auto &statement : statements) {
        const QString reason = Core::SqlClassifier::classify(statement.text).destructiveText();
        if (reason.isEmpty())
            continue;
        const bool confirmed = m_confirm
            ? m_confirm(statement.text, reason)
            : ProductionConfirmation::ask(this, statement.text, reason, m_profile.displayName());
        if (!confirmed)
            return false;
    }
    return true;
}

void QueryTab::run(const QList<Core::SqlStatement> &statements)
{
    if (m_run || statements.isEmpty())
        return;
    if (!m_pool) {
        m_status->showError(tr("Not run: the connection pool is gone."));
        return;
    }
    if (!confirmDestructive(statements)) {
        m_status->showMessage(tr("Not run."));
        return;
    }
    m_editor->clearErrors();
    m_olapOffer->take();
    while (m_results->count() > 0) {
        QWidget *page = m_results->widget(0);
        m_results->removeTab(0);
        page->deleteLater();
    }
    // History first: if the app dies during the statement, the text is still there.
    for (const QString &error : m_ledger.start(statements, m_profile.displayName()))
        Q_EMIT statusMessageChanged(error);

    // The session is taken at the first run, so tabs that never run hold no connection. When every
    // connection the server allows is leased, the run goes to any free one, without a session of its own.
    if (!m_lease.isValid()) {
        m_lease = m_pool->lease();
        if (!m_lease.isValid())
            Q_EMIT statusMessageChanged(tr("Every connection to this server is in use by other tabs: %1 runs on "
                                           "any free connection, without a session of its own.")
                                            .arg(title()));
    }
    Sql::Run::Options options;
    options.stopOnError = stopOnError();
    m_run = m_pool->run(m_lease, statements, options);
    connect(m_run.get(), &Sql::Run::columnsReceived, this, &QueryTab::onColumns);
    connect(m_run.get(), &Sql::Run::rowsReceived, this, &QueryTab::onRows);
    connect(m_run.get(), &Sql::Run::statementFinished, this, &QueryTab::onStatementFinished);
    connect(m_run.get(), &Sql::Run::statementFailed, this, &QueryTab::onStatementFailed);
    connect(m_run.get(), &Sql::Run::finished, this, &QueryTab::onJobFinished);
    m_editor->markRunning(statements.first().begin, statements.first().end);
    m_ticker->start();
    Q_EMIT runStarted();
}

ResultPane *QueryTab::paneFor(int statementIndex, int resultIndex, bool create)
{
    if (auto *pane = m_ledger.pane(statementIndex, resultIndex))
        return pane;
    if (!create || !m_ledger.contains(statementIndex))
        return nullptr;
    auto *pane = new ResultPane(m_results);
    m_ledger.addPane(statementIndex, resultIndex, pane);
    const Core::SqlStatement &statement = m_ledger.at(statementIndex).statement;
    QString label = QString::number(statementIndex + 1);
    if (resultIndex > 0)
        label += u'.' + QString::number(resultIndex + 1);
    const int tab = m_results->addTab(pane, label + u' ' + firstWord(statement.text));
    m_results->setTabToolTip(tab, statement.text.left(1000));
    if (m_ledger.paneCount() == 1)
        m_results->setCurrentIndex(tab);
    Core::SqlStatement source;
    source.text = statement.text;
    source.begin = statement.begin;
    source.end = statement.end;
    pane->setSource(source);
    // Sorting and filtering by the server: the wrapped statement runs in this tab, like any other.
    connect(pane, &ResultPane::serverRunRequested, this, [this](const Core::SqlStatement &wrapped) {
        if (isRunning())
            m_status->showMessage(tr("Wait for the running statement to finish (or cancel it) first."), Tone::Warning);
        else
            run({ wrapped });
    });
    return pane;
}

void QueryTab::markNextRunning(int after)
{
    const int next = after + 1;
    if (m_ledger.contains(next))
        m_editor->markRunning(m_ledger.at(next).statement.begin, m_ledger.at(next).statement.end);
    else
        m_editor->clearRunning();
}

void QueryTab::finishHistory(int statementIndex, qint64 durationMs, qint64 rows, const QString &error)
{
    const QString failed = m_ledger.finish(statementIndex, durationMs, rows, error);
    if (!failed.isEmpty())
        Q_EMIT statusMessageChanged(failed);
}

void QueryTab::onColumns(const Sql::ResultHeader &header)
{
    if (auto *pane = paneFor(header.statementIndex, header.resultIndex, true))
        pane->startRows(header.columns);
}

void QueryTab::onRows(const Sql::RowBatch &batch)
{
    if (auto *pane = paneFor(batch.statementIndex, batch.resultIndex, false))
        pane->appendRows(batch.rows);
}

void QueryTab::onStatementFinished(const Sql::StatementSummary &summary)
{
    const int i = summary.statementIndex;
    bool any = false;
    for (int result = 0; result < qMax(1, summary.resultSets); ++result) {
        if (auto *pane = paneFor(i, result, false)) {
            pane->finish(summary);
            any = true;
        }
    }
    if (!any) {
        if (auto *pane = paneFor(i, 0, true))
            pane->finish(summary);
    }
    const qint64 rows = summary.resultSets > 0 ? qint64(summary.rows) : qint64(summary.affectedRows);
    m_ledger.markSucceeded(i);
    finishHistory(i, summary.durationUs / 1000, rows);
    markNextRunning(i);
    Q_EMIT statementFinished(summary);
}

void QueryTab::onStatementFailed(const Sql::StatementError &error)
{
    const int i = error.statementIndex;
    // The error belongs to the last result set that was started for this statement (or a new pane).
    ResultPane *pane = m_ledger.lastPane(i);
    if (!pane)
        pane = paneFor(i, 0, true);
    const QString text = ResultPane::errorText(error);
    if (pane) {
        pane->fail(error);
        m_results->setCurrentWidget(pane);
    }
    if (!error.cancelled)
        m_editor->markError(error.begin, error.end, text);
    if (!error.cancelled && m_ledger.contains(i) && Core::VitessErrors::isRowLimit(error.errorNumber, error.message)) {
        const Core::SqlStatement &failed = m_ledger.at(i).statement;
        m_olapOffer->offer(
            { failed.text, failed.begin, failed.end, {} }, i, Core::VitessErrors::rowLimit(error.message));
    }
    finishHistory(i, m_ledger.statementElapsedMs(), -1, text);
    if (m_run && !m_run->options().stopOnError)
        markNextRunning(i);
    else
        m_editor->clearRunning();
    Q_EMIT statementFailed(error);
}

void QueryTab::onJobFinished(const Sql::JobSummary &summary)
{
    // The handle goes once this handler returns (it is the sender).
    if (m_run)
        m_run.release()->deleteLater();
    m_ticker->stop();
    m_editor->clearRunning();
    const bool cancelled = summary.status == Sql::JobStatus::Cancelled;
    QString why = cancelled ? tr("Not run: the run was cancelled.") : tr("Not run: an earlier statement failed.");
    if (!summary.connectError.isEmpty())
        why = summary.connectError;
    bool first = true;
    for (int i = 0; i < m_ledger.size(); ++i) {
        if (m_ledger.at(i).done)
            continue;
        // The statement that was running when the job stopped gets a pane (rows that streamed in before
        // the stop stay); statements that never started only get a history note, not a tab each.
        const bool create = first && (!summary.connectError.isEmpty() || m_ledger.paneCount() == 0);
        if (auto *pane = paneFor(i, 0, create))
            pane->skip(first ? why : tr("Not run."));
        finishHistory(i, 0, -1, first ? why : tr("Not run: an earlier statement did not complete."));
        first = false;
    }
    for (auto *pane : m_ledger.panes())
        pane->updateLiveStatus();
    const QString seconds = QLocale().toString(m_ledger.runElapsedMs() / 1000.0, 'f', 3);
    if (!summary.connectError.isEmpty())
        m_status->showError(summary.connectError);
    else if (cancelled)
        m_status->showMessage(tr("Cancelled after %1 s.").arg(seconds), Tone::Warning);
    else if (m_editor->errorCount() > 0)
        m_status->showError(
            tr("%1 of %2 statements failed (%3 s).").arg(m_editor->errorCount()).arg(m_ledger.size()).arg(seconds));
    else
        m_status->showDone(
            countText(m_ledger.size(), tr("1 statement in %1 s."), tr("%n statements in %1 s.")).arg(seconds));
    if (summary.sessionLost && m_lease.isValid())
        Q_EMIT statusMessageChanged(tr("The connection of %1 was lost; the next run opens a new session "
                                       "(session variables and open transactions are gone).")
                                        .arg(title()));
    saveNow();
    // Schema changes make the completion list (and the branch's schema views) stale.
    if (m_ledger.changedSchema()) {
        refreshCompletions();
        Q_EMIT schemaChanged();
    }
    Q_EMIT runFinished();
}

} // namespace Ui

#include "ui/insights/insightsdocument.h"
#include "ui/common/plural.h"

#include "api/apiclient.h"
#include "api/insightsresource.h"
#include "core/patternsql.h"
#include "ui/common/icons.h"
#include "ui/common/statusline.h"
#include "ui/insights/patterndetail.h"
#include "ui/insights/queryanomalymodel.h"
#include "ui/insights/queryerrormodel.h"
#include "ui/insights/querypatternmodel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

InsightsDocument::InsightsDocument(
    Api::ApiClient *client, QString org, QString database, QString branch, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_org(std::move(org))
    , m_database(std::move(database))
    , m_branch(std::move(branch))
    , m_model(new QueryPatternModel(this))
    , m_errorModel(new QueryErrorModel(this))
    , m_anomalyModel(new QueryAnomalyModel(this))
    , m_pages(new QTabWidget(this))
    , m_view(new QTableView(this))
    , m_anomalyView(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_period(new QComboBox(this))
    , m_refresh(new QToolButton(this))
    , m_openInEditor(new QToolButton(this))
    , m_detail(new PatternDetail(client, m_org, m_database, m_branch, this))
    , m_status(new StatusLine(this))
{
    setWindowTitle(tr("Insights · %1").arg(m_branch));
    setWindowIcon(Icons::get(u"view-statistics"_s));
    setToolTip(tr("Query Insights of %1/%2").arg(m_database, m_branch));

    m_filter->setPlaceholderText(tr("Filter by SQL or table"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(u"insightsFilter"_s);
    // Empty: everything the server keeps. The others are the API's periods.
    m_period->addItem(tr("All time"), QString());
    for (const auto &[label, value] : { std::pair { tr("Last 15 minutes"), u"15m"_s },
             std::pair { tr("Last hour"), u"1h"_s }, std::pair { tr("Last 6 hours"), u"6h"_s },
             std::pair { tr("Last day"), u"1d"_s }, std::pair { tr("Last 7 days"), u"7d"_s } })
        m_period->addItem(label, value);
    m_refresh->setIcon(Icons::get(u"view-refresh"_s));
    m_refresh->setToolTip(tr("Reload the patterns"));
    m_openInEditor->setText(tr("Open in editor"));
    m_openInEditor->setIcon(Icons::get(u"tab-new"_s));
    m_openInEditor->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_openInEditor->setEnabled(false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_period);
    bar->addWidget(m_refresh);
    bar->addWidget(m_openInEditor);

    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(QueryPatternModel::TotalColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // The SQL gets the room; the figures are short. Fixed widths, not ResizeToContents, which would measure
    // every row of a thousand patterns on each change.
    QHeaderView *header = m_view->horizontalHeader();
    header->setDefaultSectionSize(fontMetrics().horizontalAdvance(u"Rows returned"_s) + 24);
    header->resizeSection(QueryPatternModel::QueryColumn, fontMetrics().horizontalAdvance(QString(48, u'M')));
    header->resizeSection(QueryPatternModel::LastRunColumn, fontMetrics().horizontalAdvance(QString(18, u'0')));
    header->setStretchLastSection(true);
    m_view->setObjectName(u"insightsTable"_s);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    // The detail (charts, SQL, plan) gets the larger share: the table scrolls.
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *errors = new QTableView(this);
    errors->setModel(m_errorModel);
    errors->setObjectName(u"insightsErrors"_s);
    errors->setSelectionBehavior(QAbstractItemView::SelectRows);
    errors->setEditTriggers(QAbstractItemView::NoEditTriggers);
    errors->setWordWrap(false);
    errors->verticalHeader()->hide();
    errors->horizontalHeader()->setSectionResizeMode(QueryErrorModel::MessageColumn, QHeaderView::Stretch);
    m_anomalyView->setModel(m_anomalyModel);
    m_anomalyView->setObjectName(u"insightsAnomalies"_s);
    m_anomalyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_anomalyView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_anomalyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_anomalyView->setWordWrap(false);
    m_anomalyView->verticalHeader()->hide();
    m_anomalyView->horizontalHeader()->resizeSection(
        QueryAnomalyModel::PeriodColumn, fontMetrics().horizontalAdvance(QString(30, u'0')));
    m_anomalyView->horizontalHeader()->setSectionResizeMode(QueryAnomalyModel::PatternColumn, QHeaderView::Stretch);
    m_pages->setDocumentMode(true);
    m_pages->addTab(splitter, tr("Queries"));
    m_pages->addTab(errors, tr("Errors"));
    m_pages->addTab(m_anomalyView, tr("Anomalies"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_status);

    connect(m_filter, &QLineEdit::textChanged, m_model, &QueryPatternModel::setFilterText);
    connect(m_period, &QComboBox::currentIndexChanged, this, &InsightsDocument::reload);
    connect(m_refresh, &QToolButton::clicked, this, &InsightsDocument::reload);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &InsightsDocument::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &InsightsDocument::showSelected);
    connect(m_view, &QTableView::activated, this, &InsightsDocument::activate);
    connect(m_openInEditor, &QToolButton::clicked, this, [this] { activate(m_view->currentIndex()); });
    connect(m_detail, &PatternDetail::openInEditorRequested, this, &InsightsDocument::openInEditorRequested);
    // Selecting an anomaly makes its pattern current (its detail is ready on the Queries page); activating
    // it goes there.
    connect(m_anomalyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { showAnomalyPattern(current, false); });
    connect(m_anomalyView, &QTableView::activated, this,
        [this](const QModelIndex &index) { showAnomalyPattern(index, true); });
    reload();
}

void InsightsDocument::reload()
{
    if (!m_client)
        return;
    Api::InsightsQuery query;
    query.period = m_period->currentData().toString();
    m_status->showMessage(tr("Loading query patterns…"));
    Api::InsightsResource insights(m_client);
    m_latest = insights.listQueries(m_org, m_database, m_branch, query, this,
        [this](Api::ApiResult<QList<Core::QueryPattern>> r) { onLoaded(std::move(r)); });
    m_latestErrors = insights.listErrors(m_org, m_database, m_branch, query, this,
        [this](Api::ApiResult<QList<Core::QueryError>> r) { onErrorsLoaded(std::move(r)); });
    Api::InsightsQuery window;
    window.period = query.period;
    m_latestAnomalies = insights.listAnomalies(m_org, m_database, m_branch, window, this,
        [this](Api::ApiResult<QList<Core::QueryAnomaly>> r) { onAnomaliesLoaded(std::move(r)); });
}

void InsightsDocument::onAnomaliesLoaded(Api::ApiResult<QList<Core::QueryAnomaly>> result)
{
    if (result.requestId() != m_latestAnomalies)
        return;
    const int page = m_pages->indexOf(m_anomalyView);
    // As with the errors: a server without anomalies still shows its patterns.
    if (!result) {
        m_pages->setTabText(page, tr("Anomalies (unavailable)"));
        m_pages->setTabToolTip(page, result.error().userText);
        return;
    }
    const int count = int(result.value().size());
    m_anomalyModel->setAnomalies(std::move(result).value());
    m_pages->setTabText(page, tr("Anomalies (%1)").arg(count));
    m_pages->setTabToolTip(page, tr("Stretches of minutes when a pattern's p99 latency left its baseline"));
    Q_EMIT anomaliesLoaded(count);
}

void InsightsDocument::showAnomalyPattern(const QModelIndex &index, bool showPage)
{
    if (!index.isValid())
        return;
    const QString fingerprint = index.data(QueryAnomalyModel::FingerprintRole).toString();
    if (fingerprint.isEmpty())
        return;
    if (!selectFingerprint(fingerprint)) {
        m_status->showMessage(tr("The anomaly's pattern is not among the patterns of this period."));
        return;
    }
    if (showPage)
        m_pages->setCurrentIndex(0);
}

bool InsightsDocument::selectFingerprint(const QString &fingerprint)
{
    m_filter->clear();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->pattern(row).fingerprint != fingerprint)
            continue;
        m_view->setCurrentIndex(m_model->index(row, 0));
        m_view->scrollTo(m_model->index(row, 0));
        return true;
    }
    return false;
}

void InsightsDocument::onErrorsLoaded(Api::ApiResult<QList<Core::QueryError>> result)
{
    if (result.requestId() != m_latestErrors)
        return;
    // A server without the errors endpoint still shows its patterns: the page just says so.
    if (!result) {
        m_pages->setTabText(1, tr("Errors (unavailable)"));
        m_pages->setTabToolTip(1, result.error().userText);
        return;
    }
    const int count = int(result.value().size());
    m_errorModel->setErrors(std::move(result).value());
    m_pages->setTabText(1, tr("Errors (%1)").arg(count));
    m_pages->setTabToolTip(1, QString());
    Q_EMIT errorsLoaded(count);
}

void InsightsDocument::onLoaded(Api::ApiResult<QList<Core::QueryPattern>> result)
{
    if (result.requestId() != m_latest)
        return; // an older period's answer
    if (!result) {
        const QString message = result.error().userText;
        m_status->showError(tr("Query Insights could not be loaded: %1").arg(message));
        Q_EMIT loadFailed(message);
        return;
    }
    const int count = int(result.value().size());
    m_model->setPatterns(std::move(result).value());
    m_status->showMessage(count == 0 ? tr("No queries have run on %1 in this period.").arg(m_branch)
                                     : countText(count, tr("1 query pattern"), tr("%n query patterns")));
    Q_EMIT loaded(count);
    if (!m_pendingStatement.isEmpty() && !selectStatement(m_pendingStatement)) {
        m_pendingStatement.clear();
        m_status->showMessage(tr("This statement has no pattern on %1 yet: run it, then look again.").arg(m_branch));
        Q_EMIT statementShown(false);
    }
}

void InsightsDocument::showSelected()
{
    const QModelIndex current = m_view->currentIndex();
    m_openInEditor->setEnabled(current.isValid());
    m_detail->setPattern(current.isValid() ? m_model->pattern(current.row()) : Core::QueryPattern {},
        m_period->currentData().toString());
}

QPlainTextEdit *InsightsDocument::sqlView() const
{
    return m_detail->sqlView();
}

void InsightsDocument::showStatement(const QString &sql)
{
    m_pendingStatement = sql;
    if (m_model->rowCount() > 0 && selectStatement(sql))
        return;
    // Not among the patterns shown: the period may be too short, or they are still loading.
    if (m_period->currentIndex() != 0)
        m_period->setCurrentIndex(0); // reloads
    else
        reload();
}

bool InsightsDocument::selectStatement(const QString &sql)
{
    const QString wanted = Core::PatternSql::canonical(sql);
    m_filter->clear();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (Core::PatternSql::canonical(m_model->pattern(row).normalizedSql) != wanted)
            continue;
        m_pendingStatement.clear();
        m_pages->setCurrentIndex(0);
        m_view->setCurrentIndex(m_model->index(row, 0));
        m_view->scrollTo(m_model->index(row, 0));
        Q_EMIT statementShown(true);
        return true;
    }
    return false;
}

void InsightsDocument::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const Core::QueryPattern &p = m_model->pattern(index.row());
    Q_EMIT openInEditorRequested(Core::PatternSql::readable(p.normalizedSql), p.statementType);
}

} // namespace Ui

#include "ui/insights/patterndetail.h"

#include "api/apiclient.h"
#include "api/insightsresource.h"
#include "core/patternsql.h"
#include "ui/common/icons.h"
#include "ui/common/plural.h"
#include "ui/common/theme.h"
#include "ui/insights/sqlhighlighter.h"
#include "ui/insights/timeserieschart.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Ui {

PatternDetail::PatternDetail(Api::ApiClient *client, QString org, QString database, QString branch, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_org(std::move(org))
    , m_database(std::move(database))
    , m_branch(std::move(branch))
    , m_figures(new QLabel(this))
    , m_counts(new TimeSeriesChart(tr("Queries"), QString(), this))
    , m_latency(new TimeSeriesChart(tr("Latency"), u"ms"_s, this))
    , m_sql(new QPlainTextEdit(this))
    , m_suggestion(new QLabel(this))
    , m_openInEditor(new QPushButton(Icons::get(u"tab-new"_s), tr("Open in editor"), this))
    , m_explain(new QPushButton(tr("Explain"), this))
    , m_try(new QPushButton(tr("Try on a new branch…"), this))
    , m_plan(new QTreeWidget(this))
{
    setObjectName(u"patternDetail"_s);
    m_figures->setTextFormat(Qt::PlainText);
    m_figures->setWordWrap(true);
    m_counts->setObjectName(u"patternCounts"_s);
    m_latency->setObjectName(u"patternLatency"_s);
    m_sql->setReadOnly(true);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sql->setPlaceholderText(tr("Select a pattern to see its normalized SQL."));
    m_sql->setMaximumHeight(m_sql->fontMetrics().lineSpacing() * 3 + 12);
    m_counts->setMinimumHeight(120);
    m_latency->setMinimumHeight(120);
    m_plan->setMinimumHeight(160);
    new SqlHighlighter(m_sql->document());
    m_suggestion->setWordWrap(true);
    m_suggestion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_suggestion->setObjectName(u"indexSuggestion"_s);
    Theme::setTone(m_suggestion, Tone::Warning);
    m_explain->setToolTip(tr("EXPLAIN FORMAT=JSON on the branch, with 1 for each placeholder"));
    m_try->setToolTip(tr("Create a branch off this one with the suggested index, then review it as a deploy request"));
    m_plan->setHeaderLabels({ tr("Plan"), tr("Value") });
    m_plan->setObjectName(u"explainPlan"_s);
    m_plan->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_plan->hide();

    auto *charts = new QHBoxLayout;
    charts->addWidget(m_counts, 1);
    charts->addWidget(m_latency, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openInEditor);
    buttons->addWidget(m_explain);
    buttons->addWidget(m_try);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_figures);
    layout->addLayout(charts, 1);
    layout->addWidget(m_sql);
    layout->addWidget(m_suggestion);
    layout->addLayout(buttons);
    layout->addWidget(m_plan, 1);

    connect(m_openInEditor, &QPushButton::clicked, this, [this] {
        Q_EMIT openInEditorRequested(Core::PatternSql::readable(m_pattern.normalizedSql), m_pattern.statementType);
    });
    connect(m_explain, &QPushButton::clicked, this, &PatternDetail::explain);
    connect(m_try, &QPushButton::clicked, this, [this] {
        Q_EMIT tryOnNewBranchRequested(m_ddl, Core::PatternSql::suggestIndex(m_pattern.normalizedSql).table);
    });
    setPattern({}, {});
}

void PatternDetail::setExplainer(Explainer explainer)
{
    m_explainer = std::move(explainer);
    setPattern(m_pattern, {});
}

QString PatternDetail::figuresOf(const Core::QueryPattern &p)
{
    const QLocale l;
    return countText(p.queryCount, tr("1 query"), tr("%n queries"))
        + tr(" · p50 %1 ms · p99 %2 ms · max %3 ms")
              .arg(l.toString(p.p50LatencyMs, 'f', 2), l.toString(p.p99LatencyMs, 'f', 2),
                  l.toString(p.maxLatencyMs, 'f', 2))
        + u" · "_s + countText(p.rowsRead, tr("1 row read"), tr("%n rows read"))
        + tr(", %1 returned, %2 affected").arg(l.toString(p.rowsReturned), l.toString(p.rowsAffected)) + u" · "_s
        + countText(p.errorCount, tr("1 error"), tr("%n errors"));
}

void PatternDetail::setPattern(const Core::QueryPattern &pattern, const QString &period)
{
    const bool same = pattern.fingerprint == m_pattern.fingerprint && !pattern.fingerprint.isEmpty();
    m_pattern = pattern;
    const bool any = !pattern.fingerprint.isEmpty();
    m_openInEditor->setEnabled(any);
    m_explain->setEnabled(any && m_explainer && pattern.statementType.compare(u"SELECT"_s, Qt::CaseInsensitive) == 0);
    m_sql->setPlainText(Core::PatternSql::readable(pattern.normalizedSql));
    m_figures->setText(any ? figuresOf(pattern) : QString());

    // An index is worth suggesting when the pattern reads many rows for each one it returns (the rule the
    // sandbox's new_index recommendations use too, with a higher threshold).
    const Core::PatternSql::IndexSuggestion index = Core::PatternSql::indexAdvice(pattern);
    m_ddl = any && index.isValid() ? index.ddl() : QString();
    m_suggestion->setText(m_ddl.isEmpty()
            ? QString()
            : tr("Reads %1 rows for each row it returns. An index could find them directly:\n%2")
                  .arg(QLocale().toString(pattern.rowsReadPerReturned, 'f', 0), m_ddl));
    m_suggestion->setVisible(!m_ddl.isEmpty());
    m_try->setVisible(!m_ddl.isEmpty());

    if (same && period.isEmpty())
        return;
    ++m_explainGeneration;
    m_plan->clear();
    m_plan->hide();
    m_counts->clear();
    m_latency->clear();
    if (!any || !m_client)
        return;
    Api::InsightsQuery query;
    query.period = period.isEmpty() ? u"1d"_s : period;
    Api::InsightsResource insights(m_client);
    m_latestMetrics
        = insights.metrics(m_org, m_database, m_branch, { u"queries"_s, u"latency_p50"_s, u"latency_p99"_s },
            pattern.fingerprint, pattern.keyspace.isEmpty() ? m_database : pattern.keyspace, query, 0, this,
            [this](Api::ApiResult<Core::QueryMetrics> r) { onMetrics(std::move(r)); });
}

void PatternDetail::onMetrics(Api::ApiResult<Core::QueryMetrics> result)
{
    if (result.requestId() != m_latestMetrics)
        return;
    if (!result) {
        // A server without the metrics endpoint still shows the pattern; the charts say nothing.
        Q_EMIT metricsFailed(result.error().userText);
        return;
    }
    const Core::QueryMetrics &m = result.value();
    const auto points = [&m](const QString &name) {
        const Core::MetricSeries *s = m.find(name);
        return s ? s->points : QList<Core::MetricPoint>();
    };
    m_counts->setLines({ { tr("count"), Theme::tone(Tone::Info), points(u"queries"_s) } });
    m_latency->setLines({ { u"p50"_s, Theme::tone(Tone::Success), points(u"latency_p50"_s) },
        { u"p99"_s, Theme::tone(Tone::Danger), points(u"latency_p99"_s) } });
    Q_EMIT metricsLoaded(int(points(u"queries"_s).size()));
}

void PatternDetail::explain()
{
    if (!m_explainer || m_pattern.fingerprint.isEmpty())
        return;
    const int generation = ++m_explainGeneration;
    m_plan->clear();
    m_plan->show();
    auto *waiting = new QTreeWidgetItem(m_plan, { tr("Explaining…") });
    Q_UNUSED(waiting);
    m_explainer(Core::PatternSql::withSampleValues(m_pattern.normalizedSql), this,
        [this, generation](Core::Result<QString> json) {
            if (generation != m_explainGeneration)
                return; // another pattern since
            m_plan->clear();
            if (!json) {
                new QTreeWidgetItem(m_plan, { tr("EXPLAIN failed"), json.error().message });
                Q_EMIT explainFailed(json.error().message);
                return;
            }
            showPlan(json.value());
        });
}

void PatternDetail::showPlan(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (!doc.isObject()) {
        new QTreeWidgetItem(m_plan, { tr("EXPLAIN answered something else than JSON"), json.left(200) });
        Q_EMIT explainFailed(error.errorString());
        return;
    }
    int tables = 0;
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it)
        tables += addPlanNode(m_plan->invisibleRootItem(), it.key(), it.value());
    m_plan->expandAll();
    Q_EMIT explained(tables);
}

int PatternDetail::addPlanNode(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value)
{
    auto *item = new QTreeWidgetItem(parent, { key });
    if (!value.isObject() && !value.isArray()) {
        item->setText(1, value.toVariant().toString());
        return 0;
    }
    int tables = 0;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            tables += addPlanNode(item, QString::number(i + 1), array.at(i));
        return tables;
    }
    const QJsonObject object = value.toObject();
    // A table access: say at once which table, how, and how many rows; a full scan stands out.
    if (object.contains(u"table_name"_s)) {
        const QString access = object.value(u"access_type"_s).toString();
        const QString rows = QString::number(object.value(u"rows"_s).toDouble(), 'f', 0);
        item->setText(0, tr("table %1").arg(object.value(u"table_name"_s).toString()));
        item->setText(1,
            tr("%1 · %2 rows").arg(access, rows)
                + (object.contains(u"key"_s) ? tr(" · key %1").arg(object.value(u"key"_s).toString()) : QString()));
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        if (access == u"ALL"_s) {
            item->setForeground(1, Theme::tone(Tone::Danger));
            item->setToolTip(1, tr("A full table scan: every row is read"));
        }
        tables = 1;
    }
    for (auto it = object.begin(); it != object.end(); ++it)
        tables += addPlanNode(item, it.key(), it.value());
    return tables;
}

} // namespace Ui

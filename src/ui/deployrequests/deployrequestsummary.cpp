#include "ui/deployrequests/deployrequestsummary.h"

#include "core/patternsql.h"
#include "ui/common/plural.h"
#include "ui/common/theme.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString changeText(Schema::TableDiff::Change change)
{
    switch (change) {
    case Schema::TableDiff::Change::Added:
        return DeployRequestSummary::tr("created");
    case Schema::TableDiff::Change::Removed:
        return DeployRequestSummary::tr("dropped");
    case Schema::TableDiff::Change::Changed:
        break;
    }
    return DeployRequestSummary::tr("altered");
}

// "ALTER TABLE `orders` ADD COLUMN `status` …, ADD KEY …" → its first line, for the table row.
QString statementGist(const QStringList &statements)
{
    if (statements.isEmpty())
        return {};
    QString first = statements.constFirst().simplified();
    if (first.size() > 140)
        first = first.left(139) + u'…';
    return statements.size() > 1
        ? DeployRequestSummary::tr("%1 (+%n more)", nullptr, int(statements.size() - 1)).arg(first)
        : first;
}

} // namespace

DeployRequestSummary::DeployRequestSummary(QWidget *parent)
    : QWidget(parent)
    , m_notes(new QTextBrowser(this))
    , m_checks(new QLabel(this))
    , m_tablesMessage(new QLabel(this))
    , m_tables(new QTableWidget(0, ColumnCount, this))
    , m_queriesHeading(heading(tr("Queries on these tables"), this))
    , m_queries(new QLabel(this))
{
    m_queries->setObjectName(u"summaryQueries"_s);
    m_queries->setTextFormat(Qt::RichText);
    m_queries->setWordWrap(true);
    m_queries->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setObjectName(u"deployRequestNotes"_s);
    m_notes->setOpenExternalLinks(true);
    m_notes->setFrameShape(QFrame::NoFrame);
    m_notes->setMaximumHeight(160);
    m_checks->setObjectName(u"deployRequestChecks"_s);
    m_checks->setTextFormat(Qt::RichText);
    m_checks->setWordWrap(true);
    m_checks->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tablesMessage->setVisible(false);
    m_tables->setObjectName(u"summaryTables"_s);
    m_tables->setHorizontalHeaderLabels({ tr("Table"), tr("Change"), tr("Rows"), tr("Statement") });
    m_tables->verticalHeader()->hide();
    m_tables->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tables->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tables->setShowGrid(false);
    m_tables->setAlternatingRowColors(true);
    m_tables->horizontalHeader()->setSectionResizeMode(TableColumn, QHeaderView::ResizeToContents);
    m_tables->horizontalHeader()->setSectionResizeMode(ChangeColumn, QHeaderView::ResizeToContents);
    m_tables->horizontalHeader()->setSectionResizeMode(RowsColumn, QHeaderView::ResizeToContents);
    m_tables->horizontalHeader()->setSectionResizeMode(StatementColumn, QHeaderView::Stretch);
    m_tables->setToolTip(tr("Double-click a table to see its changes"));
    connect(m_tables, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row >= 0 && row < m_diffs.size())
            Q_EMIT tableActivated(m_diffs.at(row).name);
    });

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(16, 8, 16, 16);
    layout->setSpacing(6);
    layout->addWidget(heading(tr("Notes"), page));
    layout->addWidget(m_notes);
    layout->addSpacing(6);
    layout->addWidget(heading(tr("Checks"), page));
    layout->addWidget(m_checks);
    layout->addSpacing(6);
    layout->addWidget(heading(tr("Tables"), page));
    layout->addWidget(m_tablesMessage);
    layout->addWidget(m_tables);
    layout->addSpacing(6);
    layout->addWidget(m_queriesHeading);
    layout->addWidget(m_queries);
    // The table is as tall as its rows: what is left stays below, the sections keep to the top.
    layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    clear();
}

QLabel *DeployRequestSummary::heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    label->setFont(bold);
    return label;
}

void DeployRequestSummary::clear()
{
    m_request = {};
    m_diffs.clear();
    m_rows.clear();
    m_rowError.clear();
    m_notes->clear();
    m_tables->setRowCount(0);
    setAffectedPatterns({});
    setTablesMessage(tr("Loading the changes…"));
    updateChecks();
}

void DeployRequestSummary::setDeployRequest(const Core::DeployRequest &request)
{
    m_request = request;
    if (request.notes.trimmed().isEmpty())
        m_notes->setPlainText(tr("No notes."));
    else
        m_notes->setMarkdown(request.notes);
    const int height = int(m_notes->document()->size().height()) + 12;
    m_notes->setFixedHeight(std::clamp(height, 32, 160));
    updateChecks();
}

void DeployRequestSummary::setTablesMessage(const QString &message)
{
    m_tablesMessage->setText(message);
    m_tablesMessage->setVisible(!message.isEmpty());
    m_tables->setVisible(message.isEmpty());
}

void DeployRequestSummary::setTables(const QList<Schema::TableDiff> &diffs)
{
    m_diffs = diffs;
    m_tables->setRowCount(int(diffs.size()));
    for (int row = 0; row < diffs.size(); ++row) {
        const Schema::TableDiff &d = diffs.at(row);
        auto *name = new QTableWidgetItem(d.name);
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_tables->setItem(row, TableColumn, name);
        auto *change = new QTableWidgetItem(changeText(d.change));
        if (!d.warnings.isEmpty())
            change->setForeground(Theme::tone(Tone::Danger, palette()));
        m_tables->setItem(row, ChangeColumn, change);
        m_tables->setItem(row, RowsColumn, new QTableWidgetItem);
        auto *statement = new QTableWidgetItem(statementGist(d.statements));
        statement->setToolTip(d.statements.join(u'\n'));
        statement->setFont(QFont(u"monospace"_s));
        m_tables->setItem(row, StatementColumn, statement);
    }
    m_tables->setFixedHeight(m_tables->horizontalHeader()->height() + 2
        + m_tables->verticalHeader()->defaultSectionSize() * std::max<int>(1, int(diffs.size())) + 4);
    setTablesMessage(diffs.isEmpty() ? tr("No table changes.") : QString());
    setRowCounts(m_rows, m_estimated);
    updateChecks();
}

void DeployRequestSummary::setRowCounts(const QHash<QString, qint64> &rows, bool estimated)
{
    m_rows = rows;
    m_estimated = estimated;
    const QLocale locale;
    for (int row = 0; row < m_diffs.size(); ++row) {
        QTableWidgetItem *item = m_tables->item(row, RowsColumn);
        const Schema::TableDiff &d = m_diffs.at(row);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (d.change == Schema::TableDiff::Change::Added) {
            item->setText(tr("new"));
        } else if (m_rows.contains(d.name)) {
            const QString count = locale.toString(m_rows.value(d.name));
            item->setText(estimated ? u"≈ "_s + count : count);
            item->setToolTip(estimated ? tr("The server's estimate (information_schema.TABLES)") : QString());
        } else if (!m_rowError.isEmpty()) {
            item->setText(tr("unknown"));
            item->setToolTip(m_rowError);
        } else {
            item->setText(tr("…"));
        }
    }
}

void DeployRequestSummary::setRowCountError(const QString &message)
{
    m_rowError = message;
    setRowCounts(m_rows, m_estimated);
}

void DeployRequestSummary::updateChecks()
{
    QStringList lines;
    const QString danger = Theme::tone(Tone::Danger, palette()).name();
    const QString warning = Theme::tone(Tone::Warning, palette()).name();
    const QString success = Theme::tone(Tone::Success, palette()).name();
    auto line = [](const QString &color, const QString &mark, const QString &text) {
        return u"<span style='color:%1'>%2</span> %3"_s.arg(color, mark, text.toHtmlEscaped());
    };
    if (m_request.deployment) {
        for (const Core::LintError &e : m_request.deployment->lintErrors) {
            const QString where = e.tableName.isEmpty() ? QString() : u"%1: "_s.arg(e.tableName);
            lines << line(warning, u"●"_s, tr("Lint %1 — %2%3").arg(e.lintError, where, e.errorDescription));
        }
        if (!m_request.deployment->deployCheckErrors.isEmpty())
            lines << line(danger, u"✖"_s, tr("Deploy check: %1").arg(m_request.deployment->deployCheckErrors));
    }
    for (const Schema::TableDiff &d : std::as_const(m_diffs)) {
        for (const QString &w : d.warnings)
            lines << line(danger, u"⚠"_s, tr("Data loss in %1: %2").arg(d.name, w));
    }
    if (lines.isEmpty())
        lines << line(success, u"✓"_s, tr("No lint errors and no data-loss warnings."));
    m_checks->setText(lines.join(u"<br>"_s));
}

QString DeployRequestSummary::notesText() const
{
    return m_notes->toPlainText();
}

QString DeployRequestSummary::checksText() const
{
    return m_checks->text();
}

QString DeployRequestSummary::rowsText(const QString &table) const
{
    for (int row = 0; row < m_diffs.size(); ++row) {
        if (m_diffs.at(row).name == table)
            return m_tables->item(row, RowsColumn)->text();
    }
    return {};
}

void DeployRequestSummary::setAffectedPatterns(const QList<Core::QueryPattern> &patterns, const QString &message)
{
    m_queriesHeading->setVisible(!patterns.isEmpty() || !message.isEmpty());
    m_queries->setVisible(!patterns.isEmpty() || !message.isEmpty());
    if (patterns.isEmpty()) {
        m_queries->setText(message.toHtmlEscaped());
        return;
    }
    constexpr qsizetype shown = 8;
    QStringList lines;
    for (qsizetype i = 0; i < patterns.size() && i < shown; ++i) {
        const Core::QueryPattern &p = patterns.at(i);
        QString sql = Core::PatternSql::readable(p.normalizedSql.simplified());
        if (sql.size() > 120)
            sql = sql.left(119) + u'…';
        lines << u"<code>"_s + sql.toHtmlEscaped() + u"</code> — "_s + figuresOf(p);
    }
    if (patterns.size() > shown)
        lines << tr("and %n more in Query Insights", nullptr, int(patterns.size() - shown));
    m_queries->setText(lines.join(u"<br>"_s));
}

QString DeployRequestSummary::figuresOf(const Core::QueryPattern &p)
{
    const QLocale locale;
    const QString head = countText(p.queryCount, tr("1 query"), tr("%n queries"))
        + tr(", p99 %1 ms, ").arg(locale.toString(p.p99LatencyMs, 'f', 2));
    // A write returns no rows: a ratio to returned rows would call a bulk INSERT … SELECT wasteful.
    if (p.rowsReturned == 0)
        return head + countText(p.rowsRead, tr("1 row read"), tr("%n rows read"))
            + tr(", %1 affected").arg(locale.toString(p.rowsAffected));
    // A whole number reads better once the ratio is large ("2,000 rows read"), a decimal while it is small.
    const double ratio = p.rowsReadPerReturned;
    return head + tr("%1 rows read per row returned").arg(locale.toString(ratio, 'f', ratio >= 10 ? 0 : 1));
}

QString DeployRequestSummary::affectedPatternsText() const
{
    return m_queries->isHidden() ? QString() : m_queries->text();
}

} // namespace Ui

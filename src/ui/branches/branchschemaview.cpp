#include "ui/branches/branchschemaview.h"

#include "api/branchesresource.h"
#include "schema/tableparser.h"
#include "ui/common/sidebysidediffview.h"

#include "ui/editor/qsci.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString indexKindText(Schema::IndexKind kind)
{
    switch (kind) {
    case Schema::IndexKind::Primary:
        return BranchSchemaView::tr("primary key");
    case Schema::IndexKind::Unique:
        return BranchSchemaView::tr("unique");
    case Schema::IndexKind::Fulltext:
        return BranchSchemaView::tr("fulltext");
    case Schema::IndexKind::Spatial:
        return BranchSchemaView::tr("spatial");
    case Schema::IndexKind::Plain:
        break;
    }
    return BranchSchemaView::tr("index");
}

QStandardItem *readOnlyItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

} // namespace

BranchSchemaView::BranchSchemaView(Api::ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_title(new QLabel(this))
    , m_status(new StatusLine(this))
    , m_lint(new StatusLine(this))
    , m_tree(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_ddl(new QsciScintilla(this))
    , m_compareParent(new QPushButton(tr("Compare with parent"), this))
    , m_compareTarget(new QComboBox(this))
    , m_compareOther(new QPushButton(tr("Compare"), this))
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lint->setObjectName(u"schemaLint"_s);
    m_lint->setWordWrap(true);
    m_model->setHorizontalHeaderLabels({ tr("Name"), tr("Definition") });
    m_tree->setModel(m_model);
    m_tree->setObjectName(u"schemaTree"_s);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *lexer = new QsciLexerSQL(m_ddl);
    m_ddl->setLexer(lexer);
    m_ddl->setReadOnly(true);
    m_ddl->setMarginWidth(0, 0);
    m_ddl->setWrapMode(QsciScintilla::WrapNone);
    m_compareTarget->setToolTip(tr("Compare this branch with another branch of the database"));

    auto *compareRow = new QHBoxLayout;
    compareRow->addWidget(m_compareParent);
    compareRow->addWidget(m_compareTarget, 1);
    compareRow->addWidget(m_compareOther);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_ddl);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(compareRow);
    layout->addWidget(m_status);
    layout->addWidget(m_lint);
    layout->addWidget(splitter, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { showDdl(current); });
    connect(m_compareParent, &QPushButton::clicked, this, &BranchSchemaView::compareWithParent);
    connect(m_compareOther, &QPushButton::clicked, this, [this] { compareWith(m_compareTarget->currentText()); });
    clear();
}

void BranchSchemaView::clear()
{
    m_schemaRequest = 0;
    m_lintRequest = 0;
    m_lintErrors.clear();
    m_lint->clearMessage();
    m_compare = {};
    m_branch = {};
    m_org.clear();
    m_database.clear();
    m_model->removeRows(0, m_model->rowCount());
    m_ddl->setText({});
    m_title->setText(tr("Select a branch to see its tables."));
    m_compareParent->setEnabled(false);
    m_compareOther->setEnabled(false);
    m_compareTarget->clear();
    showStatus({});
}

void BranchSchemaView::setBranch(
    const QString &org, const QString &database, const Core::Branch &branch, const QStringList &otherBranches)
{
    clear();
    m_org = org;
    m_database = database;
    m_branch = branch;
    m_title->setText(tr("<b>%1</b> / %2").arg(branch.name.toHtmlEscaped(), database.toHtmlEscaped()));
    m_compareParent->setEnabled(!branch.parentBranch.isEmpty());
    m_compareParent->setToolTip(branch.parentBranch.isEmpty()
            ? tr("This branch has no parent")
            : tr("Show the changes of %1 against %2").arg(branch.name, branch.parentBranch));
    QStringList others = otherBranches;
    others.removeAll(branch.name);
    m_compareTarget->addItems(others);
    m_compareOther->setEnabled(!others.isEmpty());
    reload();
}

void BranchSchemaView::reload()
{
    if (!m_client || m_branch.name.isEmpty())
        return;
    showStatus(tr("Loading the schema of %1…").arg(m_branch.name));
    m_schemaRequest = Api::BranchesResource(m_client).schema(
        m_org, m_database, m_branch.name, {}, this, [this](Api::ApiResult<QList<Core::TableDdl>> r) {
            if (r.requestId() != m_schemaRequest)
                return;
            m_schemaRequest = 0;
            if (!r)
                return showStatus(tr("Could not load the schema: %1").arg(r.error().userText), true);
            setTables(r.value());
        });
}

void BranchSchemaView::setTables(const QList<Core::TableDdl> &tables)
{
    m_model->removeRows(0, m_model->rowCount());
    for (const Core::TableDdl &t : tables) {
        QStandardItem *tableItem = readOnlyItem(t.name);
        tableItem->setData(t.name, TableNameRole);
        tableItem->setData(t.raw, DdlRole);
        QStandardItem *summary = readOnlyItem({});
        if (const auto parsed = Schema::TableParser::parse(t.raw)) {
            const Schema::Table &table = parsed.value();
            QStandardItem *columns = readOnlyItem(tr("Columns (%1)").arg(table.columns.size()));
            for (const Schema::Column &c : table.columns) {
                QStandardItem *name = readOnlyItem(c.name);
                name->setData(t.name, TableNameRole);
                name->setData(t.raw, DdlRole);
                columns->appendRow({ name, readOnlyItem(c.definition) });
            }
            QStandardItem *indexes = readOnlyItem(tr("Indexes (%1)").arg(table.indexes.size()));
            for (const Schema::Index &i : table.indexes) {
                QStringList parts;
                for (const Schema::IndexPart &p : i.parts)
                    parts << p.column;
                QStandardItem *name = readOnlyItem(i.name);
                name->setData(t.name, TableNameRole);
                name->setData(t.raw, DdlRole);
                indexes->appendRow(
                    { name, readOnlyItem(indexKindText(i.kind) + u" ("_s + parts.join(u", "_s) + u')') });
            }
            for (QStandardItem *group : { columns, indexes }) {
                group->setData(t.name, TableNameRole);
                group->setData(t.raw, DdlRole);
            }
            tableItem->appendRow({ columns, readOnlyItem({}) });
            tableItem->appendRow({ indexes, readOnlyItem({}) });
            summary->setText(tr("%n column(s)", nullptr, int(table.columns.size())));
        } else {
            summary->setText(tr("definition not parsed"));
            summary->setToolTip(parsed.error().toString());
        }
        m_model->appendRow({ tableItem, summary });
    }
    showStatus(tables.isEmpty() ? tr("This branch has no tables yet.") : QString());
    if (!tables.isEmpty())
        m_tree->setCurrentIndex(m_model->index(0, 0));
    Q_EMIT schemaLoaded(int(tables.size()));
    requestLint();
}

void BranchSchemaView::requestLint()
{
    // After the tables, so the findings have their rows to go under.
    m_lintErrors.clear();
    m_lint->clearMessage();
    if (!m_client || m_branch.name.isEmpty())
        return;
    m_lintRequest = Api::BranchesResource(m_client).lint(
        m_org, m_database, m_branch.name, this, [this](Api::ApiResult<QList<Core::LintError>> r) {
            if (r.requestId() != m_lintRequest)
                return;
            m_lintRequest = 0;
            if (!r) {
                // Lint is advice: the tables stay usable without it.
                m_lint->showMessage(tr("Lint unavailable: %1").arg(r.error().userText), Tone::Neutral);
                Q_EMIT lintLoaded(-1);
                return;
            }
            setLint(r.value());
        });
}

void BranchSchemaView::setLint(const QList<Core::LintError> &errors)
{
    m_lintErrors = errors;
    QHash<QString, QList<Core::LintError>> byTable;
    QStringList general;
    for (const Core::LintError &e : errors) {
        if (e.tableName.isEmpty())
            general << e.lintError + u": "_s + e.errorDescription;
        else
            byTable[e.tableName] << e;
    }
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QStandardItem *table = m_model->item(row, 0);
        const QList<Core::LintError> found = byTable.value(table->data(TableNameRole).toString());
        if (found.isEmpty())
            continue;
        QStandardItem *group = readOnlyItem(tr("Lint (%1)").arg(found.size()));
        group->setData(table->data(TableNameRole), TableNameRole);
        group->setData(table->data(DdlRole), DdlRole);
        QStringList tips;
        for (const Core::LintError &e : found) {
            QStandardItem *code = readOnlyItem(e.lintError);
            code->setData(table->data(TableNameRole), TableNameRole);
            code->setData(table->data(DdlRole), DdlRole);
            code->setData(e.lintError, LintCodeRole);
            QStandardItem *text = readOnlyItem(e.errorDescription);
            text->setToolTip(e.errorDescription);
            group->appendRow({ code, text });
            tips << e.errorDescription;
        }
        table->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
        table->setToolTip(tips.join(u'\n'));
        m_model->item(row, 1)->setText(m_model->item(row, 1)->text()
            + (found.size() == 1 ? tr(" · 1 lint finding") : tr(" · %1 lint findings").arg(found.size())));
        table->appendRow({ group, readOnlyItem({}) });
    }
    if (errors.isEmpty()) {
        m_lint->showMessage(tr("Lint: no findings."), Tone::Success);
    } else {
        // Spelled out: no translator supplies English plurals for %n.
        QString text = (errors.size() == 1 ? tr("Lint: 1 finding") : tr("Lint: %1 findings").arg(errors.size()))
            + (byTable.size() == 1 ? tr(" in 1 table") : tr(" in %1 tables").arg(byTable.size()));
        if (!general.isEmpty())
            text += u" — "_s + general.join(u"; "_s);
        m_lint->showMessage(text, Tone::Warning);
    }
    Q_EMIT lintLoaded(int(errors.size()));
}

QString BranchSchemaView::lintText() const
{
    return m_lint->text();
}

void BranchSchemaView::showDdl(const QModelIndex &index)
{
    const QModelIndex first = index.siblingAtColumn(0);
    m_ddl->setText(first.data(DdlRole).toString());
}

QString BranchSchemaView::ddlText() const
{
    return m_ddl->text();
}

QString BranchSchemaView::statusText() const
{
    return m_status->text();
}

bool BranchSchemaView::selectTable(const QString &name)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex idx = m_model->index(row, 0);
        if (idx.data(TableNameRole).toString() == name) {
            m_tree->setCurrentIndex(idx);
            return true;
        }
    }
    return false;
}

void BranchSchemaView::showStatus(const QString &text, bool error)
{
    m_status->showStatus(text, error);
}

void BranchSchemaView::compareWithParent()
{
    if (!m_branch.parentBranch.isEmpty())
        compareWith(m_branch.parentBranch);
}

void BranchSchemaView::compareWith(const QString &otherBranch)
{
    if (!m_client || m_branch.name.isEmpty() || otherBranch.isEmpty())
        return;
    m_compare = {};
    // The other branch on the left: the view reads as "what this branch changes".
    m_compare.left = otherBranch;
    m_compare.right = m_branch.name;
    SideBySideDiffView *view = ensureDiffView();
    view->setTitles(otherBranch, m_branch.name);
    view->setMessage(tr("Comparing %1 with %2…").arg(m_branch.name, otherBranch));
    view->setWindowTitle(tr("%1 compared with %2 — %3").arg(m_branch.name, otherBranch, m_database));
    view->show();
    view->raise();

    Api::BranchesResource branches(m_client);
    auto answer = [this](bool left) {
        return [this, left](Api::ApiResult<QList<Core::TableDdl>> r) {
            const Api::RequestId expected = left ? m_compare.leftRequest : m_compare.rightRequest;
            if (r.requestId() != expected)
                return;
            if (!r)
                m_compare.error = tr("Could not load the schema of %1: %2")
                                      .arg(left ? m_compare.left : m_compare.right, r.error().userText);
            else if (left)
                m_compare.leftTables = r.value();
            else
                m_compare.rightTables = r.value();
            if (left)
                m_compare.leftRequest = 0;
            else
                m_compare.rightRequest = 0;
            finishCompare();
        };
    };
    m_compare.leftRequest = branches.schema(m_org, m_database, otherBranch, {}, this, answer(true));
    m_compare.rightRequest = branches.schema(m_org, m_database, m_branch.name, {}, this, answer(false));
}

void BranchSchemaView::finishCompare()
{
    if (m_compare.leftRequest || m_compare.rightRequest || !m_diffView)
        return;
    if (!m_compare.error.isEmpty()) {
        m_diffView->setMessage(m_compare.error);
        Q_EMIT comparisonFinished(-1);
        return;
    }
    if (!m_compare.leftTables || !m_compare.rightTables)
        return;
    const QList<Schema::TableDiff> diffs
        = Schema::SchemaComparison::compare(*m_compare.leftTables, *m_compare.rightTables);
    m_diffView->setDiffs(diffs);
    if (diffs.isEmpty())
        m_diffView->setMessage(tr("%1 and %2 have the same schema.").arg(m_compare.right, m_compare.left));
    Q_EMIT comparisonFinished(int(diffs.size()));
}

SideBySideDiffView *BranchSchemaView::comparisonView() const
{
    return m_diffView;
}

SideBySideDiffView *BranchSchemaView::ensureDiffView()
{
    if (!m_diffView) {
        m_diffView = new SideBySideDiffView(this);
        m_diffView->setWindowFlag(Qt::Window);
        m_diffView->setAttribute(Qt::WA_DeleteOnClose);
        m_diffView->resize(1000, 600);
    }
    return m_diffView;
}

} // namespace Ui

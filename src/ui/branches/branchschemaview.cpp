#include "ui/branches/branchschemaview.h"

#include "api/branchesresource.h"
#include "schema/tableparser.h"
#include "schema/viewparser.h"
#include "ui/branches/keyspacebar.h"
#include "ui/common/badgelabel.h"
#include "ui/common/icons.h"
#include "ui/common/plural.h"
#include "ui/common/theme.h"

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
    , m_subtitle(new QLabel(this))
    , m_production(new BadgeLabel(tr("production"), Tone::Danger, this))
    , m_safeMigrations(new BadgeLabel(tr("safe migrations"), Tone::Success, this))
    , m_status(new StatusLine(this))
    , m_lint(new StatusLine(this))
    , m_keyspaces(new KeyspaceBar(client, this))
    , m_tree(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_ddl(new QsciScintilla(this))
    , m_compareParent(new QPushButton(Icons::get(u"vcs-diff"_s), tr("Compare with Parent"), this))
    , m_compareTarget(new QComboBox(this))
    , m_compareOther(new QPushButton(tr("Compare"), this))
    , m_openEditor(new QPushButton(Icons::get(u"code-context"_s), tr("SQL Editor"), this))
    , m_deployRequest(new QPushButton(Icons::get(u"vcs-merge-request"_s), tr("Deploy Request…"), this))
{
    setWindowIcon(Icons::get(u"table"_s));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.45);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setTone(m_subtitle, Tone::Neutral);
    m_lint->setObjectName(u"schemaLint"_s);
    m_model->setHorizontalHeaderLabels({ tr("Name"), tr("Definition") });
    m_tree->setModel(m_model);
    m_tree->setObjectName(u"schemaTree"_s);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *lexer = new QsciLexerSQL(m_ddl);
    m_ddl->setLexer(lexer);
    m_ddl->setReadOnly(true);
    m_ddl->setMarginWidth(0, 0);
    m_ddl->setWrapMode(QsciScintilla::WrapNone);
    m_compareTarget->setToolTip(tr("Compare this branch with another branch of the database"));
    m_compareTarget->setMinimumContentsLength(14);
    m_openEditor->setToolTip(tr("Open a SQL editor on this branch"));
    m_deployRequest->setToolTip(tr("Create a deploy request from this branch into its parent"));

    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(10);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_production, 0, Qt::AlignVCenter);
    titleRow->addWidget(m_safeMigrations, 0, Qt::AlignVCenter);
    titleRow->addStretch(1);
    titleRow->addWidget(m_openEditor);
    titleRow->addWidget(m_deployRequest);
    auto *compareRow = new QHBoxLayout;
    compareRow->addWidget(m_subtitle, 1);
    compareRow->addWidget(m_compareParent);
    compareRow->addWidget(m_compareTarget);
    compareRow->addWidget(m_compareOther);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"schemaSplitter"_s);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_ddl);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *header = new QVBoxLayout;
    header->setContentsMargins(16, 12, 16, 8);
    header->setSpacing(4);
    header->addLayout(titleRow);
    header->addLayout(compareRow);
    header->addWidget(m_status);
    header->addWidget(m_lint);
    header->addWidget(m_keyspaces);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(splitter, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { showDdl(current); });
    connect(m_keyspaces, &KeyspaceBar::vschemaLoaded, this, [this](const QString &keyspace, const QString &raw) {
        m_tree->clearSelection();
        m_vschemaShown = true;
        m_ddl->setText(u"-- VSchema of keyspace "_s + keyspace + u'\n' + raw);
    });
    connect(m_keyspaces, &KeyspaceBar::failed, this, [this](const QString &message) { showStatus(message, true); });
    connect(m_compareParent, &QPushButton::clicked, this, &BranchSchemaView::compareWithParent);
    connect(m_compareOther, &QPushButton::clicked, this, [this] { compareWith(m_compareTarget->currentText()); });
    connect(m_openEditor, &QPushButton::clicked, this,
        [this] { Q_EMIT sqlEditorRequested(m_org, m_database, m_branch.name); });
    connect(m_deployRequest, &QPushButton::clicked, this,
        [this] { Q_EMIT deployRequestRequested(m_org, m_database, m_branch.name); });
    clear();
}

void BranchSchemaView::clear()
{
    m_schemaRequest = 0;
    m_lintRequest = 0;
    m_lintErrors.clear();
    m_lint->clearMessage();
    m_keyspaces->clear();
    m_vschemaShown = false;
    m_branch = {};
    m_org.clear();
    m_database.clear();
    m_model->removeRows(0, m_model->rowCount());
    m_ddl->setText({});
    m_title->setText(tr("Select a branch to see its tables."));
    m_subtitle->clear();
    m_production->setVisible(false);
    m_safeMigrations->setVisible(false);
    m_compareParent->setEnabled(false);
    m_compareOther->setEnabled(false);
    m_openEditor->setEnabled(false);
    m_deployRequest->setEnabled(false);
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
    m_title->setText(branch.name);
    m_subtitle->setText(branch.parentBranch.isEmpty()
            ? tr("%1 · %2 · no parent").arg(org, database)
            : tr("%1 · %2 · branched from %3").arg(org, database, branch.parentBranch));
    m_production->setVisible(branch.production);
    m_safeMigrations->setVisible(branch.safeMigrations);
    setWindowTitle(tr("%1 — %2").arg(branch.name, database));
    setToolTip(tr("Schema of %1/%2 (%3)").arg(database, branch.name, org));
    setProperty("production", branch.production);
    m_openEditor->setEnabled(branch.ready);
    m_deployRequest->setEnabled(!branch.parentBranch.isEmpty() && !branch.production);
    m_compareParent->setEnabled(!branch.parentBranch.isEmpty());
    m_compareParent->setToolTip(branch.parentBranch.isEmpty()
            ? tr("This branch has no parent")
            : tr("Show the changes of %1 against %2").arg(branch.name, branch.parentBranch));
    QStringList others = otherBranches;
    others.removeAll(branch.name);
    m_compareTarget->addItems(others);
    m_compareOther->setEnabled(!others.isEmpty());
    m_keyspaces->setBranch(org, database, branch.name);
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
            summary->setText(countText(table.columns.size(), tr("1 column"), tr("%n columns")));
        } else if (const auto view = Schema::ViewParser::parse(QStringView(t.raw).trimmed())) {
            // SHOW CREATE of a view: not a table to expand, but say what it is.
            const QString security = view.value().security;
            summary->setText(security.isEmpty() ? tr("view") : tr("view · SQL SECURITY %1").arg(security));
            summary->setToolTip(view.value().select);
        } else {
            summary->setText(tr("definition not parsed"));
            summary->setToolTip(parsed.error().toString());
        }
        m_model->appendRow({ tableItem, summary });
    }
    showStatus(tables.isEmpty() ? tr("This branch has no tables yet.") : QString());
    if (!tables.isEmpty() && !m_vschemaShown)
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
            + countText(found.size(), tr(" · 1 lint finding"), tr(" · %n lint findings")));
        table->appendRow({ group, readOnlyItem({}) });
    }
    if (errors.isEmpty()) {
        m_lint->showMessage(tr("Lint: no findings."), Tone::Success);
    } else {
        QString text = countText(errors.size(), tr("Lint: 1 finding"), tr("Lint: %n findings"))
            + countText(byTable.size(), tr(" in 1 table"), tr(" in %n tables"));
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
    if (m_branch.name.isEmpty() || otherBranch.isEmpty())
        return;
    // The other branch on the left: the comparison reads as "what this branch changes".
    Q_EMIT comparisonRequested(m_org, m_database, otherBranch, m_branch.name);
}

void BranchSchemaView::showKeyspace(const QString &keyspace)
{
    m_keyspaces->showVSchemaOf(keyspace);
}

} // namespace Ui

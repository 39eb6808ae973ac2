#include "ui/deployrequests/schemarecommendationsview.h"
#include "ui/common/plural.h"

#include "api/branchesresource.h"
#include "api/databasesresource.h"
#include "api/schemarecommendationsresource.h"
#include "api/watchers.h"
#include "ui/common/documentheader.h"
#include "ui/common/icons.h"
#include "ui/common/statebadgedelegate.h"
#include "ui/common/statusline.h"
#include "ui/common/theme.h"
#include "ui/deployrequests/createdeployrequestdialog.h"
#include "ui/deployrequests/schemarecommendationdetail.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

constexpr int NumberRole = Qt::UserRole + 1;

Tone stateTone(const Core::SchemaRecommendation &r)
{
    if (r.isOpen())
        return Tone::Info;
    return r.state == u"applied"_s ? Tone::Success : Tone::Neutral;
}

QString stateText(const Core::SchemaRecommendation &r)
{
    if (r.state == u"applied"_s && r.closedByDeployRequest)
        return SchemaRecommendationsView::tr("Applied by #%1").arg(r.closedByDeployRequest->number);
    if (r.state.isEmpty())
        return {};
    return r.state.left(1).toUpper() + r.state.mid(1);
}

} // namespace

SchemaRecommendationsView::SchemaRecommendationsView(
    Api::ApiClient *client, QString org, QString database, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_org(std::move(org))
    , m_database(std::move(database))
    , m_summary(makeDocumentSummary(this, u"recommendationsSummary"_s))
    , m_refresh(makeRefreshButton(this, u"refreshRecommendations"_s))
    , m_view(new QTableView(this))
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_apply(new QPushButton(tr("Apply on a new branch…"), this))
    , m_dismiss(new QPushButton(tr("Dismiss"), this))
    , m_status(new StatusLine(this))
    , m_detail(new SchemaRecommendationDetail(this))
{
    setWindowTitle(tr("Recommendations · %1").arg(m_database));
    setWindowIcon(Icons::get(u"database-index"_s));
    setToolTip(tr("Schema recommendations for %1").arg(m_database));
    m_apply->setObjectName(u"applyRecommendation"_s);
    m_apply->setIcon(Icons::get(u"vcs-branch"_s));
    m_apply->setToolTip(tr("Create a branch off the default branch, run the DDL there and open a deploy request"));
    m_dismiss->setObjectName(u"dismissRecommendation"_s);
    m_dismiss->setIcon(Icons::get(u"dialog-close"_s));
    m_dismiss->setToolTip(tr("Close the recommendation without changing the schema"));
    m_model->setHorizontalHeaderLabels({ tr("Table"), tr("Kind"), tr("Recommendation"), tr("DDL"), tr("State") });
    m_view->setObjectName(u"recommendations"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // One line per recommendation, like the other lists of the window: long text is elided in the row and
    // shown whole in the detail below (and the tooltip).
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const int line = std::max(fontMetrics().height(), QFontMetrics(fixed).height());
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(line + 8);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_view->setColumnWidth(TableColumn, 140);
    m_view->setColumnWidth(KindColumn, 170);
    m_view->setColumnWidth(DdlColumn, 360);
    auto *badges = new StateBadgeDelegate(m_view);
    badges->setBadgesOnly(true);
    m_view->setItemDelegateForColumn(StateColumn, badges);
    connect(m_refresh, &QToolButton::clicked, this, &SchemaRecommendationsView::reload);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        m_detail->showRecommendation(current());
    });
    connect(m_apply, &QPushButton::clicked, this, &SchemaRecommendationsView::applyCurrent);
    connect(m_dismiss, &QPushButton::clicked, this, &SchemaRecommendationsView::dismissCurrent);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_apply);
    top->addWidget(m_dismiss);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addLayout(top);
    layout->addWidget(m_status);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"recommendationsSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    updateButtons();
}

void SchemaRecommendationsView::reload()
{
    if (!m_client || m_request)
        return;
    // The database first: its default branch is where Apply branches off.
    m_request = Api::DatabasesResource(m_client).get(m_org, m_database, this, [this](Api::ApiResult<Core::Database> d) {
        if (d.requestId() != m_request)
            return;
        if (!d) {
            m_request = 0;
            m_status->showStatus(tr("Could not load %1: %2").arg(m_database, d.error().userText), true);
            return;
        }
        m_defaultBranch = d.value().defaultBranch;
        m_request = Api::SchemaRecommendationsResource(m_client).list(
            m_org, m_database, {}, this, [this](Api::ApiResult<QList<Core::SchemaRecommendation>> r) {
                if (r.requestId() != m_request)
                    return;
                m_request = 0;
                if (!r) {
                    m_status->showStatus(tr("Could not load the recommendations: %1").arg(r.error().userText), true);
                    return;
                }
                if (!m_busy)
                    m_status->showStatus({}, false);
                show(r.value());
            });
    });
}

QString SchemaRecommendationsView::kindText(const QString &type)
{
    static const QHash<QString, QString> names { { u"duplicate_index"_s, tr("Redundant index") },
        { u"sequence_overflow"_s, tr("Primary key exhaustion") },
        { u"sequence_overflow_foreign_key"_s, tr("Foreign key exhaustion") }, { u"unused_table"_s, tr("Unused table") },
        { u"unused_index"_s, tr("Unused index") }, { u"new_index"_s, tr("New index") },
        { u"encoding_upgrade"_s, tr("Encoding upgrade") }, { u"bloated_table"_s, tr("Bloated table") },
        { u"bloated_index"_s, tr("Bloated index") } };
    return names.value(type, type);
}

void SchemaRecommendationsView::show(const QList<Core::SchemaRecommendation> &recommendations)
{
    const qint64 selected = current() ? current()->number : 0;
    m_recommendations = recommendations;
    // Open ones first (what there is to do), then the closed ones, newest first within each.
    std::stable_sort(m_recommendations.begin(), m_recommendations.end(), [](const auto &a, const auto &b) {
        if (a.isOpen() != b.isOpen())
            return a.isOpen();
        return a.number > b.number;
    });
    m_model->removeRows(0, m_model->rowCount());
    int selectRow = -1;
    for (const Core::SchemaRecommendation &r : std::as_const(m_recommendations)) {
        QList<QStandardItem *> row;
        row << new QStandardItem(r.tableName) << new QStandardItem(kindText(r.recommendationType))
            << new QStandardItem(r.title) << new QStandardItem(r.ddlStatement) << new QStandardItem(stateText(r));
        row[DdlColumn]->setToolTip(r.ddlStatement);
        row[DescriptionColumn]->setToolTip(r.title);
        row[DdlColumn]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        row[TableColumn]->setData(r.number, NumberRole);
        row[StateColumn]->setData(
            QVariant::fromValue(BadgeList { Badge { stateText(r), stateTone(r) } }), StateBadgeDelegate::BadgesRole);
        if (r.number == selected)
            selectRow = m_model->rowCount();
        m_model->appendRow(row);
    }
    if (selectRow < 0 && !m_recommendations.isEmpty())
        selectRow = 0; // the first open one: the detail shows something from the start
    if (selectRow >= 0)
        this->selectRow(selectRow);
    else
        m_detail->showRecommendation(nullptr);
    const int open = openCount();
    if (m_recommendations.isEmpty())
        m_summary->setText(tr("No schema recommendations for %1.").arg(m_database));
    else if (open == 0)
        m_summary->setText(
            tr("No open recommendations for %1 (%n closed).", nullptr, int(m_recommendations.size())).arg(m_database));
    else
        m_summary->setText(countText(open, tr("1 open recommendation for %1."), tr("%n open recommendations for %1."))
                               .arg(m_database));
    updateButtons();
    Q_EMIT loaded(int(m_recommendations.size()));
}

void SchemaRecommendationsView::selectRow(int row)
{
    m_view->setCurrentIndex(m_model->index(row, 0));
    m_view->selectRow(row);
    updateButtons();
    m_detail->showRecommendation(current());
}

int SchemaRecommendationsView::openCount() const
{
    return int(
        std::count_if(m_recommendations.begin(), m_recommendations.end(), [](const auto &r) { return r.isOpen(); }));
}

QString SchemaRecommendationsView::statusText() const
{
    return !m_status->isHidden() ? m_status->text() : QString();
}

const Core::SchemaRecommendation *SchemaRecommendationsView::current() const
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return nullptr;
    const qint64 number = m_model->index(index.row(), TableColumn).data(NumberRole).toLongLong();
    for (const Core::SchemaRecommendation &r : m_recommendations) {
        if (r.number == number)
            return &r;
    }
    return nullptr;
}

void SchemaRecommendationsView::updateButtons()
{
    const Core::SchemaRecommendation *r = current();
    const bool actionable = r && r->isOpen() && !m_busy && m_client;
    m_dismiss->setEnabled(actionable);
    // Apply needs a way to run the DDL and a DDL to run.
    m_apply->setEnabled(actionable && m_runDdl && !r->ddlStatement.isEmpty() && !m_defaultBranch.isEmpty());
}

void SchemaRecommendationsView::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void SchemaRecommendationsView::dismissCurrent()
{
    const Core::SchemaRecommendation *r = current();
    if (!r || !m_client)
        return;
    const qint64 number = r->number;
    setBusy(true);
    Api::SchemaRecommendationsResource(m_client).dismiss(
        m_org, m_database, number, {}, this, [this, number](Api::ApiResult<Core::SchemaRecommendation> answer) {
            setBusy(false);
            if (!answer) {
                m_status->showStatus(tr("Could not dismiss #%1: %2").arg(number).arg(answer.error().userText), true);
                return;
            }
            m_status->showStatus(tr("Dismissed #%1.").arg(number), false);
            Q_EMIT dismissed(number);
            reload();
        });
}

void SchemaRecommendationsView::applyCurrent()
{
    const Core::SchemaRecommendation *found = current();
    if (!found || !m_client || !m_runDdl)
        return;
    const Core::SchemaRecommendation rec = *found;
    // A name that says what the branch is for; the suffix keeps a second attempt from clashing.
    const QString branch = u"recommendation-%1-%2"_s.arg(rec.number)
                               .arg(QString::number(QDateTime::currentMSecsSinceEpoch() % 100000, 36));
    setBusy(true);
    m_status->showStatus(tr("Creating branch %1 off %2…").arg(branch, m_defaultBranch), false);
    Api::CreateBranchOptions options;
    options.name = branch;
    options.parentBranch = m_defaultBranch;
    Api::BranchesResource(m_client).create(
        m_org, m_database, options, this, [this, rec, branch](Api::ApiResult<Core::Branch> created) {
            if (!created) {
                setBusy(false);
                m_status->showStatus(tr("Could not create branch %1: %2").arg(branch, created.error().userText), true);
                return;
            }
            Api::watchBranchUntilReady(Api::BranchesResource(m_client), m_org, m_database, branch, this,
                [this, rec, branch](const Api::ApiResult<Core::Branch> &answer) {
                    if (!answer.ok()) {
                        setBusy(false);
                        m_status->showStatus(tr("Branch %1: %2").arg(branch, answer.error().userText), true);
                    } else if (answer.value().ready) {
                        runOnBranch(rec, branch);
                    }
                });
        });
}

void SchemaRecommendationsView::runOnBranch(const Core::SchemaRecommendation &rec, const QString &branch)
{
    m_status->showStatus(tr("Running the DDL on %1…").arg(branch), false);
    QPointer<SchemaRecommendationsView> self(this);
    m_runDdl(branch, rec.ddlStatement, [self, rec, branch](Core::Result<void> done) {
        if (!self)
            return;
        self->setBusy(false);
        if (!done) {
            self->m_status->showStatus(
                tr("The DDL failed on %1 (the branch is kept): %2").arg(branch, done.error().toString()), true);
            return;
        }
        self->m_status->showStatus(tr("Branch %1 has the change; create its deploy request.").arg(branch), false);
        self->openDeployRequestDialog(rec, branch);
        Q_EMIT self->branchPrepared(branch);
    });
}

void SchemaRecommendationsView::openDeployRequestDialog(const Core::SchemaRecommendation &rec, const QString &branch)
{
    Core::Branch into;
    into.name = m_defaultBranch;
    Core::Branch head;
    head.name = branch;
    head.parentBranch = m_defaultBranch;
    auto *dialog = new CreateDeployRequestDialog(m_client, m_org, m_database, { into, head }, branch, this);
    dialog->setObjectName(u"createDeployRequestDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setIntoBranch(m_defaultBranch);
    dialog->setNotes(tr("Schema recommendation #%1 (%2 on %3):\n%4")
                         .arg(rec.number)
                         .arg(kindText(rec.recommendationType).toLower(), rec.tableName, rec.ddlStatement));
    connect(dialog, &CreateDeployRequestDialog::deployRequestCreated, this, [this](const Core::DeployRequest &dr) {
        m_status->showStatus(
            tr("Deploy request #%1 created: deploying it closes the recommendation.").arg(dr.number), false);
        Q_EMIT deployRequestCreated(m_org, m_database, dr);
    });
    m_dialog = dialog;
    dialog->open();
}

CreateDeployRequestDialog *SchemaRecommendationsView::deployRequestDialog() const
{
    return m_dialog;
}

} // namespace Ui

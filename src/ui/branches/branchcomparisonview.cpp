#include "ui/branches/branchcomparisonview.h"

#include "api/branchesresource.h"
#include "schema/schemacomparison.h"
#include "ui/common/icons.h"
#include "ui/common/sidebysidediffview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

BranchComparisonView::BranchComparisonView(Api::ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_basePicker(new QComboBox(this))
    , m_headPicker(new QComboBox(this))
    , m_deployRequest(new QPushButton(Icons::get(u"vcs-merge-request"_s), tr("New Deploy Request…"), this))
    , m_diff(new SideBySideDiffView(this))
{
    setWindowIcon(Icons::get(u"vcs-diff"_s));
    m_basePicker->setObjectName(u"comparisonBase"_s);
    m_headPicker->setObjectName(u"comparisonHead"_s);
    m_basePicker->setToolTip(tr("The branch compared against (left)"));
    m_headPicker->setToolTip(tr("The branch whose changes are shown (right)"));
    m_deployRequest->setToolTip(tr("Deploy these changes into the base branch"));
    auto *swap = new QToolButton(this);
    swap->setText(u"⇄"_s);
    swap->setToolTip(tr("Swap the sides"));
    auto *refresh = new QToolButton(this);
    refresh->setIcon(Icons::get(u"view-refresh"_s));
    refresh->setToolTip(tr("Compare again"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(16, 10, 16, 4);
    auto *title = new QLabel(tr("Compare"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    bar->addWidget(title);
    bar->addSpacing(12);
    bar->addWidget(m_basePicker);
    bar->addWidget(new QLabel(u"←"_s, this));
    bar->addWidget(m_headPicker);
    bar->addWidget(swap);
    bar->addWidget(refresh);
    bar->addStretch(1);
    bar->addWidget(m_deployRequest);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_diff, 1);

    auto picked = [this] {
        const QString base = m_basePicker->currentText();
        const QString head = m_headPicker->currentText();
        if (base.isEmpty() || head.isEmpty() || (base == m_base && head == m_head))
            return;
        compare(m_org, m_database, base, head);
        Q_EMIT sidesChanged(base, head);
    };
    connect(m_basePicker, &QComboBox::activated, this, picked);
    connect(m_headPicker, &QComboBox::activated, this, picked);
    connect(swap, &QToolButton::clicked, this, [this] {
        compare(m_org, m_database, m_head, m_base);
        Q_EMIT sidesChanged(m_base, m_head);
    });
    connect(refresh, &QToolButton::clicked, this, &BranchComparisonView::reload);
    connect(m_deployRequest, &QPushButton::clicked, this,
        [this] { Q_EMIT deployRequestRequested(m_org, m_database, m_head); });
}

void BranchComparisonView::compare(
    const QString &org, const QString &database, const QString &base, const QString &head, const QStringList &branches)
{
    m_org = org;
    m_database = database;
    m_base = base;
    m_head = head;
    if (!branches.isEmpty()) {
        for (QComboBox *picker : { m_basePicker, m_headPicker }) {
            const QSignalBlocker blocker(picker);
            picker->clear();
            picker->addItems(branches);
        }
    }
    for (auto [picker, name] : { std::pair { m_basePicker, base }, std::pair { m_headPicker, head } }) {
        const QSignalBlocker blocker(picker);
        if (picker->findText(name) < 0)
            picker->addItem(name);
        picker->setCurrentText(name);
    }
    setWindowTitle(tr("%1 ← %2").arg(base, head));
    setToolTip(tr("What %1 changes against %2 (%3)").arg(head, base, database));
    reload();
}

void BranchComparisonView::reload()
{
    if (!m_client || m_base.isEmpty() || m_head.isEmpty())
        return;
    m_baseTables.reset();
    m_headTables.reset();
    m_error.clear();
    m_diff->setTitles(m_base, m_head);
    m_diff->setMessage(tr("Comparing %1 with %2…").arg(m_head, m_base));
    Api::BranchesResource branches(m_client);
    auto answer = [this](bool base) {
        return [this, base](Api::ApiResult<QList<Core::TableDdl>> r) {
            Api::RequestId &expected = base ? m_baseRequest : m_headRequest;
            if (r.requestId() != expected)
                return;
            expected = 0;
            if (!r)
                m_error = tr("Could not load the schema of %1: %2").arg(base ? m_base : m_head, r.error().userText);
            else if (base)
                m_baseTables = r.value();
            else
                m_headTables = r.value();
            finish();
        };
    };
    m_baseRequest = branches.schema(m_org, m_database, m_base, {}, this, answer(true));
    m_headRequest = branches.schema(m_org, m_database, m_head, {}, this, answer(false));
}

void BranchComparisonView::finish()
{
    if (m_baseRequest || m_headRequest)
        return;
    if (!m_error.isEmpty()) {
        m_diff->setMessage(m_error);
        Q_EMIT comparisonFinished(-1);
        return;
    }
    if (!m_baseTables || !m_headTables)
        return;
    const QList<Schema::TableDiff> diffs = Schema::SchemaComparison::compare(*m_baseTables, *m_headTables);
    m_diff->setDiffs(diffs);
    if (diffs.isEmpty())
        m_diff->setMessage(tr("%1 and %2 have the same schema.").arg(m_head, m_base));
    m_deployRequest->setEnabled(!diffs.isEmpty());
    Q_EMIT comparisonFinished(int(diffs.size()));
}

} // namespace Ui

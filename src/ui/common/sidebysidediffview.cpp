#include "ui/common/sidebysidediffview.h"
#include "ui/common/plural.h"

#include "ui/common/diffpane.h"
#include "ui/common/icons.h"
#include "ui/common/tablediffblock.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

SideBySideDiffView::SideBySideDiffView(QWidget *parent)
    : QWidget(parent)
    , m_message(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_page(new QWidget)
    , m_list(new QVBoxLayout(m_page))
    , m_scroll(new QScrollArea(this))
    , m_body(new QWidget(this))
{
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setObjectName(u"diffMessage"_s);
    m_summary->setObjectName(u"diffSummary"_s);
    m_list->setContentsMargins(12, 4, 12, 12);
    m_list->setSpacing(6);
    m_list->addStretch(1);
    m_scroll->setWidget(m_page);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setObjectName(u"diffScroll"_s);

    auto *expand = new QToolButton(this);
    expand->setIcon(Icons::get(u"expand-all"_s));
    expand->setToolTip(tr("Expand every table"));
    expand->setAutoRaise(true);
    connect(expand, &QToolButton::clicked, this, [this] { setAllExpanded(true); });
    auto *collapse = new QToolButton(this);
    collapse->setIcon(Icons::get(u"collapse-all"_s));
    collapse->setToolTip(tr("Collapse every table"));
    collapse->setAutoRaise(true);
    connect(collapse, &QToolButton::clicked, this, [this] { setAllExpanded(false); });
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(12, 6, 12, 0);
    bar->addWidget(m_summary, 1);
    bar->addWidget(expand);
    bar->addWidget(collapse);

    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(0);
    bodyLayout->addLayout(bar);
    bodyLayout->addWidget(m_scroll, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_body, 1);

    setTitles(tr("Before"), tr("After"));
    setMessage(tr("Nothing to compare yet."));
}

void SideBySideDiffView::setTitles(const QString &left, const QString &right)
{
    m_leftTitle = left;
    m_rightTitle = right;
    for (TableDiffBlock *block : std::as_const(m_blocks))
        block->pane()->setTitles(left, right);
}

void SideBySideDiffView::clearBlocks()
{
    for (TableDiffBlock *block : std::as_const(m_blocks))
        delete block;
    m_blocks.clear();
    m_current = -1;
}

void SideBySideDiffView::setMessage(const QString &message)
{
    clearBlocks();
    m_message->setText(message);
    m_message->setVisible(true);
    m_body->setVisible(false);
}

QString SideBySideDiffView::message() const
{
    return !m_message->isHidden() ? m_message->text() : QString();
}

void SideBySideDiffView::setDiffs(const QList<Schema::TableDiff> &diffs)
{
    if (diffs.isEmpty()) {
        setMessage(tr("No schema differences."));
        return;
    }
    clearBlocks();
    int added = 0;
    int removed = 0;
    int warnings = 0;
    for (const Schema::TableDiff &d : diffs) {
        auto *block = new TableDiffBlock(d, m_leftTitle, m_rightTitle, m_page);
        m_list->insertWidget(m_list->count() - 1, block);
        const int index = int(m_blocks.size());
        connect(block, &TableDiffBlock::activated, this, [this, index] {
            m_current = index;
            Q_EMIT currentTableChanged(m_blocks.at(index)->diff().name);
        });
        m_blocks.append(block);
        added += d.change == Schema::TableDiff::Change::Added ? 1 : 0;
        removed += d.change == Schema::TableDiff::Change::Removed ? 1 : 0;
        warnings += int(d.warnings.size() + d.lintErrors.size());
    }
    QStringList parts { countText(diffs.size(), tr("1 table"), tr("%n tables")) };
    if (added)
        parts << tr("%n new", nullptr, added);
    if (removed)
        parts << tr("%n dropped", nullptr, removed);
    if (warnings)
        parts << countText(warnings, tr("1 warning"), tr("%n warnings"));
    m_summary->setText(parts.join(u" · "_s));
    // Many tables: start collapsed after the first few so the page is an overview.
    for (qsizetype i = 0; i < m_blocks.size(); ++i)
        m_blocks[i]->setExpanded(i < 5);
    m_message->setVisible(false);
    m_body->setVisible(true);
    m_current = 0;
    m_scroll->verticalScrollBar()->setValue(0);
}

QStringList SideBySideDiffView::tables() const
{
    QStringList names;
    for (const TableDiffBlock *block : m_blocks)
        names << block->diff().name;
    return names;
}

QString SideBySideDiffView::currentTable() const
{
    return m_current >= 0 && m_current < m_blocks.size() ? m_blocks.at(m_current)->diff().name : QString();
}

TableDiffBlock *SideBySideDiffView::block(const QString &name) const
{
    for (TableDiffBlock *b : m_blocks) {
        if (b->diff().name == name)
            return b;
    }
    return nullptr;
}

bool SideBySideDiffView::selectTable(const QString &name)
{
    TableDiffBlock *b = block(name);
    if (!b)
        return false;
    m_current = int(m_blocks.indexOf(b));
    b->setExpanded(true);
    m_scroll->ensureWidgetVisible(b, 0, 0);
    if (b->isVisible())
        m_scroll->verticalScrollBar()->setValue(b->y());
    Q_EMIT currentTableChanged(name);
    return true;
}

void SideBySideDiffView::setAllExpanded(bool expanded)
{
    for (TableDiffBlock *b : std::as_const(m_blocks))
        b->setExpanded(expanded);
}

QString SideBySideDiffView::leftText() const
{
    return m_current >= 0 ? m_blocks.at(m_current)->pane()->leftText() : QString();
}

QString SideBySideDiffView::rightText() const
{
    return m_current >= 0 ? m_blocks.at(m_current)->pane()->rightText() : QString();
}

QString SideBySideDiffView::notesText() const
{
    return m_current >= 0 ? m_blocks.at(m_current)->notesText() : QString();
}

QString SideBySideDiffView::summaryText() const
{
    return m_summary->text();
}

} // namespace Ui

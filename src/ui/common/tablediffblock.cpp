#include "ui/common/tablediffblock.h"
#include "ui/common/plural.h"

#include "ui/common/badgelabel.h"
#include "ui/common/diffpane.h"
#include "ui/common/icons.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

std::pair<QString, Tone> changeBadge(Schema::TableDiff::Change change)
{
    switch (change) {
    case Schema::TableDiff::Change::Added:
        return { TableDiffBlock::tr("new table"), Tone::Success };
    case Schema::TableDiff::Change::Removed:
        return { TableDiffBlock::tr("dropped"), Tone::Danger };
    case Schema::TableDiff::Change::Changed:
        break;
    }
    return { TableDiffBlock::tr("changed"), Tone::Info };
}

} // namespace

TableDiffBlock::TableDiffBlock(
    const Schema::TableDiff &diff, const QString &leftTitle, const QString &rightTitle, QWidget *parent)
    : QWidget(parent)
    , m_diff(diff)
    , m_toggle(new QToolButton(this))
    , m_notes(new QLabel(this))
    , m_pane(new DiffPane(this))
    , m_statementBox(new QWidget(this))
    , m_statements(new QLabel(this))
    , m_body(new QWidget(this))
{
    setObjectName(u"tableDiff_"_s + diff.name);
    m_toggle->setObjectName(u"toggle"_s);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setCheckable(true);
    m_toggle->setChecked(true);
    m_toggle->setText(diff.name);
    QFont bold = m_toggle->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_toggle->setFont(bold);
    connect(m_toggle, &QToolButton::toggled, this, &TableDiffBlock::setExpanded);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_toggle);
    const auto [changeText, changeTone] = changeBadge(diff.change);
    header->addWidget(new BadgeLabel(changeText, changeTone, this));
    if (!diff.warnings.isEmpty())
        header->addWidget(
            new BadgeLabel(countText(diff.warnings.size(), tr("1 data-loss warning"), tr("%n data-loss warnings")),
                Tone::Danger, this));
    if (!diff.lintErrors.isEmpty())
        header->addWidget(new BadgeLabel(
            countText(diff.lintErrors.size(), tr("1 lint error"), tr("%n lint errors")), Tone::Warning, this));
    header->addStretch(1);

    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::RichText);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pane->setTitles(leftTitle, rightTitle);
    m_pane->setTexts(diff.from, diff.to);

    m_statements->setObjectName(u"statements"_s);
    m_statements->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_statements->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statements->setWordWrap(true);
    m_statements->setText(diff.statements.join(u'\n'));
    auto *copy = new QToolButton(this);
    copy->setIcon(Icons::get(u"edit-copy"_s));
    copy->setToolTip(tr("Copy the statement"));
    copy->setAutoRaise(true);
    connect(copy, &QToolButton::clicked, this,
        [this] { QApplication::clipboard()->setText(m_diff.statements.join(u'\n')); });
    auto *statementLayout = new QHBoxLayout(m_statementBox);
    statementLayout->setContentsMargins(8, 6, 8, 6);
    auto *runs = new QLabel(tr("Runs"), this);
    runs->setAlignment(Qt::AlignTop);
    Theme::setTone(runs, Tone::Neutral);
    statementLayout->addWidget(runs, 0, Qt::AlignTop);
    statementLayout->addWidget(m_statements, 1);
    statementLayout->addWidget(copy, 0, Qt::AlignTop);
    m_statementBox->setAutoFillBackground(true);
    m_statementBox->setBackgroundRole(QPalette::AlternateBase);
    m_statementBox->setVisible(!diff.statements.isEmpty());

    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_notes);
    body->addWidget(m_pane);
    body->addWidget(m_statementBox);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 8);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_body);
    updateNotes();
    setExpanded(true);
}

void TableDiffBlock::setExpanded(bool expanded)
{
    const bool changed = m_body->isHidden() == expanded;
    m_toggle->setChecked(expanded);
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_body->setVisible(expanded);
    if (changed)
        Q_EMIT expandedChanged(expanded);
}

bool TableDiffBlock::isExpanded() const
{
    return !m_body->isHidden();
}

QString TableDiffBlock::notesText() const
{
    return m_notes->isHidden() ? QString() : m_notes->text();
}

QString TableDiffBlock::statementText() const
{
    return m_statements->text();
}

void TableDiffBlock::updateNotes()
{
    QStringList notes;
    const QString danger = Theme::tone(Tone::Danger, palette()).name();
    const QString warning = Theme::tone(Tone::Warning, palette()).name();
    for (const QString &w : m_diff.warnings)
        notes << u"<span style='color:%1'>⚠ "_s.arg(danger) + tr("Data loss: %1").arg(w).toHtmlEscaped() + u"</span>"_s;
    for (const QString &l : m_diff.lintErrors)
        notes << u"<span style='color:%1'>● "_s.arg(warning) + tr("Lint: %1").arg(l).toHtmlEscaped() + u"</span>"_s;
    m_notes->setText(notes.join(u"<br>"_s));
    m_notes->setVisible(!notes.isEmpty());
}

void TableDiffBlock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateNotes();
    QWidget::changeEvent(event);
}

void TableDiffBlock::mousePressEvent(QMouseEvent *event)
{
    Q_EMIT activated();
    QWidget::mousePressEvent(event);
}

} // namespace Ui

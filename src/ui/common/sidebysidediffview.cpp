#include "ui/common/sidebysidediffview.h"

#include "schema/textdiff.h"
#include "ui/common/theme.h"

#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QPlainTextEdit *makePane(QWidget *parent)
{
    auto *pane = new QPlainTextEdit(parent);
    pane->setReadOnly(true);
    pane->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::TypeWriter);
    pane->setFont(mono);
    return pane;
}

QColor rowColor(Schema::TextDiff::Kind kind, bool left)
{
    switch (kind) {
    case Schema::TextDiff::Kind::Removed:
        return left ? QColor(0xff, 0xdc, 0xdc) : QColor(0xee, 0xee, 0xee); // the other side is a gap
    case Schema::TextDiff::Kind::Added:
        return left ? QColor(0xee, 0xee, 0xee) : QColor(0xd7, 0xf5, 0xdc);
    case Schema::TextDiff::Kind::Changed:
        return left ? QColor(0xff, 0xec, 0xc8) : QColor(0xe6, 0xf5, 0xc8);
    case Schema::TextDiff::Kind::Equal:
        break;
    }
    return {};
}

void fillPane(QPlainTextEdit *pane, const QStringList &lines, const QList<Schema::TextDiff::Kind> &kinds, bool left)
{
    pane->setPlainText(lines.join(u'\n'));
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = pane->document()->firstBlock();
    for (qsizetype i = 0; i < kinds.size() && block.isValid(); ++i, block = block.next()) {
        const QColor color = rowColor(kinds.at(i), left);
        if (!color.isValid())
            continue;
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(block);
        sel.format.setBackground(color);
        sel.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(sel);
    }
    pane->setExtraSelections(selections);
}

QString changeText(Schema::TableDiff::Change change)
{
    switch (change) {
    case Schema::TableDiff::Change::Added:
        return SideBySideDiffView::tr("new");
    case Schema::TableDiff::Change::Removed:
        return SideBySideDiffView::tr("dropped");
    case Schema::TableDiff::Change::Changed:
        break;
    }
    return SideBySideDiffView::tr("changed");
}

} // namespace

SideBySideDiffView::SideBySideDiffView(QWidget *parent)
    : QWidget(parent)
    , m_leftTitle(new QLabel(this))
    , m_rightTitle(new QLabel(this))
    , m_message(new QLabel(this))
    , m_tables(new QListWidget(this))
    , m_notes(new QLabel(this))
    , m_left(makePane(this))
    , m_right(makePane(this))
    , m_statements(makePane(this))
    , m_body(new QWidget(this))
{
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::RichText);
    m_notes->setVisible(false);
    m_statements->setMaximumHeight(90);
    m_tables->setMaximumWidth(200);
    m_tables->setObjectName(u"diffTables"_s);

    auto *panes = new QWidget(m_body);
    auto *grid = new QGridLayout(panes);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_leftTitle, 0, 0);
    grid->addWidget(m_rightTitle, 0, 1);
    grid->addWidget(m_left, 1, 0);
    grid->addWidget(m_right, 1, 1);

    auto *rightSide = new QWidget(m_body);
    auto *rightLayout = new QVBoxLayout(rightSide);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_notes);
    rightLayout->addWidget(panes, 1);
    rightLayout->addWidget(m_statements);

    auto *splitter = new QSplitter(m_body);
    splitter->addWidget(m_tables);
    splitter->addWidget(rightSide);
    splitter->setStretchFactor(1, 1);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(splitter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_body, 1);

    // The panes scroll together.
    connect(
        m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(), &QScrollBar::setValue);
    connect(
        m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(), &QScrollBar::setValue);
    connect(m_tables, &QListWidget::currentRowChanged, this, &SideBySideDiffView::showTable);

    setTitles(tr("Before"), tr("After"));
    setMessage(tr("Nothing to compare yet."));
}

void SideBySideDiffView::setTitles(const QString &left, const QString &right)
{
    m_leftTitle->setText(u"<b>"_s + left.toHtmlEscaped() + u"</b>"_s);
    m_rightTitle->setText(u"<b>"_s + right.toHtmlEscaped() + u"</b>"_s);
}

void SideBySideDiffView::setMessage(const QString &message)
{
    m_diffs.clear();
    m_tables->clear();
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
    m_diffs = diffs;
    m_message->setVisible(false);
    m_body->setVisible(true);
    const QSignalBlocker blocker(m_tables);
    m_tables->clear();
    for (const Schema::TableDiff &d : m_diffs) {
        QString label = d.name + u"  ("_s + changeText(d.change) + u')';
        auto *item = new QListWidgetItem(label, m_tables);
        if (!d.warnings.isEmpty() || !d.lintErrors.isEmpty()) {
            item->setForeground(Theme::tone(Tone::Danger, palette()));
            item->setToolTip((d.warnings + d.lintErrors).join(u'\n'));
        }
    }
    m_tables->setCurrentRow(0);
    showTable(0);
}

void SideBySideDiffView::showTable(int row)
{
    if (row < 0 || row >= m_diffs.size())
        return;
    const Schema::TableDiff &d = m_diffs.at(row);
    const QStringList from = d.from.isEmpty() ? QStringList() : d.from.split(u'\n');
    const QStringList to = d.to.isEmpty() ? QStringList() : d.to.split(u'\n');
    QStringList leftLines;
    QStringList rightLines;
    QList<Schema::TextDiff::Kind> kinds;
    for (const Schema::TextDiff::Row &r : Schema::TextDiff::sideBySide(from, to)) {
        leftLines << (r.left >= 0 ? from.at(r.left) : QString());
        rightLines << (r.right >= 0 ? to.at(r.right) : QString());
        kinds << r.kind;
    }
    fillPane(m_left, leftLines, kinds, true);
    fillPane(m_right, rightLines, kinds, false);

    QStringList notes;
    for (const QString &w : d.warnings)
        notes << u"<span style='color:%1'>⚠ "_s.arg(Theme::tone(Tone::Danger, palette()).name())
                + tr("Data loss: %1").arg(w).toHtmlEscaped() + u"</span>"_s;
    for (const QString &l : d.lintErrors)
        notes << u"<span style='color:%1'>● "_s.arg(Theme::tone(Tone::Warning, palette()).name())
                + tr("Lint: %1").arg(l).toHtmlEscaped() + u"</span>"_s;
    m_notes->setText(notes.join(u"<br>"_s));
    m_notes->setVisible(!notes.isEmpty());
    m_statements->setPlainText(d.statements.join(u'\n'));
    m_statements->setVisible(!d.statements.isEmpty());
}

QString SideBySideDiffView::currentTable() const
{
    const int row = m_tables->currentRow();
    return row >= 0 && row < m_diffs.size() ? m_diffs.at(row).name : QString();
}

bool SideBySideDiffView::selectTable(const QString &name)
{
    for (qsizetype i = 0; i < m_diffs.size(); ++i) {
        if (m_diffs.at(i).name == name) {
            m_tables->setCurrentRow(int(i));
            return true;
        }
    }
    return false;
}

QString SideBySideDiffView::leftText() const
{
    return m_left->toPlainText();
}

QString SideBySideDiffView::rightText() const
{
    return m_right->toPlainText();
}

QString SideBySideDiffView::notesText() const
{
    return !m_notes->isHidden() ? m_notes->text() : QString();
}

} // namespace Ui

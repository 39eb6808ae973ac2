#include "ui/common/diffpane.h"

#include "ui/common/theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>

using namespace Qt::StringLiterals;
using Kind = Schema::TextDiff::Kind;

namespace Ui {

namespace {

constexpr int cellPadding = 6;
constexpr int columnGap = 8;

} // namespace

DiffPane::DiffPane(QWidget *parent)
    : QWidget(parent)
    , m_mono(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void DiffPane::setTexts(const QString &from, const QString &to)
{
    m_from = from.isEmpty() ? QStringList() : from.split(u'\n');
    m_to = to.isEmpty() ? QStringList() : to.split(u'\n');
    m_rows.clear();
    for (const Schema::TextDiff::Row &r : Schema::TextDiff::sideBySide(m_from, m_to)) {
        Row row { r.kind, r.left, r.right, {} };
        if (r.kind == Kind::Changed)
            row.words = Schema::WordDiff::compare(m_from.at(r.left), m_to.at(r.right));
        m_rows.append(row);
    }
    updateGeometry();
    update();
}

void DiffPane::setTitles(const QString &left, const QString &right)
{
    m_leftTitle = left;
    m_rightTitle = right;
    update();
}

QString DiffPane::leftText() const
{
    QStringList lines;
    for (const Row &r : m_rows)
        lines << (r.leftLine >= 0 ? m_from.at(r.leftLine) : QString());
    return lines.join(u'\n');
}

QString DiffPane::rightText() const
{
    QStringList lines;
    for (const Row &r : m_rows)
        lines << (r.rightLine >= 0 ? m_to.at(r.rightLine) : QString());
    return lines.join(u'\n');
}

DiffPane::Metrics DiffPane::metrics(int width) const
{
    const QFontMetrics fm(m_mono);
    Metrics m;
    m.charWidth = std::max(1, fm.horizontalAdvance(u'M'));
    m.lineHeight = fm.lineSpacing() + 2;
    const int digits = int(QString::number(std::max(m_from.size(), m_to.size())).size());
    m.numberWidth = m.charWidth * std::max(2, digits) + 2 * cellPadding;
    m.titleHeight = m_leftTitle.isEmpty() && m_rightTitle.isEmpty() ? 0 : QFontMetrics(font()).height() + 8;
    m.columnWidth = std::max(80, (width - columnGap) / 2);
    m.charsPerLine = std::max(8, (m.columnWidth - m.numberWidth - 2 * cellPadding) / m.charWidth);
    return m;
}

int DiffPane::linesOf(const QString &text, const Metrics &m) const
{
    return std::max(1, int((text.size() + m.charsPerLine - 1) / m.charsPerLine));
}

int DiffPane::rowHeight(const Row &row, const Metrics &m) const
{
    const int left = row.leftLine >= 0 ? linesOf(m_from.at(row.leftLine), m) : 1;
    const int right = row.rightLine >= 0 ? linesOf(m_to.at(row.rightLine), m) : 1;
    return std::max(left, right) * m.lineHeight;
}

int DiffPane::heightForWidth(int width) const
{
    const Metrics m = metrics(width);
    int height = m.titleHeight + 2;
    for (const Row &row : m_rows)
        height += rowHeight(row, m);
    return height;
}

QSize DiffPane::sizeHint() const
{
    const int width = std::max(600, this->width());
    return { width, heightForWidth(width) };
}

QSize DiffPane::minimumSizeHint() const
{
    return { 300, metrics(300).lineHeight * std::min(3, int(m_rows.size()) + 1) };
}

void DiffPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        m_mono.setPointSizeF(font().pointSizeF());
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

void DiffPane::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    const QPalette p = palette();
    const Metrics m = metrics(width());
    painter.fillRect(rect(), p.color(QPalette::Base));
    int y = 0;
    if (m.titleHeight > 0) {
        painter.fillRect(QRect(0, 0, width(), m.titleHeight), p.color(QPalette::AlternateBase));
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(p.color(QPalette::Text));
        painter.drawText(
            QRect(cellPadding, 0, m.columnWidth - cellPadding, m.titleHeight), Qt::AlignVCenter, m_leftTitle);
        painter.drawText(QRect(m.columnWidth + columnGap + cellPadding, 0, m.columnWidth, m.titleHeight),
            Qt::AlignVCenter, m_rightTitle);
        y = m.titleHeight;
    }
    painter.setFont(m_mono);
    for (const Row &row : std::as_const(m_rows)) {
        const int h = rowHeight(row, m);
        if (y + h >= event->rect().top() && y <= event->rect().bottom()) {
            paintCell(painter, QRect(0, y, m.columnWidth, h), row, true, m);
            paintCell(painter, QRect(m.columnWidth + columnGap, y, m.columnWidth, h), row, false, m);
        }
        y += h;
    }
    // The gap between the sides and the gutter lines.
    painter.setPen(p.color(QPalette::Mid));
    painter.drawLine(m.columnWidth + columnGap / 2, 0, m.columnWidth + columnGap / 2, height());
}

void DiffPane::paintCell(QPainter &painter, const QRect &cell, const Row &row, bool left, const Metrics &m) const
{
    const QPalette p = palette();
    const int line = left ? row.leftLine : row.rightLine;
    const Tone tone = left ? Tone::Danger : Tone::Success;
    const bool changed
        = row.kind == Kind::Changed || (left && row.kind == Kind::Removed) || (!left && row.kind == Kind::Added);
    if (line < 0) {
        // A gap opposite an added or removed line: hatched lightly so the eye skips it.
        painter.fillRect(cell, QBrush(Theme::fill(Tone::Neutral, p), Qt::BDiagPattern));
        return;
    }
    if (changed)
        painter.fillRect(cell, Theme::fill(tone, p));
    const QString &text = left ? m_from.at(line) : m_to.at(line);
    const QRect gutter(cell.left(), cell.top(), m.numberWidth, cell.height());
    painter.setPen(Theme::secondaryText(p));
    painter.drawText(gutter.adjusted(0, 0, -cellPadding, 0), Qt::AlignRight | Qt::AlignTop, QString::number(line + 1));
    const int x0 = cell.left() + m.numberWidth + cellPadding;
    // Marked words first (under the text), wrapped as the text is.
    if (row.kind == Kind::Changed) {
        const QList<Schema::WordDiff::Range> &ranges = left ? row.words.removed : row.words.added;
        for (const Schema::WordDiff::Range &r : ranges) {
            for (int c = r.begin; c < r.begin + r.length;) {
                const int wrapLine = c / m.charsPerLine;
                const int endOnLine = std::min(r.begin + r.length, (wrapLine + 1) * m.charsPerLine);
                const QRect mark(x0 + (c % m.charsPerLine) * m.charWidth, cell.top() + wrapLine * m.lineHeight,
                    (endOnLine - c) * m.charWidth, m.lineHeight);
                painter.fillRect(mark, Theme::strongFill(tone, p));
                c = endOnLine;
            }
        }
    }
    painter.setPen(p.color(QPalette::Text));
    const QFontMetrics fm(m_mono);
    for (int start = 0, wrapLine = 0; start < text.size() || wrapLine == 0; start += m.charsPerLine, ++wrapLine) {
        const int baseline = cell.top() + wrapLine * m.lineHeight + 1 + fm.ascent();
        painter.drawText(x0, baseline, text.mid(start, m.charsPerLine));
        if (start + m.charsPerLine >= text.size())
            break;
    }
}

} // namespace Ui

#include "ui/common/diffpane.h"

#include "ui/common/theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>

#include <cmath>

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
    m.charWidth = std::max<qreal>(1, QFontMetricsF(m_mono).horizontalAdvance(u'M'));
    m.lineHeight = fm.lineSpacing() + 2;
    const int digits = int(QString::number(std::max(m_from.size(), m_to.size())).size());
    m.numberWidth = int(std::ceil(m.charWidth * std::max(2, digits))) + 2 * cellPadding;
    m.titleHeight = m_leftTitle.isEmpty() && m_rightTitle.isEmpty() ? 0 : QFontMetrics(font()).height() + 8;
    m.columnWidth = std::max(80, (width - columnGap) / 2);
    m.charsPerLine = std::max(8, int((m.columnWidth - m.numberWidth - 2 * cellPadding) / m.charWidth));
    return m;
}

DiffPane::Wrap DiffPane::wrapOf(const QString &text, int charsPerLine)
{
    Wrap wrap;
    int leading = 0;
    while (leading < text.size() && text.at(leading) == u' ')
        ++leading;
    // Under the line's own text, a little further in, as editors wrap code; never more than a third.
    wrap.indent = std::min(leading + 2, charsPerLine / 3);
    int start = 0;
    int room = charsPerLine;
    while (text.size() - start > room) {
        const int limit = start + room; // the first column that does not fit
        int end = -1;
        int next = -1;
        // The last space that ends a line within the room, else the last comma (kept on the line). A break
        // earlier than a third of the room would leave a ragged stub: the word is cut at the edge instead.
        for (int i = limit; i > start + room / 3 && end < 0; --i) {
            if (text.at(i) == u' ') {
                end = i;
                next = i + 1;
            }
        }
        for (int i = limit - 1; i > start + room / 3 && end < 0; --i) {
            if (text.at(i) == u',') {
                end = i + 1;
                next = i + 1;
            }
        }
        if (end < 0)
            end = next = limit;
        wrap.starts << start;
        wrap.ends << end;
        start = next;
        room = charsPerLine - wrap.indent;
    }
    wrap.starts << start;
    wrap.ends << int(text.size());
    return wrap;
}

QStringList DiffPane::wrappedLines(int row, bool left, int width) const
{
    const Row &r = m_rows.at(row);
    const int line = left ? r.leftLine : r.rightLine;
    if (line < 0)
        return {};
    const QString &text = left ? m_from.at(line) : m_to.at(line);
    const Wrap wrap = wrapOf(text, metrics(width).charsPerLine);
    QStringList lines;
    for (qsizetype i = 0; i < wrap.starts.size(); ++i)
        lines << text.mid(wrap.starts.at(i), wrap.ends.at(i) - wrap.starts.at(i));
    return lines;
}

int DiffPane::linesOf(const QString &text, const Metrics &m) const
{
    if (text.size() <= m.charsPerLine)
        return 1;
    return int(wrapOf(text, m.charsPerLine).starts.size());
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
    const qreal x0 = cell.left() + m.numberWidth + cellPadding;
    const Wrap wrap = wrapOf(text, m.charsPerLine);
    auto columnX = [&](qsizetype screenLine, int column) {
        return x0 + ((screenLine > 0 ? wrap.indent : 0) + column) * m.charWidth;
    };
    // Marked words first (under the text), wrapped as the text is.
    if (row.kind == Kind::Changed) {
        const QList<Schema::WordDiff::Range> &ranges = left ? row.words.removed : row.words.added;
        for (const Schema::WordDiff::Range &r : ranges) {
            for (qsizetype i = 0; i < wrap.starts.size(); ++i) {
                const int from = std::max(r.begin, wrap.starts.at(i));
                const int to = std::min(r.begin + r.length, wrap.ends.at(i));
                if (from >= to)
                    continue;
                const QRectF mark(QPointF(columnX(i, from - wrap.starts.at(i)), cell.top() + i * m.lineHeight),
                    QPointF(columnX(i, to - wrap.starts.at(i)), cell.top() + (i + 1) * m.lineHeight));
                painter.fillRect(mark, Theme::strongFill(tone, p));
            }
        }
    }
    painter.setPen(p.color(QPalette::Text));
    const QFontMetrics fm(m_mono);
    for (qsizetype i = 0; i < wrap.starts.size(); ++i) {
        const int baseline = cell.top() + int(i) * m.lineHeight + 1 + fm.ascent();
        painter.drawText(
            QPointF(columnX(i, 0), baseline), text.mid(wrap.starts.at(i), wrap.ends.at(i) - wrap.starts.at(i)));
    }
}

} // namespace Ui

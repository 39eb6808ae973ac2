#include "ui/results/resultheaderview.h"

#include <QPainter>

using namespace Qt::StringLiterals;

namespace Ui {

ResultHeaderView::ResultHeaderView(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
{
    setSortIndicatorShown(false);
}

void ResultHeaderView::setSortMarks(const QHash<int, int> &ranks)
{
    m_ranks = ranks;
    viewport()->update();
}

void ResultHeaderView::setFilteredSections(const QList<int> &sections)
{
    m_filtered = sections;
    viewport()->update();
}

QString ResultHeaderView::markText(int logicalIndex) const
{
    QString text;
    if (m_filtered.contains(logicalIndex))
        text += u"\u2261"_s; // ≡: rows of this column are filtered
    if (const int rank = m_ranks.value(logicalIndex)) {
        text += rank > 0 ? u"\u25b2"_s : u"\u25bc"_s;
        if (m_ranks.size() > 1)
            text += QString::number(qAbs(rank));
    }
    return text;
}

void ResultHeaderView::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const
{
    QHeaderView::paintSection(painter, rect, logicalIndex);
    const QString mark = markText(logicalIndex);
    if (mark.isEmpty())
        return;
    painter->save();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter->setFont(small);
    const QFontMetrics metrics(small);
    const int width = metrics.horizontalAdvance(mark) + 6;
    const QRect box(rect.right() - width, rect.top() + 1, width, rect.height() - 2);
    painter->fillRect(box, palette().button());
    painter->setPen(palette().color(QPalette::ButtonText));
    painter->drawText(box, Qt::AlignCenter, mark);
    painter->restore();
}

QSize ResultHeaderView::sectionSizeFromContents(int logicalIndex) const
{
    QSize size = QHeaderView::sectionSizeFromContents(logicalIndex);
    size.rwidth() += fontMetrics().horizontalAdvance(u"\u2261\u25b29"_s); // room for the marks
    return size;
}

} // namespace Ui

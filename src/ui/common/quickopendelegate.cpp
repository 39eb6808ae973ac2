#include "ui/common/quickopendelegate.h"

#include "ui/common/quickopendialog.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QPainter>

namespace Ui {

void QuickOpenDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    // A margin on the right too: the detail is right-aligned and would touch the popup's edge.
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(0, 0, -6, 0);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &p = opt.palette;
    const QColor normal = selected ? p.color(QPalette::HighlightedText) : p.color(QPalette::Text);
    const QColor secondary = selected ? p.color(QPalette::HighlightedText) : Theme::secondaryText(p);

    painter->save();
    const QString detail = index.data(QuickOpenDialog::DetailRole).toString();
    const QFontMetrics fm(opt.font);
    const int detailWidth = detail.isEmpty() ? 0 : std::min(fm.horizontalAdvance(detail) + 12, textRect.width() / 2);
    QRect detailRect = textRect;
    detailRect.setLeft(textRect.right() - detailWidth);
    painter->setPen(secondary);
    painter->setFont(opt.font);
    painter->drawText(detailRect, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(detail, Qt::ElideLeft, detailWidth));

    // The text, character runs in bold where they matched.
    const QList<int> positions = index.data(QuickOpenDialog::PositionsRole).value<QList<int>>();
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    int x = textRect.left();
    const int right = detailRect.left() - 8;
    const int baseline = textRect.top() + (textRect.height() + fm.ascent() - fm.descent()) / 2;
    for (int i = 0; i < text.size() && x < right; ++i) {
        const bool matched = positions.contains(i);
        painter->setFont(matched ? bold : opt.font);
        painter->setPen(matched && !selected ? Theme::tone(Tone::Info, p) : normal);
        const QString ch = text.mid(i, 1);
        painter->drawText(x, baseline, ch);
        x += (matched ? boldMetrics : fm).horizontalAdvance(ch);
    }
    painter->restore();
}

QSize QuickOpenDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    return size;
}

} // namespace Ui

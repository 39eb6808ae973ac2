#pragma once

#include <QStyledItemDelegate>

namespace Ui {

// A quick-open row: icon, the text with its matched characters in bold, and where it is in the secondary
// colour on the right.
class QuickOpenDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Ui

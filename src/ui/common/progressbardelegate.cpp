#include "ui/common/progressbardelegate.h"

#include <QApplication>
#include <QStyleOptionProgressBar>

using namespace Qt::StringLiterals;

namespace Ui {

ProgressBarDelegate::ProgressBarDelegate(int progressRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(progressRole)
{ }

void ProgressBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant value = index.data(m_role);
    if (!value.isValid())
        return QStyledItemDelegate::paint(painter, option, index);
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 3, -2, -3);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = value.toInt();
    bar.text = QString::number(bar.progress) + u" %"_s;
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace Ui

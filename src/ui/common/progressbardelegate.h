#pragma once

#include <QStyledItemDelegate>

namespace Ui {

// Draws the int (0..100) of a role as a progress bar with its percentage.
class ProgressBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ProgressBarDelegate(int progressRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace Ui

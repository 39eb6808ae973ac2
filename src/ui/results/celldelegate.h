#pragma once

#include <QStyledItemDelegate>

namespace Ui {

// Paints result cells by type: NULL in italics and a muted colour (distinct from an empty string),
// numbers right-aligned (from the model's alignment), binary as hex with its size, long text elided.
class CellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit CellDelegate(QObject *parent = nullptr);

    QString displayText(const QVariant &value, const QLocale &locale) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Ui

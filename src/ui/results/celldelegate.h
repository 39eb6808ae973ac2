#pragma once

#include <QStyledItemDelegate>

namespace Ui {

// Paints result cells by type: NULL in italics and a muted colour (distinct from an empty string),
// numbers right-aligned (from the model's alignment), binary as hex with its size, long text elided, cells
// matching the find text highlighted.
class CellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit CellDelegate(QObject *parent = nullptr);

    QString displayText(const QVariant &value, const QLocale &locale) const override;
    // Cells whose text contains this get a highlighted background (find in results); empty for none.
    void setHighlight(const QString &text, Qt::CaseSensitivity cs);
    const QString &highlight() const { return m_highlight; }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QString m_highlight;
    Qt::CaseSensitivity m_highlightCase = Qt::CaseInsensitive;
};

} // namespace Ui

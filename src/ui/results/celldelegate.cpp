#include "ui/results/celldelegate.h"

#include "ui/results/resultsetmodel.h"

#include <QApplication>
#include <QPalette>

namespace Ui {

namespace {

bool isBinary(const QModelIndex &index)
{
    const auto kind = Core::ColumnKind(index.data(ResultSetModel::ColumnKindRole).toInt());
    return kind == Core::ColumnKind::Binary || kind == Core::ColumnKind::Bit;
}

} // namespace

CellDelegate::CellDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QString CellDelegate::displayText(const QVariant &value, const QLocale &) const
{
    // The model already formats cells exactly (DECIMAL digits, dates as sent): no locale reformatting.
    return value.toString();
}

void CellDelegate::setHighlight(const QString &text, Qt::CaseSensitivity cs)
{
    m_highlight = text;
    m_highlightCase = cs;
}

void CellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = Qt::ElideRight;
    option->features &= ~QStyleOptionViewItem::WrapText;
    if (index.data(ResultSetModel::IsNullRole).toBool()) {
        option->font.setItalic(true);
        const QPalette &palette = option->widget ? option->widget->palette() : QApplication::palette();
        const QColor muted = palette.color(QPalette::PlaceholderText);
        option->palette.setColor(QPalette::Text, muted);
        option->palette.setColor(QPalette::HighlightedText, palette.color(QPalette::HighlightedText).darker(115));
        option->displayAlignment = Qt::AlignCenter;
        return;
    }
    if (!m_highlight.isEmpty() && !isBinary(index) && option->text.contains(m_highlight, m_highlightCase)) {
        const QPalette &palette = option->widget ? option->widget->palette() : QApplication::palette();
        QColor mark = palette.color(QPalette::Highlight);
        mark.setAlpha(90);
        option->backgroundBrush = mark;
    }
}

} // namespace Ui

#include "ui/results/rownumberheader.h"

#include <QEvent>
#include <QStyleOptionHeader>

namespace Ui {

RowNumberHeader::RowNumberHeader(QWidget *parent)
    : QHeaderView(Qt::Vertical, parent)
{
    // As QTableView sets up its own vertical header: a click selects the row, the current row's number is bold.
    setSectionsClickable(true);
    setHighlightSections(true);
}

int RowNumberHeader::reservedDigits(qsizetype rows)
{
    int digits = 1;
    for (qsizetype n = rows; n >= 10; n /= 10)
        ++digits;
    if (digits <= 4)
        return 4;
    if (digits <= 7)
        return 7;
    return qMax(10, digits);
}

QSize RowNumberHeader::sizeHint() const
{
    const int digits = reservedDigits(count());
    if (digits != m_digits) {
        // As QHeaderView::sectionSizeFromContents measures a section (bold, as a highlighted one is drawn),
        // for a number of that many of the widest digit.
        QStyleOptionHeader option;
        initStyleOption(&option);
        QFont bold = font();
        bold.setBold(true);
        option.fontMetrics = QFontMetrics(bold);
        QChar widest = u'0';
        for (char16_t d = u'1'; d <= u'9'; ++d)
            if (option.fontMetrics.horizontalAdvance(QChar(d)) > option.fontMetrics.horizontalAdvance(widest))
                widest = QChar(d);
        option.text = QString(digits, widest);
        m_width = style()->sizeFromContents(QStyle::CT_HeaderSection, &option, QSize(), this).width();
        m_digits = digits;
    }
    return { m_width, defaultSectionSize() };
}

void RowNumberHeader::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        m_digits = 0; // measure again
    QHeaderView::changeEvent(event);
}

} // namespace Ui

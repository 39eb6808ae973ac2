#include "ui/common/livestatus.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QPainter>
#include <QStyle>

namespace Ui {

LiveStatus::LiveStatus(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(tr("Copy"), this);
    connect(copy, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(m_text); });
    addAction(copy);
}

void LiveStatus::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    updateToolTip();
    update(); // no updateGeometry(): the size hint does not depend on the text
}

QSize LiveStatus::sizeHint() const
{
    // Room for a typical status; the layout gives the line its full width anyway.
    const QMargins m = contentsMargins();
    return { fontMetrics().averageCharWidth() * 40 + m.left() + m.right(),
        fontMetrics().height() + m.top() + m.bottom() };
}

QSize LiveStatus::minimumSizeHint() const
{
    const QMargins m = contentsMargins();
    return { fontMetrics().averageCharWidth() * 8 + m.left() + m.right(),
        fontMetrics().height() + m.top() + m.bottom() };
}

void LiveStatus::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(m_text, Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area, int(Qt::AlignLeft | Qt::AlignVCenter) | int(Qt::TextSingleLine), palette(),
        isEnabled(), shown, foregroundRole());
}

void LiveStatus::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateToolTip();
}

void LiveStatus::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateGeometry(); // the line's height follows the font
}

void LiveStatus::updateToolTip()
{
    const bool elided = fontMetrics().horizontalAdvance(m_text) > contentsRect().width();
    setToolTip(elided ? m_text : QString());
}

} // namespace Ui

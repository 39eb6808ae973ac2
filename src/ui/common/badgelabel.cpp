#include "ui/common/badgelabel.h"

#include <QPainter>
#include <QPainterPath>

namespace Ui {

BadgeLabel::BadgeLabel(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

BadgeLabel::BadgeLabel(const QString &text, Tone tone, QWidget *parent)
    : BadgeLabel(parent)
{
    setBadge(text, tone);
}

void BadgeLabel::setBadge(const QString &text, Tone tone)
{
    m_text = text;
    m_tone = tone;
    setAccessibleName(text);
    setVisible(!text.isEmpty());
    updateGeometry();
    update();
}

QFont BadgeLabel::badgeFont() const
{
    QFont f = font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

QSize BadgeLabel::sizeHint() const
{
    const QFontMetrics metrics(badgeFont());
    return { metrics.horizontalAdvance(m_text) + metrics.height(), metrics.height() + 4 };
}

void BadgeLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF pill = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath path;
    path.addRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    painter.fillPath(path, Theme::tone(m_tone, palette()));
    painter.setPen(Theme::onTone(m_tone, palette()));
    painter.setFont(badgeFont());
    painter.drawText(pill, Qt::AlignCenter, m_text);
}

} // namespace Ui

#include "ui/common/paletteiconengine.h"

#include "ui/common/icons.h"

#include <QApplication>
#include <QPainter>
#include <QPixmapCache>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace Ui {

PaletteIconEngine::PaletteIconEngine(QString name)
    : m_name(std::move(name))
{ }

void PaletteIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state)
{
    const qreal scale = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(rect, scaledPixmap(rect.size() * scale, mode, state, scale));
}

QPixmap PaletteIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    return scaledPixmap(size, mode, state, 1.0);
}

// `pixels` is in device pixels already (QIcon::pixmap multiplies by the ratio before asking).
QPixmap PaletteIconEngine::scaledPixmap(const QSize &pixels, QIcon::Mode mode, QIcon::State, qreal scale)
{
    const QPalette palette = QApplication::palette();
    const QString cacheKey = u"bdicon:%1:%2x%3:%4:%5"_s.arg(m_name)
                                 .arg(pixels.width())
                                 .arg(pixels.height())
                                 .arg(palette.color(QPalette::WindowText).rgba())
                                 .arg(int(mode));
    QPixmap pixmap;
    if (QPixmapCache::find(cacheKey, &pixmap))
        return pixmap;
    pixmap = QPixmap(pixels);
    pixmap.fill(Qt::transparent);
    QSvgRenderer renderer(Icons::recoloredSvg(m_name, palette));
    QPainter painter(&pixmap);
    if (mode == QIcon::Disabled)
        painter.setOpacity(0.4);
    renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(pixels)));
    painter.end();
    pixmap.setDevicePixelRatio(scale);
    QPixmapCache::insert(cacheKey, pixmap);
    return pixmap;
}

QIconEngine *PaletteIconEngine::clone() const
{
    return new PaletteIconEngine(m_name);
}

QString PaletteIconEngine::key() const
{
    return u"branchdeck-palette"_s;
}

QString PaletteIconEngine::iconName()
{
    return m_name;
}

} // namespace Ui

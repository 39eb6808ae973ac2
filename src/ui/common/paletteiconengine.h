#pragma once

#include <QIconEngine>
#include <QString>

namespace Ui {

// Draws a bundled SVG icon in the colours of the application palette at paint time, so an icon made once
// follows a later change of scheme, and is rendered at the device pixel ratio asked for.
class PaletteIconEngine final : public QIconEngine
{
public:
    explicit PaletteIconEngine(QString name);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QIconEngine *clone() const override;
    QString key() const override;
    QString iconName() override;

private:
    QString m_name;
};

} // namespace Ui

#include "ui/common/theme.h"

#include <QApplication>
#include <QStyle>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

constexpr const char *toneProperty = "branchdeckTone";

Theme::Scheme g_scheme = Theme::Scheme::System;
bool g_systemDark = false;

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
        float(a.blueF() * (1 - t) + b.blueF() * t));
}

// Hue and saturation of each tone; Info takes the palette's own link colour so it matches the selection.
QColor baseTone(Tone tone, const QPalette &palette, bool dark)
{
    const double l = dark ? 0.66 : 0.40;
    switch (tone) {
    case Tone::Info: {
        QColor link = palette.color(QPalette::Link);
        return QColor::fromHslF(link.hslHueF() < 0 ? 0.6f : link.hslHueF(), 0.70f, float(l));
    }
    case Tone::Success:
        return QColor::fromHslF(0.39f, dark ? 0.45f : 0.62f, float(dark ? 0.58 : 0.33));
    case Tone::Warning:
        return QColor::fromHslF(0.095f, 0.90f, float(dark ? 0.60 : 0.40));
    case Tone::Danger:
        return QColor::fromHslF(0.99f, 0.70f, float(dark ? 0.66 : 0.45));
    case Tone::Neutral:
        break;
    }
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
}

void retone(QWidget *widget)
{
    const QVariant tone = widget->property(toneProperty);
    if (!tone.isValid())
        return;
    QPalette palette = widget->palette();
    const QColor color = Tone(tone.toInt()) == Tone::Neutral ? QApplication::palette(widget).color(QPalette::WindowText)
                                                             : Theme::tone(Tone(tone.toInt()));
    palette.setColor(QPalette::WindowText, color);
    palette.setColor(QPalette::Text, color);
    widget->setPalette(palette);
}

void setGroupColors(QPalette &p, QPalette::ColorGroup group, const QColor &window, const QColor &text,
    const QColor &base, const QColor &alternate, const QColor &button, const QColor &highlight)
{
    p.setColor(group, QPalette::Window, window);
    p.setColor(group, QPalette::WindowText, text);
    p.setColor(group, QPalette::Base, base);
    p.setColor(group, QPalette::AlternateBase, alternate);
    p.setColor(group, QPalette::ToolTipBase, alternate);
    p.setColor(group, QPalette::ToolTipText, text);
    p.setColor(group, QPalette::PlaceholderText, mix(text, base, 0.5));
    p.setColor(group, QPalette::Text, text);
    p.setColor(group, QPalette::Button, button);
    p.setColor(group, QPalette::ButtonText, text);
    p.setColor(group, QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(group, QPalette::Highlight, highlight);
    p.setColor(group, QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(group, QPalette::Light, button.lighter(150));
    p.setColor(group, QPalette::Midlight, button.lighter(125));
    p.setColor(group, QPalette::Mid, button.darker(120));
    p.setColor(group, QPalette::Dark, button.darker(160));
    p.setColor(group, QPalette::Shadow, QColor(0, 0, 0));
}

} // namespace

QColor Theme::tone(Tone tone, const QPalette &palette)
{
    return baseTone(tone, palette, isDark(palette));
}

QColor Theme::onTone(Tone tone, const QPalette &palette)
{
    const QColor c = Theme::tone(tone, palette);
    return c.lightnessF() > 0.55 ? QColor(0x10, 0x12, 0x14) : QColor(0xff, 0xff, 0xff);
}

QColor Theme::fill(Tone tone, const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), Theme::tone(tone, palette), isDark(palette) ? 0.22 : 0.14);
}

QColor Theme::strongFill(Tone tone, const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), Theme::tone(tone, palette), isDark(palette) ? 0.45 : 0.34);
}

QColor Theme::secondaryText(const QPalette &palette)
{
    return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.38);
}

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < palette.color(QPalette::WindowText).lightnessF();
}

void Theme::setTone(QWidget *widget, Tone tone)
{
    widget->setProperty(toneProperty, int(tone));
    retone(widget);
}

QPalette Theme::lightPalette()
{
    QPalette p;
    const QColor window(0xf3, 0xf4, 0xf6);
    const QColor text(0x1f, 0x23, 0x28);
    const QColor base(0xff, 0xff, 0xff);
    const QColor highlight(0x2f, 0x6f, 0xd6);
    for (auto group : { QPalette::Active, QPalette::Inactive })
        setGroupColors(p, group, window, text, base, QColor(0xf6, 0xf8, 0xfa), QColor(0xf9, 0xfa, 0xfb), highlight);
    setGroupColors(p, QPalette::Disabled, window, QColor(0x9a, 0xa0, 0xa6), base, QColor(0xf6, 0xf8, 0xfa),
        QColor(0xf3, 0xf4, 0xf6), QColor(0xb8, 0xc7, 0xe0));
    p.setColor(QPalette::Link, QColor(0x1f, 0x5f, 0xc4));
    p.setColor(QPalette::LinkVisited, QColor(0x6e, 0x40, 0xaa));
    return p;
}

QPalette Theme::darkPalette()
{
    QPalette p;
    const QColor window(0x25, 0x27, 0x2b);
    const QColor text(0xdf, 0xe2, 0xe7);
    const QColor base(0x1b, 0x1d, 0x20);
    const QColor highlight(0x2f, 0x62, 0xc0);
    for (auto group : { QPalette::Active, QPalette::Inactive })
        setGroupColors(p, group, window, text, base, QColor(0x22, 0x25, 0x29), QColor(0x33, 0x36, 0x3b), highlight);
    setGroupColors(p, QPalette::Disabled, window, QColor(0x76, 0x7b, 0x82), base, QColor(0x22, 0x25, 0x29),
        QColor(0x2c, 0x2f, 0x33), QColor(0x3a, 0x45, 0x58));
    p.setColor(QPalette::Link, QColor(0x7a, 0xb0, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb8, 0x95, 0xf0));
    return p;
}

void Theme::apply(Scheme scheme)
{
    g_scheme = scheme;
    const bool dark = scheme == Scheme::Dark || (scheme == Scheme::System && g_systemDark);
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
    for (QWidget *widget : QApplication::allWidgets())
        retone(widget);
}

Theme::Scheme Theme::scheme()
{
    return g_scheme;
}

void Theme::setSystemPrefersDark(bool dark)
{
    const bool changed = g_systemDark != dark;
    g_systemDark = dark;
    if (changed && g_scheme == Scheme::System && qApp)
        apply(Scheme::System);
}

bool Theme::systemPrefersDark()
{
    return g_systemDark;
}

QString Theme::schemeName(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Light:
        return u"light"_s;
    case Scheme::Dark:
        return u"dark"_s;
    case Scheme::System:
        break;
    }
    return u"system"_s;
}

Theme::Scheme Theme::schemeFromName(const QString &name)
{
    if (name == u"light"_s)
        return Scheme::Light;
    if (name == u"dark"_s)
        return Scheme::Dark;
    return Scheme::System;
}

} // namespace Ui

#include "ui/common/icons.h"

#include "ui/common/paletteiconengine.h"
#include "ui/common/theme.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

bool g_preferBundled = false;

QString resourcePath(const QString &name)
{
    return u":/icons/breeze/"_s + name + u".svg"_s;
}

// A desktop theme worth asking: one is set and it is not the bare fallback theme.
bool desktopThemeUsable()
{
    const QString theme = QIcon::themeName();
    return !g_preferBundled && !theme.isEmpty() && theme != u"hicolor"_s;
}

} // namespace

QIcon Icons::get(const QString &name)
{
    if (desktopThemeUsable() && QIcon::hasThemeIcon(name))
        return QIcon::fromTheme(name);
    if (!isBundled(name))
        return {};
    return QIcon(new PaletteIconEngine(name));
}

bool Icons::isBundled(const QString &name)
{
    return QFile::exists(resourcePath(name));
}

QByteArray Icons::recoloredSvg(const QString &name, const QPalette &palette)
{
    QFile file(resourcePath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString svg = QString::fromUtf8(file.readAll());
    // Breeze's ColorScheme-* classes: text, highlight, negative, positive, neutral.
    const QList<std::pair<QString, QColor>> colors {
        { u"#232629"_s, palette.color(QPalette::WindowText) },
        { u"#3daee9"_s, Theme::tone(Tone::Info, palette) },
        { u"#da4453"_s, Theme::tone(Tone::Danger, palette) },
        { u"#27ae60"_s, Theme::tone(Tone::Success, palette) },
        { u"#f67400"_s, Theme::tone(Tone::Warning, palette) },
    };
    for (const auto &[from, to] : colors)
        svg.replace(from, to.name(), Qt::CaseInsensitive);
    return svg.toUtf8();
}

void Icons::setPreferBundled(bool prefer)
{
    g_preferBundled = prefer;
}

} // namespace Ui

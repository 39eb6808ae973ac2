#pragma once

#include <QIcon>
#include <QString>

namespace Ui {

// Icons by freedesktop name: the desktop's icon theme first, otherwise the bundled Breeze subset
// (resources/icons/breeze), drawn in the palette's colours so they follow light and dark schemes and stay
// sharp at any scale.
class Icons
{
public:
    static QIcon get(const QString &name);
    // True when the bundled set has this name (tests check every name the window asks for).
    static bool isBundled(const QString &name);
    // The bundled SVG with Breeze's scheme colours replaced by the palette's (empty when not bundled).
    static QByteArray recoloredSvg(const QString &name, const QPalette &palette);
    // Ignore the desktop theme (tests and screenshots, so they look the same everywhere).
    static void setPreferBundled(bool prefer);
};

} // namespace Ui

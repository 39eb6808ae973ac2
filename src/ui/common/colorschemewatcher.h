#pragma once

#include <QObject>

class QDBusVariant;

namespace Ui {

// Tells Theme whether the desktop prefers a dark scheme, now and when that changes: the freedesktop
// settings portal (org.freedesktop.appearance color-scheme, what GNOME and KDE set), else GTK_THEME's
// ":dark" suffix, else the lightness of the palette the platform gave the application at start.
// (Qt 6.4 has no QStyleHints::colorScheme, which arrived in 6.5.)
class ColorSchemeWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit ColorSchemeWatcher(QObject *parent = nullptr);

    // Reads the desktop's preference once (the portal answers within a fraction of a second or not at all).
    static bool desktopPrefersDark();

private Q_SLOTS:
    void onSettingChanged(const QString &group, const QString &key, const QDBusVariant &value);
};

} // namespace Ui

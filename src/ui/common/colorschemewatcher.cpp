#include "ui/common/colorschemewatcher.h"

#include "ui/common/theme.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

const QString portalService = u"org.freedesktop.portal.Desktop"_s;
const QString portalPath = u"/org/freedesktop/portal/desktop"_s;
const QString settingsInterface = u"org.freedesktop.portal.Settings"_s;
const QString appearance = u"org.freedesktop.appearance"_s;
const QString colorSchemeKey = u"color-scheme"_s;

QVariant unwrap(QVariant value)
{
    while (value.canConvert<QDBusVariant>())
        value = qvariant_cast<QDBusVariant>(value).variant();
    return value;
}

// 1: prefer dark, 2: prefer light, 0: no preference; -1 when the portal does not answer.
int portalColorScheme()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return -1;
    QDBusMessage call = QDBusMessage::createMethodCall(portalService, portalPath, settingsInterface, u"Read"_s);
    call << appearance << colorSchemeKey;
    const QDBusMessage reply = bus.call(call, QDBus::Block, 400);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return -1;
    return int(unwrap(reply.arguments().constFirst()).toUInt());
}

} // namespace

ColorSchemeWatcher::ColorSchemeWatcher(QObject *parent)
    : QObject(parent)
{
    Theme::setSystemPrefersDark(desktopPrefersDark());
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected())
        bus.connect(portalService, portalPath, settingsInterface, u"SettingChanged"_s, this,
            SLOT(onSettingChanged(QString, QString, QDBusVariant)));
}

bool ColorSchemeWatcher::desktopPrefersDark()
{
    const QByteArray forced = qgetenv("BRANCHDECK_COLOR_SCHEME");
    if (forced == "dark" || forced == "light")
        return forced == "dark";
    if (const int scheme = portalColorScheme(); scheme >= 0 && scheme != 0)
        return scheme == 1;
    const QByteArray gtkTheme = qgetenv("GTK_THEME");
    if (!gtkTheme.isEmpty())
        return gtkTheme.toLower().endsWith(":dark") || gtkTheme.toLower().contains("-dark");
    return Theme::isDark(QGuiApplication::palette());
}

void ColorSchemeWatcher::onSettingChanged(const QString &group, const QString &key, const QDBusVariant &value)
{
    if (group != appearance || key != colorSchemeKey)
        return;
    Theme::setSystemPrefersDark(unwrap(value.variant()).toUInt() == 1);
}

} // namespace Ui

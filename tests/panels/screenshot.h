#pragma once

#include <QDir>
#include <QWidget>

// When BRANCHDECK_SCREENSHOT_DIR is set, saves a picture of the widget there (for reviews of the look).
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("BRANCHDECK_SCREENSHOT_DIR");
    if (dir.isEmpty() || !widget)
        return;
    QDir().mkpath(dir);
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

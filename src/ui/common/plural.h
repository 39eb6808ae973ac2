#pragma once

#include <QLocale>
#include <QString>

namespace Ui {

// A counted phrase in English: `one` when n is 1, otherwise `many` with %n replaced by n. tr()'s own %n only
// picks a plural form through a loaded translation, and none is shipped, so tr("%n row(s)", nullptr, n)
// showed "(s)" to every user. Both forms are tr() strings at the call site: tr("1 row"), tr("%n rows").
inline QString countText(qint64 n, const QString &one, const QString &many)
{
    if (n == 1)
        return one;
    QString text = many;
    return text.replace(QStringLiteral("%n"), QLocale().toString(n));
}

} // namespace Ui

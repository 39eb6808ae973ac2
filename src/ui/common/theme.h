#pragma once

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

class QWidget;

namespace Ui {

// The kinds of state a colour can say: nothing special, information, success, warning, danger.
enum class Tone { Neutral, Info, Success, Warning, Danger };

// Every colour the window uses beyond the palette's own roles comes from here, derived from the palette in
// use: tones for state text and badges, soft fills for diff rows, stronger fills for the words that changed.
// Lightness follows the palette's base and text, so the same code reads well in light and dark.
// The scheme (follow the desktop, light, dark) is applied to the whole application by apply().
class Theme
{
public:
    enum class Scheme { System, Light, Dark };

    // Text and badge colour of a tone, readable on the palette's Base and Window.
    static QColor tone(Tone tone, const QPalette &palette = QGuiApplication::palette());
    // Text drawn on a badge filled with tone().
    static QColor onTone(Tone tone, const QPalette &palette = QGuiApplication::palette());
    // A soft background for whole rows (a changed line in a diff).
    static QColor fill(Tone tone, const QPalette &palette = QGuiApplication::palette());
    // A stronger background for the words that changed inside such a row.
    static QColor strongFill(Tone tone, const QPalette &palette = QGuiApplication::palette());
    // The colour of secondary text (ages, authors, hints).
    static QColor secondaryText(const QPalette &palette = QGuiApplication::palette());
    static bool isDark(const QPalette &palette = QGuiApplication::palette());

    // Shows a widget's text in a tone; kept when the scheme changes. Neutral gives the secondary text colour.
    static void setTone(QWidget *widget, Tone tone);

    static QPalette lightPalette();
    static QPalette darkPalette();
    // Sets the application palette for the scheme (System: what the desktop prefers, see
    // ColorSchemeWatcher) and re-tones the widgets given a tone.
    static void apply(Scheme scheme);
    static Scheme scheme();
    // What System means right now: the desktop prefers a dark scheme.
    static void setSystemPrefersDark(bool dark);
    static bool systemPrefersDark();

    static QString schemeName(Scheme scheme); // "system", "light", "dark"
    static Scheme schemeFromName(const QString &name); // unknown names: System
};

} // namespace Ui

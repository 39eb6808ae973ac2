#pragma once

#include "ui/common/theme.h"

#include <QLabel>

namespace Ui {

// The one line (or short paragraph) of status text under a panel or at the foot of a dialog: plain, or in a
// tone whose colour comes from the palette in use (Theme::tone), so an error stays readable in a dark scheme
// and follows a scheme change. Hidden while empty. Widgets never colour status text with style sheets.
class StatusLine : public QLabel
{
    Q_OBJECT
public:
    explicit StatusLine(QWidget *parent = nullptr);

    void showMessage(const QString &text, Tone tone = Tone::Neutral);
    void showError(const QString &text) { showMessage(text, Tone::Danger); }
    // Shows an error or plain text: the common "status(text, error)" of panels.
    void showStatus(const QString &text, bool error) { showMessage(text, error ? Tone::Danger : Tone::Neutral); }
    void clearMessage() { showMessage({}); }
    Tone tone() const { return m_tone; }
    // Off: the line never shows or hides itself (a page of a stacked widget, whose owner does that).
    void setHidesWhenEmpty(bool hides) { m_hidesWhenEmpty = hides; }

private:
    Tone m_tone = Tone::Neutral;
    bool m_hidesWhenEmpty = true;
};

} // namespace Ui

#pragma once

#include "ui/common/theme.h"

#include <QWidget>

class QLabel;

namespace Ui {

// The one status line of the window: the line (or short paragraph) of status text under a panel, at the foot of
// a dialog or a query tab, or the count beside a filter box. Its colour comes from the palette in use through a
// tone (Theme::tone), so an error stays readable in a dark scheme and follows a scheme change; no widget colours
// status text by hand. A run's states have their own calls: showRunning (Info), showDone (Success), showError
// (Danger); showMessage shows plain text (Neutral) or any tone.
//
// Two shapes:
// - a paragraph (the default): wrapped, selectable text whose height follows the text, hidden while empty;
// - a single line (setSingleLine), for text that changes often — the ticker while rows stream ("Running…
//   123,456 rows · 2.1 s"), a match count. Its size hint never depends on the text, so new text is only
//   repainted: a QLabel's setText() asks the whole window to lay out again, at every tick. Text wider than the
//   line is elided (the full text in the tooltip); Copy in the context menu copies all of it.
class StatusLine : public QWidget
{
    Q_OBJECT
public:
    explicit StatusLine(QWidget *parent = nullptr);

    void showMessage(const QString &text, Tone tone = Tone::Neutral);
    void showRunning(const QString &text) { showMessage(text, Tone::Info); }
    void showDone(const QString &text) { showMessage(text, Tone::Success); }
    void showError(const QString &text) { showMessage(text, Tone::Danger); }
    // Shows an error or plain text: the common "status(text, error)" of panels.
    void showStatus(const QString &text, bool error) { showMessage(text, error ? Tone::Danger : Tone::Neutral); }
    void clearMessage() { showMessage({}); }
    QString text() const { return m_text; }
    Tone tone() const { return m_tone; }
    // Off: the line never shows or hides itself (a page of a stacked widget, or a line that keeps its place).
    void setHidesWhenEmpty(bool hides) { m_hidesWhenEmpty = hides; }

    // One line whose size does not follow the text (see above); off again gives a paragraph (one relayout).
    void setSingleLine(bool single);
    bool isSingleLine() const { return m_singleLine; }
    // A single line as wide as `sample` and no wider, e.g. the longest count it will show: the widgets beside it
    // never move when the text changes.
    void reserveWidth(const QString &sample);
    void setAlignment(Qt::Alignment alignment);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showText();
    QSize lineSize(int textWidth) const;

    QLabel *m_label; // draws the text: selectable in a paragraph, elided in a single line
    QString m_text;
    QString m_reserved;
    Tone m_tone = Tone::Neutral;
    bool m_hidesWhenEmpty = true;
    bool m_singleLine = false;
};

} // namespace Ui
